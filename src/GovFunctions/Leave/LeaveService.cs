using Azure;
using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Notifications;
using GovFunctions.Organization;
using GovFunctions.Platform.Routing;
using GovFunctions.Platform.Storage;
using Microsoft.Extensions.Logging;

namespace GovFunctions.Leave;

/// <summary>
/// Leave and travel requests (Art. 4, 74, 75). A request and its applicant's other requests share a partition with a
/// guard row, so two overlapping requests submitted at once cannot both be accepted (the guard's ETag lets one through).
/// The approval itself runs in the <see cref="ApprovalEngine"/>, started in the same transaction as the request.
/// </summary>
public sealed partial class LeaveService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization,
    AwayIndex away, TimeProvider clock, ILogger<LeaveService> log) : IQueueHandler, IApprovalSubject
{
    public const string Feature = "leave";
    public const string AwaySyncType = "leave.away-sync";
    private const string GuardRow = "guard";
    private const int ConflictRetries = 5;

    public RecordStore<LeaveRequest> Store { get; } = new(storage, outbox, Tables.LeaveRequests);
    public string TypePrefix => "leave.";

    string IApprovalSubject.Feature => Feature;

    public static RecordKey KeyOf(string id) => new(LeaveRequest.PartitionOf(id), id);

    /// <summary>
    /// Validates and stores a request and starts its approval in one transaction. A concurrent submission by the same
    /// person moves the guard row first; this one then reads again and re-validates, so two overlapping requests cannot
    /// both pass while two that do not overlap both do.
    /// </summary>
    public async Task<Stored<LeaveRequest>> SubmitAsync(Person applicant, LeaveApplication application, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await TrySubmitAsync(applicant, application, ct);
            }
            catch (StateConflictException) when (attempt < ConflictRetries)
            {
            }
        }
    }

    private async Task<Stored<LeaveRequest>> TrySubmitAsync(Person applicant, LeaveApplication application, CancellationToken ct)
    {
        var org = await organization.OrganizationAsync(ct);
        var chain = LeaveRules.ChainFor(org, applicant);
        var table = await Store.TableAsync();
        var guard = await table.GetEntityIfExistsAsync<TableEntity>(applicant.Id, GuardRow, cancellationToken: ct);
        var own = (await Store.InPartitionAsync(applicant.Id, ct)).Select(s => s.Value);
        var acting = org.FindPerson(application.ActingPersonId) is { } a && a.Id != applicant.Id
            ? (await Store.InPartitionAsync(a.Id, ct)).Select(s => s.Value)
            : [];
        var now = clock.GetUtcNow();
        LeaveRules.Validate(application, applicant, org, own, acting, now);

        var id = LeaveRequest.NewId(applicant.Id, now);
        var approvalId = chain.Count == 0 ? null : ApprovalEngine.NewId();
        var leave = new LeaveRequest(id, applicant.Id, application.Start!.Value, application.End!.Value, application.Destination!.Trim(),
            application.Contact!.Trim(), string.IsNullOrWhiteSpace(application.Reason) ? null : application.Reason.Trim(),
            LeaveRules.ActingPersonFor(org, applicant, application), chain.SelectMany(s => s.ApproverIds).ToList(), approvalId,
            chain.Count == 0 ? LeaveStatus.Approved : LeaveStatus.Pending, now) { DecidedAt = chain.Count == 0 ? now : null };

        var messages = chain.Count == 0
            ? ApprovedMessages(leave, applicant)
            : [engine.StartMessage(ApprovalRequestFor(org, leave, chain))];
        var guardRow = new TableEntity(applicant.Id, GuardRow) { ["LastRequestId"] = id };
        var guardAction = guard.HasValue
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, guardRow, guard.Value!.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, guardRow);
        var reason = chain.Count == 0 ? "区长出差（出访）备案，由常务副区长主持工作（第四条）" : $"提交申请，审批流程：{string.Join(" → ", chain.Select(s => s.Name))}";
        var stored = await Store.CreateAsync(KeyOf(id), leave, History(applicant, null, leave.Status, reason), messages, extra: [guardAction], ct: ct);
        LogSubmitted(id, applicant.Id, chain.Count);
        return stored;
    }

    public async Task<Stored<LeaveRequest>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(KeyOf(id), ct) ?? throw new NotFoundException(Bilingual.Text($"请假申请 {id} 不存在", $"leave request {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(KeyOf(id), ct);

    public async Task<Approval?> ApprovalAsync(string approvalId, CancellationToken ct = default) => (await engine.FindAsync(approvalId, ct))?.Value;

    /// <summary>Withdraw before the final approval: the engine decides whether it is still possible; open tasks die.</summary>
    public async Task<Stored<LeaveRequest>> WithdrawAsync(Person caller, string id, CancellationToken ct = default)
    {
        var stored = await GetAsync(id, ct);
        RequireApplicant(caller, stored.Value);
        stored.Value.Withdraw(clock.GetUtcNow()); // 409 unless pending
        var org = await organization.OrganizationAsync(ct);
        if (stored.Value.ApprovalId is not null)
            await engine.WithdrawAsync(ApprovalRequestFor(org, stored.Value, LeaveRules.ChainFor(org, org.Person(stored.Value.ApplicantId))),
                new Actor(caller.Id, caller.Name), ct);
        return await ApplyAsync(id, l => l.Status == LeaveStatus.Pending ? l.Withdraw(clock.GetUtcNow()) : null,
            new Actor(caller.Id, caller.Name), "申请人撤回", _ => [], null, ct);
    }

    /// <summary>销假: the official reports back; the office (and for leaders the district head) is told.</summary>
    public async Task<Stored<LeaveRequest>> ReturnAsync(Person caller, string id, string? note, CancellationToken ct = default)
    {
        var stored = await GetAsync(id, ct);
        RequireApplicant(caller, stored.Value);
        var returned = stored.Value.Return(clock.GetUtcNow(), note);
        return await Store.UpdateAsync(stored, returned, History(caller, stored.Value.Status, returned.Status, "销假" + (returned.ReturnNote is null ? "" : $"：{returned.ReturnNote}")),
            [AwaySync(id), NotificationService.Message(LeaveNotices.Returned, $"leave|{id}|returned", clock, new LeaveNoticeData(id))], ct: ct);
    }

    /// <summary>The engine's completion: the request takes the approval's outcome (once, whatever the deliveries).</summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var org = await organization.OrganizationAsync(ct);
        var applicant = org.Person(approval.Request.ApplicantId);
        var now = clock.GetUtcNow();
        var (reason, transition) = approval.Status switch
        {
            ApprovalStatus.Approved => ("审批通过", (Func<LeaveRequest, LeaveRequest>)(l => l.Decide(true, now))),
            ApprovalStatus.Rejected => ("审批未通过", l => l.Decide(false, now)),
            ApprovalStatus.Withdrawn => ("申请人撤回", l => l.Withdraw(now)),
            _ => throw new InvalidDataException($"approval {approval.Id} is still pending"),
        };
        await ApplyAsync(approval.Request.SubjectId, l => l.Status == LeaveStatus.Pending ? transition(l) : null, Actor.System, reason,
            l => l.Status == LeaveStatus.Approved ? ApprovedMessages(l, applicant) : [], messageId, ct);
    }

    public async Task HandleAsync(QueueEnvelope message, CancellationToken ct)
    {
        if (message.Type == AwaySyncType) await away.SyncAsync((await GetAsync(message.Subject, ct)).Value, ct);
        else throw new InvalidDataException($"unknown leave message type {message.Type}");
    }

    public async Task<IReadOnlyList<(Absence Absence, LeaveRequest Leave)>> AwayOnAsync(DateOnly date, CancellationToken ct = default)
    {
        var absences = await away.AbsencesAsync(ChinaTime.StartOf(date), ChinaTime.StartOf(date.AddDays(1)), ct);
        var result = new List<(Absence, LeaveRequest)>();
        foreach (var a in absences)
            if (await Store.FindAsync(KeyOf(a.LeaveId), ct) is { } leave) result.Add((a, leave.Value));
        return result;
    }

    /// <summary>
    /// Timer: the working day after a leave's last day, an official who has not reported back (销假) is reminded; one working
    /// day later the government office is told. Looks back over leaves that ended within the last 60 days.
    /// </summary>
    public async Task<int> RemindReturnsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var calendar = await organization.CalendarAsync(ct);
        var sent = 0;
        foreach (var absence in await away.AbsencesAsync(now.AddDays(-60), now, ct))
        {
            if (absence.End > now) continue;
            var leave = await Store.FindAsync(KeyOf(absence.LeaveId), ct);
            if (leave is null)
            {
                TimerLog.Dangling(log, Tables.LeaveAway, $"{ChinaTime.DateOf(absence.Start).Year}", absence.LeaveId);
                await away.DropAsync(absence, ct);
                continue;
            }
            if (leave.Value.Status != LeaveStatus.Approved) continue;
            var remindOn = calendar.NextWorkingDay(leave.Value.LastDay);
            var tellOfficeOn = calendar.NextWorkingDay(remindOn);
            if (today >= tellOfficeOn && leave.Value.OfficeToldNotReturnedAt is null)
                sent += await MarkAsync(leave, l => l.MarkOfficeToldNotReturned(now), "逾期未销假，已告知区政府办公室", LeaveNotices.NotReturned, ct);
            else if (today >= remindOn && leave.Value.ReturnReminderSentAt is null)
                sent += await MarkAsync(leave, l => l.MarkReturnReminded(now), "提醒销假", LeaveNotices.ReturnReminder, ct);
        }
        return sent;
    }

    private async Task<int> MarkAsync(Stored<LeaveRequest> stored, Func<LeaveRequest, LeaveRequest> mark, string reason, string notice, CancellationToken ct)
    {
        try
        {
            await Store.UpdateAsync(stored, mark(stored.Value), History(Actor.System, stored.Value.Status, stored.Value.Status, reason),
                [NotificationService.Message(notice, $"leave|{stored.Id}|{notice}", clock, new LeaveNoticeData(stored.Id))], ct: ct);
            return 1;
        }
        catch (StateConflictException)
        {
            return 0; // reported back or reminded meanwhile
        }
    }

    /// <summary>Applies a transition with optimistic retries; a null transition means it no longer applies.</summary>
    private Task<Stored<LeaveRequest>> ApplyAsync(string id, Func<LeaveRequest, LeaveRequest?> transition, Actor actor, string reason,
        Func<LeaveRequest, IReadOnlyList<OutboundMessage>> messagesFor, string? messageId, CancellationToken ct) =>
        Store.ChangeAsync(KeyOf(id),
            l => transition(l) is { } next ? (next, History(actor, l.Status, next.Status, reason), messagesFor(next)) : null,
            messageId, ConflictRetries, ct);

    private List<OutboundMessage> ApprovedMessages(LeaveRequest leave, Person applicant)
    {
        var messages = new List<OutboundMessage>
        {
            AwaySync(leave.Id),
            NotificationService.Message(LeaveNotices.OfficeInformed, $"leave|{leave.Id}|office", clock, new LeaveNoticeData(leave.Id)),
        };
        if (LeaveRules.OfficeInformsLeaders(applicant))
            messages.Add(NotificationService.Message(LeaveNotices.LeadersInformed, $"leave|{leave.Id}|leaders", clock, new LeaveNoticeData(leave.Id)));
        return messages;
    }

    private OutboundMessage AwaySync(string id) => new(Queues.ApprovalRouting, QueueEnvelope.Create(AwaySyncType, id, clock));

    public static ApprovalRequest ApprovalRequestFor(OrgChart org, LeaveRequest leave, IReadOnlyList<StepSpec> chain)
    {
        var applicant = org.Person(leave.ApplicantId);
        return new ApprovalRequest(leave.ApprovalId!, Feature, leave.Id, LeaveNotices.Title(applicant, leave), applicant.Id,
            LeaveNotices.Facts(org, leave).Select(f => new Fact(f.Label, f.Value)).ToList(), chain, []);
    }

    private static void RequireApplicant(Person caller, LeaveRequest leave)
    {
        if (caller.Id != leave.ApplicantId)
            throw new AccessDeniedException(Bilingual.Text("只有申请人本人可以办理", "only the applicant may do this"));
    }

    private HistoryEntry History(Person actor, LeaveStatus? from, LeaveStatus to, string reason) =>
        History(new Actor(actor.Id, actor.Name), from, to, reason);

    private HistoryEntry History(Actor actor, LeaveStatus? from, LeaveStatus to, string reason) =>
        new(clock.GetUtcNow(), actor.Id, actor.Name, from is { } f ? LeaveRequest.StateName(f) : null, LeaveRequest.StateName(to), reason);

    [LoggerMessage(LogLevel.Information, "Leave request {LeaveId} submitted by {ApplicantId} with {Steps} approval step(s)")]
    private partial void LogSubmitted(string leaveId, string applicantId, int steps);
}
