namespace GovFunctions.Duty;

/// <summary>Art. 76: notices from higher authorities, reports from lower levels, and other matters reported to the government.</summary>
public enum DutyLogKind { Notice, Report, Other }

public enum DutyLogStatus { AwaitingInstruction, Instructed, CarriedOut }

/// <summary>What the duty officer typed.</summary>
public sealed record DutyLogIntake(DutyLogKind? Kind, string? Source, string? Content, DateTimeOffset? ReceivedAt);

/// <summary>
/// A duty log (值班记录, Art. 76): what came in, from whom, when and who received it; reported at once to the leader on
/// duty (带班领导), whose instruction is recorded through their email link and then carried out.
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
    DutyLogStatus Status)
{
    public string? Instruction { get; init; }
    public string? InstructedById { get; init; }
    public DateTimeOffset? InstructedAt { get; init; }
    public string? CarriedOutById { get; init; }
    public string? CarriedOutNote { get; init; }
    public DateTimeOffset? CarriedOutAt { get; init; }

    public static string StateName(DutyLogStatus s) => s switch
    {
        DutyLogStatus.AwaitingInstruction => "awaitingInstruction",
        DutyLogStatus.Instructed => "instructed",
        _ => "carriedOut",
    };

    public DutyLog Instructed(string instruction, string leaderId, DateTimeOffset at) => Status == DutyLogStatus.AwaitingInstruction
        ? this with { Status = DutyLogStatus.Instructed, Instruction = instruction, InstructedById = leaderId, InstructedAt = at }
        : throw new StateConflictException(Bilingual.Text("该记录已有批示", "this log already has an instruction"));

    /// <summary>The instruction carried out, and by whom.</summary>
    public DutyLog CarriedOut(string personId, string note, DateTimeOffset at) => Status == DutyLogStatus.Instructed
        ? this with { Status = DutyLogStatus.CarriedOut, CarriedOutById = personId, CarriedOutNote = note, CarriedOutAt = at }
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
}
