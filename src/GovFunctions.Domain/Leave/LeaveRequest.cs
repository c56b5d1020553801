using GovFunctions.Approvals;

namespace GovFunctions.Leave;

public enum LeaveStatus { Pending, Approved, Rejected, Withdrawn, Returned }

/// <summary>
/// A leave or travel request (Art. 74, 75): time, destination, contact and, for department heads, the acting person.
/// Its id begins with the applicant's id, so all of one person's requests share a partition with their ledger.
/// Transitions, each in the history:
/// <code>
/// Submit                 → pending (the engine is asked) | approved (the district head's travel, recorded: Art. 4)
/// Decide                 pending → approved | rejected                (the approval's outcome)
/// Withdraw               pending → withdrawn                          (by the applicant, before the final approval)
/// Return                 approved → returned                          (销假)
/// ChaseReturn            approved → approved                          (the return reminder, then the office told)
/// </code>
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
    DateTimeOffset CreatedAt) : IStateful
{
    /// <summary>The name approvals of leave requests carry (<see cref="ApprovalRequest.Feature"/>).</summary>
    public const string Feature = "leave";

    public DateTimeOffset? DecidedAt { get; init; }
    public DateTimeOffset? ReturnedAt { get; init; }
    public string? ReturnNote { get; init; }
    public DateTimeOffset? ReturnReminderSentAt { get; init; }
    public DateTimeOffset? OfficeToldNotReturnedAt { get; init; }

    /// <summary>The district head's own travel: recorded, not approved (Art. 4).</summary>
    public bool IsRecordOnly => ApprovalId is null;

    public static string StateName(LeaveStatus s) => s.ToString().ToLowerInvariant();

    string IStateful.StateName => StateName(Status);

    public static string PartitionOf(string id) => id.Split('.')[0];

    public static string NewId(string applicantId, DateTimeOffset now) =>
        $"{applicantId}.{now.ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}.{Ids.Random(3)}";

    /// <summary>
    /// The first state of a request: refused (422) for someone outside Art. 74 and 75, refused (400) naming every wrong field,
    /// else pending with its approval asked of the engine — or, for the district head's travel, approved and recorded (Art. 4).
    /// </summary>
    /// <param name="ownRequests">The applicant's other requests; <paramref name="actingPersonsRequests"/> the acting person's.</param>
    /// <param name="approvalId">The id the approval gets, if the request needs one.</param>
    public static Transition<LeaveRequest> Submit(LeaveApplication a, Person applicant, OrgChart org,
        IEnumerable<LeaveRequest> ownRequests, IEnumerable<LeaveRequest> actingPersonsRequests, string approvalId, DateTimeOffset now)
    {
        var chain = LeaveRules.ChainFor(org, applicant);
        LeaveRules.Validate(a, applicant, org, ownRequests, actingPersonsRequests, now);
        var recorded = chain.Count == 0;
        var leave = new LeaveRequest(NewId(applicant.Id, now), applicant.Id, a.Start!.Value, a.End!.Value, a.Destination!.Trim(),
            a.Contact!.Trim(), string.IsNullOrWhiteSpace(a.Reason) ? null : a.Reason.Trim(), LeaveRules.ActingPersonFor(org, applicant, a),
            chain.SelectMany(s => s.ApproverIds).ToList(), recorded ? null : approvalId,
            recorded ? LeaveStatus.Approved : LeaveStatus.Pending, now)
        { DecidedAt = recorded ? now : null };
        return recorded
            ? Transition<LeaveRequest>.To(leave, "区长出差（出访）备案，由常务副区长主持工作（第四条）", leave.Approved(applicant))
            : Transition<LeaveRequest>.To(leave, $"提交申请，审批流程：{string.Join(" → ", chain.Select(s => s.Name))}",
                new LeaveApprovalAsked(leave.Id, leave.ApprovalRequestFor(org, chain)));
    }

    /// <summary>The approval's outcome (<paramref name="applicant"/> is this request's); approving tells the office.</summary>
    public Transition<LeaveRequest> Decide(bool approved, Person applicant, DateTimeOffset now)
    {
        if (Status != LeaveStatus.Pending)
            throw new StateConflictException(Bilingual.Text("该请假申请已办结", "the request is no longer pending"));
        var decided = this with { Status = approved ? LeaveStatus.Approved : LeaveStatus.Rejected, DecidedAt = now };
        return approved
            ? Transition<LeaveRequest>.To(decided, "审批通过", decided.Approved(applicant))
            : Transition<LeaveRequest>.To(decided, "审批未通过", new LeaveRejected(Id));
    }

    public Transition<LeaveRequest> Withdraw(DateTimeOffset now) => Status == LeaveStatus.Pending
        ? Transition<LeaveRequest>.To(this with { Status = LeaveStatus.Withdrawn, DecidedAt = now }, "申请人撤回", new LeaveWithdrawn(Id))
        : throw new StateConflictException(Bilingual.Text("只能在最终审批前撤回", "a request can be withdrawn only before its final approval"));

    /// <summary>
    /// The end of the request's approval: approved, rejected, or withdrawn (the applicant withdrew it through the engine).
    /// Null when the request is no longer pending — it took this outcome already (e.g. the applicant's withdrawal itself).
    /// </summary>
    public Transition<LeaveRequest>? ApprovalEnded(ApprovalStatus outcome, Person applicant, DateTimeOffset now) =>
        Status != LeaveStatus.Pending ? null : outcome switch
        {
            ApprovalStatus.Approved => Decide(true, applicant, now),
            ApprovalStatus.Rejected => Decide(false, applicant, now),
            ApprovalStatus.Withdrawn => Withdraw(now),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "the approval is still pending"),
        };

    /// <summary>销假: the official reports back after an approved leave; the office (for leaders also the district head) is told.</summary>
    public Transition<LeaveRequest> Return(DateTimeOffset now, string? note)
    {
        if (Status != LeaveStatus.Approved)
            throw new StateConflictException(Bilingual.Text("只有已批准的请假才能销假", "only an approved leave can be reported back"));
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return Transition<LeaveRequest>.To(this with { Status = LeaveStatus.Returned, ReturnedAt = now, ReturnNote = trimmed },
            "销假" + (trimmed is null ? "" : $"：{trimmed}"), new LeaveReturned(Id));
    }

    /// <summary>
    /// What the return timer owes an approved leave not reported back: the working day after its last day the official is
    /// reminded; one working day later the office is told. Null when nothing is due (not approved, too early, or sent).
    /// </summary>
    public Transition<LeaveRequest>? ChaseReturn(WorkingCalendar calendar, DateTimeOffset now)
    {
        if (Status != LeaveStatus.Approved) return null;
        var today = ChinaTime.DateOf(now);
        var remindOn = calendar.NextWorkingDay(LastDay);
        if (today >= calendar.NextWorkingDay(remindOn) && OfficeToldNotReturnedAt is null) return MarkOfficeToldNotReturned(now);
        if (today >= remindOn && ReturnReminderSentAt is null) return MarkReturnReminded(now);
        return null;
    }

    /// <summary>The working day after the end date the official is reminded to report back; a day later the office is told.</summary>
    public Transition<LeaveRequest> MarkReturnReminded(DateTimeOffset now) =>
        Status == LeaveStatus.Approved && ReturnReminderSentAt is null
            ? Transition<LeaveRequest>.To(this with { ReturnReminderSentAt = now }, "提醒销假", new ReturnReminded(Id))
            : throw new StateConflictException(Bilingual.Text("无需提醒销假", "no return reminder is due"));

    public Transition<LeaveRequest> MarkOfficeToldNotReturned(DateTimeOffset now) =>
        Status == LeaveStatus.Approved && OfficeToldNotReturnedAt is null
            ? Transition<LeaveRequest>.To(this with { OfficeToldNotReturnedAt = now }, "逾期未销假，已告知区政府办公室", new OfficeToldNotReturned(Id))
            : throw new StateConflictException(Bilingual.Text("无需告知办公室", "the office need not be told"));

    /// <summary>Only the applicant withdraws or reports back (403 otherwise).</summary>
    public void RequireApplicant(Person caller)
    {
        if (caller.Id != ApplicantId)
            throw new AccessDeniedException(Bilingual.Text("只有申请人本人可以办理", "only the applicant may do this"));
    }

    /// <summary>What the engine is asked to route for this request: the chain of Art. 74, 75 and the facts of the leave.</summary>
    public ApprovalRequest ApprovalRequestFor(OrgChart org) => ApprovalRequestFor(org, LeaveRules.ChainFor(org, org.Person(ApplicantId)));

    private ApprovalRequest ApprovalRequestFor(OrgChart org, IReadOnlyList<StepSpec> chain) =>
        new(ApprovalId!, Feature, Id, TitleFor(org.Person(ApplicantId)), ApplicantId, FactsFor(org), chain, []);

    /// <summary>The line approvals and mails name the request by.</summary>
    public string TitleFor(Person applicant) => $"{applicant.DisplayName}请假（{ChinaTime.SpanText(Start, End)}，{Destination}）";

    /// <summary>Everything being approved and reported: time, place, contact, reason, acting person, number.</summary>
    public IReadOnlyList<Fact> FactsFor(OrgChart org)
    {
        List<Fact> facts = [new("时间", $"{ChinaTime.Text(Start)} 至 {ChinaTime.Text(End)}"), new("地点", Destination), new("联系方式", Contact)];
        if (Reason is not null) facts.Add(new("事由", Reason));
        if (org.FindPerson(ActingPersonId) is { } acting) facts.Add(new("代为主持工作", acting.DisplayName));
        facts.Add(new("申请编号", Id));
        return facts;
    }

    /// <summary>The last calendar day of the leave in China Standard Time (an end at midnight belongs to the day before).</summary>
    public DateOnly LastDay => ChinaTime.DateOf(End.AddTicks(-1));

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Start < end && start < End;

    /// <summary>Counts against overlap and the away list: pending or approved, not yet reported back.</summary>
    public bool IsActive => Status is LeaveStatus.Pending or LeaveStatus.Approved;

    private LeaveApproved Approved(Person applicant) => new(Id, LeaveRules.OfficeInformsLeaders(applicant));
}

/// <summary>The request waits for its approval: the engine is asked to route <paramref name="Approval"/>.</summary>
public sealed record LeaveApprovalAsked(string LeaveId, ApprovalRequest Approval) : IDomainEvent;

/// <summary>The leave is approved or recorded: the office is told and, for a leader, tells the other leaders (Art. 74, 75).</summary>
public sealed record LeaveApproved(string LeaveId, bool OfficeInformsLeaders) : IDomainEvent;

public sealed record LeaveRejected(string LeaveId) : IDomainEvent;

public sealed record LeaveWithdrawn(string LeaveId) : IDomainEvent;

/// <summary>销假: the official reported back.</summary>
public sealed record LeaveReturned(string LeaveId) : IDomainEvent;

/// <summary>The official was reminded to report back (销假提醒).</summary>
public sealed record ReturnReminded(string LeaveId) : IDomainEvent;

/// <summary>The office was told the official has still not reported back.</summary>
public sealed record OfficeToldNotReturned(string LeaveId) : IDomainEvent;
