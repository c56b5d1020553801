using GovFunctions.Platform.Http;
using GovFunctions.Supervision;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Accountability;

/// <summary>The accountability list (Art. 32) and the competent department's proposals, with the timer of the second clause.</summary>
public sealed class AccountabilityFunctions(StaffIdentity identity, OrganizationStore organization, AccountabilityService accountability)
{
    public const string Schedule = "0 45 1 * * *"; // 09:45 China Standard Time

    [Function(nameof(AccountabilityMonth))]
    [Describe("月度问责清单", "The accountability list of a month (Art. 32)")]
    [Query("month", "月份 yyyy-MM", "the month, yyyy-MM", Required = true)]
    [Answers(200, typeof(AccountabilityMonthView))]
    public async Task<IActionResult> AccountabilityMonth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "accountability")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        var org = await organization.OrganizationAsync();
        SupervisionRules.RequireLeaderOrOffice(caller, org, "问责清单仅供区政府领导和办公室查看",
            "the office and the leaders read the list");
        var month = request.Query["month"].ToString();
        if (!IntakeConverters.TryParseDate(month + "-01", out var first))
            throw ValidationException.For("month", "月份格式应为 yyyy-MM", "month must be yyyy-MM");
        var entries = await accountability.MonthAsync(first.Year, first.Month);
        return new OkObjectResult(AccountabilityMonthView.From(month, entries));
    }

    [Function(nameof(ProposeAccountability))]
    [Describe("主管部门提出问责建议", "The competent department's accountability proposal (Art. 32)")]
    [Reads(typeof(ProposalIntake))]
    [Answers(200, typeof(AccountabilityEntryView))]
    [Refuses(409)]
    public async Task<IActionResult> ProposeAccountability(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "accountability/{id}/proposal")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        var stored = await accountability.ProposeAsync(caller, id, await RequestBody.ReadAsync<ProposalIntake>(request));
        return new OkObjectResult(AccountabilityEntryView.From(stored.Value));
    }

    [Function(nameof(AccountabilityDeadlines))]
    public Task AccountabilityDeadlines([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct) => accountability.LapseAsync(ct);
}
