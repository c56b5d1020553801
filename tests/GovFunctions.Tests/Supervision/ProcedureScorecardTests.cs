using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Legal;
using GovFunctions.Scorecards;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Supervision;

/// <summary>
/// The scorecard's decision-procedure compliance (第十九条: agenda refusals and their accountability flags) and normative
/// documents filed on time (第二十一条), from the tally rows kept in the records' own transactions, through the real routes and
/// timer against Azurite; the counters equal a brute-force recount over the stored decisions' histories and documents.
/// </summary>
public class ProcedureScorecardTests : AppTest
{
    private const string Sponsor = "ma-zhiqiang"; // head of the development and reform bureau
    private const string Finance = "huang-xiuying";
    private const string LegalHead = "zheng-wenbo";
    private const string Office = "sun-huimin";

    private static string IdOf(IActionResult r) =>
        JsonSerializer.SerializeToElement(((ObjectResult)r).Value, GovFunctions.Platform.Json.Options).GetProperty("id").GetString()!;

    private async Task<string> DecisionAsync() => IdOf(await Function<DecisionFunctions>().CreateDecision(Http.Request("POST", "decisions",
        EmailOf(Sponsor), json: new
        {
            title = "青禾区产业园区扩区方案", category = "majorProject", summary = "园区扩区 3 平方公里。", sponsorDepartmentId = "dev-reform",
            consultDepartmentIds = Array.Empty<string>(), touchesLowerLevels = false, publicInterest = false, hearingRequired = false,
            confidential = false,
        })));

    private async Task<int> ScheduleAsync(string id)
    {
        try
        {
            return Http.StatusOf(await Function<DecisionFunctions>().ScheduleDecision(Http.Request("POST", $"decisions/{id}/schedule",
                EmailOf(Office), json: new { meeting = "executive", date = "2026-12-28" }), id));
        }
        catch (RuleViolationException)
        {
            return 422; // refused: an open gate, flagged for accountability (第十九条)
        }
    }

    /// <summary>The gates of a decision without flags closed: the legality review passed, research and legal analysis evidenced.</summary>
    private async Task CloseGatesAsync(string id)
    {
        var api = Function<DecisionFunctions>();
        await api.SubmitDecision(Http.Request("POST", $"decisions/{id}/submit", EmailOf(Sponsor)), id);
        await Pump.RunAsync();
        var decision = (await App.Get<DecisionService>().GetAsync(id)).Value;
        await DecideAsync(await TokenAsync(decision.LegalityReview.ApprovalId!, LegalHead), "approve", "合法");
        await Pump.RunAsync();
        await api.AddDecisionEvidence(Http.Request("POST", $"decisions/{id}/evidence", EmailOf(Sponsor),
            json: new { kind = "research", summary = "园区企业调研报告", by = "区发展和改革局", date = "2026-11-20" }), id);
        await api.AddDecisionEvidence(Http.Request("POST", $"decisions/{id}/evidence", EmailOf(Sponsor),
            json: new { kind = "legalAnalysis", summary = "法律顾问意见书", by = "青禾律师事务所", date = "2026-11-21" }), id);
    }

    private async Task<string> PublishedDocumentAsync()
    {
        var api = Function<LegalFunctions>();
        var id = IdOf(await api.CreateNormativeDocument(Http.Request("POST", "normative-documents", EmailOf(Finance), json: new
        {
            title = "青禾区财政专项资金管理办法", summary = "规范专项资金申报、拨付和绩效评价。", issuingDepartmentId = "finance",
            touchedDepartmentIds = Array.Empty<string>(), jointDepartmentIds = Array.Empty<string>(),
        })));
        await api.SubmitNormativeDocument(Http.Request("POST", $"normative-documents/{id}/submit", EmailOf(Finance)), id);
        await Pump.RunAsync();
        var doc = (await App.Get<NormativeDocumentService>().GetAsync(id)).Value;
        await DecideAsync(await TokenAsync(doc.LegalReview.ApprovalId!, LegalHead), "approve", "符合法律法规");
        await Pump.RunAsync();
        await api.PublishNormativeDocument(Http.Request("POST", $"normative-documents/{id}/publish", EmailOf(Finance)), id);
        return id;
    }

    private Task FileAsync(string id) => Function<LegalFunctions>().FileNormativeDocument(
        Http.Request("POST", $"normative-documents/{id}/file", EmailOf(Finance)), id);

    /// <summary>
    /// November: one decision refused then scheduled, another refused twice; one document filed on time, one published.
    /// December: the second decision refused again, the published document flagged late by the timer (then filed late).
    /// </summary>
    private async Task DriveAsync()
    {
        var first = await DecisionAsync();
        var second = await DecisionAsync();
        Assert.Equal(422, await ScheduleAsync(first));
        await CloseGatesAsync(first);
        Assert.Equal(200, await ScheduleAsync(first));
        Assert.Equal(200, await ScheduleAsync(first)); // moved to another date: not a new submission
        Assert.Equal(422, await ScheduleAsync(second));
        Assert.Equal(422, await ScheduleAsync(second));
        var onTime = await PublishedDocumentAsync();
        var late = await PublishedDocumentAsync();
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-26T10:00:00+08:00"));
        await FileAsync(onTime);

        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-02T10:00:00+08:00"));
        Assert.Equal(422, await ScheduleAsync(second));
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-17T09:00:00+08:00")); // the filing deadline (15 working days) has passed
        await App.Get<NormativeDocumentService>().ChaseFilingsAsync();
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-18T09:00:00+08:00"));
        await FileAsync(late); // filed late after the flag: counted once, as not on time
        await Pump.RunAsync();
    }

    [Fact]
    public async Task TheCounters_EqualABruteForceRecountOverTheStoredDecisionsAndDocuments_Art19Art21()
    {
        await DriveAsync();
        var recount = new List<(string Department, GovFunctions.Supervision.CountDelta Delta)>();
        var decisions = App.Get<DecisionService>().Store;
        await foreach (var d in decisions.WhereAsync(TableClient.CreateQueryFilter($"State ge {""}")))
            recount.AddRange(ProcedureCounts.RecountDecision(await decisions.HistoryAsync(d.Key))
                .Select(x => (d.Value.SponsorDepartmentId, x)));
        await foreach (var d in App.Get<NormativeDocumentService>().Store.WhereAsync(TableClient.CreateQueryFilter($"State ge {""}")))
            recount.AddRange(ProcedureCounts.RecountDocument(d.Value).Select(x => (d.Value.IssuingDepartmentId, x)));

        var counters = App.Get<ProcedureCounters>();
        foreach (var month in new[] { "2026-11", "2026-12" })
        {
            var kept = await counters.PeriodAsync([month]);
            var expected = recount.Where(r => r.Delta.Month == month).GroupBy(r => r.Department).ToDictionary(g => g.Key,
                g => GovFunctions.Supervision.SupervisionCounts.Sum(g.Select(r => r.Delta)).ToDictionary(s => s.Key.Measure, s => s.Value));
            Assert.Equal(expected.Keys.Order(), kept.Keys.Order());
            foreach (var (dept, measures) in expected) Assert.Equal(measures.OrderBy(m => m.Key), kept[dept].OrderBy(m => m.Key));
        }

        // And by hand: November — four submissions to an agenda, one compliant; one document filed on time.
        // December — one more refusal, one document late.
        var november = await counters.PeriodAsync(["2026-11"]);
        Assert.Equal(new Tally(1, 4), november["dev-reform"][Measure.DecisionCompliance]);
        Assert.Equal(new Tally(1, 1), november["finance"][Measure.NormativeFiledOnTime]);
        var year = await counters.PeriodAsync(["2026-11", "2026-12"]);
        Assert.Equal(new Tally(1, 5), year["dev-reform"][Measure.DecisionCompliance]);
        Assert.Equal(new Tally(1, 2), year["finance"][Measure.NormativeFiledOnTime]);
    }

    [Fact]
    public async Task TheMonthlyAndYearlyScorecards_ShowBothMeasures_InJsonAndInTheCsv()
    {
        await DriveAsync();
        var functions = Function<ScorecardFunctions>();
        var month = Http.ValueOf<ScorecardsView>(await functions.Scorecards(Http.Request("GET", "scorecards", EmailOf(Office),
            query: "month=2026-11")));
        var devReform = Assert.Single(month.Departments, d => d.DepartmentId == "dev-reform");
        Assert.Equal(25.0, devReform.Measures["decisionCompliance"]);
        Assert.Equal((1, 4), (devReform.Counts["decisionCompliance"].Met, devReform.Counts["decisionCompliance"].Of));
        Assert.Equal(25.0, devReform.Score); // its only measure this month
        Assert.Equal(100.0, Assert.Single(month.Departments, d => d.DepartmentId == "finance").Measures["normativeFiledOnTime"]);

        var year = Http.ValueOf<ScorecardsView>(await functions.Scorecards(Http.Request("GET", "scorecards", EmailOf(Office),
            query: "year=2026")));
        Assert.Equal(20.0, Assert.Single(year.Departments, d => d.DepartmentId == "dev-reform").Measures["decisionCompliance"]);
        Assert.Equal(50.0, Assert.Single(year.Departments, d => d.DepartmentId == "finance").Measures["normativeFiledOnTime"]);

        var csv = (FileContentResult)await functions.Scorecards(Http.Request("GET", "scorecards", EmailOf(Office),
            query: "year=2026&format=csv"));
        var lines = Encoding.UTF8.GetString(csv.FileContents.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var finance = Assert.Single(lines, l => l.StartsWith("2026,finance,")).Split(',');
        var devRow = Assert.Single(lines, l => l.StartsWith("2026,dev-reform,")).Split(',');
        Assert.Equal("50.0", finance[Array.IndexOf(header, "规范性文件按时备案率")]);
        Assert.Equal("20.0", devRow[Array.IndexOf(header, "决策程序合规率")]);
    }
}
