using GovFunctions.Approvals;
using GovFunctions.Notifications;

namespace GovFunctions.Hotline;

/// <summary>
/// The one way a hotline call changes: a domain transition committed by the record store, holding the call's shard lock
/// (<see cref="HotlineShards"/>), with the counter rows it moves in the same transaction and the open-calls index kept in step;
/// <see cref="MessagesOf"/> is the one place the feature's events become messages.
/// </summary>
public sealed partial class HotlineCallStore
{
    public const string Feature = "hotline";

    private readonly ApprovalEngine _engine;
    private readonly HotlineCounters _counters;
    private readonly HotlineOpenCalls _open;
    private readonly HotlineShards _shards;
    private readonly TimeProvider _clock;
    private readonly ILogger<HotlineCallStore> _log;

    public HotlineCallStore(StorageClients storage, Outbox outbox, ApprovalEngine engine, HotlineCounters counters, HotlineOpenCalls open,
        HotlineShards shards, ILogger<HotlineCallStore> log)
    {
        _engine = engine;
        _counters = counters;
        _open = open;
        _shards = shards;
        _clock = outbox.Clock;
        _log = log;
        Store = new RecordStore<HotlineCall>(storage, outbox, Tables.HotlineCalls)
        {
            MessagesOf = MessagesOf,
            RowsOf = (key, c) => Me.MyRecords.Rows(key, Me.Submission.Of(c, HotlineNotices.CategoryName(c.Category))),
        };
    }

    public RecordStore<HotlineCall> Store { get; }

    public async Task<Stored<HotlineCall>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(HotlineIds.KeyOf(id), ct) ?? throw NotFound(id);

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) =>
        Store.HistoryAsync(HotlineIds.KeyOf(id), ct);

    /// <summary>
    /// Records a new call in a free shard: <paramref name="receive"/> is the domain's first state for the shard given. An open
    /// call is indexed before the commit (an idempotent upsert), so it can never be missing from the index that links and chases
    /// it; an entry whose commit failed is dropped by the overdue timer.
    /// </summary>
    public Task<Stored<HotlineCall>> CreateAsync(Func<int, Transition<HotlineCall>> receive, Actor actor, CancellationToken ct) =>
        _shards.InFreeShardAsync(async shard =>
        {
            var first = receive(shard);
            var key = HotlineIds.KeyOf(first.Next.Id);
            if (first.Next.IsOpen) await _open.AddAsync(first.Next, ct);
            var counters = await _counters.ActionsAsync(key.Partition, CallCounts.Delta(null, first.Next), null, first.Next, ct);
            try
            {
                var saved = await Store.CreateAsync(key, first, actor, null, counters.Select(a => a.Action), ct);
                Counted(key, counters, saved);
                return saved;
            }
            catch (StateConflictException e)
            {
                ForgetCounters(key, e);
                throw;
            }
        }, ct);

    /// <summary>
    /// A change of one call: <paramref name="change"/> (on the fresh state and time; null: nothing to do) is applied by the
    /// pipeline holding the call's shard lock, re-checked after a conflict with fresh counter rows; a closed call leaves the index.
    /// </summary>
    public async Task<Applied<HotlineCall>> ApplyAsync(string id, Actor actor,
        Func<HotlineCall, DateTimeOffset, Transition<HotlineCall>?> change, string? handledMessageId, CancellationToken ct)
    {
        var key = HotlineIds.KeyOf(id);
        if (_shards.ShardOf(key) is not { } shard) throw NotFound(id);
        return await _shards.InShardAsync(shard, async () =>
        {
            IReadOnlyList<CounterAction>? counters = null;
            Applied<HotlineCall> applied;
            try
            {
                applied = await Store.ApplyAsync(key, actor, s => change(s.Value, _clock.GetUtcNow()), handledMessageId,
                    async (current, t) =>
                {
                    if (counters is not null) _counters.Forget(key.Partition); // the last attempt conflicted: read the rows afresh
                    counters = await _counters.ActionsAsync(key.Partition, CallCounts.Delta(current.Value, t.Next), current.Value, t.Next,
                        ct);
                    return counters.Select(a => a.Action);
                }, ct);
            }
            catch (StateConflictException e)
            {
                ForgetCounters(key, e);
                throw;
            }
            catch (NotFoundException)
            {
                LogNotFound(id);
                throw NotFound(id);
            }
            if (!applied.Changed) return applied;
            Counted(key, counters!, applied.Record);
            if (!applied.Record.Value.IsOpen) await _open.RemoveAsync(applied.Record.Value, ct);
            return applied;
        }, ct);
    }

    private void Counted(RecordKey key, IReadOnlyList<CounterAction> counters, Stored<HotlineCall> saved) =>
        _counters.Committed(key.Partition, counters, saved.ExtraETags);

    private void ForgetCounters(RecordKey key, StateConflictException e)
    {
        _counters.Forget(key.Partition);
        LogConflicted(key.Id, e.Message);
    }

    /// <summary>The one place the hotline's events become messages: engine tasks and the overdue mails (Art. 32, 37).</summary>
    private IEnumerable<OutboundMessage> MessagesOf(HotlineCall call, IDomainEvent e) => e switch
    {
        ReplyRequested r => [_engine.StartMessage(ReplyRequest(r.Org, call))],
        InstructionRequested i => [_engine.StartMessage(InstructionRequest(i.Org, call, i.Org.Person(i.LeaderId)))],
        CallExtensionRequested x => [_engine.StartMessage(ExtensionApproval(x.Org, call, call.PendingExtension!))],
        OverdueReminded o => [Notice(HotlineNotices.Overdue, call, $"overdue|{o.Round}")],
        MarkedAccountable => [Notice(HotlineNotices.Accountability, call, "accountable")],
        Supervision.InstructionSupervised s => [Supervision.SupervisionService.FromInstruction(s, _clock)],
        CallRecorded or CallReplied or CallClosed or CallExtensionDecided => [],
        _ => throw new InvalidOperationException($"no message for {e.GetType().Name}"),
    };

    private OutboundMessage Notice(string type, HotlineCall call, string occurrence) =>
        NotificationService.Message(type, $"hotline|{call.Id}|{occurrence}", _clock, new HotlineNoticeData(call.Id));

    private static ApprovalRequest ReplyRequest(OrgChart org, HotlineCall call) =>
        new(call.ApprovalId!, Feature, call.Id, $"区长电话交办：{HotlineNotices.CategoryName(call.Category)}（{call.Id}）", call.OperatorId,
            HotlineNotices.Facts(org, call),
            [new StepSpec("承办部门办理并答复", StepKind.Single, [org.HeadOf(call.DepartmentId!).Id], ResponseKind.Reply)], [])
        { NotifyOutcome = false };

    private static ApprovalRequest InstructionRequest(OrgChart org, HotlineCall call, Person leader) =>
        new(call.ApprovalId!, Feature, call.Id, $"区长电话重大疑难问题请批示（{call.Id}）", call.OperatorId,
            HotlineNotices.Facts(org, call),
            [new StepSpec("主管领导批示", StepKind.Single, [leader.Id], ResponseKind.Instruction)
            {
                OffersSupervision = true, DefaultDepartmentId = call.DepartmentId,
            }], [])
        { NotifyOutcome = false };

    private static ApprovalRequest ExtensionApproval(OrgChart org, HotlineCall call, ExtensionRequest request) =>
        new(request.ApprovalId, Feature, call.Id, $"区长电话办理延期申请（{call.Id}）", request.RequestedById,
            [.. HotlineNotices.Facts(org, call), new Fact("申请延期", $"{request.WorkingDays}个工作日"), new Fact("延期理由", request.Reason)],
            [new StepSpec("区政府办公室审批", StepKind.Single, [org.OfficeDirector.Id])], []);

    private static NotFoundException NotFound(string id) => new(Bilingual.Text($"来电记录 {id} 不存在", $"call {id} not found"));

    [LoggerMessage(4002, LogLevel.Information, "Hotline call {CallId} conflicted ({Why}); its shard's counter rows are read afresh")]
    private partial void LogConflicted(string callId, string why);

    [LoggerMessage(4003, LogLevel.Information, "Hotline call {CallId} not found")]
    private partial void LogNotFound(string callId);
}
