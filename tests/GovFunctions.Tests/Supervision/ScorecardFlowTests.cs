using System.Text;
using Azure.Data.Tables;
using GovFunctions.Common;
using GovFunctions.Organization;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GovFunctions.Tests.Supervision;

/// <summary>Scorecards (Art. 29, 31) from the counters kept in the items' own transactions, against Azurite.</summary>
public class ScorecardFlowTests : AppTest
{
    private const string OfficeClerk = "bai-xue";

    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-02T10:00:00+08:00");

    private async Task<string> RegisterAsync(string owner, string due, string source = "deployment")
    {
        var result = await Function<SupervisionFunctions>().RegisterSupervisedItem(Http.Request("POST", "supervision/items", EmailOf(OfficeClerk), json: new
        {
            title = "重点工作", source, ownerDepartmentId = owner, dueDate = due, cadence = "weekly", proposer = source == "proposal" ? "张代表" : null,
        }));
        return ((SupervisionCreatedView)((CreatedResult)result).Value!).Id;
    }

    private Task Act(string person, string id, string action, object body) =>
        Function<SupervisionFunctions>().ActOnSupervisedItem(Http.Request("POST", $"supervision/items/{id}/{action}", EmailOf(person), json: body), id, action);

    private void At(string local) => App.Clock.Advance(DateTimeOffset.Parse(local + "+08:00") - App.Clock.GetUtcNow());

    /// <summary>Items of three departments driven to different ends: on time, late, overdue, a missed report, a late signature.</summary>
    private async Task DriveAsync()
    {
        var onTime = await RegisterAsync("education", "2026-11-20");
        var late = await RegisterAsync("housing", "2026-11-13");
        var overdue = await RegisterAsync("housing", "2026-11-16");
        var proposal = await RegisterAsync("transport", "2026-11-27", "proposal");
        await Act("wu-jianping", onTime, "acknowledge", new { });
        await Act("xie-jun", proposal, "acknowledge", new { });
        At("2026-11-04T10:00"); // two days later: housing signs late
        await Act("gao-feng", late, "acknowledge", new { });
        await Act("gao-feng", overdue, "acknowledge", new { });
        await Act("wu-jianping", onTime, "progress", new { text = "推进", percent = 40 });
        At("2026-11-10T09:30"); // housing's weekly report (due Nov 9) is missed
        await App.Get<SupervisionWarnings>().RunAsync();
        await Act("gao-feng", late, "progress", new { text = "补报", percent = 50 });
        await Act("wu-jianping", onTime, "complete", new { text = "完成" });
        await Act("xie-jun", proposal, "complete", new { text = "已答复代表" });
        At("2026-11-17T09:30"); // housing's two items are past due
        await App.Get<SupervisionWarnings>().RunAsync();
        await Act("gao-feng", late, "complete", new { text = "逾期完成" });
        await Pump.RunAsync();
    }

    [Fact]
    public async Task TheCounters_EqualABruteForceRecountOverTheStoredItems()
    {
        await DriveAsync();
        var supervision = App.Get<SupervisionService>();
        var calendar = await App.Get<OrganizationStore>().CalendarAsync();
        var thresholds = App.Get<IOptions<SupervisionOptions>>().Value.Thresholds;
        var items = await supervision.Store.WhereAsync(TableClient.CreateQueryFilter($"State ge {""}")).ToListAsync();
        Assert.Equal(4, items.Count);

        var counters = await App.Get<SupervisionCounters>().PeriodAsync(["education", "housing", "transport"], ["2026-11"]);
        foreach (var dept in new[] { "education", "housing", "transport" })
        {
            var recount = SupervisionCounts.Sum(items.Where(i => i.Key.Partition == dept)
                .SelectMany(i => SupervisionCounts.Recount(i.Value, calendar, thresholds)));
            Assert.Equal(recount.ToDictionary(r => r.Key.Measure, r => r.Value).OrderBy(k => k.Key), counters[dept].OrderBy(k => k.Key));
        }
        // And by hand: housing signed both late, missed one report, finished one late and one not at all.
        Assert.Equal(new Tally(0, 2), counters["housing"][Measure.AcknowledgedInTime]);
        Assert.Equal(new Tally(0, 2), counters["housing"][Measure.SupervisionOnTime]);
        Assert.Equal(new Tally(1, 1), counters["education"][Measure.SupervisionOnTime]);
        Assert.Equal(new Tally(1, 1), counters["transport"][Measure.ProposalsAnsweredInTime]);
    }

    [Fact]
    public async Task Scorecards_RankTheDepartments_AsJsonAndAsCsvForExcel()
    {
        await DriveAsync();
        var functions = Function<ScorecardFunctions>();
        var view = Http.ValueOf<ScorecardsView>(await functions.Scorecards(Http.Request("GET", "scorecards", EmailOf("lin-jianguo"),
            query: "month=2026-11")));
        Assert.Equal("2026-11", view.Month);
        Assert.DoesNotContain(view.Departments, d => d.DepartmentId == "office");
        Assert.Equal(16, view.Departments.Count);
        var first = view.Departments[0];
        Assert.Equal((1, 100.0), (first.Rank, first.Score));
        Assert.Contains(first.DepartmentId, new[] { "education", "transport" });
        var housing = Assert.Single(view.Departments, d => d.DepartmentId == "housing");
        Assert.Equal((0.0, 0.0), (housing.Score, housing.Measures["supervisionOnTime"]));
        Assert.Null(Assert.Single(view.Departments, d => d.DepartmentId == "finance").Rank); // nothing applied to it

        var csv = (FileContentResult)await functions.Scorecards(Http.Request("GET", "scorecards", EmailOf(OfficeClerk), query: "month=2026-11&format=csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], csv.FileContents.Take(3));
        var lines = Encoding.UTF8.GetString(csv.FileContents.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("期间,部门编号,部门,督办事项按期办结率,", lines[0]);
        Assert.Equal(17, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("2026-11,housing,区住房和城乡建设局,0.0,") && l.EndsWith(",黑榜"));
    }

    [Theory]
    [InlineData("month=2026-13", "month")]
    [InlineData("year=26", "year")]
    [InlineData("month=2026-11&year=2026", "month")]
    [InlineData("", "year")]
    public async Task ABadPeriod_IsA400NamingIt(string query, string field)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            Function<ScorecardFunctions>().Scorecards(Http.Request("GET", "scorecards", EmailOf(OfficeClerk), query: query)));
        Assert.Contains(field, e.Errors.Keys);
    }

    [Fact]
    public async Task AYearIsTheWhitePaperOfArt29_AndOnlyTheOfficeAndLeadersReadIt()
    {
        await DriveAsync();
        var year = Http.ValueOf<ScorecardsView>(await Function<ScorecardFunctions>().Scorecards(
            Http.Request("GET", "scorecards", EmailOf(OfficeClerk), query: "year=2026")));
        Assert.Equal(("2026", null), (year.Year, year.Month));
        var tally = year.Departments.Single(d => d.DepartmentId == "housing").Counts["supervisionOnTime"];
        Assert.Equal((0, 2), (tally.Met, tally.Of));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Function<ScorecardFunctions>().Scorecards(
            Http.Request("GET", "scorecards", EmailOf("gao-feng"), query: "year=2026")));
    }
}
