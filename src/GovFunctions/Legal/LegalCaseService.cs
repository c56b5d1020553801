using GovFunctions.Approvals;
using GovFunctions.Notifications;
using GovFunctions.Supervision;

namespace GovFunctions.Legal;

/// <summary>What closing a case posts: the outcome (判决、撤销、撤回、和解 …) and a note.</summary>
public sealed record CaseCloseIntake(LegalCaseOutcome? Outcome, string? Text);

/// <summary>The data of a legal-case notification: which case, and for a defence reminder the days before.</summary>
public sealed record LegalCaseNotice(string CaseId, int DaysBefore);

/// <summary>
/// Cases in which the district government is respondent or defendant (Art. 24) on the pipeline: the legal affairs office
/// registers and leads them; the departments concerned answer through the engine (a countersign of written replies, acting
/// persons included), whose end records every answer here; the defence clock and the outcome are data; a lost case opens a
/// rectification item in supervision. This class is the one place the case's events become messages (<see cref="MessagesOf"/>).
/// </summary>
public sealed partial class LegalCaseService : IApprovalSubject
{
    public const string Feature = "legal-case";

    private readonly ApprovalEngine _engine;
    private readonly OrganizationStore _organization;
    private readonly LegalCaseOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<LegalCaseService> _log;

    public LegalCaseService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization,
        IOptions<LegalCaseOptions> options, ILogger<LegalCaseService> log)
    {
        _engine = engine;
        _organization = organization;
        _options = options.Value;
        _clock = outbox.Clock;
        _log = log;
        Store = new RecordStore<LegalCase>(storage, outbox, Tables.LegalCases) { MessagesOf = MessagesOf };
    }

    public RecordStore<LegalCase> Store { get; }

    string IApprovalSubject.Feature => Feature;

    public static RecordKey KeyOf(string id) => RecordKey.Own(id);

    public async Task<Stored<LegalCase>> RegisterAsync(Person caller, LegalCaseIntake intake, CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        var calendar = await _organization.CalendarAsync(ct);
        var now = _clock.GetUtcNow();
        var id = Ids.Dated("lc", now);
        var first = LegalCase.Register(id, ApprovalEngine.NewId(), intake, caller, org, now, _options.DefenceDays, calendar);
        var stored = await Store.CreateAsync(KeyOf(id), first, ActorOf(caller), ct: ct);
        LogRegistered(id, first.Next.Kind.ToString(), first.Next.ParticipantDepartmentIds.Count);
        return stored;
    }

    public async Task<Stored<LegalCase>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(KeyOf(id), ct) ?? throw new NotFoundException(Bilingual.Text($"案件 {id} 不存在", $"case {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(KeyOf(id), ct);

    public async Task<Stored<LegalCase>> FileDefenceAsync(Person caller, string id, CancellationToken ct = default)
    {
        await GetAsync(id, ct);
        var org = await _organization.OrganizationAsync(ct);
        return (await Store.ApplyAsync(KeyOf(id), ActorOf(caller), s => s.Value.FileDefence(caller, org, _clock.GetUtcNow()), ct: ct))
            .Record;
    }

    /// <summary>Closes the case with its outcome: 422 第二十四条 while a participating department has not answered.</summary>
    public async Task<Stored<LegalCase>> CloseAsync(Person caller, string id, CaseCloseIntake intake, CancellationToken ct = default)
    {
        await GetAsync(id, ct);
        if (intake.Outcome is not { } outcome) throw ValidationException.For("outcome", "请选择结案结果", "outcome is required");
        var org = await _organization.OrganizationAsync(ct);
        var applied = await Store.ApplyAsync(KeyOf(id), ActorOf(caller),
            s => s.Value.Close(caller, org, outcome, intake.Text, _clock.GetUtcNow()), ct: ct);
        LogClosed(id, outcome.ToString(), applied.Record.Value.RectificationOwnerId);
        return applied.Record;
    }

    /// <summary>The participation step ended: every department's answer is recorded (a redelivery changes nothing).</summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var org = await _organization.OrganizationAsync(ct);
        var applied = await Store.ApplyOutcomeAsync(KeyOf(approval.Request.SubjectId), approval, messageId,
            c => c.ParticipationEnded(approval.Id, AnswersOf(approval, c, org)), ct: ct);
        LogAnswersRecorded(approval.Request.SubjectId, applied.Changed);
    }

    /// <summary>The defence clock's daily run: each open case's due reminders, once each (the mail through the outbox).</summary>
    public async Task<int> RemindDefencesAsync(CancellationToken ct = default)
    {
        var calendar = await _organization.CalendarAsync(ct);
        var keys = new List<RecordKey>();
        var open = Azure.Data.Tables.TableClient.CreateQueryFilter($"State eq {"open"}");
        await foreach (var c in Store.WhereAsync(open, ct))
            if (c.Value.Kind == LegalCaseKind.Litigation && c.Value.DefenceFiledAt is null) keys.Add(c.Key);
        return await Store.SweepAsync(keys, Actor.System, s => s.Value.RemindDefence(_clock.GetUtcNow(), _options.ReminderDays, calendar),
            _log, "LegalCaseDefenceReminders", ct);
    }

    /// <summary>Each answered reply task names the department whose head (or their acting person) answered it.</summary>
    private static IEnumerable<ParticipantAnswer> AnswersOf(Approval approval, LegalCase c, OrgChart org) =>
        from t in approval.Tasks
        where t.Status == ApprovalTaskStatus.Answered && t.Answer is not null
        from d in c.ParticipantDepartmentIds
        where org.HeadOf(d).Id == t.AddressedToId
        select new ParticipantAnswer(d, t.ApproverId, t.Answer!.Text, t.DecidedAt ?? approval.CompletedAt ?? approval.CreatedAt);

    /// <summary>The one place this feature's events become messages.</summary>
    private IEnumerable<OutboundMessage> MessagesOf(LegalCase c, IDomainEvent e) => e switch
    {
        ParticipationRequested p => [_engine.StartMessage(ParticipationRequest(c, p))],
        DefenceReminderDue r =>
            [NotificationService.Message(CaseNotices.DefenceDue, $"legal-case|{c.Id}|defence|{r.DaysBefore}", _clock,
                new LegalCaseNotice(c.Id, r.DaysBefore))],
        RectificationNeeded r => [SupervisionService.FromLegalCase(new SupervisionService.CaseLost(c.Id, c.Summary, r.OwnerDepartmentId,
            ChinaTime.DateOf(c.ClosedAt ?? _clock.GetUtcNow()), _options.RectificationMonths), _clock)],
        DefenceFiled or CaseClosed => [],
        _ => throw new InvalidOperationException($"no message for {e.GetType().Name}"),
    };

    /// <summary>The reply step: its outcome mail is left out (the case, not an approval, is what the office follows).</summary>
    private static ApprovalRequest ParticipationRequest(LegalCase c, ParticipationRequested p) =>
        new(p.ApprovalId, Feature, c.Id, $"应诉（被申请复议）案件参与意见：{Shorten(c.Summary)}", c.RegisteredById,
            [.. Facts(c, p.DepartmentNames)],
            [new StepSpec("参与部门提交事实、证据材料和意见", StepKind.Countersign, p.HeadIds, ResponseKind.Reply)], [])
        { NotifyOutcome = false };

    public static IReadOnlyList<Fact> Facts(LegalCase c, IEnumerable<string> departmentNames) =>
    [
        new("案件类型", KindName(c.Kind)),
        new("案情摘要", c.Summary),
        new("参与部门", string.Join("、", departmentNames)),
        .. c.ServedAt is { } served ? [new Fact("起诉状副本送达", ChinaTime.DayText(served))] : Array.Empty<Fact>(),
        .. c.DefenceDueAt is { } due ? [new Fact("答辩期限", ChinaTime.DayText(due))] : Array.Empty<Fact>(),
        new("编号", c.Id),
    ];

    public static string KindName(LegalCaseKind kind) => kind == LegalCaseKind.Litigation ? "行政诉讼（区政府为被告）" : "行政复议（区政府为被申请人）";

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;

    private static Actor ActorOf(Person p) => new(p.Id, p.Name);

    [LoggerMessage(5300, LogLevel.Information, "Legal case {CaseId} registered ({Kind}), {Departments} department(s) asked to take part")]
    private partial void LogRegistered(string caseId, string kind, int departments);

    [LoggerMessage(5301, LogLevel.Information, "Legal case {CaseId}: participation ended, answers recorded: {Changed}")]
    private partial void LogAnswersRecorded(string caseId, bool changed);

    [LoggerMessage(5302, LogLevel.Information, "Legal case {CaseId} closed ({Outcome}); rectification owner {Owner}")]
    private partial void LogClosed(string caseId, string outcome, string? owner);
}
