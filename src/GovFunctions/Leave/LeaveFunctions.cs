using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Organization;
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
            return new CreatedResult($"/api/leave-requests/{stored.Id}", new
            {
                id = stored.Id, status = stored.Value.Status, statusName = StatusNames.Of(stored.Value.Status),
                approvers = stored.Value.ApproverIds, approverNames = stored.Value.ApproverIds.Select(a => org.Person(a).DisplayName),
            });
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
        return new OkObjectResult(new
        {
            date = date.ToString("yyyy-MM-dd"),
            away = away.Select(a => new
            {
                personId = a.Leave.ApplicantId,
                name = org.Person(a.Leave.ApplicantId).Name,
                title = org.Person(a.Leave.ApplicantId).Title,
                leaveId = a.Leave.Id,
                start = a.Absence.Start.ToChina(),
                end = a.Absence.End.ToChina(),
                destination = a.Leave.Destination,
                contact = a.Leave.Contact,
                actingPersonId = a.Leave.ActingPersonId,
                actingPersonName = org.FindPerson(a.Leave.ActingPersonId)?.Name,
            }),
        });
    }

    [Function(nameof(LeaveReturnReminders))]
    public Task LeaveReturnReminders([TimerTrigger(ReturnReminderSchedule)] TimerInfo timer, CancellationToken ct) =>
        leave.RemindReturnsAsync(ct);

    private async Task<object> ViewAsync(Platform.Storage.Stored<LeaveRequest> stored)
    {
        var l = stored.Value;
        var org = await organization.OrganizationAsync();
        var history = await leave.HistoryAsync(l.Id);
        var approval = l.ApprovalId is null ? null : await leave.ApprovalAsync(l.ApprovalId);
        return new
        {
            id = l.Id,
            status = l.Status,
            statusName = StatusNames.Of(l.Status),
            applicantId = l.ApplicantId,
            applicantName = org.Person(l.ApplicantId).Name,
            start = l.Start,
            end = l.End,
            destination = l.Destination,
            contact = l.Contact,
            reason = l.Reason,
            actingPersonId = l.ActingPersonId,
            approvers = l.ApproverIds,
            approvalId = l.ApprovalId,
            createdAt = l.CreatedAt,
            decidedAt = l.DecidedAt,
            returnedAt = l.ReturnedAt,
            returnNote = l.ReturnNote,
            tasks = approval?.Tasks.Select(t => new
            {
                step = t.Step + 1,
                addressedToId = t.AddressedToId,
                addressedToName = org.Person(t.AddressedToId).Name,
                approverId = t.ApproverId,
                approverName = org.Person(t.ApproverId).Name,
                onBehalfOfId = t.OnBehalfOfId,
                status = t.Status,
                comment = t.Comment,
                decidedAt = t.DecidedAt,
            }),
            history,
        };
    }
}
