using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Hotline;

/// <summary>The hotline routes of API.md, and its timers.</summary>
public sealed class HotlineFunctions(StaffIdentity identity, HotlineService hotline, OrganizationStore organization, IdempotentIntake once)
{
    public const string OverdueSchedule = "0 0 1 * * *";          // 09:00 China Standard Time
    public const string RosterSchedule = "0 0 1-9 * * *";         // hourly 09:00–17:00 CST; each reminder is sent once

    public sealed record Callback(bool? Satisfied, string? Note);
    public sealed record Extension(int? WorkingDays, string? Reason);

    [Function(nameof(RecordCall))]
    [Describe("登记区长电话来电：当场答复、交办或上报", "Record a hotline call: answered, assigned or escalated (Art. 37)")]
    [Reads(typeof(CallIntake))]
    [Answers(201, typeof(CallCreatedView))]
    public async Task<IActionResult> RecordCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hotline/calls")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return await once.CreateOnceAsync(request, caller, async () =>
        {
            var stored = await hotline.RecordAsync(caller, await RequestBody.ReadAsync<CallIntake>(request));
            return new CreatedResult($"/api/hotline/calls/{stored.Id}", CallCreatedView.From(stored));
        });
    }

    /// <summary>The record with its history; the caller's number masked.</summary>
    [Function(nameof(GetCall))]
    [Describe("查看来电记录及历史（号码已遮蔽）", "A call with its history; the caller's number masked")]
    [Answers(200, typeof(CallView))]
    public async Task<IActionResult> GetCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hotline/calls/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        return new OkObjectResult(await ViewAsync(await hotline.GetAsync(id), revealPhone: false));
    }

    /// <summary>For the operator making the call-back: the only view with the full number.</summary>
    [Function(nameof(GetCallForCallback))]
    [Describe("回访时查看来电（含完整号码，仅接线员）", "For the operator's call-back: the call with the full number")]
    [Answers(200, typeof(CallView))]
    [Refuses(409)]
    public async Task<IActionResult> GetCallForCallback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hotline/calls/{id}/callback")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        if (caller.Role != Role.HotlineOperator)
            throw new AccessDeniedException(Bilingual.Text("只有接线员回访时可以查看完整号码",
                "only hotline operators doing the call-back see the full number"));
        var stored = await hotline.GetAsync(id);
        if (stored.Value.Status != CallStatus.Replied)
            throw new StateConflictException(Bilingual.Text("该来电尚未答复，无需回访",
                "the call has not been replied to yet"));
        return new OkObjectResult(await ViewAsync(stored, revealPhone: true));
    }

    [Function(nameof(CallBack))]
    [Describe("登记回访结果", "Record the call-back: whether the caller was satisfied")]
    [Reads(typeof(HotlineFunctions.Callback))]
    [Answers(200, typeof(CallView))]
    [Refuses(409)]
    public async Task<IActionResult> CallBack(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hotline/calls/{id}/callback")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        var body = await RequestBody.ReadAsync<Callback>(request);
        if (body.Satisfied is null) throw ValidationException.For("satisfied", "请选择来电人是否满意", "satisfied is required");
        new FieldErrors().MaxLength("note", body.Note, 1000, "回访记录").ThrowIfAny();
        var stored = await hotline.CallbackAsync(caller, id, body.Satisfied.Value, body.Note);
        return new OkObjectResult(await ViewAsync(stored, revealPhone: false));
    }

    [Function(nameof(ExtendCall))]
    [Describe("申请延长办理期限", "Ask for more working days to handle a call")]
    [Reads(typeof(HotlineFunctions.Extension))]
    [Answers(200, typeof(CallView))]
    [Refuses(409)]
    public async Task<IActionResult> ExtendCall(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hotline/calls/{id}/extension")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        var body = await RequestBody.ReadAsync<Extension>(request);
        var stored = await hotline.RequestExtensionAsync(caller, id, body.WorkingDays ?? 0, body.Reason);
        return new OkObjectResult(await ViewAsync(stored, revealPhone: false));
    }

    /// <summary>A month's figures from the counters: <c>?month=2026-11</c>, optionally <c>&amp;departmentId=</c>.</summary>
    [Function(nameof(HotlineFigures))]
    [Describe("来电月度统计（来自计数器）", "A month's call figures from the counters")]
    [Query("month", "月份 yyyy-MM", "the month, yyyy-MM", Required = true)]
    [Query("departmentId", "部门（可选）", "a department, optional")]
    [Answers(200, typeof(FiguresView))]
    public async Task<IActionResult> HotlineFigures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hotline/figures")] HttpRequest request)
    {
        await identity.RequireStaffAsync(request);
        if (!IntakeConverters.TryParseDate(request.Query["month"].ToString() + "-01", out var month))
            throw ValidationException.For("month", "请以 yyyy-MM 格式提供月份", "month must be given as yyyy-MM");
        var department = request.Query["departmentId"].ToString();
        var org = await organization.OrganizationAsync();
        if (department.Length > 0 && org.FindDepartment(department) is null)
            throw ValidationException.For("departmentId", "部门不存在", "departmentId is not a department");
        var counts = await hotline.MonthFiguresAsync(month.Year, month.Month, department.Length > 0 ? department : CallCounts.All);
        return new OkObjectResult(FiguresView.From(month, department.Length > 0 ? department : null, counts));
    }

    [Function(nameof(HotlineOverdue))]
    public Task HotlineOverdue([TimerTrigger(OverdueSchedule)] TimerInfo timer, CancellationToken ct) => hotline.ChaseOverdueAsync(ct);

    [Function(nameof(HotlineRosterReminders))]
    public Task HotlineRosterReminders([TimerTrigger(RosterSchedule)] TimerInfo timer, CancellationToken ct) =>
        hotline.RemindRosterAsync(ct);

    private async Task<CallView> ViewAsync(Stored<HotlineCall> stored, bool revealPhone) =>
        CallView.From(stored.Value, revealPhone, await hotline.HistoryAsync(stored.Value.Id));
}
