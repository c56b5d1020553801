using GovFunctions.Approvals;
using GovFunctions.Notifications;

namespace GovFunctions.Duty;

/// <summary>
/// 24-hour duty with a leader on duty (Art. 76). A log goes at once to the leader on duty at the moment it came in (the
/// duty roster changes at 08:30), as an engine task asking for an instruction in writing; an acting leader takes it while
/// that leader is away. Logs are kept per shift (PartitionKey = the shift's start date), which is what a handover reads.
/// Every change is a domain transition committed by the record store, whose events become messages here (<see cref="MessagesOf"/>).
/// </summary>
public sealed partial class DutyService : IApprovalSubject
{
    public const string Feature = DutyLog.Feature;

    private readonly StorageClients _storage;
    private readonly ApprovalEngine _engine;
    private readonly OrganizationStore _organization;
    private readonly TimeProvider _clock;
    private readonly ILogger<DutyService> _log;

    public DutyService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization, TimeProvider clock,
        ILogger<DutyService> log)
    {
        _storage = storage;
        _engine = engine;
        _organization = organization;
        _clock = clock;
        _log = log;
        Store = new RecordStore<DutyLog>(storage, outbox, Tables.DutyLogs) { MessagesOf = MessagesOf };
    }

    string IApprovalSubject.Feature => Feature;

    public RecordStore<DutyLog> Store { get; }

    public static RecordKey KeyOf(string id) => new(id.Split('-')[0], id);

    public async Task<Stored<DutyLog>> RecordAsync(Person officer, DutyLogIntake intake, CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        var recorded = DutyLog.Record(intake, officer, org, ApprovalEngine.NewId(), _clock.GetUtcNow());
        var stored = await Store.CreateAsync(KeyOf(recorded.Next.Id), recorded, ActorOf(officer), ct: ct);
        LogRecorded(stored.Id, officer.Id, stored.Value.LeaderOnDutyId);
        return stored;
    }

    public async Task<Stored<DutyLog>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(KeyOf(id), ct) ?? throw new NotFoundException(Bilingual.Text($"值班记录 {id} 不存在", $"duty log {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(KeyOf(id), ct);

    public async Task<Stored<DutyLog>> CarriedOutAsync(Person person, string id, string? note, CancellationToken ct = default)
    {
        new FieldErrors().Required("note", note, "办理情况").MaxLength("note", note, 2000, "办理情况").ThrowIfAny();
        await GetAsync(id, ct);
        var applied = await Store.ApplyAsync(KeyOf(id), ActorOf(person),
            s => s.Value.CarriedOut(person.Id, note!.Trim(), _clock.GetUtcNow()), ct: ct);
        LogCarriedOut(id, person.Id);
        return applied.Record;
    }

    /// <summary>The leader's instruction, from the engine's completion of the log's task (once, whatever the deliveries).</summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var task = approval.Tasks.LastOrDefault(t => t.Status == ApprovalTaskStatus.Answered);
        if (task is null)
        {
            LogNoInstruction(approval.Id, Approval.StateName(approval.Status));
            return;
        }
        var actor = ApprovalEngine.ActorFor(await _organization.OrganizationAsync(ct), task);
        var applied = await Store.ApplyOutcomeAsync(KeyOf(approval.Request.SubjectId), approval, messageId,
            log => log.Status == DutyLogStatus.AwaitingInstruction
                ? log.Instructed(task.Answer!.Text, task.ApproverId, task.DecidedAt!.Value,
                    SupervisionOf(task.Answer, task.DecidedAt.Value))
                : null, // instructed already
            actor, ct);
        LogInstructed(approval.Request.SubjectId, task.ApproverId, applied.Changed);
    }

    /// <summary>
    /// Timer at each shift change (08:30): the incoming officer and leader get the summary of the shift that ended. It changes
    /// no record — the mail summarises the shift's logs as they stand when it is rendered — so there is no transition to carry
    /// it through the outbox: it goes straight to the notifications queue, and its mail key (one per shift) makes a second
    /// firing, or a redelivery, send nothing more.
    /// </summary>
    public async Task<bool> HandoverAsync(CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        var ended = org.DutyRoster.ShiftAt(_clock.GetUtcNow().AddMinutes(-5));
        var partition = DutyLog.PartitionOf(ended);
        var notifications = await _storage.QueueAsync(Queues.Notifications);
        var m = NotificationService.Message(DutyNotices.Handover, $"duty|handover|{partition}", _clock,
            new HandoverData(partition, ended.Start));
        await notifications.SendMessageAsync(m.Envelope.Serialize(), ct);
        LogHandover(partition, ended.OfficerId, ended.LeaderId);
        return true;
    }

    public async Task<IReadOnlyList<DutyLog>> ShiftLogsAsync(string partition, CancellationToken ct = default) =>
        (await Store.InPartitionAsync(partition, ct)).Select(s => s.Value).OrderBy(l => l.ReceivedAt).ToList();

    /// <summary>The kind as the handover mail names it (<see cref="DutyLog.KindName"/>).</summary>
    public static string KindName(DutyLogKind k) => DutyLog.KindName(k);

    /// <summary>The one place a duty log's events become messages: the leader on duty is asked through the engine; the reports'
    /// index (<see cref="DutyIndex"/>) is synced after every change (第七十六条).</summary>
    private IEnumerable<OutboundMessage> MessagesOf(DutyLog log, IDomainEvent e) => e switch
    {
        DutyLogRecorded recorded => [_engine.StartMessage(recorded.Instruction), DutyIndex.SyncMessage(log, _clock)],
        Supervision.InstructionSupervised s => [Supervision.SupervisionService.FromInstruction(s, _clock)],
        DutyLogInstructed or DutyLogCarriedOut => [DutyIndex.SyncMessage(log, _clock)], // and read by the shift's handover
        _ => throw new InvalidOperationException($"no message for {e.GetType().Name}"),
    };

    /// <summary>列入督办 ticked: the department chosen on the page, by the date given there or the instruction period's default.</summary>
    private static (string, DateOnly)? SupervisionOf(TaskAnswer answer, DateTimeOffset at) =>
        answer is { Supervise: true, DepartmentId: { } dept }
            ? (dept, answer.DueDate ?? ChinaTime.DateOf(at).AddMonths(Supervision.SupervisionRules.InstructionDueMonths))
            : null;

    private static Actor ActorOf(Person p) => new(p.Id, p.Name);

    [LoggerMessage(3101, LogLevel.Information, "Duty log {LogId} recorded by {OfficerId}, reported to the leader on duty {LeaderId}")]
    private partial void LogRecorded(string logId, string officerId, string leaderId);

    [LoggerMessage(3102, LogLevel.Information, "Duty log {LogId}: instruction by {LeaderId} (changed the log: {Changed})")]
    private partial void LogInstructed(string logId, string leaderId, bool changed);

    [LoggerMessage(3103, LogLevel.Warning, "Duty approval {ApprovalId} ended {Status} without an instruction; the log is left as it is")]
    private partial void LogNoInstruction(string approvalId, string status);

    [LoggerMessage(3104, LogLevel.Information, "Duty log {LogId} carried out, reported by {PersonId}")]
    private partial void LogCarriedOut(string logId, string personId);

    [LoggerMessage(3105, LogLevel.Information, "Duty handover of shift {Partition} (officer {OfficerId}, leader {LeaderId}) sent")]
    private partial void LogHandover(string partition, string officerId, string leaderId);
}

public sealed record HandoverData(string Partition, DateTimeOffset ShiftStart);
