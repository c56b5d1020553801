using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Notifications;
using GovFunctions.Organization;
using GovFunctions.Platform.Routing;
using GovFunctions.Platform.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovFunctions.Legal;

/// <summary>
/// Normative documents (Art. 21): legal review through the engine before publication, then filing with the district within
/// a set number of working days; a timer reminds before the deadline and flags a late filing on the accountability list.
/// Documents awaiting filing are indexed (<c>PendingFilings</c>), so the timer reads only those.
/// </summary>
public sealed class NormativeDocumentService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization,
    AccountabilityList accountability, IOptions<LegalOptions> options, TimeProvider clock, ILogger<NormativeDocumentService> log)
    : IApprovalSubject
{
    public const string Feature = "normative-document";

    public RecordStore<NormativeDocument> Store { get; } = new(storage, outbox, Tables.NormativeDocuments);
    string IApprovalSubject.Feature => Feature;

    public async Task<Stored<NormativeDocument>> CreateAsync(Person caller, DocumentIntake intake, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        NormativeDocument.Validate(intake, org);
        if (caller.DepartmentId != intake.IssuingDepartmentId)
            throw new AccessDeniedException(Bilingual.Text("只有制定部门可以登记本部门的规范性文件", "only the issuing department registers its documents"));
        NormativeDocument.RequireWithinOneDepartment(intake);
        var now = clock.GetUtcNow();
        var id = Ids.Dated("nd", now);
        var doc = new NormativeDocument(id, intake.Title!.Trim(), intake.Summary!.Trim(), intake.IssuingDepartmentId!,
            (intake.TouchedDepartmentIds ?? []).Distinct().ToList(), (intake.JointDepartmentIds ?? []).Distinct().ToList(), caller.Id, now, DocumentStatus.Draft);
        return await Store.CreateAsync(RecordKey.Own(id), doc, History(new Actor(caller.Id, caller.Name), null, doc.Status, "登记规范性文件"), ct: ct);
    }

    public async Task<Stored<NormativeDocument>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(RecordKey.Own(id), ct) ?? throw new NotFoundException(Bilingual.Text($"规范性文件 {id} 不存在", $"document {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(RecordKey.Own(id), ct);

    public async Task<Stored<NormativeDocument>> SubmitAsync(Person caller, string id, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        return await ChangeAsync(id, caller, d =>
        {
            RequireIssuer(caller, d);
            var approvalId = ApprovalEngine.NewId();
            var request = new ApprovalRequest(approvalId, Feature, d.Id, $"规范性文件发布前审核：{d.Title}", caller.Id, Facts(org, d),
                [new StepSpec("区政府法制机构审核", StepKind.Single, [org.HeadOf(org.LegalOffice.Id).Id])], []);
            return (d.SubmittedForReview(approvalId), "提交区政府法制机构审核（第二十一条）", [engine.StartMessage(request)]);
        }, ct);
    }

    public async Task<Stored<NormativeDocument>> PublishAsync(Person caller, string id, CancellationToken ct = default)
    {
        var calendar = await organization.CalendarAsync(ct);
        (NormativeDocument, string, List<OutboundMessage>) Publish(NormativeDocument d)
        {
            RequireIssuer(caller, d);
            var now = clock.GetUtcNow();
            var next = d.Published(now, calendar.DeadlineAfter(now, options.Value.FilingWorkingDays));
            return (next, $"发布，须于 {next.FilingDueAt!.Value.ToChina():yyyy-MM-dd} 前报区政府备案", []);
        }
        Publish((await GetAsync(id, ct)).Value); // every check first (404, 403, the review's gate): a refused request writes nothing
        // Then indexed (idempotent) before the commit: a published document is never missing from what the filing timer reads; an
        // entry whose commit failed is dropped by the timer.
        var index = await storage.TableAsync(Tables.PendingFilings);
        await index.UpsertEntityAsync(new TableEntity("pending", id), TableUpdateMode.Replace, ct);
        return await ChangeAsync(id, caller, Publish, ct);
    }

    public async Task<Stored<NormativeDocument>> FileAsync(Person caller, string id, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var stored = await ChangeAsync(id, caller, d =>
        {
            if (caller.DepartmentId != d.IssuingDepartmentId && caller.DepartmentId != org.LegalOffice.Id)
                throw new AccessDeniedException(Bilingual.Text("由制定部门报送或法制机构登记备案", "the issuing department or the legal affairs office records the filing"));
            var next = d.Filed(clock.GetUtcNow());
            return (next, next.FiledOnTime == true ? "报区政府备案" : "逾期报区政府备案", []);
        }, ct);
        await UnindexAsync(id, ct);
        return stored;
    }

    /// <summary>Timer: reminds the issuing department before the filing deadline and flags a late filing (Art. 21, 32).</summary>
    public async Task<int> ChaseFilingsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var calendar = await organization.CalendarAsync(ct);
        var index = await storage.TableAsync(Tables.PendingFilings);
        var acted = 0;
        await foreach (var row in index.QueryAsync<TableEntity>(cancellationToken: ct))
        {
            if (await Store.FindAsync(RecordKey.Own(row.RowKey), ct) is not { } stored)
            {
                TimerLog.Dangling(log, Tables.PendingFilings, row.PartitionKey, row.RowKey);
                await index.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);
                continue;
            }
            var d = stored.Value;
            if (d.Status != DocumentStatus.Published) { await UnindexAsync(d.Id, ct); continue; }
            var due = d.FilingDueAt!.Value;
            try
            {
                if (now > due && d.LateFlaggedAt is null)
                {
                    await accountability.AddAsync("normativeDocument", d.Id, "第二十一条", // first: an idempotent row, so a failed mark is retried whole
                        new Dictionary<string, object?> { ["DepartmentId"] = d.IssuingDepartmentId, ["DueAt"] = due }, ct: ct);
                    await Store.UpdateAsync(stored, d.MarkLate(now), History(Actor.System, d.Status, d.Status, "逾期未报备案，列入问责清单"),
                        [NotificationService.Message(LegalNotices.FilingLate, $"normative|{d.Id}|late", clock, new LegalNoticeData(d.Id))], ct: ct);
                    acted++;
                }
                else if (now <= due && d.FilingRemindedAt is null
                         && calendar.WorkingDaysBetween(ChinaTime.DateOf(now), ChinaTime.DateOf(due)) <= options.Value.FilingReminderWorkingDays)
                {
                    await Store.UpdateAsync(stored, d.MarkFilingReminded(now), History(Actor.System, d.Status, d.Status, "提醒报区政府备案"),
                        [NotificationService.Message(LegalNotices.FilingDue, $"normative|{d.Id}|due", clock, new LegalNoticeData(d.Id))], ct: ct);
                    acted++;
                }
            }
            catch (StateConflictException) { }
        }
        return acted;
    }

    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var passed = approval.Status == ApprovalStatus.Approved;
        var comment = approval.Tasks.LastOrDefault(t => t.IsDecided)?.Comment;
        await Store.ChangeAsync(RecordKey.Own(approval.Request.SubjectId), d =>
        {
            if (d.LegalReview.ApprovalId != approval.Id || d.Status != DocumentStatus.InLegalReview) return null;
            var next = d.Reviewed(approval.Id, passed, comment);
            var reason = (passed ? "法制审核通过" : "法制审核未通过") + (comment is null ? "" : $"：{comment}");
            return (next, History(Actor.System, d.Status, next.Status, reason), []);
        }, messageId, ct: ct);
    }

    private async Task UnindexAsync(string id, CancellationToken ct)
    {
        var index = await storage.TableAsync(Tables.PendingFilings);
        try { await index.DeleteEntityAsync("pending", id, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    private Task<Stored<NormativeDocument>> ChangeAsync(string id, Person caller, Func<NormativeDocument, (NormativeDocument Next, string Reason, List<OutboundMessage> Messages)> change,
        CancellationToken ct) =>
        Store.ChangeAsync(RecordKey.Own(id), current =>
        {
            var (next, reason, messages) = change(current);
            return (next, History(new Actor(caller.Id, caller.Name), current.Status, next.Status, reason), messages);
        }, ct: ct);

    private static void RequireIssuer(Person caller, NormativeDocument d)
    {
        if (caller.DepartmentId != d.IssuingDepartmentId)
            throw new AccessDeniedException(Bilingual.Text("只有制定部门可以办理", "only the issuing department may do this"));
    }

    public static IReadOnlyList<Fact> Facts(OrgChart org, NormativeDocument d) =>
    [
        new("文件名称", d.Title),
        new("制定部门", org.FindDepartment(d.IssuingDepartmentId)?.Name ?? d.IssuingDepartmentId),
        new("主要内容", d.Summary),
        new("联合制定部门", d.JointDepartmentIds.Count == 0 ? "无" : string.Join("、", d.JointDepartmentIds.Select(x => org.FindDepartment(x)?.Name ?? x))),
        new("编号", d.Id),
    ];

    private HistoryEntry History(Actor actor, DocumentStatus? from, DocumentStatus to, string reason) =>
        new(clock.GetUtcNow(), actor.Id, actor.Name, from is { } f ? NormativeDocument.StateName(f) : null, NormativeDocument.StateName(to), reason);
}
