using GovFunctions.Decisions;
using GovFunctions.Forms;
using GovFunctions.Reports;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Templating;

/// <summary>Every kind of page the app serves, from its real function, and every email of a leave's flow: all in the one frame.</summary>
public class PageKindTests : AppTest
{
    private static ContentResult Html(IActionResult result)
    {
        var page = Assert.IsType<ContentResult>(result);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        TemplateSamples.AssertFramed(page.Content!);
        return page;
    }

    [Fact]
    public async Task EveryPageKind_IsInTheOneZhCnFrame_WithItsViewport()
    {
        var forms = Function<FormFunctions>();
        Html(await forms.LeaveForm(Http.Request("GET", "forms/leave", EmailOf("zhao-xiaofeng"))));
        Html(await forms.HotlineForm(Http.Request("GET", "forms/hotline", EmailOf("cao-xiaowen"))));
        Html(await forms.DecisionForm(Http.Request("GET", "forms/decision", EmailOf("ma-zhiqiang"))));
        Html(await forms.DutyForm(Http.Request("GET", "forms/duty", EmailOf("zeng-qiang"))));
        Html(await Function<PublicFeedFunction>().PublicDecisions(Http.Request("GET", "public/decisions", query: "format=html")));
        var report = Html(await Function<ReportFunctions>().ShowReport(Http.Request("GET", "reports/monthly", EmailOf("sun-huimin"),
            query: "period=2026-11"), "monthly"));
        Assert.Contains("src=\"data:image/png;base64,", report.Content);

        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        var token = await TokenForAsync(id, "lin-jianguo");
        Assert.Contains("<form method=\"post\">", Html(await ShowAsync(token)).Content);
        Assert.Equal(400, Html(await DecideAsync(token, "maybe")).StatusCode);
        Assert.Contains("class=\"ok\"", Html(await DecideAsync(token, "approve", "同意")).Content);
        Assert.Equal(409, Html(await ShowAsync(token)).StatusCode);
        Assert.InRange(Html(await ShowAsync("not-a-token")).StatusCode!.Value, 400, 499);

        await Pump.RunAsync();
        var mails = Mail.Sent;
        Assert.Contains(mails, m => m.Subject.StartsWith("【审批结果】", StringComparison.Ordinal));
        Assert.All(mails, m => TemplateSamples.AssertFramed(m.Html));
    }
}
