using GovFunctions.Approvals;

namespace GovFunctions.Duty;

/// <summary>Art. 76: notices from higher authorities, reports from lower levels, and other matters reported to the government.</summary>
public enum DutyLogKind { Notice, Report, Other }

public enum DutyLogStatus { AwaitingInstruction, Instructed, CarriedOut }

/// <summary>What the duty officer typed.</summary>
public sealed record DutyLogIntake(DutyLogKind? Kind, string? Source, string? Content, DateTimeOffset? ReceivedAt);

/// <summary>
/// A duty log (值班记录, Art. 76): what came in, from whom, when and who received it; reported at once to the leader on
/// duty (带班领导), whose instruction is recorded through their email link and then carried out. Transitions, each in the history:
/// <code>
/// Record         → awaitingInstruction         (the leader on duty is asked for an instruction, an engine step)
/// Instructed     awaitingInstruction → instructed
/// CarriedOut     instructed → carriedOut
/// </code>
/// </summary>
public sealed record DutyLog(
    string Id,
    DutyLogKind Kind,
    string Source,
    string Content,
    DateTimeOffset ReceivedAt,
    string ReceivedById,
    string LeaderOnDutyId,
    string ApprovalId,
    DutyLogStatus Status) : IStateful
{
    /// <summary>The name approvals of duty logs carry (<see cref="ApprovalRequest.Feature"/>).</summary>
    public const string Feature = "duty";

    public string? Instruction { get; init; }
    public string? InstructedById { get; init; }
    public DateTimeOffset? InstructedAt { get; init; }
    public string? CarriedOutById { get; init; }
    public string? CarriedOutNote { get; init; }
    public DateTimeOffset? CarriedOutAt { get; init; }

    /// <summary>The supervised item the leader's instruction opened (列入督办), when they asked for one.</summary>
    public string? SupervisedItemId { get; init; }

    public static string StateName(DutyLogStatus s) => s switch
    {
        DutyLogStatus.AwaitingInstruction => "awaitingInstruction",
        DutyLogStatus.Instructed => "instructed",
        _ => "carriedOut",
    };

    string IStateful.StateName => StateName(Status);

    /// <summary>Logs are kept per shift: the partition is the date the shift began, in China Standard Time.</summary>
    public static string PartitionOf(DutyShift shift) => $"{shift.Start.ToChina():yyyyMMdd}";

    /// <summary>
    /// The first state of a log (登记): only duty staff keep the log (403), every wrong field is named (400); the log goes to
    /// the leader on duty at the moment it came in, who is asked for an instruction in writing.
    /// </summary>
    /// <param name="approvalId">The id of the engine step that asks the leader.</param>
    public static Transition<DutyLog> Record(DutyLogIntake intake, Person officer, OrgChart org, string approvalId, DateTimeOffset now)
    {
        if (!MayKeepTheLog(officer))
            throw new AccessDeniedException(Bilingual.Text("只有值班人员可以登记值班记录（第七十六条）", "only duty staff keep the duty log (Art. 76)"));
        Validate(intake, now);
        var shift = org.DutyRoster.ShiftAt(intake.ReceivedAt!.Value);
        var log = new DutyLog($"{PartitionOf(shift)}-{Ids.Random(4)}", intake.Kind!.Value, intake.Source!.Trim(), intake.Content!.Trim(),
            intake.ReceivedAt.Value, officer.Id, shift.LeaderId, approvalId, DutyLogStatus.AwaitingInstruction);
        var ask = new ApprovalRequest(approvalId, Feature, log.Id, $"值班{KindName(log.Kind)}请批示：{log.Source}", officer.Id,
            log.FactsFor(org),
            [new StepSpec("带班领导批示", StepKind.Single, [shift.LeaderId], ResponseKind.Reply) { OffersSupervision = true }], [])
        {
            NotifyOutcome = false,
        };
        return Transition<DutyLog>.To(log, $"登记并报告带班领导{org.Person(shift.LeaderId).Name}", new DutyLogRecorded(log.Id, ask));
    }

    /// <summary>
    /// The leader's instruction; when they asked for it to be supervised (列入督办, 第三十条), the log names the item it opens,
    /// owned by the department chosen on the page, due on the date given there.
    /// </summary>
    public Transition<DutyLog> Instructed(string instruction, string leaderId, DateTimeOffset at,
        (string DepartmentId, DateOnly DueDate)? supervise = null)
    {
        if (Status != DutyLogStatus.AwaitingInstruction)
            throw new StateConflictException(Bilingual.Text("该记录已有批示", "this log already has an instruction"));
        var next = this with { Status = DutyLogStatus.Instructed, Instruction = instruction, InstructedById = leaderId, InstructedAt = at };
        if (supervise is not var (dept, due))
            return Transition<DutyLog>.To(next, $"带班领导批示：{instruction}", new DutyLogInstructed(Id, leaderId));
        return Transition<DutyLog>.To(next with { SupervisedItemId = Supervision.SupervisionRules.ItemIdFor(dept, Id) },
            $"带班领导批示：{instruction}；列入督办", new DutyLogInstructed(Id, leaderId),
            new Supervision.InstructionSupervised(Id, $"值班{KindName(Kind)}（{Source}）：{Content}", dept, due, leaderId));
    }

    /// <summary>The instruction carried out, and by whom.</summary>
    public Transition<DutyLog> CarriedOut(string personId, string note, DateTimeOffset at) => Status == DutyLogStatus.Instructed
        ? Transition<DutyLog>.To(
            this with { Status = DutyLogStatus.CarriedOut, CarriedOutById = personId, CarriedOutNote = note, CarriedOutAt = at },
            $"按批示办理：{note}", new DutyLogCarriedOut(Id, personId))
        : throw new StateConflictException(Bilingual.Text("须先有带班领导的批示，才能登记办理结果", "only an instructed log can be marked carried out"));

    public static void Validate(DutyLogIntake i, DateTimeOffset now)
    {
        var errors = new FieldErrors()
            .Required("source", i.Source, "来文（来电）单位").MaxLength("source", i.Source, 200, "来文（来电）单位")
            .Required("content", i.Content, "内容").MaxLength("content", i.Content, 4000, "内容")
            .Received("receivedAt", i.ReceivedAt, now, 7, "接收时间");
        if (i.Kind is null) errors.Add("kind", "请选择类别：上级通知、下级报告或其他", "kind is required: notice, report or other");
        errors.ThrowIfAny();
    }

    /// <summary>Who may keep the duty log: the duty officers, and the office director who runs the duty system.</summary>
    public static bool MayKeepTheLog(Person p) => p.Role is Role.DutyOfficer or Role.OfficeDirector;

    public static string KindName(DutyLogKind k) => k switch
    {
        DutyLogKind.Notice => "上级通知",
        DutyLogKind.Report => "下级报告",
        _ => "事项",
    };

    /// <summary>What the leader on duty is shown.</summary>
    public IReadOnlyList<Fact> FactsFor(OrgChart org) =>
    [
        new("类别", KindName(Kind)),
        new("来文（来电）单位", Source),
        new("接收时间", ChinaTime.Text(ReceivedAt)),
        new("接收人", org.FindPerson(ReceivedById)?.Name ?? ReceivedById),
        new("内容", Content),
        new("带班领导", org.Person(LeaderOnDutyId).DisplayName),
        new("编号", Id),
    ];
}

/// <summary>A log was recorded: the leader on duty is asked for an instruction (<paramref name="Instruction"/>, an engine step).</summary>
public sealed record DutyLogRecorded(string LogId, ApprovalRequest Instruction) : IDomainEvent;

public sealed record DutyLogInstructed(string LogId, string LeaderId) : IDomainEvent;

public sealed record DutyLogCarriedOut(string LogId, string PersonId) : IDomainEvent;
