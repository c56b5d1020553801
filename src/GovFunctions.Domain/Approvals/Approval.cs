namespace GovFunctions.Approvals;

/// <summary>单签: one approver; 会签: every listed approver must approve; 或签: the first answer decides.</summary>
public enum StepKind { Single, Countersign, OrSign }

public enum ApprovalStatus { Pending, Approved, Rejected, Withdrawn }

/// <summary>Open until answered; Cancelled when the request is withdrawn or another or-sign approver answered first.
/// Answered: a reply or an instruction (批示) was recorded on a step that asks for text, not a yes or no.</summary>
public enum ApprovalTaskStatus { Open, Approved, Rejected, Cancelled, Answered }

/// <summary>What a step asks of its approver: a decision (同意/不同意), a written reply (答复), or an instruction (批示) naming
/// who carries it out and by when.</summary>
public enum ResponseKind { Decision, Reply, Instruction }

/// <summary>A written answer to a Reply or Instruction step.</summary>
public sealed record TaskAnswer(string Text, string? DepartmentId = null, DateOnly? DueDate = null)
{
    /// <summary>The leader asked for the instruction to be supervised (列入督办, 第三十条), on a step that offers it.</summary>
    public bool Supervise { get; init; }
}

public enum Decision { Approve, Reject }

/// <summary>A step of a chain, as the feature derives it from the organization (never typed in by the applicant).</summary>
public sealed record StepSpec(string Name, StepKind Kind, IReadOnlyList<string> ApproverIds, ResponseKind Response = ResponseKind.Decision)
{
    /// <summary>An instruction step whose page offers 列入督办 (a hotline escalation, a duty log; 第三十条).</summary>
    public bool OffersSupervision { get; init; }

    /// <summary>The department the page proposes as the one instructed (the hotline call's).</summary>
    public string? DefaultDepartmentId { get; init; }
}

/// <summary>A label and value shown to the approver: "everything being approved".</summary>
public sealed record Fact(string Label, string Value);

/// <summary>What a feature asks the engine to route.</summary>
public sealed record ApprovalRequest(
    string Id,
    string Feature,
    string SubjectId,
    string Title,
    string ApplicantId,
    IReadOnlyList<Fact> Facts,
    IReadOnlyList<StepSpec> Steps,
    IReadOnlyList<string> CcIds)
{
    /// <summary>Whether the applicant (and the CC list) get an email with the outcome.</summary>
    public bool NotifyOutcome { get; init; } = true;
}

/// <summary>
/// One approver's task in one step. <see cref="AddressedToId"/> is whom the chain names; <see cref="ApproverId"/> who
/// actually receives it — their acting person while they are on leave (Art. 4, 75), with <see cref="OnBehalfOfId"/> set.
/// The link that decides it is derived from <see cref="Nonce"/> with the signing key; only its hash is stored.
/// </summary>
public sealed record ApprovalTask(
    string Id,
    int Step,
    string AddressedToId,
    string ApproverId,
    string? OnBehalfOfId,
    string Nonce,
    string TokenHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt)
{
    public ApprovalTaskStatus Status { get; init; } = ApprovalTaskStatus.Open;
    public DateTimeOffset? DecidedAt { get; init; }
    public string? Comment { get; init; }
    public int Reminders { get; init; }
    public DateTimeOffset? LastRemindedAt { get; init; }
    public bool OfficeAlerted { get; init; }
    public TaskAnswer? Answer { get; init; }

    public bool IsOpen => Status == ApprovalTaskStatus.Open;

    public bool IsDecided => Status is ApprovalTaskStatus.Approved or ApprovalTaskStatus.Rejected or ApprovalTaskStatus.Answered;
}

public enum StepOutcome { Open, Approved, Rejected }

/// <summary>
/// An approval in flight: the request, the current step, and every task created so far. Each operation checks the state,
/// throws <see cref="StateConflictException"/> on an illegal move, and returns a <see cref="Transition{T}"/>: the next
/// state, the history's reason and the events the engine turns into messages (<see cref="TasksAssigned"/>, …).
/// </summary>
public sealed record Approval(
    ApprovalRequest Request,
    ApprovalStatus Status,
    int CurrentStep,
    IReadOnlyList<ApprovalTask> Tasks,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt = null) : IStateful
{
    public string Id => Request.Id;
    public bool IsPending => Status == ApprovalStatus.Pending;
    public StepSpec Step => Request.Steps[CurrentStep];
    public IEnumerable<ApprovalTask> CurrentTasks => Tasks.Where(t => t.Step == CurrentStep);
    public IEnumerable<ApprovalTask> OpenTasks => Tasks.Where(t => t.IsOpen);

    public static string StateName(ApprovalStatus s) => s.ToString().ToLowerInvariant();

    string IStateful.StateName => StateName(Status);

    /// <summary>A new approval with the first step's tasks.</summary>
    public static Transition<Approval> Open(ApprovalRequest request, IReadOnlyList<ApprovalTask> firstTasks, DateTimeOffset now)
    {
        if (request.Steps.Count == 0) throw new ArgumentException("an approval needs at least one step");
        if (request.Steps.Any(s => s.ApproverIds.Count == 0)) throw new ArgumentException("every step needs an approver");
        return Transition<Approval>.To(new Approval(request, ApprovalStatus.Pending, 0, firstTasks, now),
            $"开始审批，第1步：{request.Steps[0].Name}", new TasksAssigned(firstTasks.Select(t => t.Id).ToList()));
    }

    /// <summary>An approval withdrawn before it was ever routed (the applicant was quicker than the queue).</summary>
    public static Transition<Approval> WithdrawnBeforeRouting(ApprovalRequest request, DateTimeOffset now) =>
        Transition<Approval>.To(new(request, ApprovalStatus.Withdrawn, 0, [], now, now), "申请人在审批开始前撤回");

    public ApprovalTask Task(string taskId) => Tasks.SingleOrDefault(t => t.Id == taskId)
        ?? throw new NotFoundException(Bilingual.Text("审批任务不存在", "approval task not found"));

    /// <summary>The approver answers their task. Guards: the approval is pending, the task open and current, the link unexpired,
    /// and — for an or-sign step — nobody has answered yet.</summary>
    /// <param name="by">Who answers as the history names them (the acting person "（代…）" included); the approver id if not given.</param>
    public Transition<Approval> Decide(string taskId, Decision decision, string? comment, DateTimeOffset now, string? by = null)
    {
        var task = OpenTaskFor(taskId, now, ResponseKind.Decision);
        RequireReason(decision, comment);
        var decided = task with
        {
            Status = decision == Decision.Approve ? ApprovalTaskStatus.Approved : ApprovalTaskStatus.Rejected,
            DecidedAt = now,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
        };
        var what = (decision == Decision.Approve ? "同意" : "不同意") + (decided.Comment is null ? "" : $"。意见：{decided.Comment}");
        return Answered(decided, by, what);
    }

    private Transition<Approval> Answered(ApprovalTask answered, string? by, string what) =>
        Transition<Approval>.To(this with { Tasks = Tasks.Select(t => t.Id == answered.Id ? answered : t).ToList() },
            $"第{answered.Step + 1}步（{Step.Name}）{by ?? answered.ApproverId}：{what}", new TaskAnswered(answered.Id));

    /// <summary>
    /// A refusal states why: 不同意 is an objection in a legality review or a consultation and a return (退回) in a sign-off,
    /// and the applicant, the sponsor or the legal office must learn what to correct. Approving needs no comment.
    /// </summary>
    private static void RequireReason(Decision decision, string? comment)
    {
        if (decision == Decision.Reject && string.IsNullOrWhiteSpace(comment))
            throw ValidationException.For("comment", "不同意（退回、提出异议）时须填写理由",
                "a rejection, return or objection must state the reason in comment");
    }

    /// <summary>The approver records a reply or an instruction (批示) on a step that asks for text. Same guards as
    /// <see cref="Decide"/>.</summary>
    public Transition<Approval> Answer(string taskId, TaskAnswer answer, DateTimeOffset now, string? by = null)
    {
        var task = OpenTaskFor(taskId, now, Step.Response == ResponseKind.Decision ? ResponseKind.Reply : Step.Response);
        var answered = task with { Status = ApprovalTaskStatus.Answered, DecidedAt = now, Answer = answer };
        return Answered(answered, by, $"{(answer.DepartmentId is null ? "答复" : "批示")}：{answer.Text}");
    }

    private ApprovalTask OpenTaskFor(string taskId, DateTimeOffset now, ResponseKind expected)
    {
        var task = Task(taskId);
        if (!IsPending || !task.IsOpen || task.Step != CurrentStep)
            throw new StateConflictException(Bilingual.Text("该审批已处理，无需重复操作", "this approval has already been decided"));
        if (now >= task.ExpiresAt)
            throw new GoneException(Bilingual.Text("审批链接已过期", "this approval link has expired"));
        if (Step.Kind == StepKind.OrSign && CurrentTasks.Any(t => t.IsDecided))
            throw new StateConflictException(Bilingual.Text("该步骤已由其他审批人处理", "another approver has already answered this step"));
        if (Step.Response != expected)
            throw new StateConflictException(Step.Response == ResponseKind.Decision
                ? Bilingual.Text("本环节需要选择同意或不同意", "this step asks for a decision")
                : Bilingual.Text("本环节需要填写答复或批示", "this step asks for a written answer"));
        return task;
    }

    /// <summary>The answer that completed the current (or last) step, if it asked for one.</summary>
    public TaskAnswer? LastAnswer => Tasks.LastOrDefault(t => t.Status == ApprovalTaskStatus.Answered)?.Answer;

    /// <summary>Where the current step stands: any rejection ends it; countersign needs every approval; single and or-sign one.</summary>
    public StepOutcome CurrentOutcome()
    {
        var tasks = CurrentTasks.ToList();
        if (tasks.Any(t => t.Status == ApprovalTaskStatus.Rejected)) return StepOutcome.Rejected;
        var approved = tasks.Count(t => t.Status is ApprovalTaskStatus.Approved or ApprovalTaskStatus.Answered);
        return Step.Kind == StepKind.Countersign
            ? (approved == tasks.Count && approved > 0 ? StepOutcome.Approved : StepOutcome.Open)
            : (approved > 0 ? StepOutcome.Approved : StepOutcome.Open);
    }

    public bool IsLastStep => CurrentStep == Request.Steps.Count - 1;

    /// <summary>
    /// Moves past a decided step: a rejection ends the approval; an approval of the last step completes it; otherwise the
    /// next step opens with <paramref name="nextTasks"/>. Tasks of the step still open (or-sign, or a countersign that a
    /// rejection ended) are cancelled.
    /// </summary>
    /// <summary>Whether the decided current step leads to another one (which then needs its tasks).</summary>
    public bool OpensNextStep => IsPending && CurrentOutcome() == StepOutcome.Approved && !IsLastStep;

    public Transition<Approval> Advance(IReadOnlyList<ApprovalTask> nextTasks, DateTimeOffset now)
    {
        var outcome = CurrentOutcome();
        if (!IsPending || outcome == StepOutcome.Open)
            throw new StateConflictException(Bilingual.Text("当前步骤尚未办结", "the current step is not decided"));
        var closed = Tasks.Select(t => t.IsOpen ? t with { Status = ApprovalTaskStatus.Cancelled } : t).ToList();
        var reason = $"第{CurrentStep + 1}步（{Step.Name}）"
            + (outcome == StepOutcome.Rejected ? "不同意" : Step.Response == ResponseKind.Decision ? "同意" : "已办理");
        if (outcome == StepOutcome.Rejected || IsLastStep)
        {
            var status = outcome == StepOutcome.Rejected ? ApprovalStatus.Rejected : ApprovalStatus.Approved;
            return Transition<Approval>.To(this with { Tasks = closed, Status = status, CompletedAt = now }, reason,
                new ApprovalEnded(status));
        }
        if (nextTasks.Count == 0 || nextTasks.Any(t => t.Step != CurrentStep + 1))
            throw new ArgumentException("the next step needs its tasks");
        var next = this with { Tasks = closed.Concat(nextTasks).ToList(), CurrentStep = CurrentStep + 1 };
        return Transition<Approval>.To(next, $"{reason}，进入第{next.CurrentStep + 1}步：{next.Step.Name}",
            new TasksAssigned(nextTasks.Select(t => t.Id).ToList()));
    }

    /// <summary>The applicant withdraws before the final decision: open tasks die.</summary>
    public Transition<Approval> Withdraw(DateTimeOffset now)
    {
        if (!IsPending)
            throw new StateConflictException(Bilingual.Text("审批已办结，不能撤回", "the approval is already decided and cannot be withdrawn"));
        var withdrawn = this with
        {
            Status = ApprovalStatus.Withdrawn,
            CompletedAt = now,
            Tasks = Tasks.Select(t => t.IsOpen ? t with { Status = ApprovalTaskStatus.Cancelled } : t).ToList(),
        };
        return Transition<Approval>.To(withdrawn, "申请人撤回",
            new TasksCancelled(OpenTasks.Select(t => t.Id).ToList()), new ApprovalEnded(ApprovalStatus.Withdrawn));
    }

    /// <summary>
    /// One reminder (催办) sent for an open task. The reminder carries the same link, so its life is extended to
    /// <paramref name="linkValidUntil"/> when that is later: a reminder never points to a dead link.
    /// </summary>
    public Transition<Approval> Remind(string taskId, DateTimeOffset now, bool alertOffice, DateTimeOffset? linkValidUntil = null)
    {
        var task = Task(taskId);
        if (!IsPending || !task.IsOpen) throw new StateConflictException(Bilingual.Text("任务已办结", "the task is closed"));
        var reminded = task with
        {
            Reminders = task.Reminders + 1,
            LastRemindedAt = now,
            OfficeAlerted = task.OfficeAlerted || alertOffice,
            ExpiresAt = linkValidUntil is { } until && until > task.ExpiresAt ? until : task.ExpiresAt,
        };
        var alerted = alertOffice && !task.OfficeAlerted;
        return Transition<Approval>.To(this with { Tasks = Tasks.Select(t => t.Id == taskId ? reminded : t).ToList() },
            $"第{reminded.Reminders}次催办" + (alerted ? "，已告知区政府办公室" : ""), new TaskReminded(taskId, reminded.Reminders, alerted));
    }
}

/// <summary>A step's tasks were created: each approver is told.</summary>
public sealed record TasksAssigned(IReadOnlyList<string> TaskIds) : IDomainEvent;

/// <summary>An approver answered through their link: the router looks at the step again.</summary>
public sealed record TaskAnswered(string TaskId) : IDomainEvent;

/// <summary>Open tasks died with a withdrawal: their approvers are told.</summary>
public sealed record TasksCancelled(IReadOnlyList<string> TaskIds) : IDomainEvent;

/// <summary>The approval is over (approved, rejected, withdrawn): the feature whose record it approves takes the outcome.</summary>
public sealed record ApprovalEnded(ApprovalStatus Outcome) : IDomainEvent;

/// <summary>A reminder (催办) for an open task, the office told at the configured count.</summary>
public sealed record TaskReminded(string TaskId, int Reminder, bool OfficeAlerted) : IDomainEvent;
