using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Organization;

public sealed class OrganizationFunctions(StaffIdentity identity, OrganizationStore store)
{
    /// <summary><c>GET /api/organization/people</c> (API.md): the staff directory.</summary>
    [Function(nameof(ListPeople))]
    [Describe("组织名册：人员、职务、部门与分管部门", "The staff directory: people with role, department and supervised departments")]
    [Answers(200, typeof(IReadOnlyList<PersonView>))]
    public async Task<IActionResult> ListPeople(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "organization/people")] HttpRequest request)
    {
        await identity.RequireStaffAsync(request, request.HttpContext.RequestAborted);
        var org = await store.OrganizationAsync(request.HttpContext.RequestAborted);
        return new OkObjectResult(org.People.Select(p => PersonView.From(p, org)).ToList());
    }
}
