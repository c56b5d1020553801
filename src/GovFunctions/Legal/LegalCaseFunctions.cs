using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Legal;

/// <summary>Routes for the cases in which the district government is respondent or defendant (Art. 24), and the defence clock.</summary>
public sealed class LegalCaseFunctions(StaffIdentity identity, LegalCaseService cases, IdempotentIntake once)
{
    public const string Schedule = "0 0 1 * * *"; // 09:00 China Standard Time

    [Function(nameof(RegisterLegalCase))]
    [Describe("登记以区政府为被申请人或被告的案件", "Register a case against the district government (Art. 24)")]
    [Reads(typeof(LegalCaseIntake))]
    [Answers(201, typeof(CaseCreated))]
    public async Task<IActionResult> RegisterLegalCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "legal-cases")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return await once.CreateOnceAsync(request, caller, async () =>
        {
            var c = (await cases.RegisterAsync(caller, await RequestBody.ReadAsync<LegalCaseIntake>(request))).Value;
            return new CreatedResult($"/api/legal-cases/{c.Id}", new CaseCreated(c.Id, c.StateName, c.Kind, c.DefenceDueAt));
        });
    }

    [Function(nameof(GetLegalCase))]
    [Describe("查看案件及历史", "A legal case with its history")]
    [Answers(200, typeof(CaseView))]
    public async Task<IActionResult> GetLegalCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "legal-cases/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        return await ViewAsync(await cases.GetAsync(id));
    }

    [Function(nameof(FileLegalCaseDefence))]
    [Describe("登记已提交答辩状", "Record that the statement of defence was filed (Art. 24)")]
    [Answers(200, typeof(CaseView))]
    [Refuses(409)]
    public async Task<IActionResult> FileLegalCaseDefence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "legal-cases/{id}/defence")] HttpRequest request, string id) =>
        await ViewAsync(await cases.FileDefenceAsync(await identity.RequireStaffAsync(request), id));

    [Function(nameof(CloseLegalCase))]
    [Describe("登记案件结果并结案", "Close the case with its outcome; 422 while a participant has not answered")]
    [Reads(typeof(CaseCloseIntake))]
    [Answers(200, typeof(CaseView))]
    [Refuses(409, 422)]
    public async Task<IActionResult> CloseLegalCase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "legal-cases/{id}/close")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        return await ViewAsync(await cases.CloseAsync(caller, id, await RequestBody.ReadAsync<CaseCloseIntake>(request)));
    }

    [Function(nameof(LegalCaseDefenceReminders))]
    public Task LegalCaseDefenceReminders([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct) => cases.RemindDefencesAsync(ct);

    private async Task<IActionResult> ViewAsync(Platform.Storage.Stored<LegalCase> stored) =>
        new OkObjectResult(CaseView.From(stored.Value, await cases.HistoryAsync(stored.Id)));
}
