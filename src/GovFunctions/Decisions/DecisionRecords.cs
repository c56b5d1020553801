using GovFunctions.Approvals;
using GovFunctions.Notifications;
using GovFunctions.Supervision;

namespace GovFunctions.Decisions;

/// <summary>
/// The decisions' record store, shared by the use cases (<see cref="DecisionService"/>) and the queue side
/// (<see cref="DecisionReviews"/>): <see cref="MessagesOf"/> is the one place a decision's events become messages.
/// </summary>
public sealed class DecisionRecords
{
    private readonly ApprovalEngine _engine;
    private readonly TimeProvider _clock;
    private readonly Scorecards.ProcedureCounters _counters;

    public DecisionRecords(StorageClients storage, Outbox outbox, ApprovalEngine engine, Scorecards.ProcedureCounters counters,
        TimeProvider clock)
    {
        _engine = engine;
        _clock = clock;
        _counters = counters;
        Store = new RecordStore<Decision>(storage, outbox, Tables.Decisions)
        {
            MessagesOf = MessagesOf, RowsOf = (key, d) => Me.MyRecords.Rows(key, Me.Submission.Of(d)),
        };
    }

    public RecordStore<Decision> Store { get; }

    public static RecordKey KeyOf(string id) => RecordKey.Own(id);

    /// <summary>
    /// The extra rows of a change (the pipeline's <c>extra</c>): the scorecard's tally of agenda submissions and refusals
    /// (第十九条), in the decision's own partition, committed with the change.
    /// </summary>
    public Task<IEnumerable<Azure.Data.Tables.TableTransactionAction>> Tallies(Stored<Decision> current, Transition<Decision> t) =>
        _counters.DecisionRowsAsync(current, t);

    public async Task<Stored<Decision>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(KeyOf(id), ct)
        ?? throw new NotFoundException(Bilingual.Text($"决策事项 {id} 不存在", $"decision {id} not found"));

    /// <summary>The one place a decision's events become messages; after every change the reports' index is synced too.</summary>
    private IEnumerable<OutboundMessage> MessagesOf(Decision d, IDomainEvent e) =>
        [.. FeatureMessages(d, e), DecisionIndex.SyncMessage(d, _clock)];

    private IEnumerable<OutboundMessage> FeatureMessages(Decision d, IDomainEvent e) => e switch
    {
        ReviewRequested r => [_engine.StartMessage(r.Request)],
        DecisionMade m => [
            .. m.Public ? [new OutboundMessage(Queues.ApprovalRouting, QueueEnvelope.Create(DecisionMessages.Publish, d.Id, _clock))]
                : Array.Empty<OutboundMessage>(),
            .. m.Adopted // its implementation becomes supervised work (Art. 30)
                ? [SupervisionService.FromDecision(
                    new(d.Id, d.Title, d.SponsorDepartmentId, d.ConsultDepartmentIds, d.Outcome!.Date), _clock)]
                : Array.Empty<OutboundMessage>(),
        ],
        EvaluationDue => [NotificationService.Message(DecisionMessages.EvaluationDue, DecisionMessages.EvaluationMailKey(d.Id), _clock,
            new DecisionNoticeData(d.Id))],
        DecisionRegistered or ReviewRecorded or AgendaRefused or DecisionPublished or DecisionScheduled or EvaluationFindingsRecorded => [],
        _ => throw new InvalidOperationException($"no message for {e.GetType().Name}"),
    };
}
