namespace GovFunctions.Hotline;

/// <summary>The usual 12345 categories; each has its own time limit (settings).</summary>
public enum CallCategory { Urgent, Consultation, Complaint, Request, Suggestion }

/// <summary>What the operator did with the call: answered it at once, assigned it to a department, or escalated it to the
/// responsible leader as a major or difficult matter (重大、疑难, Art. 37).</summary>
public enum Disposition { Answered, Assign, Escalate }

/// <summary>
/// Received → Closed (answered at once) | Assigned (a department handles it by a deadline) | Escalated (a leader's
/// instruction is awaited). Assigned → Replied (the department answered the caller) → call-back: satisfied → Closed;
/// unsatisfied → Assigned again to the same department. Escalated → Assigned as the instruction says.
/// </summary>
public enum CallStatus { Closed, Assigned, Escalated, Replied }

/// <summary>
/// A call to the district-head hotline (区长电话, Art. 37): who called, when, what was asked, who answered and what — and,
/// when it could not be answered at once, its whole closed loop. The phone number is stored but shown masked
/// (<see cref="HotlineRules.Mask"/>) everywhere except to the operators doing the call-back.
/// </summary>
public sealed record HotlineCall(
    string Id,
    string CallerName,
    string CallerPhone,
    DateTimeOffset ReceivedAt,
    CallCategory Category,
    string Content,
    string? Location,
    string OperatorId,
    Disposition Disposition,
    string? Answer,
    CallStatus Status)
{
    public string? DepartmentId { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public string? ApprovalId { get; init; }
    public string? EscalatedToId { get; init; }
    public string? Instruction { get; init; }
    public string? InstructedById { get; init; }
    public string? Reply { get; init; }
    public DateTimeOffset? RepliedAt { get; init; }
    public bool? RepliedOnTime { get; init; }
    public bool? Satisfied { get; init; }
    public string? CallbackNote { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public int Reopened { get; init; }
    public bool Extended { get; init; }
    public DateTimeOffset? OverdueRemindedAt { get; init; }
    public DateTimeOffset? AccountableAt { get; init; }

    /// <summary>Missed a deadline in any round (reminded, or replied late); kept when a call-back reopens the call.</summary>
    public bool WasOverdue { get; init; }

    /// <summary>Was put on the accountability list in any round (Art. 32); kept when a call-back reopens the call.</summary>
    public bool WasAccountable { get; init; }
    public IReadOnlyList<string> LinkedCallIds { get; init; } = [];
    public ExtensionRequest? PendingExtension { get; init; }

    public bool IsOpen => Status != CallStatus.Closed;

    public static string StateName(CallStatus s) => s.ToString().ToLowerInvariant();

    /// <summary>The department records its reply (via its task link); replied on time when before the deadline.</summary>
    public HotlineCall Replied(string reply, DateTimeOffset at) => Status == CallStatus.Assigned
        ? this with
        {
            Status = CallStatus.Replied, Reply = reply, RepliedAt = at, RepliedOnTime = DueAt is null || at <= DueAt, ApprovalId = null,
            WasOverdue = WasOverdue || (DueAt is { } due && at > due),
        }
        : throw Conflict("只有已交办的来电可以答复", "only an assigned call can be replied to");

    /// <summary>The leader's instruction (批示): the call goes to the department it names, by its deadline.</summary>
    public HotlineCall Instructed(string instruction, string leaderId, string departmentId, DateTimeOffset dueAt, string approvalId) =>
        Status == CallStatus.Escalated
            ? this with { Status = CallStatus.Assigned, Instruction = instruction, InstructedById = leaderId, DepartmentId = departmentId, DueAt = dueAt, ApprovalId = approvalId }
            : throw Conflict("只有已上报领导的来电可以批示", "only an escalated call takes an instruction");

    /// <summary>The operator calls the caller back: satisfied closes the call for good; unsatisfied reopens it to the same department.</summary>
    public HotlineCall CalledBack(bool satisfied, string? note, DateTimeOffset at, DateTimeOffset newDueAt, string? newApprovalId) => Status switch
    {
        CallStatus.Replied when satisfied => this with { Status = CallStatus.Closed, Satisfied = true, CallbackNote = note, ClosedAt = at },
        CallStatus.Replied => this with
        {
            Status = CallStatus.Assigned, Satisfied = false, CallbackNote = note, Reopened = Reopened + 1, DueAt = newDueAt,
            ApprovalId = newApprovalId, Reply = null, RepliedAt = null, RepliedOnTime = null, OverdueRemindedAt = null, AccountableAt = null,
        },
        _ => throw Conflict("只有已答复的来电可以回访", "only a replied call can be called back"),
    };

    /// <summary>The department asks once for more time, with a reason; the office decides (approval step).</summary>
    public HotlineCall RequestExtension(ExtensionRequest request) => Status == CallStatus.Assigned && !Extended && PendingExtension is null
        ? this with { PendingExtension = request }
        : throw Conflict("每件来电只能申请一次延期，且须在办理中", "a call may be extended once, while assigned");

    /// <summary>The office's decision on the extension: approved moves the deadline; either way it was the one extension.</summary>
    public HotlineCall ExtensionDecided(bool approved, DateTimeOffset newDueAt) => PendingExtension is not null
        ? this with { PendingExtension = null, Extended = true, DueAt = approved && Status == CallStatus.Assigned ? newDueAt : DueAt }
        : throw Conflict("没有待审批的延期申请", "no extension is pending");

    public HotlineCall MarkOverdueReminded(DateTimeOffset at) => Status == CallStatus.Assigned && OverdueRemindedAt is null
        ? this with { OverdueRemindedAt = at, WasOverdue = true }
        : throw Conflict("无需催办", "no overdue reminder is due");

    public HotlineCall MarkAccountable(DateTimeOffset at) => Status == CallStatus.Assigned && AccountableAt is null
        ? this with { AccountableAt = at, WasAccountable = true }
        : throw Conflict("无需列入问责清单", "not due for the accountability list");

    public static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}

/// <summary>A department's request for more working days on a call.</summary>
public sealed record ExtensionRequest(string ApprovalId, int WorkingDays, string Reason, string RequestedById);
