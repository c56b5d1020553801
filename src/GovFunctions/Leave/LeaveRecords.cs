using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Notifications;

namespace GovFunctions.Leave;

/// <summary>
/// Leave requests in storage: the feature's one record store, the reads of it, and the one place the requests' domain events
/// become messages (<see cref="MessagesOf"/>): the engine asked, the office's and the leaders' mails, the away-index sync
/// (<see cref="AwaySyncType"/>), the return reminders.
/// </summary>
public sealed class LeaveRecords
{
    /// <summary>After every change of who is away: <see cref="AwayIndex.SyncAsync"/> makes the index say what the record says.</summary>
    public const string AwaySyncType = "leave.away-sync";

    private const string GuardRow = "guard";

    private readonly ApprovalEngine _engine;
    private readonly AwayIndex _away;
    private readonly TimeProvider _clock;

    public LeaveRecords(StorageClients storage, Outbox outbox, ApprovalEngine engine, AwayIndex away, TimeProvider clock)
    {
        _engine = engine;
        _away = away;
        _clock = clock;
        Store = new RecordStore<LeaveRequest>(storage, outbox, Tables.LeaveRequests)
        {
            MessagesOf = MessagesOf, RowsOf = (key, l) => Me.MyRecords.Rows(key, Me.Submission.Of(l)),
        };
    }

    public RecordStore<LeaveRequest> Store { get; }

    /// <summary>A request lives in its applicant's partition: its id begins with the applicant's id.</summary>
    public static RecordKey KeyOf(string id) => new(LeaveRequest.PartitionOf(id), id);

    public async Task<Stored<LeaveRequest>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(KeyOf(id), ct)
        ?? throw new NotFoundException(Bilingual.Text($"请假申请 {id} 不存在", $"leave request {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(KeyOf(id), ct);

    /// <summary>
    /// Reads the applicant's guard row — before their other requests are read — and gives the action that moves it, committed
    /// with a new request: of two submissions that read the same requests only the first commits, the other conflicts.
    /// </summary>
    public async Task<Func<string, TableTransactionAction>> GuardAsync(string applicantId, CancellationToken ct)
    {
        var table = await Store.TableAsync();
        var guard = await table.GetEntityIfExistsAsync<TableEntity>(applicantId, GuardRow, cancellationToken: ct);
        return leaveId =>
        {
            var row = new TableEntity(applicantId, GuardRow) { ["LastRequestId"] = leaveId };
            return guard.HasValue
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, guard.Value!.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, row);
        };
    }

    /// <summary>Who is away on a day (China Standard Time), with their requests.</summary>
    public async Task<IReadOnlyList<(Absence Absence, LeaveRequest Leave)>> AwayOnAsync(DateOnly date, CancellationToken ct = default)
    {
        var absences = await _away.AbsencesAsync(ChinaTime.StartOf(date), ChinaTime.StartOf(date.AddDays(1)), ct);
        var result = new List<(Absence, LeaveRequest)>();
        foreach (var a in absences)
            if (await Store.FindAsync(KeyOf(a.LeaveId), ct) is { } leave) result.Add((a, leave.Value));
        return result;
    }

    /// <summary>The one place a leave request's events become messages.</summary>
    private IEnumerable<OutboundMessage> MessagesOf(LeaveRequest leave, IDomainEvent e) => e switch
    {
        LeaveApprovalAsked asked => [_engine.StartMessage(asked.Approval)],
        LeaveApproved approved => Approved(leave, approved),
        LeaveReturned => [AwaySync(leave), Notice(LeaveNotices.Returned, leave, "returned")],
        ReturnReminded => [Notice(LeaveNotices.ReturnReminder, leave, LeaveNotices.ReturnReminder)],
        OfficeToldNotReturned => [Notice(LeaveNotices.NotReturned, leave, LeaveNotices.NotReturned)],
        LeaveRejected or LeaveWithdrawn => [], // the engine tells the applicant; a pending request was never in the away index
        _ => throw new InvalidOperationException($"no message for {e.GetType().Name}"),
    };

    private IEnumerable<OutboundMessage> Approved(LeaveRequest leave, LeaveApproved approved)
    {
        yield return AwaySync(leave);
        yield return Notice(LeaveNotices.OfficeInformed, leave, "office");
        if (approved.OfficeInformsLeaders) yield return Notice(LeaveNotices.LeadersInformed, leave, "leaders");
    }

    private OutboundMessage Notice(string type, LeaveRequest leave, string occurrence) =>
        NotificationService.Message(type, $"leave|{leave.Id}|{occurrence}", _clock, new LeaveNoticeData(leave.Id));

    private OutboundMessage AwaySync(LeaveRequest leave) =>
        new(Queues.ApprovalRouting, QueueEnvelope.Create(AwaySyncType, leave.Id, _clock));
}
