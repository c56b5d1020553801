using GovFunctions.Platform.Http;
using GovFunctions.Supervision;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Scorecards;

public sealed class ScorecardFunctions(StaffIdentity identity, OrganizationStore organization, ScorecardService scorecards)
{
    /// <summary>
    /// <c>GET /api/scorecards?month=yyyy-MM</c> or <c>?year=yyyy</c>, JSON or <c>&amp;format=csv</c> (API.md); office and leaders.
    /// </summary>
    [Function(nameof(Scorecards))]
    [Describe("部门考评结果（JSON 或 CSV）", "Department scorecards of a month or a year, JSON or CSV (Art. 29, 31)")]
    [Query("month", "月份 yyyy-MM", "the month, yyyy-MM")]
    [Query("year", "年份 yyyy", "the year, yyyy")]
    [Query("format", "格式", "json or csv", Choices = ["json", "csv"])]
    [Answers(200, typeof(ScorecardsView))]
    [Answers(200, Media.Csv)]
    public async Task<IActionResult> Scorecards(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "scorecards")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        var org = await organization.OrganizationAsync();
        SupervisionRules.RequireLeaderOrOffice(caller, org, "考评结果仅供区政府领导和办公室查看",
            "the office and the leaders read the scorecards");
        var view = await scorecards.ComputeAsync(PeriodOf(request.Query));
        var format = request.Query["format"].ToString();
        if (format is not ("" or "json" or "csv"))
            throw ValidationException.For("format", "格式须为 json 或 csv", "format must be json or csv");
        return format == "csv"
            ? new FileContentResult(ScorecardService.Csv(view), Platform.CsvFile.ContentType)
            { FileDownloadName = $"scorecards-{view.Month ?? view.Year}.csv" }
            : new OkObjectResult(ScorecardsView.From(view));
    }

    public static ScorecardPeriod PeriodOf(IQueryCollection q)
    {
        var (month, year) = (q["month"].ToString(), q["year"].ToString());
        if (month.Length > 0 && year.Length == 0 && IntakeConverters.TryParseDate(month + "-01", out var m))
            return new ScorecardPeriod(m.Year, m.Month);
        if (year.Length > 0 && month.Length == 0 && IntakeConverters.TryParseDate(year + "-01-01", out var y))
            return new ScorecardPeriod(y.Year, null);
        throw ValidationException.For(month.Length > 0 ? "month" : "year", "请给出 month=yyyy-MM 或 year=yyyy 之一",
            "give one of month=yyyy-MM or year=yyyy");
    }
}
