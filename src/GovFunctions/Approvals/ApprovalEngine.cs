using GovFunctions.Notifications;

namespace GovFunctions.Approvals;

/// <summary>
/// The approval engine as features see it. A feature (an <see cref="IApprovalSubject"/>) starts an approval by putting
/// <see cref="StartMessage"/> in the same transaction as its own record; everything after is queue-driven
/// (<see cref="StepRouter"/>): tasks are created and mailed, a decided step moves on, and the end of the approval is handed
/// to the feature's <see cref="IApprovalSubject.ApprovalEndedAsync"/>. Approvers answer through <see cref="LinkAnswers"/>;
/// <see cref="TaskReminders"/> chases open tasks. Every change of an approval is a domain transition applied by the record
/// store; this class is the one place the approval's events become messages (<see cref="MessagesOf"/>).
/// </summary>
public sealed partial class ApprovalEngine
{
    public const string StartType = "approval.start";
    public const string DecidedType = "approval.decided";

    /// <summary>The message that an approval ended: the engine hands it to the feature the approval belongs to.</summary>
    public const string CompletedType = "approval.completed";

    private readonly PendingTaskIndex _index;
    private readonly TimeProvider _clock;
    private readonly ILogger<ApprovalEngine> _log;

    public ApprovalEngine(StorageClients storage, Outbox outbox, PendingTaskIndex index, TimeProvider clock, ILogger<ApprovalEngine> log)
    {
        _index = index;
        _clock = clock;
        _log = log;
        Store = new RecordStore<Approval>(storage, outbox, Tables.Approvals) { MessagesOf = MessagesOf };
    }

    public RecordStore<Approval> Store { get; }

    public static RecordKey KeyOf(string approvalId) => RecordKey.Own(approvalId);

    public static string NewId() => "ap" + Ids.Random(9);

    public OutboundMessage StartMessage(ApprovalRequest request) =>
        new(Queues.ApprovalRouting, QueueEnvelope.Create(StartType, request.Id, _clock, request));

    public Task<Stored<Approval>?> FindAsync(string approvalId, CancellationToken ct = default) => Store.FindAsync(KeyOf(approvalId), ct);

    /// <summary>The applicant withdraws before the final decision; open tasks die and their approvers are told. An approval not
    /// routed yet is stored as withdrawn, so its start message finds it and routes nothing.</summary>
    public async Task WithdrawAsync(ApprovalRequest request, Actor actor, CancellationToken ct = default)
    {
        var key = KeyOf(request.Id);
        if (await FindAsync(request.Id, ct) is null)
            try
            {
                await Store.CreateAsync(key, Approval.WithdrawnBeforeRouting(request, _clock.GetUtcNow()), actor, ct: ct);
                LogWithdrawn(request.Id, 0);
                return;
            }
            catch (StateConflictException)
            {
                LogRoutedMeanwhile(request.Id); // the router created it a moment ago: withdraw that one
            }
        var applied = await Store.ApplyAsync(key, actor, s => s.Value.Withdraw(_clock.GetUtcNow()), ct: ct);
        var cancelled = applied.Transition!.Events.OfType<TasksCancelled>().SelectMany(e => e.TaskIds).ToList();
        await _index.RemoveAsync(request.Id, cancelled, ct);
        LogWithdrawn(request.Id, cancelled.Count);
    }

    /// <summary>Who answered a task as the history and the pages name them: the acting person "（代…）" included.</summary>
    public static Actor ActorFor(OrgChart org, ApprovalTask task)
    {
        var approver = org.Person(task.ApproverId);
        return task.OnBehalfOfId is { } absent
            ? new Actor(approver.Id, $"{approver.Name}（代{org.Person(absent).Name}）")
            : new Actor(approver.Id, approver.Name);
    }

    /// <summary>The one place an approval's events become messages: mails to approvers, the router's next look, the end.</summary>
    private IEnumerable<OutboundMessage> MessagesOf(Approval a, IDomainEvent e) => e switch
    {
        TasksAssigned t => t.TaskIds.Select(id => Notice(Notices.Assigned, a, a.Task(id))),
        TaskAnswered => [new OutboundMessage(Queues.ApprovalRouting, QueueEnvelope.Create(DecidedType, a.Id, _clock))],
        TasksCancelled t => t.TaskIds.Select(id => Notice(Notices.Cancelled, a, a.Task(id))),
        ApprovalEnded ended => EndMessages(a, ended.Outcome),
        TaskReminded r => Reminders(a, r),
        _ => throw new InvalidOperationException($"no message for {e.GetType().Name}"),
    };

    private IEnumerable<OutboundMessage> EndMessages(Approval a, ApprovalStatus outcome)
    {
        yield return new(Queues.ApprovalRouting, QueueEnvelope.Create(CompletedType, a.Id, _clock));
        if (outcome == ApprovalStatus.Withdrawn || !a.Request.NotifyOutcome) yield break;
        foreach (var p in a.Request.CcIds.Prepend(a.Request.ApplicantId).Distinct())
            yield return NotificationService.Message(Notices.Outcome, $"approval|{a.Id}|outcome|{p}", _clock,
                new NoticeData(a.Id, null, p));
    }

    private IEnumerable<OutboundMessage> Reminders(Approval a, TaskReminded r)
    {
        var task = a.Task(r.TaskId);
        yield return NotificationService.Message(Notices.Reminder, $"approval|{task.Id}|reminder|{r.Reminder}", _clock,
            new NoticeData(a.Id, task.Id, task.ApproverId));
        if (r.OfficeAlerted)
            yield return NotificationService.Message(Notices.OfficeAlert, $"approval|{task.Id}|office-alert", _clock,
                new NoticeData(a.Id, task.Id, null));
    }

    private OutboundMessage Notice(string type, Approval approval, ApprovalTask task) =>
        NotificationService.Message(type, $"approval|{task.Id}|{type}", _clock, new NoticeData(approval.Id, task.Id, task.ApproverId));

    [LoggerMessage(2004, LogLevel.Information, "Approval {ApprovalId} withdrawn, {Tasks} open task(s) cancelled")]
    private partial void LogWithdrawn(string approvalId, int tasks);

    [LoggerMessage(2005, LogLevel.Information, "Approval {ApprovalId} was routed while being withdrawn; withdrawing the routed one")]
    private partial void LogRoutedMeanwhile(string approvalId);
}

/// <summary>The notification types the engine sends, rendered by <see cref="ApprovalNotices"/>.</summary>
public static class Notices
{
    public const string Assigned = "approval.task-assigned";
    public const string Reminder = "approval.task-reminder";
    public const string Cancelled = "approval.task-cancelled";
    public const string OfficeAlert = "approval.office-alert";
    public const string Outcome = "approval.outcome";
}

public sealed record NoticeData(string ApprovalId, string? TaskId, string? PersonId);
