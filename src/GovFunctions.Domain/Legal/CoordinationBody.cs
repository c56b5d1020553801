namespace GovFunctions.Legal;

public enum CoordinationBodyStatus { Proposed, Active, Refused, Dissolved }

/// <summary>What a deliberation and coordination body may never do (Art. 25).</summary>
public enum ForbiddenAct { Contract, Loan, Guarantee, NormativeDocument, AdministrativeAct }

public sealed record CoordinationBodyIntake(string? Name, string? Purpose, string? LeaderId, List<string>? MemberIds,
    bool RequiredByHigherAuthority, DateOnly? ExpectedEndDate);

public sealed record RefusedAct(ForbiddenAct Kind, string ById, DateTimeOffset At, string? Description);

/// <summary>A body no higher authority requires goes to the district head (<see cref="DistrictHeadId"/>) for approval.</summary>
public sealed record BodyApprovalNeeded(string BodyId, string ApprovalId, string DistrictHeadId) : IDomainEvent;
public sealed record DissolutionReminder(string BodyId, bool ListedForOffice) : IDomainEvent;

/// <summary>
/// A deliberation and coordination body or temporary body (议事协调机构和临时机构, Art. 25). Transitions:
/// <code>
/// Register       → active (required by a higher authority) | proposed (needs the district head's approval)
/// Decided        proposed → active | refused     (the district head, an engine step)
/// RefuseAct      records an attempt at a forbidden act; the caller gets 422 第二十五条
/// Remind         after the expected end: the leader in charge; after N more working days, listed for the office
/// Dissolve       active → dissolved
/// </code>
/// </summary>
public sealed record CoordinationBody(
    string Id,
    string Name,
    string Purpose,
    string LeaderId,
    IReadOnlyList<string> MemberIds,
    bool RequiredByHigherAuthority,
    DateOnly ExpectedEndDate,
    string? ApprovalId,
    string RegisteredById,
    DateTimeOffset RegisteredAt,
    CoordinationBodyStatus Status) : IStateful
{
    public const string Article = "第二十五条";

    public IReadOnlyList<RefusedAct> RefusedActs { get; init; } = [];
    public bool LeaderReminded { get; init; }
    public bool ListedForOffice { get; init; }
    public DateTimeOffset? DissolvedAt { get; init; }

    public string StateName => Status.ToString().ToLowerInvariant();

    public static Transition<CoordinationBody> Register(string id, string approvalId, CoordinationBodyIntake i, Person by, OrgChart org,
        DateTimeOffset now)
    {
        RequireOffice(by, org);
        var errors = new FieldErrors().Required("name", i.Name, "机构名称").MaxLength("name", i.Name, 200, "机构名称")
            .Required("purpose", i.Purpose, "设立事由").MaxLength("purpose", i.Purpose, 4000, "设立事由");
        var leader = org.FindPerson(i.LeaderId);
        if (leader is null || leader.Role is not (Role.DistrictHead or Role.ExecutiveDeputyHead or Role.DeputyHead))
            errors.Add("leaderId", "牵头领导须为区长或分管副区长", "leaderId must be the district head or a deputy head");
        var members = (i.MemberIds ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct().ToList();
        if (members.Any(m => org.FindPerson(m) is null) || (i.MemberIds ?? []).Any(string.IsNullOrWhiteSpace))
            errors.Add("memberIds", "成员不存在", "memberIds names an unknown person");
        if (i.ExpectedEndDate is null) errors.Add("expectedEndDate", "请填写预计完成工作的日期", "expectedEndDate is required");
        else if (i.ExpectedEndDate < ChinaTime.DateOf(now))
            errors.Add("expectedEndDate", "预计完成日期不能早于今天", "expectedEndDate is in the past");
        else if (i.ExpectedEndDate > ChinaTime.DateOf(now).AddYears(10))
            errors.Add("expectedEndDate", "预计完成日期过远", "expectedEndDate is too far ahead");
        errors.ThrowIfAny();

        var body = new CoordinationBody(id, i.Name!.Trim(), i.Purpose!.Trim(), leader!.Id, members, i.RequiredByHigherAuthority,
            i.ExpectedEndDate!.Value, i.RequiredByHigherAuthority ? null : approvalId, by.Id, now,
            i.RequiredByHigherAuthority ? CoordinationBodyStatus.Active : CoordinationBodyStatus.Proposed);
        return i.RequiredByHigherAuthority
            ? Transition<CoordinationBody>.To(body, "登记上级规定设立的领导小组")
            : Transition<CoordinationBody>.To(body, "拟设立，报区长批准（第二十五条）",
                new BodyApprovalNeeded(id, approvalId, org.DistrictHead.Id));
    }

    public Transition<CoordinationBody> Decided(string approvalId, bool approved)
    {
        if (Status != CoordinationBodyStatus.Proposed || ApprovalId != approvalId)
            throw Conflict("该设立申请已处理", "this proposal was already decided");
        return Transition<CoordinationBody>.To(
            this with { Status = approved ? CoordinationBodyStatus.Active : CoordinationBodyStatus.Refused },
            approved ? "区长批准设立" : "区长不同意设立");
    }

    /// <summary>The attempt is recorded; the service commits it and answers 422 with <see cref="Violation"/>.</summary>
    public Transition<CoordinationBody> RefuseAct(ForbiddenAct kind, string? description, Person by, DateTimeOffset now) =>
        Transition<CoordinationBody>.To(this with { RefusedActs = [.. RefusedActs, new RefusedAct(kind, by.Id, now, description?.Trim())] },
            $"拒绝：议事协调机构不得{ActName(kind)}（第二十五条）");

    public static RuleViolationException Violation(ForbiddenAct kind) => new(Article, "coordinationBody", Bilingual.Text(
        $"议事协调机构和临时机构不得{ActName(kind)}（第二十五条）",
        $"a coordination body may not {kind.ToString().ToLowerInvariant()} (Art. 25)"));

    public static string ActName(ForbiddenAct kind) => kind switch
    {
        ForbiddenAct.Contract => "对外签订经济合同",
        ForbiddenAct.Loan => "借款",
        ForbiddenAct.Guarantee => "提供担保",
        ForbiddenAct.NormativeDocument => "对外发布规范性文件",
        _ => "作出具体行政行为",
    };

    /// <summary>
    /// Its work should be done by the expected end date: the leader is reminded after it, the office told after more days.
    /// </summary>
    public Transition<CoordinationBody>? Remind(DateTimeOffset now, WorkingCalendar calendar, int listAfterWorkingDays)
    {
        if (Status != CoordinationBodyStatus.Active) return null;
        var today = ChinaTime.DateOf(now);
        if (today <= ExpectedEndDate) return null;
        var list = !ListedForOffice && calendar.WorkingDaysBetween(ExpectedEndDate, today) >= listAfterWorkingDays;
        if (LeaderReminded && !list) return null;
        return Transition<CoordinationBody>.To(this with { LeaderReminded = true, ListedForOffice = ListedForOffice || list },
            list ? "工作完成期限已过，列入待撤销名单，告知区政府办公室"
                : "工作完成期限已过，提醒牵头领导及时撤销",
            new DissolutionReminder(Id, list));
    }

    public Transition<CoordinationBody> Dissolve(Person by, OrgChart org, DateTimeOffset now)
    {
        RequireOffice(by, org);
        if (Status is not (CoordinationBodyStatus.Active or CoordinationBodyStatus.Proposed))
            throw Conflict("该机构已撤销", "the body is already dissolved");
        return Transition<CoordinationBody>.To(this with { Status = CoordinationBodyStatus.Dissolved, DissolvedAt = now }, "撤销");
    }

    private static void RequireOffice(Person by, OrgChart org)
    {
        if (by.DepartmentId != org.Office.Id)
            throw new AccessDeniedException(Bilingual.Text("议事协调机构由区政府办公室登记",
                "the government office keeps the register"));
    }

    private static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}
