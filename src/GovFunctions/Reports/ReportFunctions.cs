using GovFunctions.Platform.Http;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Reports;

/// <summary>The reports on demand (API.md), the office's resend, and the two timers.</summary>
public sealed class ReportFunctions(StaffIdentity identity, OrganizationStore organization, ReportSources sources, ReportSender sender,
    IOptions<ScorecardOptions> scorecards)
{
    // 08:30 Beijing daily; sends when a week's report is due (Monday, or after a holiday)
    public const string WeeklySchedule = "0 30 0 * * *";
    public const string MonthlySchedule = "0 0 1 * * *";  // 09:00 Beijing daily; sends on the month's first working day

    public sealed record ResendRequest(string? Period, string? RecipientId);

    [Function(nameof(ShowReport))]
    [Describe("周报或月报（页面或 CSV）", "The weekly or monthly report as sent, a page or CSV")]
    [Query("period", "期间，如 2026-W48 或 2026-11", "the period, e.g. 2026-W48 or 2026-11", Required = true)]
    [Query("scope", "范围（默认本人）", "the scope, one's own by default")]
    [Query("format", "格式", "html or csv", Choices = ["html", "csv"])]
    [Answers(200, Media.Html)]
    [Answers(200, Media.Csv)]
    public async Task<IActionResult> ShowReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{kind:regex(^(weekly|monthly)$)}")] HttpRequest request,
        string kind)
    {
        var caller = await identity.RequireStaffAsync(request);
        var org = await organization.OrganizationAsync();
        var scope = ReportSchedule.ParseScope(request.Query["scope"].ToString(), caller, org);
        if (!ReportSchedule.MayRead(caller, scope, org))
            throw new AccessDeniedException(Bilingual.Text("该范围的报表不属于您", "that scope is not yours"));
        var period = ReportPeriod.Parse(KindOf(kind), request.Query["period"].ToString());
        var content = ReportBuilder.Build(await sources.LoadAsync(period), scope, scorecards.Value.Settings);
        var format = request.Query["format"].ToString();
        if (format == "csv")
            return new FileContentResult(ReportRenderer.Csv(content), CsvFile.ContentType) { FileDownloadName = $"{period.Name}.csv" };
        if (format is not ("" or "html"))
            throw ValidationException.For("format", "格式须为 html 或 csv", "format must be html or csv");
        var chart = "data:image/png;base64," + Convert.ToBase64String(ReportChart.RenderPng(content.Chart)); // a page: no attachment
        return Html.Page(200, ReportRenderer.Subject(content), "Reports/report.html", ReportRenderer.View(content, chart));
    }

    [Function(nameof(ResendReport))]
    [Describe("重发报表（办公室）", "The office sends a report again")]
    [Reads(typeof(ReportFunctions.ResendRequest))]
    [Answers(200, typeof(ResendView))]
    public async Task<IActionResult> ResendReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports/{kind:regex(^(weekly|monthly)$)}/resend")]
        HttpRequest request, string kind)
    {
        var caller = await identity.RequireStaffAsync(request);
        var org = await organization.OrganizationAsync();
        if (!SupervisionRules.IsOfficeStaff(caller, org))
            throw new AccessDeniedException(
                Bilingual.Text("只有区政府办公室可以重发报表", "only the office resends reports"));
        var body = await RequestBody.ReadAsync<ResendRequest>(request);
        var period = ReportPeriod.Parse(KindOf(kind), body.Period);
        if (body.RecipientId is not null && ReportSchedule.Recipients(org).All(r => r.Recipient.Id != body.RecipientId))
            throw ValidationException.For("recipientId", "该人员不是报表收件人", "recipientId does not receive reports");
        return new OkObjectResult(new ResendView(period.Name, await sender.SendAsync(period, body.RecipientId, resend: true)));
    }

    [Function(nameof(WeeklyReports))]
    public Task WeeklyReports([TimerTrigger(WeeklySchedule)] TimerInfo timer, CancellationToken ct)
        => sender.RunAsync(ReportKind.Weekly, ct);

    [Function(nameof(MonthlyReports))]
    public Task MonthlyReports([TimerTrigger(MonthlySchedule)] TimerInfo timer, CancellationToken ct)
        => sender.RunAsync(ReportKind.Monthly, ct);

    private static ReportKind KindOf(string kind) => kind == "weekly" ? ReportKind.Weekly : ReportKind.Monthly;
}
