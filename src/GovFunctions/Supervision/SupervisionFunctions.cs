using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Supervision;

/// <summary>The supervision routes (API.md) and the reminders timer.</summary>
public sealed class SupervisionFunctions(StaffIdentity identity, SupervisionService supervision, SupervisionQueries queries,
    SupervisionWarnings warnings,
    IdempotentIntake once)
{
    public const string Schedule = "0 30 1 * * *"; // 09:30 China Standard Time, every day (the rules read the working-day clock)

    [Function(nameof(RegisterSupervisedItem))]
    public async Task<IActionResult> RegisterSupervisedItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "supervision/items")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return await once.CreateOnceAsync(request, caller, async () =>
        {
            var stored = await supervision.RegisterAsync(caller, await RequestBody.ReadAsync<SupervisionIntake>(request));
            return new CreatedResult($"/api/supervision/items/{stored.Id}", SupervisionCreatedView.From(stored));
        });
    }

    [Function(nameof(ListSupervisedItems))]
    public async Task<IActionResult> ListSupervisedItems(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "supervision/items")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return new OkObjectResult(await queries.ListAsync(caller, SupervisionFilter.From(request.Query)));
    }

    [Function(nameof(GetSupervisedItem))]
    public async Task<IActionResult> GetSupervisedItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "supervision/items/{id}")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        return new OkObjectResult(await queries.GetAsync(caller, id));
    }

    [Function(nameof(ActOnSupervisedItem))]
    public async Task<IActionResult> ActOnSupervisedItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post",
            Route = "supervision/items/{id}/{action:regex(^(acknowledge|progress|complete|verify|extension)$)}")]
        HttpRequest request, string id, string action)
    {
        var caller = await identity.RequireStaffAsync(request);
        await supervision.ActAsync(caller, id, action, await RequestBody.ReadAsync<SupervisionAction>(request));
        return new OkObjectResult(await queries.GetAsync(caller, id));
    }

    [Function(nameof(SupervisionReminders))]
    public Task SupervisionReminders([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct) => warnings.RunAsync(ct);
}
