using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Notifications;
using GovFunctions.Organization;
using GovFunctions.Platform.Routing;
using GovFunctions.Platform.Storage;

namespace GovFunctions.Duty;

/// <summary>
/// 24-hour duty with a leader on duty (Art. 76). A log goes at once to the leader on duty at the moment it came in (the
/// duty roster changes at 08:30), as an engine task asking for an instruction in writing; an acting leader takes it while
/// that leader is away. Logs are kept per shift (PartitionKey = the shift's start date), which is what a handover reads.
/// </summary>
public sealed class DutyService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization, TimeProvider clock)
    : IApprovalSubject
{
    public const string Feature = "duty";

    string IApprovalSubject.Feature => Feature;

    public RecordStore<DutyLog> Store { get; } = new(storage, outbox, Tables.DutyLogs);

    public static string PartitionOf(DutyShift shift) => $"{shift.Start.ToChina():yyyyMMdd}";

    public static RecordKey KeyOf(string id) => new(id.Split('-')[0], id);

    public async Task<Stored<DutyLog>> RecordAsync(Person officer, DutyLogIntake intake, CancellationToken ct = default)
    {
        if (!DutyLog.MayKeepTheLog(officer))
            throw new AccessDeniedException(Bilingual.Text("只有值班人员可以登记值班记录（第七十六条）", "only duty staff keep the duty log (Art. 76)"));
        DutyLog.Validate(intake, clock.GetUtcNow());
        var org = await organization.OrganizationAsync(ct);
        var shift = org.DutyRoster.ShiftAt(intake.ReceivedAt!.Value);
        var id = $"{PartitionOf(shift)}-{Ids.Random(4)}";
        var log = new DutyLog(id, intake.Kind!.Value, intake.Source!.Trim(), intake.Content!.Trim(), intake.ReceivedAt.Value, officer.Id,
            shift.LeaderId, ApprovalEngine.NewId(), DutyLogStatus.AwaitingInstruction);
        var request = new ApprovalRequest(log.ApprovalId, Feature, id, $"值班{KindName(log.Kind)}请批示：{log.Source}", officer.Id, Facts(org, log),
            [new StepSpec("带班领导批示", StepKind.Single, [shift.LeaderId], ResponseKind.Reply)], []) { NotifyOutcome = false };
        return await Store.CreateAsync(KeyOf(id), log,
            new HistoryEntry(clock.GetUtcNow(), officer.Id, officer.Name, null, DutyLog.StateName(log.Status), $"登记并报告带班领导{org.Person(shift.LeaderId).Name}"),
            [engine.StartMessage(request)], ct: ct);
    }

    public async Task<Stored<DutyLog>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(KeyOf(id), ct) ?? throw new NotFoundException(Bilingual.Text($"值班记录 {id} 不存在", $"duty log {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(KeyOf(id), ct);

    public async Task<Stored<DutyLog>> CarriedOutAsync(Person person, string id, string? note, CancellationToken ct = default)
    {
        new FieldErrors().Required("note", note, "办理情况").MaxLength("note", note, 2000, "办理情况").ThrowIfAny();
        var stored = await GetAsync(id, ct);
        var next = stored.Value.CarriedOut(person.Id, note!.Trim(), clock.GetUtcNow());
        return await Store.UpdateAsync(stored, next, new HistoryEntry(clock.GetUtcNow(), person.Id, person.Name,
            DutyLog.StateName(stored.Value.Status), DutyLog.StateName(next.Status), $"按批示办理：{next.CarriedOutNote}"), ct: ct);
    }

    /// <summary>The leader's instruction, from the engine's completion of the log's task.</summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var task = approval.Tasks.LastOrDefault(t => t.Status == ApprovalTaskStatus.Answered);
        if (task is null) return;
        var actor = ApprovalEngine.ActorFor(await organization.OrganizationAsync(ct), task);
        await Store.ChangeAsync(KeyOf(approval.Request.SubjectId), log =>
        {
            if (log.Status != DutyLogStatus.AwaitingInstruction) return null;
            var next = log.Instructed(task.Answer!.Text, task.ApproverId, task.DecidedAt!.Value);
            return (next, new HistoryEntry(clock.GetUtcNow(), actor.Id, actor.Name,
                DutyLog.StateName(log.Status), DutyLog.StateName(next.Status),
                $"带班领导批示：{next.Instruction}"), []);
        }, messageId, ct: ct);
    }

    /// <summary>Timer at each shift change (08:30): the incoming officer and leader get the summary of the shift that ended.</summary>
    public async Task<bool> HandoverAsync(CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var ended = org.DutyRoster.ShiftAt(clock.GetUtcNow().AddMinutes(-5));
        var notifications = await storage.QueueAsync(Queues.Notifications);
        var m = NotificationService.Message(DutyNotices.Handover, $"duty|handover|{PartitionOf(ended)}", clock, new HandoverData(PartitionOf(ended), ended.Start));
        await notifications.SendMessageAsync(m.Envelope.Serialize(), ct);
        return true;
    }

    public async Task<IReadOnlyList<DutyLog>> ShiftLogsAsync(string partition, CancellationToken ct = default) =>
        (await Store.InPartitionAsync(partition, ct)).Select(s => s.Value).OrderBy(l => l.ReceivedAt).ToList();

    public static string KindName(DutyLogKind k) => k switch
    {
        DutyLogKind.Notice => "上级通知",
        DutyLogKind.Report => "下级报告",
        _ => "事项",
    };

    public static IReadOnlyList<Fact> Facts(OrgChart org, DutyLog l) =>
    [
        new("类别", KindName(l.Kind)),
        new("来文（来电）单位", l.Source),
        new("接收时间", ChinaTime.Text(l.ReceivedAt)),
        new("接收人", org.FindPerson(l.ReceivedById)?.Name ?? l.ReceivedById),
        new("内容", l.Content),
        new("带班领导", org.Person(l.LeaderOnDutyId).DisplayName),
        new("编号", l.Id),
    ];
}

public sealed record HandoverData(string Partition, DateTimeOffset ShiftStart);
