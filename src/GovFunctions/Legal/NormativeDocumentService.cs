using Azure;
using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Notifications;

namespace GovFunctions.Legal;

/// <summary>
/// Normative documents (Art. 21): legal review through the engine before publication, then filing with the district within
/// a set number of working days; a timer reminds before the deadline and flags a late filing on the accountability list.
/// Documents awaiting filing are indexed (<c>PendingFilings</c>), so the timer reads only those. Every change is a domain
/// transition applied by the record store; <see cref="MessagesOf"/> is the one place its events become messages.
/// </summary>
public sealed partial class NormativeDocumentService : IApprovalSubject
{
    private readonly StorageClients _storage;
    private readonly ApprovalEngine _engine;
    private readonly OrganizationStore _organization;
    private readonly AccountabilityList _accountability;
    private readonly CoordinationBodyService _bodies;
    private readonly LegalOptions _options;
    private readonly Scorecards.ProcedureCounters _counters;
    private readonly TimeProvider _clock;
    private readonly ILogger<NormativeDocumentService> _log;

    public NormativeDocumentService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization,
        AccountabilityList accountability, CoordinationBodyService bodies, IOptions<LegalOptions> options, TimeProvider clock,
        ILogger<NormativeDocumentService> log, Scorecards.ProcedureCounters counters)
    {
        (_storage, _engine, _organization, _accountability, _bodies, _options, _clock, _log) =
            (storage, engine, organization, accountability, bodies, options.Value, clock, log);
        _counters = counters; // the filed-on-time tally (第二十一条), committed with the filing or the late flag
        Store = new RecordStore<NormativeDocument>(storage, outbox, Tables.NormativeDocuments) { MessagesOf = MessagesOf };
    }

    public RecordStore<NormativeDocument> Store { get; }

    public string Feature => LegalMessages.DocumentFeature;

    public async Task<Stored<NormativeDocument>> CreateAsync(Person caller, DocumentIntake intake, CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        NormativeDocument.Validate(intake, org);
        if (caller.DepartmentId != intake.IssuingDepartmentId)
            throw new AccessDeniedException(Bilingual.Text("只有制定部门可以登记本部门的规范性文件",
                "only the issuing department registers its documents"));
        NormativeDocument.RequireWithinOneDepartment(intake);
        if (intake.IssuingBodyId is not null) // a blank one names nothing: refused by name, not dropped
        {
            // Only a coordination body can be named as the issuer besides the department, and it may not issue (Art. 25):
            // the attempt goes into the body's history and the answer is 422; the document is not registered.
            await _bodies.RefuseIfBodyAsync(intake.IssuingBodyId, caller, ForbiddenAct.NormativeDocument, ct); // 422 for a body
            throw ValidationException.For("issuingBodyId", "发文机构不存在", "issuingBodyId names no coordination body");
        }
        var now = _clock.GetUtcNow();
        var id = Ids.Dated("nd", now);
        return await Store.CreateAsync(RecordKey.Own(id), NormativeDocument.Register(id, intake, caller.Id, now), ActorOf(caller), ct: ct);
    }

    public async Task<Stored<NormativeDocument>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(RecordKey.Own(id), ct)
        ?? throw new NotFoundException(Bilingual.Text($"规范性文件 {id} 不存在", $"document {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) =>
        Store.HistoryAsync(RecordKey.Own(id), ct);

    public async Task<Stored<NormativeDocument>> SubmitAsync(Person caller, string id, CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        return await ApplyAsync(caller, id, d =>
        {
            RequireIssuer(caller, d);
            return d.SubmittedForReview(ApprovalEngine.NewId(), org, caller.Id);
        }, ct);
    }

    public async Task<Stored<NormativeDocument>> PublishAsync(Person caller, string id, CancellationToken ct = default)
    {
        var calendar = await _organization.CalendarAsync(ct);
        Transition<NormativeDocument> Publish(NormativeDocument d)
        {
            RequireIssuer(caller, d);
            var now = _clock.GetUtcNow();
            return d.Published(now, calendar.DeadlineAfter(now, _options.FilingWorkingDays));
        }
        Publish((await GetAsync(id, ct)).Value); // every check first (404, 403, the review's gate): a refused request writes nothing
        // Then indexed (idempotent) before the commit: a published document is never missing from what the filing timer reads; an
        // entry whose commit failed is dropped by the timer.
        var index = await _storage.TableAsync(Tables.PendingFilings);
        await index.UpsertEntityAsync(new TableEntity("pending", id), TableUpdateMode.Replace, ct);
        return await ApplyAsync(caller, id, Publish, ct);
    }

    public async Task<Stored<NormativeDocument>> FileAsync(Person caller, string id, CancellationToken ct = default)
    {
        var org = await _organization.OrganizationAsync(ct);
        var stored = await ApplyAsync(caller, id, d =>
        {
            if (caller.DepartmentId != d.IssuingDepartmentId && caller.DepartmentId != org.LegalOffice.Id)
                throw new AccessDeniedException(Bilingual.Text("由制定部门报送或法制机构登记备案",
                    "the issuing department or the legal affairs office records the filing"));
            return d.Filed(_clock.GetUtcNow());
        }, ct);
        await UnindexAsync(id, ct);
        return stored;
    }

    /// <summary>Timer: reminds the issuing department before the filing deadline and flags a late filing (Art. 21, 32).</summary>
    public async Task<int> ChaseFilingsAsync(CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow();
        var calendar = await _organization.CalendarAsync(ct);
        var index = await _storage.TableAsync(Tables.PendingFilings);
        var keys = new List<RecordKey>();
        await foreach (var row in index.QueryAsync<TableEntity>(cancellationToken: ct))
        {
            if (await Store.FindAsync(RecordKey.Own(row.RowKey), ct) is not { } stored)
            {
                TimerLog.Dangling(_log, Tables.PendingFilings, row.PartitionKey, row.RowKey);
                await index.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);
                continue;
            }
            var d = stored.Value;
            if (d.Status != DocumentStatus.Published)
            {
                await UnindexAsync(d.Id, ct);
                continue;
            }
            if (d.IsLateUnflagged(now)) // first: an idempotent row, so a failed mark is retried whole on the next run
                await _accountability.AddAsync(LegalMessages.LateFilingAccountability, d.Id, "第二十一条",
                    new Dictionary<string, object?> { ["DepartmentId"] = d.IssuingDepartmentId, ["DueAt"] = d.FilingDueAt }, ct: ct);
            keys.Add(RecordKey.Own(d.Id));
        }
        return await Store.SweepAsync(keys, Actor.System, s => s.Value.FilingChased(now, calendar, _options.FilingReminderWorkingDays),
            _log, "LegalDeadlines.Filings", ct, extra: _counters.DocumentRowsAsync);
    }

    /// <summary>The legal affairs office's review ended.</summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var passed = approval.Status == ApprovalStatus.Approved;
        var comment = approval.Tasks.LastOrDefault(t => t.IsDecided)?.Comment;
        var applied = await Store.ApplyOutcomeAsync(RecordKey.Own(approval.Request.SubjectId), approval, messageId,
            d => d.ReviewEnded(approval.Id, passed, comment), ct: ct);
        if (applied.Changed) LogReviewed(approval.Request.SubjectId, passed);
    }

    /// <summary>The one place this flow's events become messages.</summary>
    private IEnumerable<OutboundMessage> MessagesOf(NormativeDocument d, IDomainEvent e) => e switch
    {
        LegalReviewRequested r => [_engine.StartMessage(r.Request)],
        FilingReminderDue => [NotificationService.Message(LegalMessages.FilingDue, LegalMessages.FilingDueMailKey(d.Id), _clock,
            new LegalNoticeData(d.Id))],
        FilingLate => [NotificationService.Message(LegalMessages.FilingLate, LegalMessages.FilingLateMailKey(d.Id), _clock,
            new LegalNoticeData(d.Id))],
        DocumentRegistered or DocumentReviewed or DocumentPublished or DocumentFiled => [],
        _ => throw new InvalidOperationException($"no message for {e.GetType().Name}"),
    };

    private async Task UnindexAsync(string id, CancellationToken ct)
    {
        var index = await _storage.TableAsync(Tables.PendingFilings);
        try
        {
            await index.DeleteEntityAsync("pending", id, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            LogNotIndexed(id);
        }
    }

    private async Task<Stored<NormativeDocument>> ApplyAsync(Person caller, string id,
        Func<NormativeDocument, Transition<NormativeDocument>> change, CancellationToken ct) =>
        (await Store.ApplyAsync(RecordKey.Own(id), ActorOf(caller), s => change(s.Value), extra: _counters.DocumentRowsAsync,
            ct: ct)).Record;

    private static void RequireIssuer(Person caller, NormativeDocument d)
    {
        if (caller.DepartmentId != d.IssuingDepartmentId)
            throw new AccessDeniedException(Bilingual.Text("只有制定部门可以办理", "only the issuing department may do this"));
    }

    public static IReadOnlyList<Fact> Facts(OrgChart org, NormativeDocument d) => d.Facts(org);

    private static Actor ActorOf(Person p) => new(p.Id, p.Name);

    [LoggerMessage(5101, LogLevel.Information, "Normative document {DocumentId}: legal review ended, passed {Passed}")]
    private partial void LogReviewed(string documentId, bool passed);

    [LoggerMessage(5102, LogLevel.Debug, "Normative document {DocumentId} was not in the pending filings (already removed)")]
    private partial void LogNotIndexed(string documentId);
}
