using GovFunctions.Approvals;

namespace GovFunctions.Leave;

/// <summary>What the applicant typed; every field may be missing or wrong.</summary>
public sealed record LeaveApplication(
    DateTimeOffset? Start,
    DateTimeOffset? End,
    string? Destination,
    string? Contact,
    string? Reason,
    string? ActingPersonId);

/// <summary>The leave and travel rules of Art. 4, 74 and 75.</summary>
public static class LeaveRules
{
    public const string Art74 = "第七十四条 (Art. 74)";
    public const string Art75 = "第七十五条 (Art. 75)";

    /// <summary>
    /// Who approves, in order. Art. 74: deputy heads, assistant heads and the office director — the district head.
    /// Art. 75: department heads — their supervising deputy head, then the district head (once, where the district head
    /// supervises the department directly, as with the audit bureau, Art. 9). The district head: nobody (Art. 4), the
    /// travel is recorded. Anyone else is outside these articles.
    /// </summary>
    public static IReadOnlyList<StepSpec> ChainFor(OrgChart org, Person applicant)
    {
        var head = org.DistrictHead.Id;
        return applicant.Role switch
        {
            Role.DistrictHead => [],
            Role.ExecutiveDeputyHead or Role.DeputyHead or Role.AssistantHead or Role.OfficeDirector =>
                [new StepSpec("区长审批", StepKind.Single, [head])],
            Role.DepartmentHead => org.SupervisorOf(applicant.DepartmentId!).Id == head
                ? [new StepSpec("区长审批", StepKind.Single, [head])]
                : [new StepSpec("分管副区长审批", StepKind.Single, [org.SupervisorOf(applicant.DepartmentId!).Id]),
                   new StepSpec("区长审批", StepKind.Single, [head])],
            _ => throw new RuleViolationException(Art74, "applicantRole", Bilingual.Text(
                "本流程办理区政府领导和各组成部门主要负责人的离岗外出和休假（第七十四、七十五条），其他人员请按本部门规定办理",
                "this flow covers the district's leaders and department heads (Art. 74, 75); other staff follow their department's rules")),
        };
    }

    /// <summary>Who presides while the applicant is away: for the district head always the executive deputy (Art. 4).</summary>
    public static string? ActingPersonFor(OrgChart org, Person applicant, LeaveApplication a) =>
        applicant.Role == Role.DistrictHead ? org.ExecutiveDeputy.Id : string.IsNullOrWhiteSpace(a.ActingPersonId) ? null : a.ActingPersonId.Trim();

    /// <summary>Art. 74: the office informs the other leaders of a leader's absence; Art. 75: a department head informs the office.</summary>
    public static bool OfficeInformsLeaders(Person applicant) => applicant.IsLeader;

    /// <summary>Art. 74: leaders report back to the district head on return; Art. 75: department heads tell the office.</summary>
    public static bool ReportsBackToDistrictHead(Person applicant) => applicant.IsLeader && applicant.Role != Role.DistrictHead;

    /// <summary>Art. 75 asks department heads to name who presides in their absence.</summary>
    public static bool RequiresActingPerson(Person applicant) => applicant.Role == Role.DepartmentHead;

    /// <summary>
    /// Who may preside while the applicant is away: for the district head the executive deputy (Art. 4); for a department head
    /// one of that department's own leaders, its deputy heads (Art. 75); for the other district leaders another of them.
    /// </summary>
    public static IReadOnlyList<Person> ActingCandidates(OrgChart org, Person applicant) => applicant.Role switch
    {
        Role.DistrictHead => [org.ExecutiveDeputy],
        Role.DepartmentHead => org.DeputiesOf(applicant.DepartmentId!),
        _ => org.Leaders.Where(p => p.Id != applicant.Id).ToList(),
    };

    /// <summary>
    /// Checks an application; throws 400 naming every wrong field. <paramref name="ownRequests"/> are the applicant's other
    /// requests; <paramref name="actingPersonsRequests"/> the named acting person's.
    /// </summary>
    public static void Validate(LeaveApplication a, Person applicant, OrgChart org,
        IEnumerable<LeaveRequest> ownRequests, IEnumerable<LeaveRequest> actingPersonsRequests, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        if (a.Start is null) errors.Add("start", "开始时间为必填项", "start is required");
        if (a.End is null) errors.Add("end", "结束时间为必填项", "end is required");
        if (a.Start is { } s && a.End is { } e)
        {
            if (e <= s) errors.Add("end", "结束时间必须晚于开始时间", "end must be after start");
            else if (e - s > TimeSpan.FromDays(90)) errors.Add("end", "单次请假不能超过90天", "a single request may not exceed 90 days");
            if (e <= now) errors.Add("end", "结束时间已过，无法请假", "end is in the past");
            var clash = ownRequests.FirstOrDefault(r => r.IsActive && r.Overlaps(s, e));
            if (clash is not null)
                errors.Add("start", $"与您已提交的请假（{clash.Id}，{StatusNames.Of(clash.Status)}）时间重叠",
                    $"overlaps your {LeaveRequest.StateName(clash.Status)} request {clash.Id}");
        }
        errors.Required("destination", a.Destination, "外出地点").MaxLength("destination", a.Destination, 200, "外出地点");
        errors.Required("contact", a.Contact, "联系方式").MaxLength("contact", a.Contact, 100, "联系方式");
        errors.MaxLength("reason", a.Reason, 1000, "事由");

        if (applicant.Role == Role.DistrictHead && !string.IsNullOrWhiteSpace(a.ActingPersonId) && a.ActingPersonId != org.ExecutiveDeputy.Id)
            errors.Add("actingPersonId", "区长出差（出访）期间由常务副区长主持区政府工作（第四条）",
                "while the district head travels the executive deputy presides (Art. 4)");
        else if (string.IsNullOrWhiteSpace(a.ActingPersonId))
        {
            if (RequiresActingPerson(applicant))
                errors.Add("actingPersonId", "部门主要负责人请假须指定代为主持工作的负责人（第七十五条）", "department heads must name an acting person (Art. 75)");
        }
        else if (org.FindPerson(a.ActingPersonId) is not { } acting)
            errors.Add("actingPersonId", "代为主持工作的负责人不在组织名册中", "actingPersonId is not a person of the organization");
        else if (acting.Id == applicant.Id)
            errors.Add("actingPersonId", "代为主持工作的负责人不能是本人", "the acting person must be someone else");
        else if (a.Start is { } s2 && a.End is { } e2 && e2 > s2
                 && actingPersonsRequests.FirstOrDefault(r => r.IsActive && r.Overlaps(s2, e2)) is { } away)
            errors.Add("actingPersonId", $"{acting.Name}在此期间也不在岗（{away.Id}）", $"{acting.Id} is away then ({away.Id})");

        errors.ThrowIfAny();
        if (RequiresActingPerson(applicant) && org.FindPerson(a.ActingPersonId) is { } named
            && ActingCandidates(org, applicant) is var own && own.All(p => p.Id != named.Id))
            throw new RuleViolationException(Art75, "actingPerson", Bilingual.Text(
                $"代为主持工作的负责人须为本部门的负责人（{string.Join("、", own.Select(p => p.DisplayName))}），{named.DisplayName}不是本部门的负责人（第七十五条）",
                $"the acting person must be one of the department's own leaders ({string.Join(", ", own.Select(p => p.Id))}); "
                + $"{named.Id} is not (Art. 75)"));
    }
}
