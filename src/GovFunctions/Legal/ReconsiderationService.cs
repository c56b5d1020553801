using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Notifications;

namespace GovFunctions.Legal;

public sealed record ProposalIntake(string? Proposal);
public sealed record ExtensionIntake(string? Reason);

/// <summary>
/// Administrative reconsideration (Art. 23–24): the legal affairs office accepts and proposes; the executive deputy then the
/// district head sign off through the engine (acting persons included); the statutory clock has one approved extension and
/// reminders before it runs out. Every change is a domain transition applied by the record store; <see cref="MessagesOf"/>
/// is the one place its events become messages.
/// </summary>
public sealed partial class ReconsiderationService : IApprovalSubject
{
    private readonly ApprovalEngine _engine;
    private readonly OrganizationStore _organization;
    private readonly LegalOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ReconsiderationService> _log;

    public ReconsiderationService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization,
        IOptions<LegalOptions> options, TimeProvider clock, ILogger<ReconsiderationService> log)
    {
        (_engine, _organization, _options, _clock, _log) = (engine, organization, options.Value, clock, log);
        Store = new RecordStore<Reconsideration>(storage, outbox, Tables.Reconsiderations) { MessagesOf = MessagesOf };
    }

    public RecordStore<Reconsideration> Store { get; }

    public string Feature => LegalMessages.ReconsiderationFeature;

    public async Task<Stored<Reconsideration>> AcceptAsync(Person caller, ReconsiderationIntake intake, CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        RequireLegalOffice(caller, org);
        Reconsideration.Validate(intake, _clock.GetUtcNow());
        var id = Ids.Dated("rc", intake.AcceptedAt!.Value);
        return await Store.CreateAsync(RecordKey.Own(id), Reconsideration.Accept(id, intake, caller.Id, _options.ReconsiderationDays),
            ActorOf(caller), ct: ct);
    }

    public async Task<Stored<Reconsideration>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(RecordKey.Own(id), ct)
        ?? throw new NotFoundException(Bilingual.Text($"复议案件 {id} 不存在", $"case {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) =>
        Store.HistoryAsync(RecordKey.Own(id), ct);

    /// <summary>The legal affairs office's proposed decision goes to the executive deputy, then the district head (Art. 23).</summary>
    public async Task<Stored<Reconsideration>> ProposeAsync(Person caller, string id, string? proposal, CancellationToken ct = default)
    {
        new FieldErrors().Required("proposal", proposal, "复议决定意见").MaxLength("proposal", proposal, 8000, "复议决定意见").ThrowIfAny();
        var org = await _organization.OrganizationAsync(ct);
        RequireLegalOffice(caller, org);
        return await ApplyAsync(caller, id, r => r.Proposed(proposal!.Trim(), ApprovalEngine.NewId(), org, caller.Id), ct);
    }

    /// <summary>One extension of the statutory time limit, approved by the district head.</summary>
    public async Task<Stored<Reconsideration>> RequestExtensionAsync(Person caller, string id, string? reason,
        CancellationToken ct = default)
    {
        new FieldErrors().Required("reason", reason, "延期理由").MaxLength("reason", reason, 2000, "延期理由").ThrowIfAny();
        var org = await _organization.OrganizationAsync(ct);
        RequireLegalOffice(caller, org);
        return await ApplyAsync(caller, id, r => r.ExtensionRequested(ApprovalEngine.NewId(), reason!.Trim(),
            _options.ReconsiderationExtensionDays, org, caller.Id), ct);
    }

    /// <summary>Timer: reminds the legal affairs office and the executive deputy the configured days before the deadline.</summary>
    public async Task<int> RemindDeadlinesAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.Today(_clock);
        var due = new List<RecordKey>();
        await foreach (var s in Store.WhereAsync(TableClient.CreateQueryFilter($"State ne {"decided"}"), ct))
            if (s.Value.Reminded(_options.ReminderDays, today) is not null) due.Add(RecordKey.Own(s.Id));
        return await Store.SweepAsync(due, Actor.System, s => s.Value.Reminded(_options.ReminderDays, today), _log,
            "LegalDeadlines.Reconsiderations", ct);
    }

    /// <summary>The extension or the sign-off ended: separate approvals that may end at the same moment (the store retries).</summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var approved = approval.Status == ApprovalStatus.Approved;
        var comment = approval.Tasks.LastOrDefault(t => t.IsDecided)?.Comment;
        var applied = await Store.ApplyOutcomeAsync(RecordKey.Own(approval.Request.SubjectId), approval, messageId,
            r => r.ApprovalEnded(approval.Id, approved, comment, _clock.GetUtcNow(), _options.ReconsiderationExtensionDays), ct: ct);
        if (applied.Changed) LogApprovalEnded(approval.Request.SubjectId, approval.Id, approved);
    }

    /// <summary>The one place this flow's events become messages.</summary>
    private IEnumerable<OutboundMessage> MessagesOf(Reconsideration r, IDomainEvent e) => e switch
    {
        SignOffRequested s => [_engine.StartMessage(s.Request)],
        ExtensionApprovalRequested x => [_engine.StartMessage(x.Request)],
        DeadlineNear n => [NotificationService.Message(LegalMessages.ReconsiderationDeadline,
            LegalMessages.DeadlineMailKey(r.Id, n.DeadlineAt, n.DaysBefore), _clock, new LegalNoticeData(r.Id))],
        CaseAccepted or CaseDecided or ProposalReturned or ExtensionResolved => [],
        _ => throw new InvalidOperationException($"no message for {e.GetType().Name}"),
    };

    private async Task<Stored<Reconsideration>> ApplyAsync(Person caller, string id,
        Func<Reconsideration, Transition<Reconsideration>> change, CancellationToken ct) =>
        (await Store.ApplyAsync(RecordKey.Own(id), ActorOf(caller), s => change(s.Value), ct: ct)).Record;

    private static void RequireLegalOffice(Person caller, OrgChart org)
    {
        if (!Reconsideration.MayHandle(caller, org))
            throw new AccessDeniedException(Bilingual.Text("行政复议由区政府法制机构受理、办理（第二十三条）",
                "the legal affairs office handles reconsideration (Art. 23)"));
    }

    public static IReadOnlyList<Fact> Facts(Reconsideration r) => r.Facts();

    private static Actor ActorOf(Person p) => new(p.Id, p.Name);

    [LoggerMessage(5201, LogLevel.Information, "Reconsideration {CaseId}: approval {ApprovalId} ended, approved {Approved}")]
    private partial void LogApprovalEnded(string caseId, string approvalId, bool approved);
}
