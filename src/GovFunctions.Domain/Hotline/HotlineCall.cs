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
    CallStatus Status) : IStateful
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

    /// <summary>The supervised item the leader's instruction opened (列入督办), when they asked for one.</summary>
    public string? SupervisedItemId { get; init; }

    public bool IsOpen => Status != CallStatus.Closed;

    public string StateName => NameOf(Status);

    public static string NameOf(CallStatus s) => s.ToString().ToLowerInvariant();

    /// <summary>
    /// The first state of a call whose intake the rules have checked (<see cref="HotlineRules.Validate"/>): answered at once and
    /// closed, assigned to a department by <paramref name="dueAt"/>, or escalated to the leader responsible (Art. 37); linked
    /// to the open calls about the same issue. <paramref name="approvalId"/> names the engine task an open call starts.
    /// </summary>
    public static Transition<HotlineCall> Receive(string id, CallIntake intake, string operatorId, IReadOnlyList<string> linkedCallIds,
        DateTimeOffset now, DateTimeOffset dueAt, string approvalId, OrgChart org)
    {
        var call = new HotlineCall(id, intake.CallerName!.Trim(), intake.CallerPhone!.Trim(), intake.ReceivedAt!.Value,
            intake.Category!.Value, intake.Content!.Trim(), string.IsNullOrWhiteSpace(intake.Location) ? null : intake.Location.Trim(), operatorId,
            intake.Disposition!.Value, intake.Answer?.Trim(), CallStatus.Closed)
        { LinkedCallIds = linkedCallIds };
        var linked = linkedCallIds.Count > 0 ? $"；与 {string.Join("、", linkedCallIds)} 为同一问题" : "";
        var recorded = new CallRecorded(id, call.Disposition);
        switch (call.Disposition)
        {
            case Disposition.Answered:
                return Transition<HotlineCall>.To(call with { ClosedAt = now }, "当场答复并办结" + linked, recorded);
            case Disposition.Assign:
                var assigned = call with
                {
                    Status = CallStatus.Assigned,
                    DepartmentId = intake.DepartmentId,
                    DueAt = dueAt,
                    ApprovalId = approvalId,
                };
                return Transition<HotlineCall>.To(assigned, $"交办{DepartmentName(org, assigned.DepartmentId!)}，期限 {Minute(dueAt)}" + linked,
                    recorded, new ReplyRequested(id, approvalId, org));
            default:
                var leader = HotlineRules.ResponsibleLeader(org, intake.DepartmentId);
                var escalated = call with
                {
                    Status = CallStatus.Escalated,
                    DepartmentId = intake.DepartmentId,
                    EscalatedToId = leader.Id,
                    ApprovalId = approvalId,
                };
                return Transition<HotlineCall>.To(escalated, $"重大、疑难问题，上报{leader.DisplayName}批示（第三十七条）" + linked,
                    recorded, new InstructionRequested(id, approvalId, leader.Id, org));
        }
    }

    /// <summary>The department records its reply (via its task link); replied on time when before the deadline.</summary>
    public Transition<HotlineCall> Replied(string reply, DateTimeOffset at)
    {
        if (Status != CallStatus.Assigned) throw Conflict("只有已交办的来电可以答复", "only an assigned call can be replied to");
        var onTime = DueAt is null || at <= DueAt;
        return Transition<HotlineCall>.To(this with
        {
            Status = CallStatus.Replied,
            Reply = reply,
            RepliedAt = at,
            RepliedOnTime = onTime,
            ApprovalId = null,
            WasOverdue = WasOverdue || (DueAt is { } due && at > due),
        }, $"部门答复：{reply}" + (onTime ? "" : "（超期）"), new CallReplied(Id, onTime));
    }

    /// <summary>
    /// The leader's instruction (批示): the call goes to the department it names, by its deadline. When the leader asked for it
    /// to be supervised (列入督办, 第三十条), the call names the supervised item it opens, owned by that department.
    /// </summary>
    public Transition<HotlineCall> Instructed(string instruction, string leaderId, string departmentId, DateTimeOffset dueAt,
        string approvalId, OrgChart org, bool supervise = false)
    {
        if (Status != CallStatus.Escalated) throw Conflict("只有已上报领导的来电可以批示", "only an escalated call takes an instruction");
        var item = supervise ? Supervision.SupervisionRules.ItemIdFor(departmentId, Id) : null;
        var next = this with
        {
            Status = CallStatus.Assigned,
            Instruction = instruction,
            InstructedById = leaderId,
            DepartmentId = departmentId,
            DueAt = dueAt,
            ApprovalId = approvalId,
            SupervisedItemId = item ?? SupervisedItemId,
        };
        var reason = $"领导批示：{instruction}；交办{DepartmentName(org, departmentId)}，期限 {Minute(dueAt)}";
        return item is null
            ? Transition<HotlineCall>.To(next, reason, new ReplyRequested(Id, approvalId, org))
            : Transition<HotlineCall>.To(next, reason + "；列入督办", new ReplyRequested(Id, approvalId, org),
                new Supervision.InstructionSupervised(Id, $"区长电话（{Id}）：{Content}", departmentId, ChinaTime.DateOf(dueAt), leaderId));
    }

    /// <summary>
    /// The operator calls the caller back: satisfied closes the call for good; unsatisfied reopens it to the same department,
    /// whose new reply task is <paramref name="newApprovalId"/>.
    /// </summary>
    public Transition<HotlineCall> CalledBack(bool satisfied, string? note, DateTimeOffset at, DateTimeOffset newDueAt,
        string? newApprovalId, OrgChart org) => Status switch
        {
            CallStatus.Replied when satisfied => Transition<HotlineCall>.To(
                this with { Status = CallStatus.Closed, Satisfied = true, CallbackNote = note, ClosedAt = at }, "回访：满意，办结", new CallClosed(Id)),
            CallStatus.Replied => Transition<HotlineCall>.To(this with
            {
                Status = CallStatus.Assigned,
                Satisfied = false,
                CallbackNote = note,
                Reopened = Reopened + 1,
                DueAt = newDueAt,
                ApprovalId = newApprovalId ?? throw new ArgumentNullException(nameof(newApprovalId), "a reopened call needs a reply task"),
                Reply = null,
                RepliedAt = null,
                RepliedOnTime = null,
                OverdueRemindedAt = null,
                AccountableAt = null,
            }, $"回访：不满意，重新交办{org.FindDepartment(DepartmentId)?.Name}" + (string.IsNullOrWhiteSpace(note) ? "" : $"（{note}）"),
                new ReplyRequested(Id, newApprovalId, org)),
            _ => throw Conflict("只有已答复的来电可以回访", "only a replied call can be called back"),
        };

    /// <summary>
    /// The handling department asks once for more time, with a reason; the office decides (approval step). Only the handling
    /// department may ask.
    /// </summary>
    public Transition<HotlineCall> RequestExtension(Person by, ExtensionRequest request, OrgChart org)
    {
        if (by.DepartmentId != DepartmentId)
            throw new AccessDeniedException(Bilingual.Text("只有承办部门可以申请延期", "only the handling department may ask for an extension"));
        if (Status != CallStatus.Assigned || Extended || PendingExtension is not null)
            throw Conflict("每件来电只能申请一次延期，且须在办理中", "a call may be extended once, while assigned");
        return Transition<HotlineCall>.To(this with { PendingExtension = request },
            $"申请延期{request.WorkingDays}个工作日：{request.Reason}", new CallExtensionRequested(Id, request.ApprovalId, org));
    }

    /// <summary>The office's decision on the extension: approved moves the deadline; either way it was the one extension.</summary>
    public Transition<HotlineCall> ExtensionDecided(bool approved, DateTimeOffset newDueAt) => PendingExtension is not null
        ? Transition<HotlineCall>.To(
            this with { PendingExtension = null, Extended = true, DueAt = approved && Status == CallStatus.Assigned ? newDueAt : DueAt },
            approved ? $"延期获批，新期限 {Minute(newDueAt)}" : "延期未获批准", new CallExtensionDecided(Id, approved))
        : throw Conflict("没有待审批的延期申请", "no extension is pending");

    /// <summary>Past its deadline (Art. 32): the department is reminded, its supervising leader copied.</summary>
    public Transition<HotlineCall> MarkOverdueReminded(DateTimeOffset at) => Status == CallStatus.Assigned && OverdueRemindedAt is null
        ? Transition<HotlineCall>.To(this with { OverdueRemindedAt = at, WasOverdue = true }, "逾期催办，抄送分管领导",
            new OverdueReminded(Id, Reopened))
        : throw Conflict("无需催办", "no overdue reminder is due");

    /// <summary>Still not handled after the reminder (Art. 32): on the accountability list, the office told.</summary>
    public Transition<HotlineCall> MarkAccountable(DateTimeOffset at) => Status == CallStatus.Assigned && AccountableAt is null
        ? Transition<HotlineCall>.To(this with { AccountableAt = at, WasAccountable = true }, "逾期未办结，列入问责清单（第三十二条）",
            new MarkedAccountable(Id))
        : throw Conflict("无需列入问责清单", "not due for the accountability list");

    private static string DepartmentName(OrgChart org, string departmentId) => org.FindDepartment(departmentId)?.Name ?? departmentId;

    private static string Minute(DateTimeOffset at) => $"{at.ToChina():yyyy-MM-dd HH:mm}";

    public static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}

/// <summary>A department's request for more working days on a call.</summary>
public sealed record ExtensionRequest(string ApprovalId, int WorkingDays, string Reason, string RequestedById);

/// <summary>A call was recorded, however the operator handled it.</summary>
public sealed record CallRecorded(string CallId, Disposition Disposition) : IDomainEvent;

/// <summary>
/// The handling department is asked for its reply (an engine task <paramref name="ApprovalId"/> asking for text); the
/// organisation as the change saw it names the department head and the task's facts.
/// </summary>
public sealed record ReplyRequested(string CallId, string ApprovalId, OrgChart Org) : IDomainEvent;

/// <summary>A major or difficult matter goes to the leader responsible for an instruction (批示, Art. 37).</summary>
public sealed record InstructionRequested(string CallId, string ApprovalId, string LeaderId, OrgChart Org) : IDomainEvent;

public sealed record CallReplied(string CallId, bool OnTime) : IDomainEvent;

public sealed record CallClosed(string CallId) : IDomainEvent;

/// <summary>The handling department asked for more working days: the office director decides (an engine step).</summary>
public sealed record CallExtensionRequested(string CallId, string ApprovalId, OrgChart Org) : IDomainEvent;

public sealed record CallExtensionDecided(string CallId, bool Approved) : IDomainEvent;

/// <summary>The overdue reminder of a round (<paramref name="Round"/>: the times the call was reopened), once per round.</summary>
public sealed record OverdueReminded(string CallId, int Round) : IDomainEvent;

public sealed record MarkedAccountable(string CallId) : IDomainEvent;
