using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Organization;

public sealed class OrganizationFunctions(StaffIdentity identity, OrganizationStore store)
{
    /// <summary><c>GET /api/organization/people</c> (API.md): the staff directory.</summary>
    [Function(nameof(ListPeople))]
    public async Task<IActionResult> ListPeople(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organization/people")] HttpRequest request)
    {
        await identity.RequireStaffAsync(request, request.HttpContext.RequestAborted);
        var org = await store.OrganizationAsync(request.HttpContext.RequestAborted);
        return new OkObjectResult(org.People.Select(p => new PersonView(p.Id, p.Name, p.Email, p.Role, p.Title,
            p.DepartmentId, org.FindDepartment(p.DepartmentId)?.Name, p.SupervisedDepartmentIds)));
    }

    public sealed record PersonView(string Id, string Name, string Email, Role Role, string? Title,
        string? DepartmentId, string? DepartmentName, IReadOnlyList<string> SupervisedDepartmentIds);
}
