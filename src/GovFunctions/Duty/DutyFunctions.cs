using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Duty;

/// <summary>The duty log routes (Art. 76) and the handover at each shift change.</summary>
public sealed class DutyFunctions(StaffIdentity identity, DutyService duty, IdempotentIntake once)
{
    public const string HandoverSchedule = "0 30 0 * * *"; // 08:30 China Standard Time, the duty roster's shift change

    public sealed record CarriedOutReport(string? Note);

    [Function(nameof(RecordDutyLog))]
    [Describe("登记值班记录并报告带班领导", "Record a duty log; the leader on duty is asked for an instruction (Art. 76)")]
    [Reads(typeof(DutyLogIntake))]
    [Answers(201, typeof(DutyLogCreatedView))]
    public async Task<IActionResult> RecordDutyLog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "duty/logs")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return await once.CreateOnceAsync(request, caller, async () =>
        {
            var stored = await duty.RecordAsync(caller, await RequestBody.ReadAsync<DutyLogIntake>(request));
            return new CreatedResult($"/api/duty/logs/{stored.Id}", DutyLogCreatedView.From(stored));
        });
    }

    [Function(nameof(GetDutyLog))]
    [Describe("查看值班记录、批示与办理情况", "A duty log with the instruction, who carried it out, and its history")]
    [Answers(200, typeof(DutyLogView))]
    public async Task<IActionResult> GetDutyLog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "duty/logs/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        return new OkObjectResult(await ViewAsync(await duty.GetAsync(id)));
    }

    [Function(nameof(DutyLogCarriedOut))]
    [Describe("登记按批示办理的结果", "Record that the leader's instruction was carried out")]
    [Reads(typeof(DutyFunctions.CarriedOutReport))]
    [Answers(200, typeof(DutyLogView))]
    [Refuses(409)]
    public async Task<IActionResult> DutyLogCarriedOut(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "duty/logs/{id}/carried-out")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        var body = await RequestBody.ReadAsync<CarriedOutReport>(request);
        return new OkObjectResult(await ViewAsync(await duty.CarriedOutAsync(caller, id, body.Note)));
    }

    [Function(nameof(DutyHandover))]
    public Task DutyHandover([TimerTrigger(HandoverSchedule)] TimerInfo timer, CancellationToken ct) => duty.HandoverAsync(ct);

    private async Task<DutyLogView> ViewAsync(Platform.Storage.Stored<DutyLog> stored) =>
        DutyLogView.From(stored.Value, await duty.HistoryAsync(stored.Value.Id));
}
