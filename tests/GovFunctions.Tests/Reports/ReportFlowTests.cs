using System.Text;
using GovFunctions.Common;
using GovFunctions.Hotline;
using GovFunctions.Reports;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Reports;

/// <summary>Weekly and monthly reports: scope, privacy, CSV, the holiday shift and exactly-once sending, against Azurite and MailDev.</summary>
public class ReportFlowTests : AppTest
{
    private const string Phone = "13812345678";
    private const int Recipients = 23;

    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-24T10:00:00+08:00");

    private void At(string local) => App.Clock.Advance(DateTimeOffset.Parse(local + "+08:00") - App.Clock.GetUtcNow());

    private async Task RecordCallAsync(string departmentId)
    {
        var result = await Function<HotlineFunctions>().RecordCall(Http.Request("POST", "hotline/calls", EmailOf("cao-xiaowen"), json: new
        {
            callerName = "张先生", callerPhone = Phone, receivedAt = App.Clock.GetUtcNow().ToString("O"), category = "complaint",
            content = "路灯不亮", location = "青禾路", disposition = "assign", departmentId,
        }));
        Assert.Equal(201, Http.StatusOf(result));
    }

    private ReportSender Sender => App.Get<ReportSender>();

    [Fact]
    public async Task TheWeeklyRun_SendsEachRecipientOnce_WhenFiredTwiceOrOnTwoInstancesAtOnce()
    {
        await RecordCallAsync("education");
        await Pump.RunAsync();
        At("2026-11-30T08:30");
        var runs = await Task.WhenAll(Sender.RunAsync(ReportKind.Weekly), Sender.RunAsync(ReportKind.Weekly));
        Assert.Equal(Recipients, runs.Sum());
        Assert.Equal(0, await Sender.RunAsync(ReportKind.Weekly));
        var reports = Mail.Sent.Where(m => m.Subject.StartsWith("【周报】")).ToList();
        Assert.Equal(Recipients, reports.Count);
        Assert.Equal(Recipients, reports.Select(m => m.To[0].Address).Distinct().Count());
        Assert.All(reports, m => Assert.Contains("2026年11月23日至11月29日", m.Subject));
    }

    [Fact]
    public async Task AReportReadBackFromMailDev_ShowsItsChartInline_AndCarriesItsCsv()
    {
        await RecordCallAsync("housing");
        await Pump.RunAsync();
        At("2026-12-01T09:00");
        await Sender.RunAsync(ReportKind.Monthly);
        var sent = Assert.Single(Mail.To(EmailOf("gao-feng")), m => m.Subject.StartsWith("【月报】"));
        Assert.Contains("<img src=\"cid:", sent.Html);

        var received = (await MailDevInbox.WaitForAsync(e => e.IsTo(EmailOf("gao-feng")) && e.Subject == sent.Subject)).First();
        var image = Assert.Single(received.Attachments!, a => a.ContentType == "image/png");
        Assert.Equal("inline", image.ContentDisposition);
        var png = await MailDevInbox.AttachmentAsync(received.Id, image.GeneratedFileName!);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png.Take(4)); // a PNG, not SVG or a data: URI
        var csv = Assert.Single(received.Attachments!, a => a.FileName!.EndsWith(".csv"));
        Assert.Equal("attachment", csv.ContentDisposition);
        var bytes = await MailDevInbox.AttachmentAsync(received.Id, csv.GeneratedFileName!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        Assert.Contains("区住房和城乡建设局", Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task TheChartsLabels_AreAllInTheShippedFont()
    {
        await RecordCallAsync("housing");
        await RecordCallAsync("education");
        await Pump.RunAsync();
        var snapshot = await App.Get<ReportSources>().LoadAsync(ReportPeriod.Parse(ReportKind.Monthly, "2026-11"));
        var content = ReportBuilder.Build(snapshot, ReportScope.District(snapshot.Org), GovFunctions.Scorecards.ScorecardSettings.Default);
        Assert.Equal(["区住房和城乡建设局", "区教育局"], content.Chart.Categories.Order());
        Assert.Empty(ChartFont.Missing(ReportChart.Characters(content.Chart)));
    }

    [Fact]
    public async Task ARunThatFailsAfterRendering_IsSentByTheNextRun()
    {
        At("2026-11-30T08:30");
        Mail.FailNext = 1;
        await Assert.ThrowsAsync<IOException>(() => Sender.RunAsync(ReportKind.Weekly));
        Assert.Equal(Recipients - 1, Mail.Sent.Count); // the failure stops no other report of the run
        Assert.Equal(1, await Sender.RunAsync(ReportKind.Weekly)); // the next run sends the one that failed, and only that
        Assert.Equal(Recipients, Mail.Sent.SelectMany(m => m.To).Select(a => a.Address).Distinct().Count());
        Assert.Equal(Recipients, Mail.Sent.Count);
    }

    [Fact]
    public async Task AWeekWaitsForItsMonday_WhileALateRunCatchesUpTheWeekBefore()
    {
        At("2026-11-29T20:00"); // Sunday: the week of Nov 23 is not complete; the week of Nov 16 was never sent
        Assert.Equal(Recipients, await Sender.RunAsync(ReportKind.Weekly));
        Assert.All(Mail.Sent, m => Assert.Contains("2026年11月16日至11月22日", m.Subject));
        Assert.Equal(0, await Sender.RunAsync(ReportKind.Weekly));
    }

    [Fact]
    public async Task ADeputysReport_CoversOnlyTheirPortfolio_AndNoReportShowsAPhone()
    {
        await RecordCallAsync("education");
        await RecordCallAsync("housing");
        await Pump.RunAsync();
        At("2026-12-01T09:00");
        await Sender.RunAsync(ReportKind.Monthly);
        var deputy = Assert.Single(Mail.To(EmailOf("chen-siyuan")), m => m.Subject.StartsWith("【月报】"));
        Assert.Contains("区教育局", deputy.Html);
        Assert.DoesNotContain("区住房和城乡建设局", deputy.Html);
        Assert.DoesNotContain("区住房和城乡建设局", Encoding.UTF8.GetString(deputy.Attachments.Single(a => a.FileName.EndsWith(".csv")).Content));
        var head = Assert.Single(Mail.To(EmailOf("lin-jianguo")), m => m.Subject.StartsWith("【月报】"));
        Assert.Contains("区住房和城乡建设局", head.Html);
        Assert.Contains("部门绩效考评", head.Html);

        foreach (var mail in Mail.Sent.Where(m => m.Subject.StartsWith("【月报】")))
        {
            var csv = Encoding.UTF8.GetString(mail.Attachments.Single(a => a.FileName.EndsWith(".csv")).Content);
            foreach (var text in new[] { mail.Html, mail.Text, csv })
            {
                Assert.DoesNotContain(Phone, text);
                Assert.DoesNotContain("5678", text);
                Assert.DoesNotContain("张先生", text);
            }
        }
    }

    [Fact]
    public async Task TheCsv_OpensInExcel_WithItsHeaderAndASectionColumn()
    {
        await RecordCallAsync("education");
        await Pump.RunAsync();
        var csv = (FileContentResult)await Function<ReportFunctions>().ShowReport(Http.Request("GET", "reports/monthly", EmailOf("sun-huimin"),
            query: "period=2026-11&format=csv"), "monthly");
        Assert.Equal([0xEF, 0xBB, 0xBF], csv.FileContents.Take(3));
        var lines = Encoding.UTF8.GetString(csv.FileContents.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("板块,表,项目,数值,补充", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("热线,区长热线办理概况,来电总量,1,"));
    }

    [Fact]
    public async Task OnDemand_AScopeNotOnesOwnIs403_AndABadPeriodIs400()
    {
        var functions = Function<ReportFunctions>();
        var page = (ContentResult)await functions.ShowReport(Http.Request("GET", "reports/weekly", EmailOf("chen-siyuan"),
            query: "period=2026-W47&scope=department:education"), "weekly");
        Assert.Contains("区教育局", page.Content);
        await Assert.ThrowsAsync<AccessDeniedException>(() => functions.ShowReport(Http.Request("GET", "reports/weekly", EmailOf("chen-siyuan"),
            query: "period=2026-W47&scope=department:housing"), "weekly"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => functions.ShowReport(Http.Request("GET", "reports/weekly", EmailOf("gao-feng"),
            query: "period=2026-W47&scope=district"), "weekly"));
        var bad = await Assert.ThrowsAsync<ValidationException>(() => functions.ShowReport(Http.Request("GET", "reports/weekly",
            EmailOf("chen-siyuan"), query: "period=2026-11"), "weekly"));
        Assert.Contains("period", bad.Errors.Keys);
    }

    [Fact]
    public async Task TheOfficeResends_APeriodAlreadySent()
    {
        At("2026-11-30T08:30");
        await Sender.RunAsync(ReportKind.Weekly);
        var result = await Function<ReportFunctions>().ResendReport(Http.Request("POST", "reports/weekly/resend", EmailOf("bai-xue"),
            json: new { period = "2026-W48", recipientId = "gao-feng" }), "weekly");
        Assert.Equal(1, Http.ValueOf<ResendView>(result).Sent);
        Assert.Equal(2, Mail.To(EmailOf("gao-feng")).Count(m => m.Subject.StartsWith("【周报】")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Function<ReportFunctions>().ResendReport(Http.Request("POST", "reports/weekly/resend",
            EmailOf("gao-feng"), json: new { period = "2026-W48" }), "weekly"));
    }
}
