using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Leave;

/// <summary>The leave routes of API.md.</summary>
public sealed class LeaveFunctions(StaffIdentity identity, LeaveService leave, OrganizationStore organization, IdempotentIntake once)
{
    public const string ReturnReminderSchedule = "0 0 1 * * *"; // 09:00 China Standard Time

    public sealed record ReturnReport(string? Note);

    [Function(nameof(SubmitLeave))]
    public async Task<IActionResult> SubmitLeave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "leave-requests")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return await once.CreateOnceAsync(request, caller, async () =>
        {
            var stored = await leave.SubmitAsync(caller, await RequestBody.ReadAsync<LeaveApplication>(request));
            var org = await organization.OrganizationAsync();
            return new CreatedResult($"/api/leave-requests/{stored.Id}", LeaveCreatedView.From(stored, org));
        });
    }

    [Function(nameof(GetLeave))]
    public async Task<IActionResult> GetLeave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "leave-requests/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        return new OkObjectResult(await ViewAsync(await leave.GetAsync(id)));
    }

    [Function(nameof(WithdrawLeave))]
    public async Task<IActionResult> WithdrawLeave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "leave-requests/{id}/withdraw")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        return new OkObjectResult(await ViewAsync(await leave.WithdrawAsync(caller, id)));
    }

    [Function(nameof(ReturnFromLeave))]
    public async Task<IActionResult> ReturnFromLeave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "leave-requests/{id}/return")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        var report = await RequestBody.ReadOptionalAsync<ReturnReport>(request) ?? new ReturnReport(null);
        new FieldErrors().MaxLength("note", report.Note, 1000, "情况报告").ThrowIfAny();
        return new OkObjectResult(await ViewAsync(await leave.ReturnAsync(caller, id, report.Note)));
    }

    [Function(nameof(WhoIsAway))]
    public async Task<IActionResult> WhoIsAway(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "leave/away")] HttpRequest request)
    {
        await identity.RequireStaffAsync(request);
        if (!IntakeConverters.TryParseDate(request.Query["date"].ToString(), out var date))
            throw ValidationException.For("date", "请以 yyyy-MM-dd 格式提供日期", "date must be given as yyyy-MM-dd");
        var org = await organization.OrganizationAsync();
        var away = await leave.AwayOnAsync(date);
        return new OkObjectResult(AwayListView.From(date, away, org));
    }

    [Function(nameof(LeaveReturnReminders))]
    public Task LeaveReturnReminders([TimerTrigger(ReturnReminderSchedule)] TimerInfo timer, CancellationToken ct) =>
        leave.RemindReturnsAsync(ct);

    private async Task<LeaveView> ViewAsync(Platform.Storage.Stored<LeaveRequest> stored)
    {
        var l = stored.Value;
        var approval = l.ApprovalId is null ? null : await leave.ApprovalAsync(l.ApprovalId);
        return LeaveView.From(l, await organization.OrganizationAsync(), approval, await leave.HistoryAsync(l.Id));
    }
}
