using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Approvals;

/// <summary>The approval link (API.md): GET shows, POST decides. Anonymous: the signed token is the credential.</summary>
public sealed class ApprovalFunctions(LinkAnswers answers, OrganizationStore organization)
{
    /// <summary>The fields the link's page posts: a decision (<c>action</c> approve or reject, <c>comment</c>), or a written answer
    /// (<c>action</c> answer, <c>answer</c>, <c>departmentId</c>, <c>dueDate</c>).</summary>
    public sealed record LinkForm(string? Action, string? Comment, string? Answer, string? DepartmentId, DateOnly? DueDate);

    [Function(nameof(ShowApproval))]
    [Describe("邮件链接页面：待审批事项与同意/不同意表单，不作任何更改", "The email link's page: what is asked, with the approve/reject form",
        Anonymous = true)]
    [Answers(200, Media.Html)]
    [Answers(404, Media.Html)]
    [Answers(409, Media.Html)]
    [Answers(410, Media.Html)]
    public async Task<IActionResult> ShowApproval(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "approvals/{token}")] HttpRequest request, string token)
    {
        var org = await organization.OrganizationAsync();
        try
        {
            var (stored, task) = await answers.OpenAsync(token);
            return answers.Refusal(stored.Value, task) is { } refusal
                ? ApprovalPage.Refused(request, refusal, org.District.OfficeEmail)
                : ApprovalPage.Form(request, org, stored.Value, task);
        }
        catch (GovException e)
        {
            return ApprovalPage.Error(request, e, org.District.OfficeEmail);
        }
    }

    [Function(nameof(DecideApproval))]
    [Describe("通过邮件链接作出审批或答复，返回结果页面", "Decide (approve, reject) or answer through the email link; an HTML result page", Anonymous = true)]
    [Reads(typeof(ApprovalFunctions.LinkForm), FormOnly = true)]
    [Answers(200, Media.Html)]
    [Answers(400, Media.Html)]
    [Answers(404, Media.Html)]
    [Answers(409, Media.Html)]
    [Answers(410, Media.Html)]
    public async Task<IActionResult> DecideApproval(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "approvals/{token}")] HttpRequest request, string token)
    {
        var org = await organization.OrganizationAsync();
        try
        {
            await answers.OpenAsync(token); // an unknown or forged link is refused before anything of the body is read
            var form = await RequestBody.ReadFormAsync(request);
            var (stored, task) = form?["action"].ToString() == "answer"
                ? await answers.AnswerAsync(token, ReadAnswer(form))
                : await DecideAsync(token, form);
            return ApprovalPage.Decided(request, org, stored.Value, task);
        }
        catch (GovException e)
        {
            return ApprovalPage.Error(request, e, org.District.OfficeEmail);
        }
    }

    private static TaskAnswer ReadAnswer(IFormCollection form)
    {
        var due = form["dueDate"].ToString();
        DateOnly? dueDate = null;
        if (!string.IsNullOrWhiteSpace(due))
            dueDate = IntakeConverters.TryParseDate(due, out var d) ? d
                : throw ValidationException.For("dueDate", "办理期限应为 yyyy-MM-dd 格式、2000年至2100年之间的日期",
                    "dueDate must be a date (yyyy-MM-dd) between 2000 and 2100");
        var department = form["departmentId"].ToString();
        return new TaskAnswer(form["answer"].ToString(), string.IsNullOrWhiteSpace(department) ? null : department, dueDate)
        {
            Supervise = form["supervise"].ToString() is "on" or "true" or "1",
        };
    }

    private Task<(Platform.Storage.Stored<Approval>, ApprovalTask)> DecideAsync(string token, IFormCollection? form)
    {
        var action = form?["action"].ToString();
        var comment = form?["comment"].ToString();
        var errors = new FieldErrors();
        var decision = action switch
        {
            "approve" => Decision.Approve,
            "reject" => Decision.Reject,
            _ => (Decision?)null,
        };
        if (decision is null) errors.Add("action", "请选择“同意”或“不同意”", "action must be approve or reject");
        errors.MaxLength("comment", comment, 1000, "审批意见");
        errors.ThrowIfAny();
        return answers.DecideAsync(token, decision!.Value, comment);
    }
}

/// <summary>The queue-triggered routers and the timer that chases open tasks.</summary>
public sealed class ApprovalRoutingFunctions(Platform.Routing.QueueRouter router, Notifications.NotificationService notifications,
    Notifications.PoisonNotices poison, TaskReminders reminders, MessagePayloads payloads)
{
    public const string ReminderSchedule = "0 */30 * * * *";

    [Function(nameof(ApprovalRouter))]
    public Task ApprovalRouter([QueueTrigger(Queues.ApprovalRouting, Connection = Queues.Connection)] string message, CancellationToken ct) =>
        router.HandleAsync(message, ct);

    [Function(nameof(SendNotification))]
    public async Task SendNotification(
        [QueueTrigger(Queues.Notifications, Connection = Queues.Connection)] string message, CancellationToken ct) =>
        await notifications.HandleAsync(await payloads.ResolveAsync(QueueEnvelope.Parse(message), ct), ct);

    [Function(nameof(ApprovalRoutingPoison))]
    public Task ApprovalRoutingPoison([QueueTrigger(Queues.ApprovalRoutingPoison, Connection = Queues.Connection)] string message, CancellationToken ct) =>
        notifications.HandleAsync(poison.NoticeFor(Queues.ApprovalRoutingPoison, message).Envelope, ct);

    [Function(nameof(NotificationsPoison))]
    public Task NotificationsPoison([QueueTrigger(Queues.NotificationsPoison, Connection = Queues.Connection)] string message, CancellationToken ct) =>
        notifications.HandleAsync(poison.NoticeFor(Queues.NotificationsPoison, message).Envelope, ct);

    /// <summary>Every 30 minutes (UTC schedule); reminders go out only within office hours in China Standard Time.</summary>
    [Function(nameof(ApprovalReminders))]
    public Task ApprovalReminders([TimerTrigger(ReminderSchedule)] TimerInfo timer, CancellationToken ct) => reminders.RemindAsync(ct);
}
