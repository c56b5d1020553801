using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Records;

public sealed class RecordFunctions(StaffIdentity identity, OrganizationStore organization, RecordVerifier verifier)
{
    /// <summary>
    /// <c>GET /api/records/verify?kind=&amp;id=</c> (API.md): the history chain of one record, for the government office.
    /// </summary>
    [Function(nameof(VerifyRecord))]
    [Describe("核验一条记录的历史链", "Verify the history chain of one record: intact, unchained or tampered")]
    [Query("kind", "记录类别", "the kind of record", Required = true)]
    [Query("id", "记录编号", "the record's id", Required = true)]
    [Answers(200, typeof(RecordVerification))]
    public async Task<IActionResult> VerifyRecord(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "records/verify")] HttpRequest request)
    {
        var ct = request.HttpContext.RequestAborted;
        var caller = await identity.RequireStaffAsync(request, ct);
        var org = await organization.OrganizationAsync(ct);
        if (caller.DepartmentId != org.Office.Id)
            throw new AccessDeniedException(Bilingual.Text("只有区政府办公室可以核验记录",
                "only the government office verifies records"));
        var kind = RecordVerifier.KindNamed(request.Query["kind"].ToString());
        var id = request.Query["id"].ToString();
        if (string.IsNullOrWhiteSpace(id)) throw ValidationException.For("id", "请提供记录编号", "id is required");
        var result = await verifier.VerifyAsync(kind, id, ct)
            ?? throw new NotFoundException(Bilingual.Text($"记录 {id} 不存在", $"record {id} not found"));
        return new OkObjectResult(result);
    }
}
