namespace GovFunctions.Accountability;

public enum ProposalState { Awaiting, Proposed, NotProposed }

/// <summary>The competent department's accountability proposal (问责建议): who, what is proposed, why.</summary>
public sealed record AccountabilityProposal(string ById, string Proposal, string Reason, DateTimeOffset At);

public sealed record ProposalMissed(string EntryId, string CompetentHeadId) : IDomainEvent;

/// <summary>
/// An entry of the accountability list (问责清单, Art. 32). Its first clause lists the fault and names the person
/// responsible; its second requires the competent department to propose accountability within a set time, failing
/// which the competent department's head is held accountable for not proposing — and the office is told, once.
/// <code>
/// List          → awaiting
/// Propose       awaiting | notProposed → proposed     (the competent department)
/// Lapse         awaiting → notProposed                (timer, past the deadline; tells the office once)
/// </code>
/// </summary>
public sealed record AccountabilityEntry(
    string Id,
    string Source,
    string SubjectId,
    string Title,
    string Article,
    string ResponsiblePersonId,
    string CompetentDepartmentId,
    DateTimeOffset ListedAt,
    DateTimeOffset ProposalDueAt,
    ProposalState State) : IStateful
{
    public const string Article32 = "第三十二条";

    public AccountabilityProposal? Proposal { get; init; }

    /// <summary>Set when the proposal lapsed: the competent department's head, accountable for not proposing.</summary>
    public string? NotProposingPersonId { get; init; }

    public string StateName => State switch
    {
        ProposalState.NotProposed => "notProposed",
        _ => State.ToString().ToLowerInvariant(),
    };

    public static Transition<AccountabilityEntry> List(string id, string source, string subjectId, string title, string article,
        string responsiblePersonId, string competentDepartmentId, DateTimeOffset now, int proposalWorkingDays, WorkingCalendar calendar) =>
        Transition<AccountabilityEntry>.To(new AccountabilityEntry(id, source, subjectId, title, article, responsiblePersonId,
            competentDepartmentId, now, calendar.DeadlineAfter(now, proposalWorkingDays), ProposalState.Awaiting),
            $"列入问责清单（{article}）");

    public Transition<AccountabilityEntry> Propose(Person by, string? proposal, string? reason, DateTimeOffset now)
    {
        if (by.DepartmentId != CompetentDepartmentId)
            throw new AccessDeniedException(Bilingual.Text("问责建议由主管部门提出",
                "the competent department makes the proposal"));
        new FieldErrors().Required("proposal", proposal, "问责建议").MaxLength("proposal", proposal, 4000, "问责建议")
            .Required("reason", reason, "理由").MaxLength("reason", reason, 4000, "理由").ThrowIfAny();
        if (State == ProposalState.Proposed)
            throw new StateConflictException(Bilingual.Text("问责建议已提出", "a proposal is already recorded"));
        return Transition<AccountabilityEntry>.To(this with
        {
            State = ProposalState.Proposed,
            Proposal = new AccountabilityProposal(by.Id, proposal!.Trim(), reason!.Trim(), now),
        }, now > ProposalDueAt ? "逾期提出问责建议" : "提出问责建议");
    }

    /// <summary>Past the deadline with no proposal: the competent department's head is named (second clause of Art. 32).</summary>
    public Transition<AccountabilityEntry>? Lapse(DateTimeOffset now, OrgChart org)
    {
        if (State != ProposalState.Awaiting || now <= ProposalDueAt) return null;
        var head = org.HeadOf(CompetentDepartmentId).Id;
        return Transition<AccountabilityEntry>.To(this with { State = ProposalState.NotProposed, NotProposingPersonId = head },
            "主管部门逾期未提出问责建议，对其负责人提起问责（第三十二条）", new ProposalMissed(Id, head));
    }
}
