using System.Text.RegularExpressions;
using GovFunctions.Organization;
using GovFunctions.Platform.Mail;
using GovFunctions.Supervision;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Supervision;

/// <summary>
/// The owner's and co-operating departments' email links end to end (第三十条): the mails that carry them, the pages behind
/// them, their answers through the pipeline against Azurite, and every refusal.
/// </summary>
public partial class SupervisionLinkFlowTests : AppTest
{
    private const string OfficeClerk = "bai-xue";

    // Monday Nov 2, 2026, 10:00 in Beijing.
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-02T10:00:00+08:00");

    private SupervisionService Supervision => App.Get<SupervisionService>();
    private SupervisionLinkFunctions Links => Function<SupervisionLinkFunctions>();

    [GeneratedRegex(@"supervision/links/([A-Za-z0-9._\-]+)")]
    private static partial Regex LinkPattern();

    private static List<string> TokensIn(OutgoingMail mail) =>
        LinkPattern().Matches(mail.Text).Select(m => m.Groups[1].Value).Distinct().ToList();

    private async Task<string> RegisterAsync(string due = "2026-11-30", string[]? co = null)
    {
        var result = await Function<SupervisionFunctions>().RegisterSupervisedItem(Http.Request("POST", "supervision/items",
            EmailOf(OfficeClerk), json: new
            {
                title = "推进义务教育学校扩容", source = "deployment", ownerDepartmentId = "education", coDepartmentIds = co ?? [], dueDate = due,
                cadence = "weekly",
            }));
        Assert.Equal(201, Http.StatusOf(result));
        await Pump.RunAsync();
        return ((SupervisionCreatedView)((CreatedResult)result).Value!).Id;
    }

    private async Task<SupervisedItem> ItemAsync(string id) => (await Supervision.GetAsync(id)).Value;

    private async Task<string> TokenAsync(string id, LinkAction action, string dept = "education")
    {
        var item = await ItemAsync(id);
        return App.Get<SupervisionLinkIssuer>().TokenFor(item, item.OpenLink(action, dept)!);
    }

    private async Task<ContentResult> ShowLinkAsync(string token) =>
        (ContentResult)await Links.ShowSupervisionLink(Http.Request("GET", "supervision/links/" + token), token);

    private async Task<ContentResult> PostAsync(string token, Dictionary<string, string>? form = null) =>
        (ContentResult)await Links.AnswerSupervisionLink(Http.Request("POST", "supervision/links/" + token,
            form: form ?? new Dictionary<string, string> { ["action"] = "acknowledge" }), token);

    private static Dictionary<string, string> Progress(string text, string percent, bool coordination = false) => new()
    {
        ["text"] = text, ["percent"] = percent, ["needsCoordination"] = coordination ? "on" : "",
    };

    private async Task AcknowledgeByRouteAsync(string id) => await Supervision.ActAsync(
        (await App.Get<OrganizationStore>().OrganizationAsync()).Person("wu-jianping"), id, "acknowledge",
        new(null, null, false, null, null, null));

    [Fact]
    public async Task TheAssignment_MailsTheOwnersHeadTheirLinks_AndTheCoDepartmentItsOwn_NeverCopied()
    {
        var id = await RegisterAsync(co: ["health"]);
        var owner = Assert.Single(Mail.To(EmailOf("wu-jianping")));
        Assert.StartsWith("【督办交办】", owner.Subject);
        Assert.Empty(owner.Cc);
        var item = await ItemAsync(id);
        var issuer = App.Get<SupervisionLinkIssuer>();
        LinkAction[] owners = [LinkAction.Acknowledge, LinkAction.Progress, LinkAction.Complete];
        Assert.Equal(owners.Select(a => issuer.TokenFor(item, item.OpenLink(a, "education")!)), TokensIn(owner));
        Assert.Contains("签收", owner.Html);

        var co = Assert.Single(Mail.To(EmailOf("xu-li")));
        Assert.StartsWith("【督办协办】", co.Subject);
        Assert.Equal([issuer.TokenFor(item, item.OpenLink(LinkAction.Progress, "health")!)], TokensIn(co));

        var request = Http.Request("GET", "supervision/links/" + TokensIn(owner)[0]);
        var page = (ContentResult)await Links.ShowSupervisionLink(request, TokensIn(owner)[0]);
        Assert.Equal(200, page.StatusCode);
        Assert.Contains("value=\"acknowledge\"", page.Content);
        Assert.Contains("推进义务教育学校扩容", page.Content);
        Assert.Equal(("no-store", "no-referrer"), (request.HttpContext.Response.Headers.CacheControl.ToString(),
            request.HttpContext.Response.Headers["Referrer-Policy"].ToString())); // the token must not leak
    }

    [Fact]
    public async Task Acknowledging_ThroughTheLink_IsTheRouteOperation_AndTheLinkThenSaysAlreadyUsed()
    {
        var id = await RegisterAsync();
        var token = await TokenAsync(id, LinkAction.Acknowledge);
        var before = await Supervision.Store.FindAsync(SupervisionService.KeyOf(id));
        Assert.Equal(200, (await ShowLinkAsync(token)).StatusCode);
        Assert.Equal(before!.ETag, (await Supervision.Store.FindAsync(SupervisionService.KeyOf(id)))!.ETag); // GET changes nothing

        var done = await PostAsync(token);
        Assert.Equal(200, done.StatusCode);
        Assert.Contains("签收", done.Content);
        var item = await ItemAsync(id);
        Assert.Equal((SupervisionStatus.Acknowledged, "wu-jianping"), (item.Status, item.AcknowledgedById));
        var history = await Supervision.Store.HistoryAsync(SupervisionService.KeyOf(id));
        Assert.Equal(("acknowledged", "签收", "吴建平"), (history[^1].ToState, history[^1].Reason, history[^1].ActorName));

        var again = await ShowLinkAsync(token);
        Assert.Equal(409, again.StatusCode);
        Assert.Contains("此链接已使用过", again.Content);
        Assert.Equal(409, (await PostAsync(token)).StatusCode);
        Assert.Equal(history.Count, (await Supervision.Store.HistoryAsync(SupervisionService.KeyOf(id))).Count);
    }

    [Theory]
    [InlineData(0)] // the item's department
    [InlineData(2)] // the link id
    [InlineData(3)] // the signature
    public async Task ATamperedLink_Is404_AndRevealsNothing(int part)
    {
        var id = await RegisterAsync();
        var parts = (await TokenAsync(id, LinkAction.Acknowledge)).Split('.');
        parts[part] = parts[part][..^1] + (parts[part][^1] == 'a' ? 'b' : 'a');
        var forged = string.Join('.', parts);
        var page = await ShowLinkAsync(forged);
        Assert.Equal(404, page.StatusCode);
        Assert.DoesNotContain("推进义务教育学校扩容", page.Content);
        Assert.Equal(404, (await PostAsync(forged)).StatusCode);
        Assert.Equal(SupervisionStatus.Assigned, (await ItemAsync(id)).Status);
    }

    [Fact]
    public async Task AnExpiredLink_IsRefused410_AndChangesNothing()
    {
        var id = await RegisterAsync();
        var token = await TokenAsync(id, LinkAction.Acknowledge);
        App.Clock.Advance(TimeSpan.FromDays(7));
        var page = await ShowLinkAsync(token);
        Assert.Equal(410, page.StatusCode);
        Assert.Contains("已过期", page.Content);
        Assert.Equal(410, (await PostAsync(token)).StatusCode);
        Assert.Equal(SupervisionStatus.Assigned, (await ItemAsync(id)).Status);
    }

    [Fact]
    public async Task TwoProgressReports_ThroughTheSameLinkAtOnce_OneWins_TheOtherIs409_AndTheNextLinkIsMailed()
    {
        var id = await RegisterAsync();
        await AcknowledgeByRouteAsync(id);
        var token = await TokenAsync(id, LinkAction.Progress);

        var answers = await Task.WhenAll(PostAsync(token, Progress("已完成选址", "40")), PostAsync(token, Progress("已开工", "50")));
        Assert.Equal([200, 409], answers.Select(a => a.StatusCode ?? 0).Order());
        var item = await ItemAsync(id);
        var report = Assert.Single(item.Progress);
        Assert.Equal(("education", "wu-jianping"), (report.DepartmentId, report.ById));

        await Pump.RunAsync();
        var next = Assert.Single(Mail.To(EmailOf("wu-jianping")), m => m.Subject.StartsWith("【督办链接】"));
        var fresh = await TokenAsync(id, LinkAction.Progress);
        Assert.NotEqual(token, fresh);
        Assert.Equal([fresh, await TokenAsync(id, LinkAction.Complete)], TokensIn(next)); // the department's usable links
        Assert.Equal(200, (await PostAsync(fresh, Progress("主体完工", "80", coordination: true))).StatusCode);
        await Pump.RunAsync();
        Assert.Single(Mail.To(EmailOf("chen-siyuan")), m => m.Subject.StartsWith("【需领导协调】"));
    }

    [Fact]
    public async Task ACompletionReport_ThroughItsLink_OnAnItemNotSignedFor_Is409_AndWritesNothing()
    {
        var id = await RegisterAsync();
        var token = await TokenAsync(id, LinkAction.Complete);
        var page = await PostAsync(token, new() { ["text"] = "已办结" });
        Assert.Equal(409, page.StatusCode);
        Assert.Contains("尚未签收", page.Content);
        Assert.Single(await Supervision.Store.HistoryAsync(SupervisionService.KeyOf(id)));

        await AcknowledgeByRouteAsync(id);
        Assert.Equal(200, (await PostAsync(token, new() { ["text"] = "已办结，附验收材料" })).StatusCode);
        Assert.Equal(SupervisionStatus.Completed, (await ItemAsync(id)).Status);
    }

    [Fact]
    public async Task ACoOperatingDepartment_AnswersForItsPart_ThroughItsOwnLink()
    {
        var id = await RegisterAsync(co: ["health"]);
        await AcknowledgeByRouteAsync(id);
        var token = await TokenAsync(id, LinkAction.Progress, "health");
        var form = await ShowLinkAsync(token);
        Assert.Contains("卫生健康", form.Content);
        Assert.Equal(200, (await PostAsync(token, Progress("卫健局已完成配套方案", "30"))).StatusCode);
        var report = (await ItemAsync(id)).Progress[^1];
        Assert.Equal(("health", "xu-li", 30), (report.DepartmentId, report.ById, report.Percent));
        var history = await Supervision.Store.HistoryAsync(SupervisionService.KeyOf(id));
        Assert.Equal("协办单位报送进展（30%）", history[^1].Reason);
    }

    [Theory]
    [InlineData("abc", "percent")]
    [InlineData("120", "percent")]
    [InlineData("", "percent")]
    public async Task BadFormInput_IsA400PageNamingTheField_AndWritesNothing(string percent, string field)
    {
        var id = await RegisterAsync();
        await AcknowledgeByRouteAsync(id);
        var token = await TokenAsync(id, LinkAction.Progress);
        var before = await Supervision.Store.FindAsync(SupervisionService.KeyOf(id));
        var page = await PostAsync(token, Progress("进展", percent));
        Assert.Equal(400, page.StatusCode);
        Assert.Contains($"data-field=\"{field}\"", page.Content);
        Assert.Equal(before!.ETag, (await Supervision.Store.FindAsync(SupervisionService.KeyOf(id)))!.ETag);
        var blank = await PostAsync(token, Progress(" ", "10"));
        Assert.Contains("data-field=\"text\"", blank.Content);
        Assert.Equal(200, (await ShowLinkAsync(token)).StatusCode); // still usable
    }

    [Fact]
    public async Task WhileTheHeadIsAway_TheActingPersonReceivesTheLinks_AndSignsInTheirPlace_第七十五条()
    {
        var leave = await SubmitLeaveAsync("wu-jianping", start: "2026-11-02T08:30:00+08:00", end: "2026-11-06T17:30:00+08:00",
            actingPersonId: "ye-ming");
        await Pump.RunAsync();
        for (var step = 0; step < 3 && (await LeaveAsync(leave)).ApprovalId is not null && (await ApprovalOfAsync(leave)).IsPending; step++)
        {
            var open = (await ApprovalOfAsync(leave)).Tasks.First(t => t.IsOpen);
            await ApproveAsync(leave, open.ApproverId);
        }
        var sentBefore = Mail.Sent.Count;

        var id = await RegisterAsync();
        var mail = Assert.Single(Mail.To(EmailOf("ye-ming")), m => m.Subject.StartsWith("【督办交办】"));
        Assert.DoesNotContain(Mail.Sent.Skip(sentBefore), m => m.To.Concat(m.Cc).Any(a => a.Address == EmailOf("wu-jianping")));
        Assert.Contains("代", mail.Text);
        var token = TokensIn(mail)[0];
        Assert.Contains("代为办理", (await ShowLinkAsync(token)).Content);
        Assert.Equal(200, (await PostAsync(token)).StatusCode);
        var item = await ItemAsync(id);
        Assert.Equal("ye-ming", item.AcknowledgedById);
        var history = await Supervision.Store.HistoryAsync(SupervisionService.KeyOf(id));
        Assert.Equal("叶明（代吴建平）", history[^1].ActorName);
    }

    [Fact]
    public async Task TheReminders_CarryTheRightLink_NotSignedForWithinAWorkingDay_AndBlue()
    {
        var id = await RegisterAsync(due: "2026-11-30");
        App.Clock.Advance(DateTimeOffset.Parse("2026-11-04T09:30:00+08:00") - App.Clock.GetUtcNow()); // a working day on
        await App.Get<SupervisionWarnings>().RunAsync();
        await Pump.RunAsync();
        var reminder = Assert.Single(Mail.To(EmailOf("wu-jianping")), m => m.Subject.StartsWith("【签收提醒】"));
        Assert.Equal([await TokenAsync(id, LinkAction.Acknowledge)], TokensIn(reminder));
        Assert.Equal(200, (await PostAsync(TokensIn(reminder)[0])).StatusCode);

        await PostAsync(await TokenAsync(id, LinkAction.Progress), Progress("收尾", "90"));
        App.Clock.Advance(DateTimeOffset.Parse("2026-11-25T09:30:00+08:00") - App.Clock.GetUtcNow()); // 3 working days left
        await App.Get<SupervisionWarnings>().RunAsync();
        await Pump.RunAsync();
        var blue = Assert.Single(Mail.To(EmailOf("wu-jianping")), m => m.Subject.StartsWith("【蓝色提醒】"));
        Assert.Equal([await TokenAsync(id, LinkAction.Progress), await TokenAsync(id, LinkAction.Complete)], TokensIn(blue));
    }
}
