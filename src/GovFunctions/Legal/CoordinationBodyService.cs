using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Notifications;

namespace GovFunctions.Legal;

/// <summary>What recording an act of a coordination body posts: the kind of act and what it was.</summary>
public sealed record BodyActIntake(ForbiddenAct? Kind, string? Description);

/// <summary>The data of a coordination-body notification: which body.</summary>
public sealed record CoordinationBodyNotice(string BodyId);

/// <summary>
/// The register of deliberation and coordination bodies and temporary bodies (Art. 25) on the pipeline: the office registers
/// them; one no higher authority requires waits for the district head's approval (an engine step); a forbidden act is recorded
/// in the body's history and refused with 422 第二十五条; a timer chases dissolution after the expected end. This class is the
/// one place the body's events become messages (<see cref="MessagesOf"/>).
/// </summary>
public sealed partial class CoordinationBodyService : IApprovalSubject
{
    public const string Feature = "coordination-body";
    public const int MaxDescription = 2000;

    private readonly ApprovalEngine _engine;
    private readonly OrganizationStore _organization;
    private readonly LegalCaseOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<CoordinationBodyService> _log;

    public CoordinationBodyService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization,
        IOptions<LegalCaseOptions> options, ILogger<CoordinationBodyService> log)
    {
        _engine = engine;
        _organization = organization;
        _options = options.Value;
        _clock = outbox.Clock;
        _log = log;
        Store = new RecordStore<CoordinationBody>(storage, outbox, Tables.CoordinationBodies) { MessagesOf = MessagesOf };
    }

    public RecordStore<CoordinationBody> Store { get; }

    string IApprovalSubject.Feature => Feature;

    public static RecordKey KeyOf(string id) => RecordKey.Own(id);

    public async Task<Stored<CoordinationBody>> RegisterAsync(Person caller, CoordinationBodyIntake intake, CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        var now = _clock.GetUtcNow();
        var id = Ids.Dated("cb", now);
        var first = CoordinationBody.Register(id, ApprovalEngine.NewId(), intake, caller, org, now);
        var stored = await Store.CreateAsync(KeyOf(id), first, ActorOf(caller), ct: ct);
        LogRegistered(id, first.Next.StateName);
        return stored;
    }

    public async Task<Stored<CoordinationBody>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(KeyOf(id), ct)
        ?? throw new NotFoundException(Bilingual.Text($"议事协调机构 {id} 不存在", $"coordination body {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(KeyOf(id), ct);

    /// <summary>The register: every body, the newest first.</summary>
    public async Task<IReadOnlyList<CoordinationBody>> RegisterListAsync(CancellationToken ct = default)
    {
        var bodies = new List<CoordinationBody>();
        await foreach (var b in Store.WhereAsync(TableClient.CreateQueryFilter($"Version ge {0}"), ct)) bodies.Add(b.Value);
        return bodies.OrderByDescending(b => b.RegisteredAt).ToList();
    }

    /// <summary>
    /// A body may not sign contracts, borrow, guarantee, issue normative documents or take specific administrative acts: the
    /// attempt is committed to its history, then refused with 422 第二十五条.
    /// </summary>
    public async Task RefuseActAsync(Person caller, string id, BodyActIntake intake, CancellationToken ct = default)
    {
        await GetAsync(id, ct);
        var errors = new FieldErrors().MaxLength("description", intake.Description, MaxDescription, "事项说明");
        if (intake.Kind is null) errors.Add("kind", "请选择事项类型", "kind is required");
        errors.ThrowIfAny();
        await RefuseAsync(KeyOf(id), caller, intake.Kind!.Value, intake.Description, ct);
    }

    /// <summary>
    /// For the features that issue in someone's name (normative documents): when <paramref name="issuerId"/> names a coordination
    /// body, the attempt is recorded on it and refused with 422 第二十五条; any other issuer passes.
    /// </summary>
    public async Task RefuseIfBodyAsync(string? issuerId, Person by, ForbiddenAct act, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(issuerId) || await Store.FindAsync(KeyOf(issuerId.Trim()), ct) is null) return;
        await RefuseAsync(KeyOf(issuerId.Trim()), by, act, null, ct);
    }

    public async Task<Stored<CoordinationBody>> DissolveAsync(Person caller, string id, CancellationToken ct = default)
    {
        await GetAsync(id, ct);
        var org = await _organization.OrganizationAsync(ct);
        var applied = await Store.ApplyAsync(KeyOf(id), ActorOf(caller), s => s.Value.Dissolve(caller, org, _clock.GetUtcNow()), ct: ct);
        LogDissolved(id);
        return applied.Record;
    }

    /// <summary>The district head decided a proposed body (a redelivery, or a body dissolved meanwhile, changes nothing).</summary>
    public Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct) =>
        Store.ApplyOutcomeAsync(KeyOf(approval.Request.SubjectId), approval, messageId,
            b => b.Status == CoordinationBodyStatus.Proposed && b.ApprovalId == approval.Id
                ? b.Decided(approval.Id, approval.Status == ApprovalStatus.Approved)
                : null, ct: ct);

    /// <summary>Timer: after its expected end an active body's leader is reminded, after more working days the office; once each.
    /// </summary>
    public async Task<int> RemindDissolutionsAsync(CancellationToken ct = default)
    {
        var calendar = await _organization.CalendarAsync(ct);
        var keys = new List<RecordKey>();
        await foreach (var b in Store.WhereAsync(TableClient.CreateQueryFilter($"State eq {"active"}"), ct)) keys.Add(b.Key);
        return await Store.SweepAsync(keys, Actor.System,
            s => s.Value.Remind(_clock.GetUtcNow(), calendar, _options.DissolutionListAfterWorkingDays), _log, "CoordinationBodyReminders",
            ct);
    }

    private async Task RefuseAsync(RecordKey key, Person by, ForbiddenAct act, string? description, CancellationToken ct)
    {
        await Store.ApplyAsync(key, ActorOf(by), s => s.Value.RefuseAct(act, description, by, _clock.GetUtcNow()), ct: ct);
        LogRefused(key.Id, act.ToString());
        throw CoordinationBody.Violation(act);
    }

    /// <summary>The one place this feature's events become messages.</summary>
    private IEnumerable<OutboundMessage> MessagesOf(CoordinationBody b, IDomainEvent e) => e switch
    {
        BodyApprovalNeeded n => [_engine.StartMessage(new ApprovalRequest(n.ApprovalId, Feature, b.Id, $"设立议事协调机构：{b.Name}",
            b.RegisteredById, Facts(b), [new StepSpec("区长批准设立", StepKind.Single, [n.DistrictHeadId])], []))],
        DissolutionReminder r => [NotificationService.Message(CaseNotices.Dissolution,
            $"coordination-body|{b.Id}|{(r.ListedForOffice ? "office" : "leader")}", _clock, new CoordinationBodyNotice(b.Id))],
        _ => throw new InvalidOperationException($"no message for {e.GetType().Name}"),
    };

    public static IReadOnlyList<Fact> Facts(CoordinationBody b) =>
    [
        new("机构名称", b.Name),
        new("设立事由", b.Purpose),
        new("上级规定设立", b.RequiredByHigherAuthority ? "是" : "否"),
        new("预计完成工作日期", b.ExpectedEndDate.ToString("yyyy年M月d日")),
        new("编号", b.Id),
    ];

    private static Actor ActorOf(Person p) => new(p.Id, p.Name);

    [LoggerMessage(5400, LogLevel.Information, "Coordination body {BodyId} registered, {State}")]
    private partial void LogRegistered(string bodyId, string state);

    [LoggerMessage(5401, LogLevel.Warning, "Coordination body {BodyId}: a forbidden act ({Act}) was recorded and refused (Art. 25)")]
    private partial void LogRefused(string bodyId, string act);

    [LoggerMessage(5402, LogLevel.Information, "Coordination body {BodyId} dissolved")]
    private partial void LogDissolved(string bodyId);
}
