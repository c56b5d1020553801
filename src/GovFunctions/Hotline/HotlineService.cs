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
using Microsoft.Extensions.Options;

namespace GovFunctions.Hotline;

/// <summary>
/// The district-head hotline (Art. 37) as a closed loop: every call recorded; answered at once and closed, assigned to a
/// department whose head replies through an email link (an engine task asking for text), or escalated to the leader
/// responsible, whose instruction (批示) assigns it; then the operator's call-back closes it or reopens it.
/// </summary>
public sealed partial class HotlineService : IApprovalSubject
{
    public const string Feature = "hotline";
    private const int ConflictRetries = 8;

    private readonly ApprovalEngine _engine;
    private readonly OrganizationStore _organization;
    private readonly HotlineCounters _counters;
    private readonly HotlineOpenCalls _open;
    private readonly AccountabilityList _accountability;
    private readonly StorageClients _storage;
    private readonly HotlineOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<HotlineService> _log;
    private readonly SemaphoreSlim[] _shards;

    public HotlineService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization,
        HotlineCounters counters, HotlineOpenCalls open, AccountabilityList accountability, IOptions<HotlineOptions> options, TimeProvider clock, ILogger<HotlineService> log)
    {
        _storage = storage;
        _engine = engine;
        _organization = organization;
        _counters = counters;
        _open = open;
        _accountability = accountability;
        _options = options.Value;
        _clock = clock;
        _log = log;
        _shards = Enumerable.Range(0, _options.Shards).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
        Store = new RecordStore<HotlineCall>(storage, outbox, Tables.HotlineCalls);
    }

    public RecordStore<HotlineCall> Store { get; }
    string IApprovalSubject.Feature => Feature;
    public HotlineOptions Options => _options;

    /// <summary>Records a call (POST /api/hotline/calls). Every call is recorded, the ones answered on the spot too.</summary>
    public async Task<Stored<HotlineCall>> RecordAsync(Person operatorPerson, CallIntake intake, CancellationToken ct = default)
    {
        if (!HotlineRules.MayAnswerTheLine(operatorPerson))
            throw new AccessDeniedException(Bilingual.Text("只有区长电话接线员和值守的区领导可以登记来电（第三十七条）", "only hotline operators and the leaders staffing the line record calls (Art. 37)"));
        var org = await _organization.OrganizationAsync(ct);
        var now = _clock.GetUtcNow();
        HotlineRules.Validate(intake, org, now);
        var calendar = await _organization.CalendarAsync(ct);

        var receivedAt = intake.ReceivedAt!.Value;
        var category = intake.Category!.Value;
        var content = intake.Content!.Trim();
        var location = string.IsNullOrWhiteSpace(intake.Location) ? null : intake.Location.Trim();
        var linked = HotlineRules.SameIssueIds(await _open.CandidatesAsync(category, receivedAt.AddDays(-_options.SameIssueDays), ct),
            category, location, content, receivedAt, TimeSpan.FromDays(_options.SameIssueDays));

        return await WithShardAsync(null, async shard =>
        {
            var id = HotlineIds.New(receivedAt, shard);
            var call = new HotlineCall(id, intake.CallerName!.Trim(), intake.CallerPhone!.Trim(), receivedAt, category, content, location,
                operatorPerson.Id, intake.Disposition!.Value, intake.Answer?.Trim(), CallStatus.Closed) { LinkedCallIds = linked };
            var messages = new List<OutboundMessage>();
            switch (call.Disposition)
            {
                case Disposition.Answered:
                    call = call with { ClosedAt = now };
                    break;
                case Disposition.Assign:
                    call = call with { Status = CallStatus.Assigned, DepartmentId = intake.DepartmentId, DueAt = HotlineRules.DeadlineFor(category, receivedAt, calendar, _options.Deadlines) };
                    call = call with { ApprovalId = ApprovalEngine.NewId() };
                    messages.Add(_engine.StartMessage(ReplyRequest(org, call)));
                    break;
                default:
                    var leader = HotlineRules.ResponsibleLeader(org, intake.DepartmentId);
                    call = call with { Status = CallStatus.Escalated, DepartmentId = intake.DepartmentId, EscalatedToId = leader.Id, ApprovalId = ApprovalEngine.NewId() };
                    messages.Add(_engine.StartMessage(InstructionRequest(org, call, leader)));
                    break;
            }
            var reason = call.Disposition switch
            {
                Disposition.Answered => "当场答复并办结",
                Disposition.Assign => $"交办{org.FindDepartment(call.DepartmentId)!.Name}，期限 {call.DueAt!.Value.ToChina():yyyy-MM-dd HH:mm}",
                _ => $"重大、疑难问题，上报{org.Person(call.EscalatedToId!).DisplayName}批示（第三十七条）",
            } + (linked.Count > 0 ? $"；与 {string.Join("、", linked)} 为同一问题" : "");
            // Indexed before the commit (an idempotent upsert), so an open call can never be missing from the index that
            // links and chases it; an entry whose commit failed is dropped by the overdue timer.
            if (call.IsOpen) await _open.AddAsync(call, ct);
            return await CommitAsync(null, call, operatorPerson.Id, operatorPerson.Name, reason, messages, null, ct);
        }, ct);
    }

    public async Task<Stored<HotlineCall>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(HotlineIds.KeyOf(id), ct) ?? throw new NotFoundException(Bilingual.Text($"来电记录 {id} 不存在", $"call {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(HotlineIds.KeyOf(id), ct);

    /// <summary>The operator's call-back (回访): satisfied closes the call; unsatisfied reopens it to the same department.</summary>
    public async Task<Stored<HotlineCall>> CallbackAsync(Person operatorPerson, string id, bool satisfied, string? note, CancellationToken ct = default)
    {
        if (!HotlineRules.MayAnswerTheLine(operatorPerson))
            throw new AccessDeniedException(Bilingual.Text("只有接线员可以回访", "only hotline operators call back"));
        var org = await _organization.OrganizationAsync(ct);
        var calendar = await _organization.CalendarAsync(ct);
        return await ChangeAsync(id, (call, now) =>
        {
            var due = HotlineRules.DeadlineFor(call.Category, now, calendar, _options.Deadlines);
            var next = call.CalledBack(satisfied, note?.Trim(), now, due, satisfied ? null : ApprovalEngine.NewId());
            var messages = satisfied ? [] : new List<OutboundMessage> { _engine.StartMessage(ReplyRequest(org, next)) };
            return (next, satisfied ? "回访：满意，办结" : $"回访：不满意，重新交办{org.FindDepartment(call.DepartmentId)?.Name}" + (string.IsNullOrWhiteSpace(note) ? "" : $"（{note.Trim()}）"), messages);
        }, operatorPerson.Id, operatorPerson.Name, null, ct);
    }

    /// <summary>The handling department asks once for more working days; the office director approves (an engine decision step).</summary>
    public async Task<Stored<HotlineCall>> RequestExtensionAsync(Person caller, string id, int workingDays, string? reason, CancellationToken ct = default)
    {
        var errors = new FieldErrors().Required("reason", reason, "延期理由").MaxLength("reason", reason, 1000, "延期理由");
        if (workingDays is < 1 or > 30) errors.Add("workingDays", "延期天数应为1至30个工作日", "workingDays must be 1 to 30");
        errors.ThrowIfAny();
        var org = await _organization.OrganizationAsync(ct);
        return await ChangeAsync(id, (call, now) =>
        {
            if (caller.DepartmentId != call.DepartmentId)
                throw new AccessDeniedException(Bilingual.Text("只有承办部门可以申请延期", "only the handling department may ask for an extension"));
            var request = new ExtensionRequest(ApprovalEngine.NewId(), workingDays, reason!.Trim(), caller.Id);
            var next = call.RequestExtension(request);
            return (next, $"申请延期{workingDays}个工作日：{request.Reason}", [_engine.StartMessage(ExtensionApproval(org, next, request))]);
        }, caller.Id, caller.Name, null, ct);
    }

    /// <summary>The engine's completion: a reply recorded, an instruction given, an extension decided.</summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var org = await _organization.OrganizationAsync(ct);
        var calendar = await _organization.CalendarAsync(ct);
        var task = approval.Tasks.LastOrDefault(t => t.IsDecided);
        var actor = task is null ? Actor.System : ApprovalEngine.ActorFor(org, task);
        await ChangeAsync(approval.Request.SubjectId, (call, now) =>
        {
            if (call.PendingExtension?.ApprovalId == approval.Id)
            {
                var approved = approval.Status == ApprovalStatus.Approved;
                var due = calendar.DeadlineAfter(call.DueAt ?? now, call.PendingExtension.WorkingDays);
                return (call.ExtensionDecided(approved, due), approved ? $"延期获批，新期限 {due.ToChina():yyyy-MM-dd HH:mm}" : "延期未获批准", []);
            }
            if (call.ApprovalId != approval.Id || approval.Status != ApprovalStatus.Approved || approval.LastAnswer is not { } answer)
                return (null, "", []);
            if (call.Status == CallStatus.Escalated)
            {
                var due = answer.DueDate is { } d ? ChinaTime.At(d, calendar.Hours.Close) : HotlineRules.DeadlineFor(call.Category, now, calendar, _options.Deadlines);
                var next = call.Instructed(answer.Text, task!.ApproverId, answer.DepartmentId!, due, ApprovalEngine.NewId());
                return (next, $"领导批示：{answer.Text}；交办{org.FindDepartment(next.DepartmentId)!.Name}，期限 {due.ToChina():yyyy-MM-dd HH:mm}",
                    [_engine.StartMessage(ReplyRequest(org, next))]);
            }
            var replied = call.Replied(answer.Text, task!.DecidedAt!.Value);
            return (replied, $"部门答复：{answer.Text}" + (replied.RepliedOnTime == true ? "" : "（超期）"), []);
        }, actor.Id, actor.Name, messageId, ct);
    }

    /// <summary>
    /// Timer: assigned calls past their deadline. From the working day after the deadline the department head is reminded and
    /// the supervising leader copied; five working days later the call goes on the accountability list and the office is told.
    /// </summary>
    public async Task<int> ChaseOverdueAsync(CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var calendar = await _organization.CalendarAsync(ct);
        var acted = 0;
        foreach (var open in await _open.AllAsync(ct))
        {
            var stored = await Store.FindAsync(HotlineIds.KeyOf(open.Id), ct);
            if (stored is null || !stored.Value.IsOpen)
            {
                if (stored is null) TimerLog.Dangling(_log, Tables.HotlineOpen, open.Category.ToString(), open.Id);
                await _open.RemoveAsync(open, ct);
                continue;
            }
            var stage = HotlineRules.Overdue(stored.Value, now, calendar, _options.AccountabilityAfterWorkingDays);
            try
            {
                if (stage == HotlineRules.OverdueStage.Accountability && stored.Value.AccountableAt is null)
                {
                    await _accountability.AddAsync("hotline", stored.Value.Id, "第三十二条", // first: an idempotent row, so a failed mark is retried whole
                        new Dictionary<string, object?> { ["DepartmentId"] = stored.Value.DepartmentId, ["DueAt"] = stored.Value.DueAt }, ct: ct);
                    await ChangeAsync(open.Id, (c, at) => (c.MarkAccountable(at), "逾期未办结，列入问责清单（第三十二条）",
                        [NotificationService.Message(HotlineNotices.Accountability, $"hotline|{c.Id}|accountable", _clock, new HotlineNoticeData(c.Id))]),
                        Actor.System.Id, Actor.System.Name, null, ct);
                    acted++;
                }
                else if (stage != HotlineRules.OverdueStage.None && stored.Value.OverdueRemindedAt is null)
                {
                    await ChangeAsync(open.Id, (c, at) => (c.MarkOverdueReminded(at), "逾期催办，抄送分管领导",
                        [NotificationService.Message(HotlineNotices.Overdue, $"hotline|{c.Id}|overdue|{c.Reopened}", _clock, new HotlineNoticeData(c.Id))]),
                        Actor.System.Id, Actor.System.Name, null, ct);
                    acted++;
                }
            }
            catch (StateConflictException)
            {
                // Replied or changed meanwhile; the next run looks again.
            }
        }
        return acted;
    }

    /// <summary>Art. 37: each leader staffing the line is reminded on the working day before their shift.</summary>
    public async Task<int> RemindRosterAsync(CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        var calendar = await _organization.CalendarAsync(ct);
        var today = ChinaTime.Today(_clock);
        if (!calendar.IsWorkingDay(today)) return 0;
        var next = calendar.NextWorkingDay(today);
        var shifts = org.HotlineRoster.ShiftsBetween(today.AddDays(1), next).ToList();
        var notifications = await _storage.QueueAsync(Queues.Notifications);
        foreach (var shift in shifts)
        {
            var m = NotificationService.Message(HotlineNotices.RosterReminder, $"hotline|roster|{shift.Date:yyyyMMdd}", _clock,
                new RosterNoticeData(shift.Date, shift.LeaderId));
            await notifications.SendMessageAsync(m.Envelope.Serialize(), ct);
        }
        return shifts.Count;
    }

    public Task<CallCounts> MonthFiguresAsync(int year, int month, string key = CallCounts.All, CancellationToken ct = default) =>
        _counters.MonthAsync(year, month, _options.Shards, key, ct);

    public Task<IReadOnlyList<TableEntity>> AccountabilityListAsync(int year, int month, CancellationToken ct = default) =>
        _accountability.MonthAsync(year, month, ct);

    /// <summary>A change of one call with retries; a null next state means it no longer applies.</summary>
    private async Task<Stored<HotlineCall>> ChangeAsync(string id, Func<HotlineCall, DateTimeOffset, (HotlineCall? Next, string Reason, List<OutboundMessage> Messages)> change,
        string actorId, string actorName, string? messageId, CancellationToken ct)
    {
        var key = HotlineIds.KeyOf(id);
        if (!key.IsValid || !int.TryParse(key.Partition[^2..], out var shard) || shard >= _shards.Length)
            throw new NotFoundException(Bilingual.Text($"来电记录 {id} 不存在", $"call {id} not found"));
        return await WithShardAsync(shard, async _ =>
        {
            var stored = await GetAsync(id, ct);
            if (messageId is not null && await Store.WasHandledAsync(stored.Key, messageId, ct)) return stored;
            var (next, reason, messages) = change(stored.Value, _clock.GetUtcNow());
            if (next is null) return stored;
            var saved = await CommitAsync(stored, next, actorId, actorName, reason, messages, messageId, ct);
            if (!next.IsOpen) await _open.RemoveAsync(next, ct);
            return saved;
        }, ct);
    }

    private async Task<Stored<HotlineCall>> CommitAsync(Stored<HotlineCall>? current, HotlineCall next, string actorId, string actorName,
        string reason, IReadOnlyList<OutboundMessage> messages, string? messageId, CancellationToken ct)
    {
        var key = HotlineIds.KeyOf(next.Id);
        var counterActions = await _counters.ActionsAsync(key.Partition, CallCounts.Delta(current?.Value, next), ct);
        var history = new HistoryEntry(_clock.GetUtcNow(), actorId, actorName,
            current is null ? null : HotlineCall.StateName(current.Value.Status), HotlineCall.StateName(next.Status), reason);
        try
        {
            var saved = current is null
                ? await Store.CreateAsync(key, next, history, messages, messageId, counterActions.Select(a => a.Action), ct)
                : await Store.UpdateAsync(current, next, history, messages, messageId, counterActions.Select(a => a.Action), ct);
            _counters.Committed(key.Partition, counterActions.Select(a => (a.Key, a.After)).ToList(), saved.ExtraETags);
            return saved;
        }
        catch (StateConflictException)
        {
            _counters.Forget(key.Partition);
            throw;
        }
    }

    /// <summary>
    /// Runs a change holding this process's lock on one shard, so its cached counter rows stay current; a new call takes
    /// whichever shard is free. A conflict from another process (412) is retried with fresh counters.
    /// </summary>
    private async Task<T> WithShardAsync<T>(int? fixedShard, Func<int, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var shard = fixedShard ?? Random.Shared.Next(_shards.Length);
            if (fixedShard is null)
                for (var i = 0; i < _shards.Length && _shards[shard].CurrentCount == 0; i++) shard = (shard + 1) % _shards.Length;
            await _shards[shard].WaitAsync(ct);
            try
            {
                return await work(shard);
            }
            catch (StateConflictException) when (attempt < ConflictRetries)
            {
                LogConflict(attempt + 1);
            }
            finally
            {
                _shards[shard].Release();
            }
        }
    }

    private ApprovalRequest ReplyRequest(OrgChart org, HotlineCall call) =>
        new(call.ApprovalId!, Feature, call.Id, $"区长电话交办：{HotlineNotices.CategoryName(call.Category)}（{call.Id}）", call.OperatorId,
            HotlineNotices.Facts(org, call), [new StepSpec("承办部门办理并答复", StepKind.Single, [org.HeadOf(call.DepartmentId!).Id], ResponseKind.Reply)], [])
        { NotifyOutcome = false };

    private static ApprovalRequest InstructionRequest(OrgChart org, HotlineCall call, Person leader) =>
        new(call.ApprovalId!, Feature, call.Id, $"区长电话重大疑难问题请批示（{call.Id}）", call.OperatorId,
            HotlineNotices.Facts(org, call), [new StepSpec("主管领导批示", StepKind.Single, [leader.Id], ResponseKind.Instruction)], [])
        { NotifyOutcome = false };

    private static ApprovalRequest ExtensionApproval(OrgChart org, HotlineCall call, ExtensionRequest request) =>
        new(request.ApprovalId, Feature, call.Id, $"区长电话办理延期申请（{call.Id}）", request.RequestedById,
            [.. HotlineNotices.Facts(org, call), new Fact("申请延期", $"{request.WorkingDays}个工作日"), new Fact("延期理由", request.Reason)],
            [new StepSpec("区政府办公室审批", StepKind.Single, [org.OfficeDirector.Id])], []);

    [LoggerMessage(LogLevel.Information, "Hotline change conflicted with another writer; attempt {Attempt} follows")]
    private partial void LogConflict(int attempt);
}
