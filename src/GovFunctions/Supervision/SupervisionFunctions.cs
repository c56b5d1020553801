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
    [Describe("登记督查督办事项", "Register a supervised item (Art. 30)")]
    [Reads(typeof(SupervisionIntake))]
    [Answers(201, typeof(SupervisionCreatedView))]
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
    [Describe("督办事项列表（按权限范围）", "Supervised items within the caller's scope, filtered")]
    [Query("department", "责任部门", "owner department")]
    [Query("leader", "分管领导", "supervising leader")]
    [Query("status", "状态", "status", Of = typeof(SupervisionStatus))]
    [Query("color", "预警颜色", "warning colour", Of = typeof(WarningColor))]
    [Query("source", "来源", "source", Of = typeof(SupervisionSource))]
    [Query("dueBefore", "到期日之前", "due before", Of = typeof(DateOnly))]
    [Answers(200, typeof(IReadOnlyList<SupervisedItemView>))]
    public async Task<IActionResult> ListSupervisedItems(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "supervision/items")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return new OkObjectResult(await queries.ListAsync(caller, SupervisionFilter.From(request.Query)));
    }

    [Function(nameof(GetSupervisedItem))]
    [Describe("查看督办事项、进展与历史", "A supervised item with its progress reports and history")]
    [Answers(200, typeof(SupervisedItemDetailView))]
    public async Task<IActionResult> GetSupervisedItem(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "supervision/items/{id}")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        return new OkObjectResult(await queries.GetAsync(caller, id));
    }

    [Function(nameof(ActOnSupervisedItem))]
    [Describe("签收、报告进展、报告办结、核验或申请延期", "Acknowledge, report progress, report completion, verify or ask for an extension")]
    [Reads(typeof(SupervisionAction))]
    [Answers(200, typeof(SupervisedItemDetailView))]
    [Refuses(409)]
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
