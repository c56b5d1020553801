using GovFunctions.Approvals;
using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Forms;
using GovFunctions.Notifications;
using GovFunctions.Platform;
using GovFunctions.Platform.Mail;
using GovFunctions.Reports;
using GovFunctions.Supervision;

namespace GovFunctions.Tests.Templating;

/// <summary>
/// A model for every template under <c>src/GovFunctions/Templates/</c> (several where a template branches), each text field
/// holding <see cref="Hostile"/>, so a test can render every template and see what it does with markup and Chinese.
/// </summary>
public static class TemplateSamples
{
    /// <summary>Markup, both quotes and an ampersand, around Chinese text.</summary>
    public const string Hostile = "<script>alert(\"x\")</script> & '青禾区“同意”'";

    private static readonly FactRow[] Facts = [new(Hostile, Hostile), new("事项", "—")];
    private static readonly Html.Choice[] Choices = [new(Hostile, Hostile), new("finance", "区财政局")];
    private static readonly FormFunctions.FormBasics SignedIn = new(Hostile, [], "0123456789abcdef0123456789abcdef");
    private static readonly FormFunctions.FormBasics Tester = new("", Choices, "0123456789abcdef0123456789abcdef");

    private static readonly ReportTable[] Tables =
    [
        new(Hostile, Hostile, [Hostile, "本期"], [[Hostile, "3"], ["即时答复", "1"]]),
        new(Hostile, "空表", ["项目"], []),
    ];

    private static readonly ReportRenderer.ReportView Report = new(Hostile, Hostile,
        new InlineChart.ImageView("cid:" + Hostile, Hostile, 800), Tables, [new ReportRenderer.SectionView(Hostile, Tables)]);

    private static readonly SupervisionNotices.NoticeView Supervised =
        new(Hostile, Facts, "http://localhost/api/supervision/items/" + Hostile);

    private static readonly ApprovalNotices.TaskView Task =
        new(Hostile, Hostile, Hostile, Facts, Facts, "http://localhost/api/approvals/" + Hostile, "审批链接", Hostile);

    public static readonly IReadOnlyDictionary<string, object[]> ByTemplate = new Dictionary<string, object[]>
    {
        ["Page/frame"] = [new Html.PageFrame(Hostile, "<p>正文</p>")],
        ["Page/facts"] = [new { Rows = Facts }],
        ["Page/options"] = [new { Options = Choices }],
        ["Mail/frame.html"] = [new MailLayout.Frame(Hostile, Hostile, "<p>正文</p>")],
        ["Mail/frame.text"] = [new MailLayout.Frame(Hostile, Hostile, Hostile)],
        ["Mail/facts.html"] = [new { Rows = Facts }],
        ["Mail/facts.text"] = [new { Rows = Facts }],
        ["Mail/notice.html"] = Notices(),
        ["Mail/notice.text"] = Notices(),
        ["Approvals/form"] = new[] { "decision", "reply", "instruction" }
            .Select(response => (object)new ApprovalPage.FormView(Hostile, Hostile, Hostile, Facts, Hostile, [Hostile], response, Choices,
                Hostile))
            .Append(new ApprovalPage.FormView("审批人", "林建国", "", Facts, "已有审批意见", [], "decision", [], "2026年12月1日 09:00"))
            .ToArray(),
        ["Approvals/decided"] = [new ApprovalPage.DecidedView(Hostile, Hostile, "。", Facts)],
        ["Approvals/refusal"] =
            new[] { "already-decided", "closed", "withdrawn", "expired", "not-found", "gone", "conflict", "invalid", "other" }
                .Select(kind => (object)new ApprovalPage.RefusalView(kind, Hostile, [Hostile], Hostile)).ToArray(),
        ["Approvals/task.html"] = [Task, Task with { Behalf = "" }],
        ["Approvals/task.text"] = [Task, Task with { Behalf = "" }],
        ["Forms/leave"] = [new FormFunctions.LeaveFormView(SignedIn, Choices), new FormFunctions.LeaveFormView(Tester, [])],
        ["Forms/hotline"] = [new FormFunctions.HotlineFormView(SignedIn, "2026-11-25T09:30", Choices)],
        ["Forms/decision"] = [new FormFunctions.DecisionFormView(Tester, Choices, Choices)],
        ["Forms/duty"] =
            [new FormFunctions.DutyFormView(SignedIn, "2026-11-30T07:50"), new FormFunctions.DutyFormView(Tester, "2026-11-30T07:50")],
        ["Forms/identity"] = [new { Form = SignedIn }, new { Form = Tester }],
        ["Forms/key"] = [new { Form = SignedIn }],
        ["Forms/result"] = [new { }],
        ["Forms/script.js"] = [new { }],
        ["Decisions/feed"] = [new PublicFeedFunction.FeedView([new(Hostile, Hostile, Hostile)]), new PublicFeedFunction.FeedView([])],
        ["Duty/handover.html"] = Handovers(),
        ["Duty/handover.text"] = Handovers(),
        ["Notifications/poison.html"] = [new PoisonNotices.PoisonView(Hostile, Facts, Hostile)],
        ["Notifications/poison.text"] = [new PoisonNotices.PoisonView(Hostile, Facts, Hostile)],
        ["Supervision/notice.html"] = [Supervised],
        ["Supervision/notice.text"] = [Supervised],
        ["Reports/chart"] = [Report.Chart],
        ["Reports/report.html"] = [Report],
        ["Reports/report.text"] = [Report],
    };

    private static object[] Notices() =>
    [
        new MailLayout.NoticeView(Hostile, Hostile, Facts), new MailLayout.NoticeView("", Hostile, Facts),
        new MailLayout.NoticeView(Hostile, "", []),
    ];

    private static object[] Handovers() =>
    [
        new DutyNotices.HandoverView(Hostile, [new(Hostile, Hostile, Hostile, Hostile, Hostile, Hostile)]),
        new DutyNotices.HandoverView(Hostile, []),
    ];

    /// <summary>What every page and every email's HTML carries: the frame's language, charset and viewport, once.</summary>
    public static void AssertFramed(string html)
    {
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">", html);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<html"));
    }
}
