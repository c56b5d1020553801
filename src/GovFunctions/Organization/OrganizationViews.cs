namespace GovFunctions.Organization;

/// <summary>One person of the staff directory (<c>GET /api/organization/people</c>), with the name of their department.</summary>
public sealed record PersonView(string Id, string Name, string Email, Role Role, string? Title,
    string? DepartmentId, string? DepartmentName, IReadOnlyList<string> SupervisedDepartmentIds)
{
    public static PersonView From(Person p, OrgChart org) => new(p.Id, p.Name, p.Email, p.Role, p.Title,
        p.DepartmentId, org.FindDepartment(p.DepartmentId)?.Name, p.SupervisedDepartmentIds);
}
