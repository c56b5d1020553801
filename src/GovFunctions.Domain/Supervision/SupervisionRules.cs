namespace GovFunctions.Supervision;

/// <summary>What the office or a leader typed to register an item (立项).</summary>
public sealed record SupervisionIntake(
    string? Title,
    SupervisionSource? Source,
    string? SourceId,
    string? OwnerDepartmentId,
    List<string>? CoDepartmentIds,
    DateOnly? DueDate,
    ProgressCadence? Cadence,
    string? Proposer,
    List<MilestoneIntake>? Milestones);

public sealed record MilestoneIntake(string? Title, DateOnly? Due);

/// <summary>A registration the rules accepted, with what they derived: the supervising leader, the owner's head, the due date.</summary>
public sealed record SupervisionRegistration(
    string Title,
    SupervisionSource Source,
    string? SourceId,
    string OwnerDepartmentId,
    IReadOnlyList<string> CoDepartmentIds,
    string SupervisingLeaderId,
    string OwnerHeadId,
    DateOnly DueDate,
    ProgressCadence Cadence,
    string? Proposer,
    IReadOnlyList<Milestone> Milestones);

/// <summary>
/// A leader ticked 列入督办 on an instruction page (a hotline escalation, a duty log): what supervision needs to open the item.
/// <paramref name="SourceId"/> names the call or the log, <paramref name="DueDate"/> the date the instructed department must
/// finish by, <paramref name="LeaderId"/> who instructed.
/// </summary>
public sealed record InstructionSupervised(string SourceId, string Title, string DepartmentId, DateOnly DueDate, string LeaderId)
    : IDomainEvent;

public static class SupervisionRules
{
    public const int MaxTitle = 200;
    public const int MaxText = 4000;
    public const int MaxProposer = 100;
    public const int MaxYearsAhead = 5;

    /// <summary>Months an instruction put under supervision without a date of its own has (a duty log's, 第三十条).</summary>
    public const int InstructionDueMonths = 1;

    /// <summary>
    /// The office's supervision staff (督查): its director, deputy directors and clerks, not the hotline or duty desks.
    /// </summary>
    public static bool IsOfficeStaff(Person p, OrgChart org) =>
        p.DepartmentId == org.Office.Id && p.Role is Role.OfficeDirector or Role.DeputyDepartmentHead or Role.Staff;

    /// <summary>The office and the district's leaders register items (Art. 30).</summary>
    public static bool MayRegister(Person p, OrgChart org) => p.IsLeader || IsOfficeStaff(p, org);

    /// <summary>Routes for the district's leaders and the office only: anyone else is refused with the route's own text.</summary>
    public static void RequireLeaderOrOffice(Person p, OrgChart org, string zh, string en)
    {
        if (!p.IsLeader && !IsOfficeStaff(p, org))
            throw new AccessDeniedException(Bilingual.Text(zh, en));
    }

    /// <summary>
    /// The leader who supervises the owner's work: the portfolio leader (分管, Art. 6); the district head for the office's
    /// own items and for the audit bureau (Art. 9).
    /// </summary>
    public static Person SupervisingLeader(string ownerDepartmentId, OrgChart org) =>
        ownerDepartmentId == org.Office.Id ? org.DistrictHead : org.SupervisorOf(ownerDepartmentId);

    /// <param name="proposalMonths">The statutory handling period of NPC and CPPCC proposals (Art. 31), the default due date.</param>
    public static SupervisionRegistration Validate(SupervisionIntake i, Person by, OrgChart org, DateOnly today, int proposalMonths)
    {
        if (!MayRegister(by, org))
            throw new AccessDeniedException(Bilingual.Text("只有区政府办公室和区政府领导可以立项督办",
                "only the office and the leaders register items"));
        var errors = new FieldErrors()
            .Required("title", i.Title, "督办事项名称").MaxLength("title", i.Title?.Trim(), MaxTitle, "督办事项名称")
            .MaxLength("sourceId", i.SourceId, 200, "来源编号");
        if (i.Source is null) errors.Add("source", "请选择督办来源", "source is required");
        if (i.Source is SupervisionSource.Decision or SupervisionSource.Instruction or SupervisionSource.LegalCase
            && string.IsNullOrWhiteSpace(i.SourceId))
            errors.Add("sourceId", "来源为决策或批示时须填写来源编号",
                "sourceId is required for a decision or an instruction");
        var owner = org.FindDepartment(i.OwnerDepartmentId);
        if (owner is null) errors.Add("ownerDepartmentId", "请选择牵头单位", "ownerDepartmentId must name a department");
        var co = (i.CoDepartmentIds ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();
        if (co.Any(d => org.FindDepartment(d) is null))
            errors.Add("coDepartmentIds", "协办单位不存在", "coDepartmentIds names an unknown department");
        if (owner is not null && co.Contains(owner.Id))
            errors.Add("coDepartmentIds", "牵头单位不能同时为协办单位", "the owner cannot also co-operate");

        string? proposer = null;
        if (i.Source == SupervisionSource.Proposal)
        {
            errors.Required("proposer", i.Proposer, "提出人（代表或委员）")
                .MaxLength("proposer", i.Proposer?.Trim(), MaxProposer, "提出人");
            proposer = i.Proposer?.Trim();
        }
        var due = i.DueDate ?? (i.Source == SupervisionSource.Proposal ? today.AddMonths(proposalMonths) : null);
        if (due is null) errors.Add("dueDate", "请填写完成期限", "dueDate is required");
        else if (due > today.AddYears(MaxYearsAhead))
            errors.Add("dueDate", $"完成期限不能超过{MaxYearsAhead}年", $"dueDate is more than {MaxYearsAhead} years ahead");

        var milestones = new List<Milestone>();
        foreach (var (m, n) in (i.Milestones ?? []).Select((m, n) => (m, n)))
        {
            if (string.IsNullOrWhiteSpace(m.Title) || m.Title.Length > MaxTitle || m.Due is null)
                errors.Add($"milestones[{n}]", "节点须有名称和日期", "a milestone needs a title and a date");
            else if (due is not null && m.Due > due)
                errors.Add($"milestones[{n}]", "节点日期不能晚于完成期限", "a milestone is after the due date");
            else milestones.Add(new Milestone(m.Title.Trim(), m.Due.Value));
        }
        errors.ThrowIfAny();

        return new SupervisionRegistration(i.Title!.Trim(), i.Source!.Value, i.SourceId?.Trim(), owner!.Id, co,
            SupervisingLeader(owner.Id, org).Id, org.HeadOf(owner.Id).Id, due!.Value, i.Cadence ?? ProgressCadence.Weekly, proposer,
            milestones.OrderBy(m => m.Due).ToList());
    }

    /// <summary>
    /// The item an adopted or amended decision opens (Art. 30: the implementation of major decisions is reported on): owned by
    /// the sponsoring department, with the consulted departments co-operating, reported monthly, due after the set months.
    /// </summary>
    public static SupervisionRegistration FromDecision(string decisionId, string title, string sponsorDepartmentId,
        IEnumerable<string> consultedDepartmentIds, DateOnly adoptedOn, int months, OrgChart org) =>
        new($"落实重大行政决策：{title}", SupervisionSource.Decision, decisionId, sponsorDepartmentId,
            consultedDepartmentIds.Where(d => d != sponsorDepartmentId && org.FindDepartment(d) is not null).Distinct().ToList(),
            SupervisingLeader(sponsorDepartmentId, org).Id, org.HeadOf(sponsorDepartmentId).Id, adoptedOn.AddMonths(months),
            ProgressCadence.Monthly, null, []);

    /// <summary>
    /// The rectification item a lost case opens (Art. 24, 30): owned by the department it names, reported monthly, due after the
    /// set months; the title names the case, cut to the title's limit.
    /// </summary>
    public static SupervisionRegistration FromLegalCase(string caseId, string summary, string ownerDepartmentId, DateOnly lostOn,
        int months, OrgChart org)
    {
        return new(Cut($"整改败诉（被撤销）案件：{summary}"), SupervisionSource.LegalCase, caseId,
            ownerDepartmentId, [], SupervisingLeader(ownerDepartmentId, org).Id, org.HeadOf(ownerDepartmentId).Id, lostOn.AddMonths(months),
            ProgressCadence.Monthly, null, []);
    }

    /// <summary>The item a source opens: <c>{ownerDepartmentId}.{sourceId}</c>, so the source names it and a redelivery finds it.</summary>
    public static string ItemIdFor(string ownerDepartmentId, string sourceId) => $"{ownerDepartmentId}.{sourceId}";

    /// <summary>
    /// The item a leader's instruction (批示) opens when the leader asks for it to be supervised (第三十条): owned by the
    /// instructed department, supervised by that department's portfolio leader as every item is, reported weekly.
    /// </summary>
    public static SupervisionRegistration FromInstruction(InstructionSupervised i, OrgChart org)
    {
        return new(Cut($"领导批示督办：{i.Title}"), SupervisionSource.Instruction, i.SourceId,
            i.DepartmentId, [], SupervisingLeader(i.DepartmentId, org).Id, org.HeadOf(i.DepartmentId).Id, i.DueDate,
            ProgressCadence.Weekly, null, []);
    }

    /// <summary>A title cut to the title's limit.</summary>
    private static string Cut(string title) => title.Length > MaxTitle ? title[..(MaxTitle - 1)] + "…" : title;

    public static void ValidateProgress(string? text, int? percent)
    {
        var errors = new FieldErrors().Required("text", text, "进展情况").MaxLength("text", text, MaxText, "进展情况");
        if (percent is null or < 0 or > 100) errors.Add("percent", "完成百分比须在 0 到 100 之间", "percent must be 0 to 100");
        errors.ThrowIfAny();
    }

    /// <summary>A completion report (办结报告) needs its text.</summary>
    public static void ValidateCompletion(string? text) =>
        new FieldErrors().Required("text", text, "办结报告").MaxLength("text", text, MaxText, "办结报告").ThrowIfAny();

    /// <summary>
    /// Who sees an item (API.md, "Scoped"): the district head and the office everything; a deputy or assistant head the
    /// departments of their portfolio; a department's leaders their department (owner or co-operating).
    /// </summary>
    public static bool CanSee(Person p, OrgChart org, SupervisedItem item) =>
        SeesAll(p, org)
        || p.IsLeader && (p.SupervisedDepartmentIds.Contains(item.OwnerDepartmentId) || item.SupervisingLeaderId == p.Id
            || item.CoDepartmentIds.Any(p.SupervisedDepartmentIds.Contains))
        || p.Role is Role.DepartmentHead or Role.DeputyDepartmentHead && p.DepartmentId is { } d && item.Involves(d);

    public static bool SeesAll(Person p, OrgChart org) => p.Role == Role.DistrictHead || IsOfficeStaff(p, org);

    /// <summary>Anyone with a scope at all: the board and the list answer 403 to everyone else.</summary>
    public static bool HasScope(Person p, OrgChart org) =>
        SeesAll(p, org) || p.IsLeader || p.Role is Role.DepartmentHead or Role.DeputyDepartmentHead;
}
