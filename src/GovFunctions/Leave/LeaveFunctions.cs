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
    [Describe("提交请假（外出）申请；申请人为当前用户", "Submit a leave request; the applicant is the caller (Art. 4, 74, 75)")]
    [Reads(typeof(LeaveApplication))]
    [Answers(201, typeof(LeaveCreatedView))]
    [Refuses(422)]
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
    [Describe("查看请假申请及其状态和历史", "A leave request with its status and history")]
    [Answers(200, typeof(LeaveView))]
    public async Task<IActionResult> GetLeave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "leave-requests/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        return new OkObjectResult(await ViewAsync(await leave.GetAsync(id)));
    }

    [Function(nameof(WithdrawLeave))]
    [Describe("在最终批准前撤回请假申请", "Withdraw a leave request before its final approval")]
    [Answers(200, typeof(LeaveView))]
    [Refuses(409)]
    public async Task<IActionResult> WithdrawLeave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "leave-requests/{id}/withdraw")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        return new OkObjectResult(await ViewAsync(await leave.WithdrawAsync(caller, id)));
    }

    [Function(nameof(ReturnFromLeave))]
    [Describe("销假：报告返岗", "Report back from leave, with an optional note")]
    [Reads(typeof(ReturnReport), Optional = true)]
    [Answers(200, typeof(LeaveView))]
    [Refuses(409)]
    public async Task<IActionResult> ReturnFromLeave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "leave-requests/{id}/return")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        var report = await RequestBody.ReadOptionalAsync<ReturnReport>(request) ?? new ReturnReport(null);
        new FieldErrors().MaxLength("note", report.Note, 1000, "情况报告").ThrowIfAny();
        return new OkObjectResult(await ViewAsync(await leave.ReturnAsync(caller, id, report.Note)));
    }

    [Function(nameof(WhoIsAway))]
    [Describe("某日谁不在岗、由谁代为主持工作", "Who is away on a day and who acts for them")]
    [Query("date", "日期 yyyy-MM-dd", "the day, yyyy-MM-dd", Required = true)]
    [Answers(200, typeof(AwayListView))]
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
