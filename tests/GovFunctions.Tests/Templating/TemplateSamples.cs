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

    private static readonly GovFunctions.Me.DigestMail.Row DigestRow =
        new(Hostile, Hostile, Hostile, Hostile, Hostile, "http://localhost/api/approvals/" + Hostile, Hostile, Hostile);

    private static readonly GovFunctions.Me.DigestMail.DigestView Digest = new(Hostile, Hostile, [DigestRow], "http://localhost/api/me");

    private static readonly SupervisionNotices.NoticeView Supervised =
        new(Hostile, Facts, "http://localhost/api/supervision/items/" + Hostile,
            [new(Hostile, "http://localhost/api/supervision/links/" + Hostile, Hostile)]);

    private static readonly BoardChoiceView[] BoardChoices = [new(Hostile, Hostile, true), new("red", "红灯", false)];

    private static readonly SupervisionBoardView Board = new(Hostile,
        [new("red", "红灯", 1), new("green", "绿灯", 0)],
        [new(Hostile, Hostile,
        [
            new(Hostile, Hostile, "red", "红灯", "inProgress", Hostile, Hostile, Hostile, new DateOnly(2026, 11, 20), Hostile, 40, 100, 0,
                "http://localhost/api/supervision/items/" + Hostile),
            new("education.1", "扩容", "red", "红灯", "inProgress", "办理中", "区教育局", "陈思远", new DateOnly(2026, 11, 20), "2026年11月20日",
                40, 100, 3, "http://localhost/api/supervision/items/education.1"),
            new("education.2", "扩容", "blue", "蓝灯", "assigned", "已交办，待签收", "区教育局", "陈思远", new DateOnly(2026, 11, 27),
                "2026年11月27日", 0, 80, 0, "http://localhost/api/supervision/items/education.2"),
        ])],
        new BoardFilterView(BoardChoices, BoardChoices, BoardChoices, BoardChoices, BoardChoices, Hostile));

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
            .Concat(new[] { "reply", "instruction" }.Select(response => (object)new ApprovalPage.FormView(Hostile, Hostile, Hostile, Facts,
                Hostile, [Hostile], response, Choices, Hostile, Supervise: true, Department: Choices[0].Value)))
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
        ["Supervision/board"] = [Board, Board with { Departments = [], Lights = [] }],
        ["Forms/supervision"] = [new SupervisionFormView(SignedIn, Choices, Choices, Choices, "2026-11-25"),
            new SupervisionFormView(Tester, [], [], [], "")],
        ["Supervision/notice.text"] = [Supervised],
        ["Supervision/link-form"] = new[] { "acknowledge", "progress", "complete" }.Select(action => (object)
            new SupervisionLinkPage.FormView(Hostile, Hostile, Hostile, Facts, [Hostile], action, 40, Hostile)).Append(
            new SupervisionLinkPage.FormView(Hostile, "", Hostile, Facts, [], "progress", 0, Hostile)).ToArray(),
        ["Supervision/link-done"] = [new SupervisionLinkPage.DoneView(Hostile, Hostile, Facts)],
        ["Supervision/link-refusal"] =
            new[] { "used", "closed", "expired", "not-found", "conflict", "denied", "invalid", "other" }
                .Select(kind => (object)new SupervisionLinkPage.RefusalView(kind, Hostile, [new(Hostile, Hostile)], Hostile)).ToArray(),
        ["Reports/chart"] = [Report.Chart],
        ["Reports/report.html"] = [Report],
        ["Reports/report.text"] = [Report],
        ["Me/digest.html"] = [Digest, Digest with { Rows = [DigestRow with { Behalf = "", Reminded = "" }] }],
        ["Me/digest.text"] = [Digest, Digest with { Rows = [DigestRow with { Behalf = "", Reminded = "" }] }],
        ["Me/page"] =
        [
            new GovFunctions.Me.MyWork.PageView(Hostile, [DigestRow], [new(GovFunctions.Me.SubmissionKind.Leave, Hostile, Hostile, Hostile,
                Hostile, Hostile, DateTimeOffset.Parse("2026-11-25T09:00:00+08:00"))], Hostile),
            new GovFunctions.Me.MyWork.PageView(Hostile, [], [], Hostile),
        ],
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
