using System.Security.Cryptography;
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

namespace GovFunctions.Legal;

public sealed record ProposalIntake(string? Proposal);
public sealed record ExtensionIntake(string? Reason);

/// <summary>
/// Administrative reconsideration (Art. 23–24): the legal affairs office accepts and proposes; the executive deputy then the
/// district head sign off through the engine (acting persons included); the statutory clock has one approved extension and
/// reminders before it runs out.
/// </summary>
public sealed class ReconsiderationService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization,
    IOptions<LegalOptions> options, TimeProvider clock, ILogger<ReconsiderationService> log) : IApprovalSubject
{
    public const string Feature = "reconsideration";

    public RecordStore<Reconsideration> Store { get; } = new(storage, outbox, Tables.Reconsiderations);
    string IApprovalSubject.Feature => Feature;

    public async Task<Stored<Reconsideration>> AcceptAsync(Person caller, ReconsiderationIntake intake, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        RequireLegalOffice(caller, org);
        Reconsideration.Validate(intake, clock.GetUtcNow());
        var id = Ids.Dated("rc", intake.AcceptedAt!.Value);
        var r = new Reconsideration(id, intake.Applicant!.Trim(), intake.Respondent!.Trim(), intake.Request!.Trim(), intake.AcceptedAt.Value, caller.Id,
            Reconsideration.DeadlineFrom(intake.AcceptedAt.Value, options.Value.ReconsiderationDays), ReconsiderationStatus.Accepted);
        return await Store.CreateAsync(RecordKey.Own(id), r, History(new Actor(caller.Id, caller.Name), null, r.Status,
            $"区政府法制机构受理，法定期限至 {r.DeadlineAt.ToChina():yyyy-MM-dd}（第二十三条）"), ct: ct);
    }

    public async Task<Stored<Reconsideration>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(RecordKey.Own(id), ct) ?? throw new NotFoundException(Bilingual.Text($"复议案件 {id} 不存在", $"case {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(RecordKey.Own(id), ct);

    /// <summary>The legal affairs office's proposed decision goes to the executive deputy, then the district head (Art. 23).</summary>
    public async Task<Stored<Reconsideration>> ProposeAsync(Person caller, string id, string? proposal, CancellationToken ct = default)
    {
        new FieldErrors().Required("proposal", proposal, "复议决定意见").MaxLength("proposal", proposal, 8000, "复议决定意见").ThrowIfAny();
        var org = await organization.OrganizationAsync(ct);
        RequireLegalOffice(caller, org);
        return await ChangeAsync(id, caller, r =>
        {
            var approvalId = ApprovalEngine.NewId();
            var next = r.Proposed(proposal!.Trim(), approvalId);
            var request = new ApprovalRequest(approvalId, Feature, r.Id, $"行政复议决定签批：{r.Applicant}诉{r.Respondent}", caller.Id,
                [.. Facts(next), new Fact("复议决定意见", next.Proposal!)],
                [new StepSpec("常务副区长审批", StepKind.Single, [org.ExecutiveDeputy.Id]), new StepSpec("区长签发", StepKind.Single, [org.DistrictHead.Id])], []);
            return (next, "提出复议决定意见，报常务副区长、区长审批签发", [engine.StartMessage(request)]);
        }, ct);
    }

    /// <summary>One extension of the statutory time limit, approved by the district head.</summary>
    public async Task<Stored<Reconsideration>> RequestExtensionAsync(Person caller, string id, string? reason, CancellationToken ct = default)
    {
        new FieldErrors().Required("reason", reason, "延期理由").MaxLength("reason", reason, 2000, "延期理由").ThrowIfAny();
        var org = await organization.OrganizationAsync(ct);
        RequireLegalOffice(caller, org);
        return await ChangeAsync(id, caller, r =>
        {
            var approvalId = ApprovalEngine.NewId();
            var next = r.ExtensionRequested(approvalId, reason!.Trim());
            var request = new ApprovalRequest(approvalId, Feature, r.Id, $"行政复议延期审批：{r.Applicant}诉{r.Respondent}", caller.Id,
                [.. Facts(r), new Fact("延期", $"{options.Value.ReconsiderationExtensionDays}日"), new Fact("理由", next.ExtensionReason!)],
                [new StepSpec("区长批准延期", StepKind.Single, [org.DistrictHead.Id])], []);
            return (next, $"申请延长复议期限{options.Value.ReconsiderationExtensionDays}日：{next.ExtensionReason}", [engine.StartMessage(request)]);
        }, ct);
    }

    /// <summary>Timer: reminds the legal affairs office and the executive deputy the configured days before the deadline.</summary>
    public async Task<int> RemindDeadlinesAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var table = await Store.TableAsync();
        var sent = 0;
        var filter = TableClient.CreateQueryFilter($"State ne {"decided"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            if (await Store.FindAsync(RecordKey.Own(row.PartitionKey), ct) is not { } stored)
            {
                TimerLog.Dangling(log, Tables.Reconsiderations, row.PartitionKey, row.RowKey); // not a record's row: left alone, skipped
                continue;
            }
            var r = stored.Value;
            var daysLeft = ChinaTime.DateOf(r.DeadlineAt).DayNumber - ChinaTime.Today(clock).DayNumber;
            var due = options.Value.ReminderDays.Where(d => daysLeft <= d && !r.RemindedDaysBefore.Contains(d)).OrderBy(d => d).ToList();
            if (due.Count == 0 || r.Status == ReconsiderationStatus.Decided) continue;
            try
            {
                var next = due.Aggregate(r, (x, d) => x.Reminded(d));
                await Store.UpdateAsync(stored, next, History(Actor.System, r.Status, r.Status, $"复议期限届满前{due[0]}日提醒"),
                    [NotificationService.Message(LegalNotices.ReconsiderationDeadline, $"reconsideration|{r.Id}|{r.DeadlineAt:yyyyMMdd}|{due[0]}", clock, new LegalNoticeData(r.Id))], ct: ct);
                sent++;
            }
            catch (StateConflictException) { }
        }
        return sent;
    }

    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var approved = approval.Status == ApprovalStatus.Approved;
        var comment = approval.Tasks.LastOrDefault(t => t.IsDecided)?.Comment;
        // The extension and the sign-off are separate approvals that may end at the same moment: a conflict is retried here.
        await Store.ChangeAsync(RecordKey.Own(approval.Request.SubjectId), r =>
        {
            var (next, reason) = r.ExtensionApprovalId == approval.Id && !r.Extended
                ? (r.ExtensionDecided(approval.Id, approved, options.Value.ReconsiderationExtensionDays),
                    approved ? "区长批准延长复议期限" : "延期未获批准")
                : r.SignOffApprovalId == approval.Id && r.Status == ReconsiderationStatus.InSignOff
                    ? (r.SignedOff(approval.Id, approved, comment, clock.GetUtcNow()),
                        approved ? "常务副区长、区长审批签发，复议决定作出" : $"签批未通过，退回法制机构：{comment}")
                    : (null, "");
            if (next is null) return null;
            return (next with { RemindedDaysBefore = next.DeadlineAt != r.DeadlineAt ? [] : next.RemindedDaysBefore },
                History(Actor.System, r.Status, next.Status, reason), []);
        }, messageId, ct: ct);
    }

    private Task<Stored<Reconsideration>> ChangeAsync(string id, Person caller, Func<Reconsideration, (Reconsideration Next, string Reason, List<OutboundMessage> Messages)> change,
        CancellationToken ct) =>
        Store.ChangeAsync(RecordKey.Own(id), current =>
        {
            var (next, reason, messages) = change(current);
            return (next, History(new Actor(caller.Id, caller.Name), current.Status, next.Status, reason), messages);
        }, ct: ct);

    private static void RequireLegalOffice(Person caller, OrgChart org)
    {
        if (!Reconsideration.MayHandle(caller, org))
            throw new AccessDeniedException(Bilingual.Text("行政复议由区政府法制机构受理、办理（第二十三条）", "the legal affairs office handles reconsideration (Art. 23)"));
    }

    public static IReadOnlyList<Fact> Facts(Reconsideration r) =>
    [
        new("申请人", r.Applicant),
        new("被申请人", r.Respondent),
        new("复议请求", r.Request),
        new("受理时间", ChinaTime.DayText(r.AcceptedAt)),
        new("法定期限", ChinaTime.DayText(r.DeadlineAt) + (r.Extended ? "（已延期）" : "")),
        new("编号", r.Id),
    ];

    private HistoryEntry History(Actor actor, ReconsiderationStatus? from, ReconsiderationStatus to, string reason) =>
        new(clock.GetUtcNow(), actor.Id, actor.Name, from is { } f ? Reconsideration.StateName(f) : null, Reconsideration.StateName(to), reason);
}
