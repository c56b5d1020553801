namespace GovFunctions.Leave;

public enum LeaveStatus { Pending, Approved, Rejected, Withdrawn, Returned }

/// <summary>
/// A leave or travel request (Art. 74, 75): time, destination, contact and, for department heads, the acting person.
/// Its id begins with the applicant's id, so all of one person's requests share a partition with their ledger.
/// </summary>
public sealed record LeaveRequest(
    string Id,
    string ApplicantId,
    DateTimeOffset Start,
    DateTimeOffset End,
    string Destination,
    string Contact,
    string? Reason,
    string? ActingPersonId,
    IReadOnlyList<string> ApproverIds,
    string? ApprovalId,
    LeaveStatus Status,
    DateTimeOffset CreatedAt)
{
    public DateTimeOffset? DecidedAt { get; init; }
    public DateTimeOffset? ReturnedAt { get; init; }
    public string? ReturnNote { get; init; }
    public DateTimeOffset? ReturnReminderSentAt { get; init; }
    public DateTimeOffset? OfficeToldNotReturnedAt { get; init; }

    /// <summary>The district head's own travel: recorded, not approved (Art. 4).</summary>
    public bool IsRecordOnly => ApprovalId is null;

    public static string StateName(LeaveStatus s) => s.ToString().ToLowerInvariant();

    public static string PartitionOf(string id) => id.Split('.')[0];

    public static string NewId(string applicantId, DateTimeOffset now) =>
        $"{applicantId}.{now.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}.{Ids.Random(3)}";

    public LeaveRequest Decide(bool approved, DateTimeOffset now) => Status == LeaveStatus.Pending
        ? this with { Status = approved ? LeaveStatus.Approved : LeaveStatus.Rejected, DecidedAt = now }
        : throw new StateConflictException(Bilingual.Text("该请假申请已办结", "the request is no longer pending"));

    public LeaveRequest Withdraw(DateTimeOffset now) => Status == LeaveStatus.Pending
        ? this with { Status = LeaveStatus.Withdrawn, DecidedAt = now }
        : throw new StateConflictException(Bilingual.Text("只能在最终审批前撤回", "a request can be withdrawn only before its final approval"));

    /// <summary>销假: the official reports back after an approved leave.</summary>
    public LeaveRequest Return(DateTimeOffset now, string? note) => Status == LeaveStatus.Approved
        ? this with { Status = LeaveStatus.Returned, ReturnedAt = now, ReturnNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim() }
        : throw new StateConflictException(Bilingual.Text("只有已批准的请假才能销假", "only an approved leave can be reported back"));

    /// <summary>The working day after the end date the official is reminded to report back; a day later the office is told.</summary>
    public LeaveRequest MarkReturnReminded(DateTimeOffset now) => Status == LeaveStatus.Approved && ReturnReminderSentAt is null
        ? this with { ReturnReminderSentAt = now }
        : throw new StateConflictException(Bilingual.Text("无需提醒销假", "no return reminder is due"));

    public LeaveRequest MarkOfficeToldNotReturned(DateTimeOffset now) => Status == LeaveStatus.Approved && OfficeToldNotReturnedAt is null
        ? this with { OfficeToldNotReturnedAt = now }
        : throw new StateConflictException(Bilingual.Text("无需告知办公室", "the office need not be told"));

    /// <summary>The last calendar day of the leave in China Standard Time (an end at midnight belongs to the day before).</summary>
    public DateOnly LastDay => Calendar.ChinaTime.DateOf(End.AddTicks(-1));

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Start < end && start < End;

    /// <summary>Counts against overlap and the away list: pending or approved, not yet reported back.</summary>
    public bool IsActive => Status is LeaveStatus.Pending or LeaveStatus.Approved;
}
