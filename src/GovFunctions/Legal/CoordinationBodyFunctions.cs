using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Legal;

/// <summary>Routes for the register of deliberation and coordination bodies (Art. 25), and the dissolution timer.</summary>
public sealed class CoordinationBodyFunctions(StaffIdentity identity, CoordinationBodyService bodies, IdempotentIntake once)
{
    public const string Schedule = "0 15 1 * * *"; // 09:15 China Standard Time

    [Function(nameof(RegisterCoordinationBody))]
    [Describe("登记议事协调机构", "Register a deliberation and coordination body (Art. 25)")]
    [Reads(typeof(CoordinationBodyIntake))]
    [Answers(201, typeof(BodyCreated))]
    public async Task<IActionResult> RegisterCoordinationBody(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordination-bodies")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return await once.CreateOnceAsync(request, caller, async () =>
        {
            var b = (await bodies.RegisterAsync(caller, await RequestBody.ReadAsync<CoordinationBodyIntake>(request))).Value;
            return new CreatedResult($"/api/coordination-bodies/{b.Id}", new BodyCreated(b.Id, b.StateName, b.ApprovalId));
        });
    }

    [Function(nameof(ListCoordinationBodies))]
    [Describe("议事协调机构名册", "The register of coordination bodies")]
    [Answers(200, typeof(BodyRegister))]
    public async Task<IActionResult> ListCoordinationBodies(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordination-bodies")] HttpRequest request)
    {
        await identity.RequireStaffAsync(request);
        return new OkObjectResult(new BodyRegister((await bodies.RegisterListAsync()).Select(BodySummary.From).ToList()));
    }

    [Function(nameof(GetCoordinationBody))]
    [Describe("查看议事协调机构及历史", "A coordination body with its history")]
    [Answers(200, typeof(BodyView))]
    public async Task<IActionResult> GetCoordinationBody(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "coordination-bodies/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        return await ViewAsync(await bodies.GetAsync(id));
    }

    /// <summary>Recording a contract, loan, guarantee, normative document or administrative act: kept in the history, 422 第二十五条.</summary>
    [Function(nameof(RecordCoordinationBodyAct))]
    [Describe("登记机构的对外行为：一律拒绝并记录", "Record an act of the body: always refused (422, Art. 25) and kept")]
    [Reads(typeof(BodyActIntake))]
    [Answers(200, typeof(BodyView))]
    [Refuses(422)]
    public async Task<IActionResult> RecordCoordinationBodyAct(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordination-bodies/{id}/acts")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        await bodies.RefuseActAsync(caller, id, await RequestBody.ReadAsync<BodyActIntake>(request));
        return await ViewAsync(await bodies.GetAsync(id)); // not reached: every act is refused
    }

    [Function(nameof(DissolveCoordinationBody))]
    [Describe("撤销议事协调机构", "Dissolve a coordination body")]
    [Answers(200, typeof(BodyView))]
    [Refuses(409)]
    public async Task<IActionResult> DissolveCoordinationBody(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "coordination-bodies/{id}/dissolve")] HttpRequest request, string id) =>
        await ViewAsync(await bodies.DissolveAsync(await identity.RequireStaffAsync(request), id));

    [Function(nameof(CoordinationBodyReminders))]
    public Task CoordinationBodyReminders([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct) =>
        bodies.RemindDissolutionsAsync(ct);

    private async Task<IActionResult> ViewAsync(Platform.Storage.Stored<CoordinationBody> stored) =>
        new OkObjectResult(BodyView.From(stored.Value, await bodies.HistoryAsync(stored.Id)));
}
