namespace GovFunctions.Organization;

/// <summary>Roles of Art. 3–9, plus the staff who run the hotline (Art. 37) and duty (Art. 76).</summary>
public enum Role
{
    DistrictHead,
    ExecutiveDeputyHead,
    DeputyHead,
    AssistantHead,
    OfficeDirector,
    DepartmentHead,
    DeputyDepartmentHead,
    HotlineOperator,
    DutyOfficer,
    Staff,
}

public enum DepartmentKind { Office, Legal, Audit, Bureau }

public sealed record Person(
    string Id,
    string Name,
    string Email,
    Role Role,
    string? Title,
    string? DepartmentId,
    IReadOnlyList<string> SupervisedDepartmentIds)
{
    /// <summary>The district's leadership (区政府领导): head, deputies, assistant heads and the office director.</summary>
    public bool IsLeader => Role is Role.DistrictHead or Role.ExecutiveDeputyHead or Role.DeputyHead
        or Role.AssistantHead or Role.OfficeDirector;

    public string DisplayName => Title is null ? Name : $"{Title} {Name}";
}

public sealed record Department(string Id, string Name, DepartmentKind Kind);

public sealed record District(
    string Name,
    string ShortName,
    string EmailDomain,
    string OfficeEmail,
    string OperationsEmail,
    string PublicFeedTitle);

/// <summary>
/// A snapshot of the district's organization with the lookups the rules need. Construction checks that
/// the structure the rules rely on is there (one district head, one executive deputy, one head and one
/// supervising leader per department) and refuses an organization that lacks it.
/// </summary>
public sealed class OrgChart
{
    private readonly Dictionary<string, Person> _people;
    private readonly Dictionary<string, Person> _byEmail;
    private readonly Dictionary<string, Department> _departments;
    private readonly Dictionary<string, Person> _headOf = [];
    private readonly Dictionary<string, Person> _supervisorOf = [];

    public OrgChart(District district, IEnumerable<Department> departments, IEnumerable<Person> people,
        HotlineRoster hotlineRoster, DutyRoster dutyRoster)
    {
        District = district;
        var problems = new List<string>();
        Departments = departments.ToList();
        People = people.ToList();
        _departments = UniqueBy(Departments, d => d.Id, "department id", problems);
        _people = UniqueBy(People, p => p.Id, "person id", problems);
        _byEmail = UniqueBy(People, p => p.Email.ToLowerInvariant(), "email", problems);
        HotlineRoster = hotlineRoster;
        DutyRoster = dutyRoster;

        DistrictHead = Single(Role.DistrictHead, problems);
        ExecutiveDeputy = Single(Role.ExecutiveDeputyHead, problems);
        OfficeDirector = Single(Role.OfficeDirector, problems);

        foreach (var p in People)
        {
            if (p.DepartmentId is not null && !_departments.ContainsKey(p.DepartmentId))
                problems.Add($"{p.Id}: unknown department {p.DepartmentId}");
            if (p.Role is Role.DepartmentHead or Role.OfficeDirector && p.DepartmentId is not null
                && !_headOf.TryAdd(p.DepartmentId, p))
                problems.Add($"department {p.DepartmentId} has more than one head");
            foreach (var d in p.SupervisedDepartmentIds)
            {
                if (!_departments.ContainsKey(d)) problems.Add($"{p.Id}: supervises unknown department {d}");
                else if (!_supervisorOf.TryAdd(d, p)) problems.Add($"department {d} has more than one supervising leader");
            }
        }
        foreach (var d in Departments)
        {
            if (!_headOf.ContainsKey(d.Id)) problems.Add($"department {d.Id} has no head");
            if (!_supervisorOf.ContainsKey(d.Id)) problems.Add($"department {d.Id} has no supervising leader");
        }
        if (Departments.Count(d => d.Kind == DepartmentKind.Legal) != 1) problems.Add("there must be exactly one legal affairs office");
        if (Departments.Count(d => d.Kind == DepartmentKind.Office) != 1) problems.Add("there must be exactly one government office");
        foreach (var id in hotlineRoster.Rotation.Concat(dutyRoster.Officers).Concat(dutyRoster.Leaders))
            if (!_people.ContainsKey(id)) problems.Add($"roster names unknown person {id}");

        if (problems.Count > 0)
            throw new InvalidOperationException("The organization is incomplete: " + string.Join("; ", problems));

        LegalOffice = Departments.Single(d => d.Kind == DepartmentKind.Legal);
        Office = Departments.Single(d => d.Kind == DepartmentKind.Office);
    }

    public District District { get; }
    public IReadOnlyList<Department> Departments { get; }
    public IReadOnlyList<Person> People { get; }
    public HotlineRoster HotlineRoster { get; }
    public DutyRoster DutyRoster { get; }
    public Person DistrictHead { get; } = null!;
    public Person ExecutiveDeputy { get; } = null!;
    public Person OfficeDirector { get; } = null!;
    public Department LegalOffice { get; } = null!;
    public Department Office { get; } = null!;

    public IEnumerable<Person> Leaders => People.Where(p => p.IsLeader);

    public Person? FindPerson(string? id) => id is not null && _people.TryGetValue(id, out var p) ? p : null;

    public Person Person(string id) => FindPerson(id) ?? throw new NotFoundException(
        Bilingual.Text($"人员 {id} 不存在", $"person {id} not found"));

    public Person? FindByEmail(string? email) =>
        email is not null && _byEmail.TryGetValue(email.Trim().ToLowerInvariant(), out var p) ? p : null;

    public Department? FindDepartment(string? id) => id is not null && _departments.TryGetValue(id, out var d) ? d : null;

    public Person HeadOf(string departmentId) => _headOf[departmentId];

    /// <summary>A department's own leaders besides its head (its deputy heads): who presides over its work in the head's absence.</summary>
    public IReadOnlyList<Person> DeputiesOf(string departmentId) =>
        People.Where(p => p.Role == Role.DeputyDepartmentHead && p.DepartmentId == departmentId).ToList();

    /// <summary>The leader whose portfolio (分管) holds the department (Art. 6); for the audit bureau, the district head (Art. 9).</summary>
    public Person SupervisorOf(string departmentId) => _supervisorOf[departmentId];

    public IEnumerable<Department> PortfolioOf(Person leader) =>
        leader.SupervisedDepartmentIds.Select(id => _departments[id]);

    private Person Single(Role role, List<string> problems)
    {
        var matches = People.Where(p => p.Role == role).ToList();
        if (matches.Count != 1) problems.Add($"there must be exactly one {role}, found {matches.Count}");
        return matches.FirstOrDefault()!;
    }

    private static Dictionary<string, T> UniqueBy<T>(IEnumerable<T> items, Func<T, string> key, string what, List<string> problems)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
            if (!map.TryAdd(key(item), item)) problems.Add($"duplicate {what} {key(item)}");
        return map;
    }
}
