using GovFunctions.Accountability;
using GovFunctions.Approvals;
using GovFunctions.Notifications;
using GovFunctions.Platform.Routing;

namespace GovFunctions.Supervision;

/// <summary>What a staff action posts (API.md): progress <c>text</c>, <c>percent</c>, <c>needsCoordination</c>; verification
/// <c>accepted</c>, <c>reason</c>; an extension <c>dueDate</c>, <c>reason</c>.</summary>
public sealed record SupervisionAction(
    string? Text, int? Percent, bool NeedsCoordination, bool? Accepted, string? Reason, DateOnly? DueDate);

/// <summary>
/// Supervised items (督查督办, Art. 30, 32) on the pipeline: every change is a domain transition applied by the record store,
/// whose events become messages here (<see cref="MessagesOf"/>); the engine decides extensions and tells this feature.
/// </summary>
public sealed partial class SupervisionService : IQueueHandler, IApprovalSubject
{
    public const string Feature = "supervision";
    public const string AccountabilityType = "supervision.accountability";

    /// <summary>A decision was adopted or amended: its implementation becomes supervised work (Art. 30).</summary>
    public const string FromDecisionType = "supervision.from-decision";

    /// <summary>What the decision feature tells supervision when a decision is adopted.</summary>
    public sealed record DecisionAdopted(string DecisionId, string Title, string SponsorDepartmentId,
        IReadOnlyList<string> ConsultDepartmentIds, DateOnly AdoptedOn);

    /// <summary>
    /// The item a decision opens has an id derived from the decision, so the decision names it and a redelivery finds it.
    /// </summary>
    public static string ItemIdForDecision(string sponsorDepartmentId, string decisionId) => ItemIdFor(sponsorDepartmentId, decisionId);

    /// <summary>The item a source (a decision, a lost case) opens: <c>{ownerDepartmentId}.{sourceId}</c>.</summary>
    public static string ItemIdFor(string ownerDepartmentId, string sourceId) => SupervisionRules.ItemIdFor(ownerDepartmentId, sourceId);

    /// <summary>A leader asked for their instruction (批示) to be supervised (a hotline escalation, a duty log).</summary>
    public const string FromInstructionType = "supervision.from-instruction";

    public static OutboundMessage FromInstruction(InstructionSupervised instructed, TimeProvider clock) =>
        new(Queues.ApprovalRouting, QueueEnvelope.Create(FromInstructionType, instructed.SourceId, clock, instructed));

    public static OutboundMessage FromDecision(DecisionAdopted adopted, TimeProvider clock) =>
        new(Queues.ApprovalRouting, QueueEnvelope.Create(FromDecisionType, adopted.DecisionId, clock, adopted));

    /// <summary>A case against the district government was lost (Art. 24): its rectification becomes supervised work.</summary>
    public const string FromLegalCaseType = "supervision.from-legal-case";

    /// <summary>What the legal-case feature tells supervision when a case is lost; <c>Months</c>: the rectification period.</summary>
    public sealed record CaseLost(string CaseId, string Summary, string OwnerDepartmentId, DateOnly LostOn, int Months);

    public static OutboundMessage FromLegalCase(CaseLost lost, TimeProvider clock) =>
        new(Queues.ApprovalRouting, QueueEnvelope.Create(FromLegalCaseType, lost.CaseId, clock, lost));

    private readonly OrganizationStore _organization;
    private readonly ApprovalEngine _engine;
    private readonly AccountabilityService _accountability;
    private readonly SupervisionCounters _counters;
    private readonly SupervisionLinkIssuer _links;
    private readonly SupervisionOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SupervisionService> _log;

    public SupervisionService(StorageClients storage, Outbox outbox, OrganizationStore organization, ApprovalEngine engine,
        AccountabilityService accountability, SupervisionCounters counters, SupervisionLinkIssuer links,
        IOptions<SupervisionOptions> options, TimeProvider clock, ILogger<SupervisionService> log)
    {
        _counters = counters;
        _links = links;
        _organization = organization;
        _engine = engine;
        _accountability = accountability;
        _options = options.Value;
        _clock = clock;
        _log = log;
        Store = new RecordStore<SupervisedItem>(storage, outbox, Tables.SupervisedItems) { MessagesOf = MessagesOf };
    }

    public RecordStore<SupervisedItem> Store { get; }

    public string TypePrefix => Feature + ".";

    string IApprovalSubject.Feature => Feature;

    /// <summary>An item lives in its owner department's partition; its id names it: <c>{departmentId}.{random}</c>.</summary>
    public static RecordKey KeyOf(string id) => id.LastIndexOf('.') is > 0 and var cut ? new(id[..cut], id) : new("", id);

    public static string NewId(string ownerDepartmentId) =>
        $"{ownerDepartmentId}.{Ids.Random(5)}";

    public async Task<Stored<SupervisedItem>> RegisterAsync(Person caller, SupervisionIntake intake, CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        var now = _clock.GetUtcNow();
        var registration = SupervisionRules.Validate(intake, caller, org, ChinaTime.DateOf(now), _options.ProposalHandlingMonths);
        var id = NewId(registration.OwnerDepartmentId);
        var first = SupervisedItem.Register(id, registration, caller, now).WithLinks(await _links.IssuerAsync(ct), now);
        var stored = await Store.CreateAsync(KeyOf(id), first, ActorOf(caller), ct: ct);
        LogRegistered(id, registration.Source.ToString(), registration.OwnerDepartmentId);
        return stored;
    }

    public async Task<Stored<SupervisedItem>> GetAsync(string id, CancellationToken ct = default) =>
        (KeyOf(id).IsValid ? await Store.FindAsync(KeyOf(id), ct) : null)
        ?? throw new NotFoundException(Bilingual.Text($"督办事项 {id} 不存在", $"supervised item {id} not found"));

    /// <summary>A staff action on an item (API.md: acknowledge, progress, complete, verify, extension).</summary>
    public async Task<Stored<SupervisedItem>> ActAsync(Person caller, string id, string action, SupervisionAction body,
        CancellationToken ct = default)
    {
        await GetAsync(id, ct);
        var org = await _organization.OrganizationAsync(ct);
        Func<SupervisedItem, DateTimeOffset, Transition<SupervisedItem>> act = action switch
        {
            "acknowledge" => (item, now) => item.Acknowledge(caller, now),
            "progress" => (item, now) =>
            {
                SupervisionRules.ValidateProgress(body.Text, body.Percent);
                return item.ReportProgress(caller, body.Text!.Trim(), body.Percent!.Value, body.NeedsCoordination, now);
            }
            ,
            "complete" => (item, now) =>
            {
                SupervisionRules.ValidateCompletion(body.Text);
                return item.Complete(caller, body.Text!.Trim(), now);
            }
            ,
            "verify" => (item, now) => body.Accepted is { } accepted
                ? item.Verify(caller, accepted, body.Reason?.Trim(), org, now)
                : throw ValidationException.For("accepted", "请选择复核结果", "accepted is required"),
            "extension" => (item, now) =>
            {
                new FieldErrors().Required("reason", body.Reason, "延期理由")
                    .MaxLength("reason", body.Reason, SupervisionRules.MaxText, "延期理由").ThrowIfAny();
                if (body.DueDate is not { } to)
                    throw ValidationException.For("dueDate", "请填写延期后的期限", "dueDate is required");
                if (to > ChinaTime.DateOf(now).AddYears(SupervisionRules.MaxYearsAhead))
                    throw ValidationException.For("dueDate", "延期后的期限过远", "dueDate is too far ahead");
                return item.RequestExtension(caller, to, body.Reason!.Trim(), ApprovalEngine.NewId(), org, now);
            }
            ,
            _ => throw new NotFoundException(Bilingual.Text("没有这项操作", $"no action {action}")),
        };
        var applied = await ApplyAsync(KeyOf(id), ActorOf(caller), s => act(s.Value, _clock.GetUtcNow()), ct: ct);
        return applied.Record;
    }

    /// <summary>
    /// Supervision's routing messages: a decision adopted, a case lost or an instruction to supervise (each opens its item), an
    /// item to list for accountability, and the engine's decision on an extension. A redelivery changes nothing.
    /// </summary>
    public async Task HandleAsync(QueueEnvelope message, CancellationToken ct = default)
    {
        if (message.Type == FromDecisionType)
        {
            await OpenForDecisionAsync(message.DataAs<DecisionAdopted>(), message.Id, ct);
            return;
        }
        if (message.Type == FromLegalCaseType)
        {
            var lost = message.DataAs<CaseLost>();
            await OpenFromSourceAsync(ItemIdFor(lost.OwnerDepartmentId, lost.CaseId), org => SupervisionRules.FromLegalCase(
                lost.CaseId, lost.Summary, lost.OwnerDepartmentId, lost.LostOn, lost.Months, org), "败诉（被撤销）案件，整改列入督办（第二十四条）",
                message.Id, ct);
            return;
        }
        if (message.Type == FromInstructionType)
        {
            var i = message.DataAs<InstructionSupervised>();
            await OpenFromSourceAsync(ItemIdFor(i.DepartmentId, i.SourceId), org => SupervisionRules.FromInstruction(i, org),
                "领导批示列入督办（第三十条）", message.Id, ct);
            return;
        }
        if (message.Type == AccountabilityType)
        {
            var item = (await GetAsync(message.Subject, ct)).Value;
            var org = await _organization.OrganizationAsync(ct);
            await _accountability.ListAsync(Feature, item.Id, item.DueDate.ToString("yyyyMMdd"), item.Title, AccountabilityEntry.Article32,
                org.HeadOf(item.OwnerDepartmentId).Id, org.Office.Id, message.CreatedAt, ct);
            return;
        }
        throw new InvalidDataException($"unknown supervision message type {message.Type}");
    }

    /// <summary>The supervising leader decided an extension (the engine's step).</summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var comment = approval.Tasks.LastOrDefault(t => t.IsDecided)?.Comment;
        await ApplyAsync(KeyOf(approval.Request.SubjectId), Actor.System, s => s.Value.PendingExtension?.ApprovalId == approval.Id
                ? s.Value.ExtensionDecidedBy(approval.Id, approval.Status == ApprovalStatus.Approved, comment)
                : null, messageId, ct);
    }

    private Task OpenForDecisionAsync(DecisionAdopted d, string messageId, CancellationToken ct) =>
        OpenFromSourceAsync(ItemIdForDecision(d.SponsorDepartmentId, d.DecisionId), org => SupervisionRules.FromDecision(d.DecisionId,
            d.Title, d.SponsorDepartmentId, d.ConsultDepartmentIds, d.AdoptedOn, _options.DecisionImplementationMonths, org),
            "重大行政决策通过，其落实列入督办（第三十条）", messageId, ct);

    /// <summary>
    /// An item its source opens, with an id derived from the source and the message marked handled: a redelivery finds it and
    /// opens nothing more.
    /// </summary>
    private async Task OpenFromSourceAsync(string id, Func<OrgChart, SupervisionRegistration> registration, string reason,
        string handledMessageId, CancellationToken ct)
    {
        if (await Store.FindAsync(KeyOf(id), ct) is not null) return; // a redelivery: opened already
        var r = registration(await _organization.OrganizationAsync(ct));
        try
        {
            var now = _clock.GetUtcNow();
            await Store.CreateAsync(KeyOf(id), SupervisedItem.Register(id, r, Actor.System.Id, now, reason)
                .WithLinks(await _links.IssuerAsync(ct), now), Actor.System, handledMessageId, ct: ct);
            LogRegistered(id, r.Source.ToString(), r.OwnerDepartmentId);
        }
        catch (StateConflictException)
        {
            LogOpenedMeanwhile(id); // a concurrent delivery opened it first
        }
    }

    /// <summary>
    /// Every change of an item: through the pipeline, with the links its next state needs and the scorecard counters it moves
    /// in the same transaction.
    /// </summary>
    public async Task<Applied<SupervisedItem>> ApplyAsync(RecordKey key, Actor actor,
        Func<Stored<SupervisedItem>, Transition<SupervisedItem>?> change, string? handledMessageId = null,
        CancellationToken ct = default)
    {
        var issuer = await _links.IssuerAsync(ct);
        return await Store.ApplyAsync(key, actor, s => change(s)?.WithLinks(issuer, _clock.GetUtcNow()), handledMessageId,
            (current, t) => _counters.ActionsAsync(key.Partition, current.Value, t.Next, ct), ct);
    }

    /// <summary>The one place this feature's events become messages.</summary>
    private IEnumerable<OutboundMessage> MessagesOf(SupervisedItem item, IDomainEvent e) => e switch
    {
        ItemAssigned =>
        [
            Notice(SupervisionNotices.Assigned, item, "assigned"),
            .. item.CoDepartmentIds.Select(d => Notice(SupervisionNotices.CoAssigned, item, $"assigned|{d}", department: d)),
        ],
        LinksIssued l => [Notice(SupervisionNotices.Links, item, $"links|{l.DepartmentId}|{l.LinkIds[0]}", department: l.DepartmentId)],
        ProgressReported { NeedsCoordination: true } p =>
            [Notice(SupervisionNotices.Coordination, item, $"coordination|{item.Progress.Count}|{p.DepartmentId}")],
        ProgressReported => [],
        CompletionReported => [Notice(SupervisionNotices.CompletionReported, item, $"completed|{item.Completions.Count}")],
        CompletionReturned => [Notice(SupervisionNotices.Returned, item, $"returned|{item.Completions.Count}")],
        ItemClosed => [Notice(SupervisionNotices.Closed, item, "closed")],
        ExtensionRequested r => [_engine.StartMessage(ExtensionRequest(item, r))],
        ExtensionDecided => [Notice(SupervisionNotices.ExtensionDecided, item, $"extension|{item.Extensions.Count}")],
        WarningRaised { Stage: WarningStage.Accountability } w =>
        [
            Notice(SupervisionNotices.Warning, item, w.Key, w.Stage),
            new OutboundMessage(Queues.ApprovalRouting, QueueEnvelope.Create(AccountabilityType, item.Id, _clock)),
        ],
        WarningRaised { Stage: WarningStage.YellowReport or WarningStage.YellowBehind } w =>
            [
                Notice(SupervisionNotices.Warning, item, w.Key, w.Stage),
                Notice(SupervisionNotices.WarningCopy, item, $"{w.Key}|cc", w.Stage),
            ],
        WarningRaised w => [Notice(SupervisionNotices.Warning, item, w.Key, w.Stage)],
        _ => throw new InvalidOperationException($"no message for {e.GetType().Name}"),
    };

    private OutboundMessage Notice(string type, SupervisedItem item, string occurrence, WarningStage? stage = null,
        string? department = null) =>
        NotificationService.Message(type, $"supervision|{item.Id}|{occurrence}", _clock, new SupervisionNotice(item.Id, stage, department));

    private static ApprovalRequest ExtensionRequest(SupervisedItem item, ExtensionRequested r)
    {
        var extension = item.Extensions[^1];
        return new ApprovalRequest(r.ApprovalId, Feature, item.Id, $"督办事项延期：{item.Title}", extension.RequestedById,
            [new Fact("督办事项", item.Title), new Fact("现期限", $"{extension.From:yyyy年M月d日}"),
                new Fact("申请延期至", $"{extension.To:yyyy年M月d日}"), new Fact("延期理由", extension.Reason),
                new Fact("已获批延期次数", item.Extensions.Count(x => x.State == ExtensionState.Granted).ToString())],
            [new StepSpec("延期审批", StepKind.Single, [r.ApproverId])], []);
    }

    private static Actor ActorOf(Person p) => new(p.Id, p.Name);

    [LoggerMessage(1001, LogLevel.Information, "Supervised item {ItemId} registered from {Source}, owner {Department}")]
    private partial void LogRegistered(string itemId, string source, string department);

    [LoggerMessage(1002, LogLevel.Information, "Supervised item {ItemId} was opened by a concurrent delivery; nothing more opened")]
    private partial void LogOpenedMeanwhile(string itemId);
}

/// <summary>The data of a supervision notification: which item, and for a warning, its stage.</summary>
public sealed record SupervisionNotice(string ItemId, WarningStage? Stage = null, string? DepartmentId = null);
