using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Approvals;

/// <summary>The engine's emails (zh-CN): a task to decide, its reminders, its cancellation, an alert to the office, the outcome.</summary>
public sealed class ApprovalNotices(ApprovalEngine engine, OrganizationStore organization, ApprovalLinks links,
    IOptions<SiteOptions> site) : INotificationRenderer
{
    public bool Handles(string type) => type.StartsWith("approval.", StringComparison.Ordinal);

    public async Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct)
    {
        var data = notification.DataAs<NoticeData>();
        var approval = (await engine.FindAsync(data.ApprovalId, ct))?.Value;
        if (approval is null) return null;
        var org = await organization.OrganizationAsync(ct);
        var task = data.TaskId is null ? null : approval.Tasks.SingleOrDefault(t => t.Id == data.TaskId);
        return notification.Type switch
        {
            Notices.Assigned or Notices.Reminder when task is { IsOpen: true } && approval.IsPending =>
                TaskMail(org, approval, task, notification.Type == Notices.Reminder),
            Notices.Cancelled when task is not null => CancelledMail(org, approval, task),
            Notices.OfficeAlert when task is { IsOpen: true } && approval.IsPending => OfficeAlertMail(org, approval, task),
            Notices.Outcome when data.PersonId is not null && !approval.IsPending => OutcomeMail(org, approval, org.Person(data.PersonId)),
            _ => null,
        };
    }

    /// <summary>The task email's model (<c>Templates/Approvals/task</c>); the HTML's facts also name the step.</summary>
    public sealed record TaskView(string ApproverName, string Ask, string Behalf, IReadOnlyList<FactRow> Facts,
        IReadOnlyList<FactRow> FactsWithStep, string Link, string LinkName, string ExpiresAt);

    private OutgoingMail TaskMail(OrgChart org, Approval a, ApprovalTask task, bool reminder)
    {
        var approver = org.Person(task.ApproverId);
        var step = a.Request.Steps[task.Step];
        var title = reminder ? $"【催办】{a.Request.Title}（第{task.Reminders}次）" : $"{AssignedPrefix(step.Response)}{a.Request.Title}";
        var ask = reminder ? "以下事项仍在等待您处理，请尽快办理。" : step.Response switch
        {
            ResponseKind.Reply => "以下事项交由您办理，请通过链接填写答复。",
            ResponseKind.Instruction => "以下事项请您批示，请通过链接填写批示意见、承办部门和期限。",
            _ => "以下事项需要您审批。",
        };
        var wording = TaskWording.For(a, task.Step);
        var facts = Facts(org, a, task.Step).ToList();
        var view = new TaskView(approver.DisplayName, ask, OnBehalfText(org, task) ?? "", FactRow.Of(facts),
            FactRow.Of(facts.Append((wording.Step, $"第{task.Step + 1}步：{step.Name}"))),
            site.Value.Link("approvals/" + links.TokenFor(a.Id, task)), wording.Link, ChinaTime.Text(task.ExpiresAt));
        return Mail(org, approver, title, MailLayout.Render(org.District.Name, a.Request.Title, "Approvals/task", view));
    }

    private OutgoingMail CancelledMail(OrgChart org, Approval a, ApprovalTask task)
    {
        var approver = org.Person(task.ApproverId);
        var body = $"“{a.Request.Title}”已撤回，原{TaskWording.For(a, task.Step).Link}已失效，您无需处理。";
        return Mail(org, approver, $"【已撤回】{a.Request.Title}",
            MailLayout.Notice(org.District.Name, a.Request.Title, body, Facts(org, a, task.Step), greeting: approver.DisplayName));
    }

    private static OutgoingMail OfficeAlertMail(OrgChart org, Approval a, ApprovalTask task)
    {
        var approver = org.Person(task.ApproverId);
        var body = $"{approver.DisplayName} 的{TaskWording.For(a, task.Step).Verb}任务已催办 {task.Reminders} 次仍未处理"
            + $"（{ChinaTime.ShortText(task.CreatedAt)} 送达）。请区政府办公室协调督办。";
        var office = new MailAddress(org.District.OfficeEmail, org.Office.Name);
        var mail = MailLayout.Notice(org.District.Name, "审批超时提醒", body, Facts(org, a, task.Step));
        return new OutgoingMail([office], $"【审批超时】{a.Request.Title}", mail.Html, mail.Text);
    }

    private static OutgoingMail OutcomeMail(OrgChart org, Approval a, Person to)
    {
        var result = StatusNames.Of(a.Status);
        var decisions = a.Tasks.Where(t => t.DecidedAt is not null).Select(t =>
            ($"第{t.Step + 1}步 {ApprovalEngine.ActorFor(org, t).Name}",
             (string?)ApprovalPage.Verdict(t)));
        var facts = Facts(org, a, 0).Concat(decisions).Append(("结果", (string?)result));
        return Mail(org, to, $"【审批结果】{a.Request.Title}：{result}",
            MailLayout.Notice(org.District.Name, "审批结果", "", facts, greeting: to.DisplayName));
    }

    private static OutgoingMail Mail(OrgChart org, Person to, string subject, MailBody body) =>
        new([new MailAddress(to.Email, to.Name)], subject, body.Html, body.Text);

    public static string AssignedPrefix(ResponseKind response) => response switch
    {
        ResponseKind.Reply => "【待办理】",
        ResponseKind.Instruction => "【请批示】",
        _ => "【待审批】",
    };

    public static string? OnBehalfText(OrgChart org, ApprovalTask task) => task.OnBehalfOfId is { } absent
        ? $"因{org.Person(absent).DisplayName}离岗外出或休假，本事项由您代为审批（第四条、第七十五条）。"
        : null;

    /// <summary>What is being approved; the applicant only where the step's wording has one (see <see cref="TaskWording"/>).</summary>
    public static IEnumerable<(string, string?)> Facts(OrgChart org, Approval a, int step) =>
        new (string, string?)[] { ("事项", a.Request.Title) }
            .Concat(TaskWording.For(a, step).Applicant is { } label ? [(label, org.Person(a.Request.ApplicantId).DisplayName)] : [])
            .Concat(a.Request.Facts.Select(f => (f.Label, (string?)f.Value)));
}

/// <summary>
/// How a task is worded, by what its step asks. A decision (leave, an extension, a review) is 审批: an approver, the
/// applicant, the 审批链接. A written reply or instruction (a hotline call, a duty log) is 办理: its facts already name
/// who called or sent it (来电人, 来文单位) and who took it down, so no 申请人 row, and the link is the 办理链接.
/// </summary>
public sealed record TaskWording(string Verb, string Actor, string? Applicant, string Link, string Step, string Earlier)
{
    private static readonly TaskWording Approving = new("审批", "审批人", "申请人", "审批链接", "审批环节", "已有审批意见");
    private static readonly TaskWording Handling = new("办理", "办理人", null, "办理链接", "办理环节", "已有办理意见");

    public static TaskWording For(Approval a, int step) => a.Request.Steps[step].Response == ResponseKind.Decision ? Approving : Handling;

}
