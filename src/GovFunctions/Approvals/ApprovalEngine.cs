using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Leave;
using GovFunctions.Notifications;
using GovFunctions.Organization;
using GovFunctions.Platform.Routing;
using GovFunctions.Platform.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovFunctions.Approvals;

/// <summary>
/// The approval engine. A feature starts an approval by putting <see cref="StartMessage"/> in the same transaction as its
/// own record; everything after is queue-driven: the router creates the step's tasks (resolving acting persons), mails
/// the links, moves to the next step when a step is decided, ends on a rejection, and tells the feature when it is over
/// with a <c>{feature}.approval-completed</c> message on the same queue, which the feature's own handler takes.
/// Each handler is idempotent twice over: by the message id marked in the same transaction, and by the state it checks.
/// </summary>
public sealed partial class ApprovalEngine : IQueueHandler
{
    public string TypePrefix => "approval.";

    public const string StartType = "approval.start";
    public const string DecidedType = "approval.decided";

    /// <summary>The type of the message that tells a feature its approval ended: <c>leave.approval-completed</c>.</summary>
    public static string CompletedType(string feature) => $"{feature}.approval-completed";

    private const int ConflictRetries = 5;

    private readonly StorageClients _storage;
    private readonly OrganizationStore _organization;
    private readonly AwayIndex _away;
    private readonly ApprovalOptions _options;
    private readonly ApprovalLinks _links;
    private readonly TimeProvider _clock;
    private readonly ILogger<ApprovalEngine> _log;

    public ApprovalEngine(StorageClients storage, Outbox outbox, OrganizationStore organization, AwayIndex away,
        IOptions<ApprovalOptions> options, ApprovalLinks links, TimeProvider clock, ILogger<ApprovalEngine> log)
    {
        _storage = storage;
        _organization = organization;
        _away = away;
        _options = options.Value;
        _links = links;
        _clock = clock;
        _log = log;
        Store = new RecordStore<Approval>(storage, outbox, Tables.Approvals);
    }

    public RecordStore<Approval> Store { get; }

    public static RecordKey KeyOf(string approvalId) => RecordKey.Own(approvalId);

    public static string NewId() => "ap" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9));

    public OutboundMessage StartMessage(ApprovalRequest request) =>
        new(Queues.ApprovalRouting, QueueEnvelope.Create(StartType, request.Id, _clock, request));

    public Task<Stored<Approval>?> FindAsync(string approvalId, CancellationToken ct = default) => Store.FindAsync(KeyOf(approvalId), ct);

    /// <summary>The approval a feature's <c>{feature}.approval-completed</c> message is about; any other message type is refused.</summary>
    public async Task<Approval> CompletedAsync(QueueEnvelope message, string feature, CancellationToken ct = default)
    {
        if (message.Type != CompletedType(feature)) throw new InvalidDataException($"unknown {feature} message type {message.Type}");
        return (await FindAsync(message.Subject, ct))?.Value ?? throw new InvalidDataException($"approval {message.Subject} not found");
    }

    /// <summary>The queue-triggered router.</summary>
    public Task HandleAsync(QueueEnvelope message, CancellationToken ct = default) => message.Type switch
    {
        StartType => StartAsync(message.DataAs<ApprovalRequest>(), message.Id, ct),
        DecidedType => AdvanceAsync(message.Subject, message.Id, ct),
        _ => throw new InvalidDataException($"unknown approval message type {message.Type}"),
    };

    private async Task StartAsync(ApprovalRequest request, string messageId, CancellationToken ct)
    {
        if (await FindAsync(request.Id, ct) is not null) return; // routed already, or withdrawn before routing
        var now = _clock.GetUtcNow();
        var tasks = await CreateTasksAsync(request, [], 0, now, ct);
        var approval = Approval.Open(request, tasks, now);
        await IndexAsync(approval.Id, tasks, ct);
        try
        {
            await Store.CreateAsync(KeyOf(approval.Id), approval,
                History(Actor.System, null, approval.Status, $"开始审批，第1步：{request.Steps[0].Name}"),
                tasks.Select(t => Notice(Notices.Assigned, approval, t)).ToList(), messageId, ct: ct);
            LogStarted(approval.Id, request.Feature, tasks.Count);
        }
        catch (StateConflictException)
        {
            // A concurrent delivery of the same start created it first; its tasks and emails are the only ones.
        }
    }

    private async Task AdvanceAsync(string approvalId, string messageId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stored = await FindAsync(approvalId, ct) ?? throw new InvalidDataException($"approval {approvalId} not found");
            var approval = stored.Value;
            if (!approval.IsPending || approval.CurrentOutcome() == StepOutcome.Open) return;

            var now = _clock.GetUtcNow();
            var next = approval.CurrentOutcome() == StepOutcome.Approved && !approval.IsLastStep
                ? await CreateTasksAsync(approval.Request, approval.Tasks, approval.CurrentStep + 1, now, ct)
                : [];
            var advanced = approval.Advance(next, now);
            var messages = next.Select(t => Notice(Notices.Assigned, advanced, t)).ToList();
            var reason = $"第{approval.CurrentStep + 1}步（{approval.Step.Name}）{(approval.CurrentOutcome() == StepOutcome.Rejected ? "不同意" : approval.Step.Response == ResponseKind.Decision ? "同意" : "已办理")}"
                + (next.Count > 0 ? $"，进入第{advanced.CurrentStep + 1}步：{advanced.Step.Name}" : "");
            if (!advanced.IsPending)
            {
                messages.Add(CompletedMessage(advanced));
                if (advanced.Request.NotifyOutcome) messages.AddRange(OutcomeRecipients(advanced).Select(p => NotificationService.Message(Notices.Outcome,
                    $"approval|{approvalId}|outcome|{p}", _clock, new NoticeData(approvalId, null, p))));
            }
            await IndexAsync(approvalId, next, ct);
            try
            {
                await Store.UpdateAsync(stored, advanced, History(Actor.System, approval.Status, advanced.Status, reason), messages, messageId, ct: ct);
            }
            catch (StateConflictException) when (attempt < ConflictRetries)
            {
                if (await Store.WasHandledAsync(stored.Key, messageId, ct)) return;
                continue; // another decision landed meanwhile: evaluate again
            }
            await UnindexAsync(approvalId, approval.CurrentTasks.Where(t => t.IsOpen), ct);
            LogAdvanced(approvalId, Approval.StateName(advanced.Status), advanced.CurrentStep);
            return;
        }
    }

    /// <summary>The approval and task an email link names; 404 for anything unknown, altered or forged.</summary>
    public async Task<(Stored<Approval> Approval, ApprovalTask Task)> OpenLinkAsync(string token, CancellationToken ct = default)
    {
        var notFound = new NotFoundException(Bilingual.Text("链接无效", "this link is not valid"));
        if (ApprovalLinks.Parse(token) is not var (approvalId, taskId)) throw notFound;
        var stored = await FindAsync(approvalId, ct) ?? throw notFound;
        var task = stored.Value.Tasks.SingleOrDefault(t => t.Id == taskId) ?? throw notFound;
        if (!_links.Verify(token, approvalId, task)) throw notFound;
        return (stored, task);
    }

    /// <summary>Why a link cannot be used now, or null when it can: used (409), withdrawn or expired (410).</summary>
    public LinkRefusal? Refusal(Approval approval, ApprovalTask task) =>
        approval.Status == ApprovalStatus.Withdrawn ? LinkRefusal.Withdrawn
        : task.IsDecided ? LinkRefusal.AlreadyDecided
        : !task.IsOpen || !approval.IsPending ? LinkRefusal.Closed
        : _clock.GetUtcNow() >= task.ExpiresAt ? LinkRefusal.Expired
        : null;

    /// <summary>The approver's decision through their link. Concurrent answers: exactly one wins each task (ETag).</summary>
    public Task<(Stored<Approval> Approval, ApprovalTask Task)> DecideAsync(string token, Decision decision, string? comment, CancellationToken ct = default) =>
        RespondAsync(token, (a, t, now) => a.Decide(t.Id, decision, comment, now),
            (decision == Decision.Approve ? "同意" : "不同意") + (string.IsNullOrWhiteSpace(comment) ? "" : $"。意见：{comment.Trim()}"), ct);

    /// <summary>The approver's written reply or instruction (批示) through their link; the department it names must exist.</summary>
    public async Task<(Stored<Approval> Approval, ApprovalTask Task)> AnswerAsync(string token, TaskAnswer answer, CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        var errors = new FieldErrors().Required("answer", answer.Text, "答复内容").MaxLength("answer", answer.Text, 2000, "答复内容");
        if (answer.DepartmentId is not null && org.FindDepartment(answer.DepartmentId) is null)
            errors.Add("departmentId", "承办部门不存在", "departmentId is not a department");
        if (answer.DueDate is { } due && due < ChinaTime.Today(_clock))
            errors.Add("dueDate", "办理期限不能早于今天", "dueDate is in the past");
        errors.ThrowIfAny();
        return await RespondAsync(token, (a, t, now) =>
        {
            if (a.Step.Response == ResponseKind.Instruction && answer.DepartmentId is null)
                throw ValidationException.For("departmentId", "批示须指定承办部门", "an instruction names the department that carries it out");
            return a.Answer(t.Id, answer with { Text = answer.Text.Trim() }, now);
        }, $"{(answer.DepartmentId is null ? "答复" : "批示")}：{answer.Text.Trim()}", ct);
    }

    private async Task<(Stored<Approval> Approval, ApprovalTask Task)> RespondAsync(string token,
        Func<Approval, ApprovalTask, DateTimeOffset, Approval> respond, string what, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (stored, task) = await OpenLinkAsync(token, ct);
            ThrowIfRefused(stored.Value, task);
            var responded = respond(stored.Value, task, _clock.GetUtcNow());
            var org = await _organization.OrganizationAsync(ct);
            var actor = ActorFor(org, task);
            var reason = $"第{task.Step + 1}步（{stored.Value.Step.Name}）{actor.Name}：{what}";
            try
            {
                var saved = await Store.UpdateAsync(stored, responded, History(actor, stored.Value.Status, responded.Status, reason),
                    [new OutboundMessage(Queues.ApprovalRouting, QueueEnvelope.Create(DecidedType, stored.Id, _clock))], ct: ct);
                await UnindexAsync(stored.Id, [task], ct);
                LogDecided(stored.Id, task.Id, responded.Task(task.Id).Status.ToString());
                return (saved, responded.Task(task.Id));
            }
            catch (StateConflictException) when (attempt < ConflictRetries)
            {
                // Someone else changed the approval (another countersigner, or this very task): read again and re-check.
            }
        }
    }

    /// <summary>The applicant withdraws before the final decision; open tasks die and their approvers are told.</summary>
    public async Task WithdrawAsync(ApprovalRequest request, Actor actor, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = _clock.GetUtcNow();
            var stored = await FindAsync(request.Id, ct);
            try
            {
                if (stored is null)
                {
                    await Store.CreateAsync(KeyOf(request.Id), Approval.WithdrawnBeforeRouting(request, now),
                        History(actor, null, ApprovalStatus.Withdrawn, "申请人在审批开始前撤回"), ct: ct);
                    return;
                }
                var withdrawn = stored.Value.Withdraw(now);
                var cancelled = stored.Value.OpenTasks.ToList();
                var messages = cancelled.Select(t => Notice(Notices.Cancelled, withdrawn, t)).ToList();
                messages.Add(CompletedMessage(withdrawn));
                await Store.UpdateAsync(stored, withdrawn, History(actor, stored.Value.Status, withdrawn.Status, "申请人撤回"), messages, ct: ct);
                await UnindexAsync(request.Id, cancelled, ct);
                return;
            }
            catch (StateConflictException) when (attempt < ConflictRetries)
            {
            }
        }
    }

    /// <summary>
    /// Timer: each open task waiting longer than the reminder interval on the working-day clock gets one reminder (催办),
    /// which also renews its link's life; at the configured count the government office is told. Runs only within office
    /// hours on working days.
    /// </summary>
    public async Task<int> RemindAsync(CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var calendar = await _organization.CalendarAsync(ct);
        if (!calendar.IsWorkingDay(now) || calendar.WorkingTimeBetween(now, now.AddMinutes(1)) == TimeSpan.Zero) return 0;

        var index = await _storage.TableAsync(Tables.PendingTasks);
        var sent = 0;
        await foreach (var row in index.QueryAsync<TableEntity>(cancellationToken: ct))
        {
            var (approvalId, taskId) = (row.GetString("ApprovalId"), row.GetString("TaskId"));
            var stored = await FindAsync(approvalId, ct);
            var task = stored?.Value.Tasks.SingleOrDefault(t => t.Id == taskId);
            if (stored is null || task is null || !task.IsOpen || !stored.Value.IsPending)
            {
                // An entry is written just before its approval's commit: one pointing at nothing an hour on never committed.
                var indexedAt = row.GetDateTimeOffset("IndexedAt") ?? DateTimeOffset.MinValue;
                if (stored is null && indexedAt >= now - TimeSpan.FromHours(1)) continue;
                if (stored is null) TimerLog.Dangling(_log, Tables.PendingTasks, row.PartitionKey, row.RowKey);
                await index.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);
                continue;
            }
            var since = task.LastRemindedAt ?? task.CreatedAt;
            var due = ChinaTime.At(calendar.AddWorkingDays(ChinaTime.DateOf(since), _options.RemindAfterWorkingDays), ChinaTime.TimeOf(since));
            if (now < due) continue;

            var alertOffice = !task.OfficeAlerted && task.Reminders + 1 >= _options.EscalateAfterReminders;
            var reminded = stored.Value.Remind(task.Id, now, alertOffice, now + _options.LinkLifetime);
            var messages = new List<OutboundMessage>
            {
                NotificationService.Message(Notices.Reminder, $"approval|{task.Id}|reminder|{task.Reminders + 1}", _clock,
                    new NoticeData(approvalId, task.Id, task.ApproverId)),
            };
            if (alertOffice)
                messages.Add(NotificationService.Message(Notices.OfficeAlert, $"approval|{task.Id}|office-alert", _clock,
                    new NoticeData(approvalId, task.Id, null)));
            try
            {
                await Store.UpdateAsync(stored, reminded, History(Actor.System, stored.Value.Status, reminded.Status,
                    $"第{task.Reminders + 1}次催办" + (alertOffice ? "，已告知区政府办公室" : "")), messages, ct: ct);
                sent++;
            }
            catch (StateConflictException)
            {
                // Decided or changed meanwhile; the next run looks again.
            }
        }
        return sent;
    }

    private void ThrowIfRefused(Approval approval, ApprovalTask task)
    {
        switch (Refusal(approval, task))
        {
            case LinkRefusal.AlreadyDecided: throw new StateConflictException(Bilingual.Text("该审批已处理，无需重复操作", "this task has already been decided"));
            case LinkRefusal.Closed: throw new StateConflictException(Bilingual.Text("该审批已由他人办结", "this step has been closed by another answer"));
            case LinkRefusal.Withdrawn: throw new GoneException(Bilingual.Text("申请人已撤回该申请", "the applicant has withdrawn the request"));
            case LinkRefusal.Expired: throw new GoneException(Bilingual.Text("审批链接已过期，请联系区政府办公室", "this approval link has expired; contact the government office"));
        }
    }

    /// <summary>The step's tasks, each routed to the acting person of an absent approver — never to the applicant, nor to
    /// someone who already decided an earlier step of this approval.</summary>
    private async Task<IReadOnlyList<ApprovalTask>> CreateTasksAsync(ApprovalRequest request, IEnumerable<ApprovalTask> earlier, int step,
        DateTimeOffset now, CancellationToken ct)
    {
        var org = await _organization.OrganizationAsync(ct);
        var absences = await _away.AbsencesAtAsync(now, ct);
        var mayNotDecide = earlier.Where(t => t.DecidedAt is not null).Select(t => t.ApproverId).Append(request.ApplicantId).ToHashSet();
        return request.Steps[step].ApproverIds.Distinct()
            .Select(id => ApprovalTasks.Create(_links, request.Id, step, Acting.Resolve(org, id, absences, now, mayNotDecide), now, _options.LinkLifetime))
            .ToList();
    }

    private OutboundMessage CompletedMessage(Approval a) =>
        new(Queues.ApprovalRouting, QueueEnvelope.Create(CompletedType(a.Request.Feature), a.Id, _clock));

    private static IEnumerable<string> OutcomeRecipients(Approval a) => a.Request.CcIds.Prepend(a.Request.ApplicantId).Distinct();

    private OutboundMessage Notice(string type, Approval approval, ApprovalTask task) =>
        NotificationService.Message(type, $"approval|{task.Id}|{type}", _clock, new NoticeData(approval.Id, task.Id, task.ApproverId));

    private HistoryEntry History(Actor actor, ApprovalStatus? from, ApprovalStatus to, string reason) =>
        new(_clock.GetUtcNow(), actor.Id, actor.Name, from is { } f ? Approval.StateName(f) : null, Approval.StateName(to), reason);

    public static Actor ActorFor(OrgChart org, ApprovalTask task)
    {
        var approver = org.Person(task.ApproverId);
        return task.OnBehalfOfId is { } absent
            ? new Actor(approver.Id, $"{approver.Name}（代{org.Person(absent).Name}）")
            : new Actor(approver.Id, approver.Name);
    }

    /// <summary>The open-task index the reminder timer reads, written before the tasks' commit and pruned after.</summary>
    private async Task IndexAsync(string approvalId, IEnumerable<ApprovalTask> tasks, CancellationToken ct)
    {
        var index = await _storage.TableAsync(Tables.PendingTasks);
        foreach (var t in tasks)
            await index.UpsertEntityAsync(new TableEntity(Shard(approvalId), $"{approvalId}|{t.Id}")
            {
                ["ApprovalId"] = approvalId, ["TaskId"] = t.Id, ["IndexedAt"] = _clock.GetUtcNow(),
            }, TableUpdateMode.Replace, ct);
    }

    private async Task UnindexAsync(string approvalId, IEnumerable<ApprovalTask> tasks, CancellationToken ct)
    {
        var index = await _storage.TableAsync(Tables.PendingTasks);
        foreach (var t in tasks)
            try { await index.DeleteEntityAsync(Shard(approvalId), $"{approvalId}|{t.Id}", ETag.All, ct); }
            catch (RequestFailedException e) when (e.Status == 404) { }
    }

    private static string Shard(string approvalId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(approvalId)))[..1];

    [LoggerMessage(LogLevel.Information, "Approval {ApprovalId} ({Feature}) started with {Tasks} task(s)")]
    private partial void LogStarted(string approvalId, string feature, int tasks);

    [LoggerMessage(LogLevel.Information, "Approval {ApprovalId} task {TaskId} answered: {Answer}")]
    private partial void LogDecided(string approvalId, string taskId, string answer);

    [LoggerMessage(LogLevel.Information, "Approval {ApprovalId} is {Status} at step {Step}")]
    private partial void LogAdvanced(string approvalId, string status, int step);
}

public enum LinkRefusal { AlreadyDecided, Closed, Withdrawn, Expired }

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
