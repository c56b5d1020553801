using System.Text.RegularExpressions;
using GovFunctions.Common;
using GovFunctions.Organization;
using GovFunctions.Platform.Templating;
using GovFunctions.Supervision;
using GovFunctions.Tests.Support;
using GovFunctions.Tests.Templating;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Supervision;

/// <summary>
/// The supervision board (督办亮灯, 第三十条、第三十二条), through its real function against Azurite: who sees what (API.md,
/// "Scoped"), the lights at their exact working-day boundaries, the filters, the zh-CN page and its JSON.
/// </summary>
public partial class SupervisionBoardTests : AppTest
{
    private const string Clerk = "bai-xue";

    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-02T10:00:00+08:00"); // a Monday

    private async Task<string> RegisterAsync(string owner, string due, string cadence = "weekly", string[]? co = null)
    {
        var result = await Function<SupervisionFunctions>().RegisterSupervisedItem(Http.Request("POST", "supervision/items", EmailOf(Clerk),
            json: new
            {
                title = $"{owner}重点工作", source = "deployment", ownerDepartmentId = owner, coDepartmentIds = co ?? [],
                dueDate = due, cadence,
            }));
        return ((SupervisionCreatedView)((CreatedResult)result).Value!).Id;
    }

    private Task Act(string person, string id, string action, object body) =>
        Function<SupervisionFunctions>().ActOnSupervisedItem(
            Http.Request("POST", $"supervision/items/{id}/{action}", EmailOf(person), json: body), id, action);

    private void At(DateTimeOffset instant) => App.Clock.Advance(instant - App.Clock.GetUtcNow());

    private void At(string local) => At(DateTimeOffset.Parse(local + "+08:00"));

    private async Task<SupervisionBoardView> BoardAsync(string person, string? query = null)
    {
        var request = Http.Request("GET", "supervision/board", EmailOf(person), query: query);
        request.Headers.Accept = "application/json";
        return Http.ValueOf<SupervisionBoardView>(await Function<SupervisionBoardFunctions>().SupervisionBoard(request));
    }

    private static IEnumerable<BoardItemView> Items(SupervisionBoardView board) => board.Departments.SelectMany(d => d.Items);

    private static BoardItemView Item(SupervisionBoardView board, string id) => Assert.Single(Items(board), i => i.Id == id);

    private static HashSet<string> Owners(SupervisionBoardView board) => board.Departments.Select(d => d.DepartmentId).ToHashSet();

    [Fact]
    public async Task TheOfficeAndTheDistrictHeadSeeAll_ADeputyTheirPortfolio_AHeadTheirDepartment_AnyoneElse403()
    {
        await RegisterAsync("education", "2026-12-31"); // 陈思远's portfolio
        await RegisterAsync("health", "2026-12-31");    // 陈思远's portfolio
        await RegisterAsync("housing", "2026-12-31");   // 王丽娟's portfolio
        await RegisterAsync("transport", "2026-12-31"); // 刘海涛's portfolio
        await RegisterAsync("audit", "2026-12-31");     // the district head's own (第九条)

        string[] all = ["education", "health", "housing", "transport", "audit"];
        foreach (var person in new[] { Clerk, "sun-huimin", "lin-jianguo" })
            Assert.Equal(all.ToHashSet(), Owners(await BoardAsync(person)));
        Assert.Equal(new HashSet<string> { "education", "health" }, Owners(await BoardAsync("chen-siyuan")));
        Assert.Equal(new HashSet<string> { "housing" }, Owners(await BoardAsync("wang-lijuan")));
        Assert.Equal(new HashSet<string> { "transport" }, Owners(await BoardAsync("liu-haitao")));
        Assert.Equal(new HashSet<string> { "education" }, Owners(await BoardAsync("wu-jianping")));
        Assert.Equal(new HashSet<string> { "housing" }, Owners(await BoardAsync("feng-kai"))); // a deputy head of the bureau

        // A deputy never sees another portfolio's item, not even asked for by name.
        Assert.Empty(Items(await BoardAsync("chen-siyuan", "department=housing")));
        // Someone without a supervision scope (a clerk of a bureau) is refused, as on the list route.
        await Assert.ThrowsAsync<AccessDeniedException>(() => BoardAsync("qin-hao"));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Function<SupervisionBoardFunctions>().SupervisionBoard(Http.Request("GET", "supervision/board", EmailOf("qin-hao"))));
    }

    [Fact]
    public async Task EachLight_TurnsAtItsExactWorkingDayBoundary_OnTheBoard()
    {
        var calendar = await App.Get<OrganizationStore>().CalendarAsync();
        var near = await RegisterAsync("education", "2026-11-20"); // due Friday 20 November
        var far = await RegisterAsync("housing", "2026-12-31");    // a weekly report due Monday 9 November
        await Act("wu-jianping", near, "acknowledge", new { });
        await Act("gao-feng", far, "acknowledge", new { });
        await Act("wu-jianping", near, "progress", new { text = "推进", percent = 90 });

        At("2026-11-09T10:00"); // the report is due today: not missed yet
        await Act("wu-jianping", near, "progress", new { text = "推进", percent = 95 });
        Assert.Equal("green", Item(await BoardAsync(Clerk), far).Color);
        At("2026-11-10T10:00"); // late by one working day: yellow (未按时报送进展)
        Assert.Equal(("yellow", "黄灯"), (Item(await BoardAsync(Clerk), far).Color, Item(await BoardAsync(Clerk), far).ColorName));

        At("2026-11-16T10:00"); // four working days left: green
        await Act("wu-jianping", near, "progress", new { text = "推进", percent = 95 });
        Assert.Equal("green", Item(await BoardAsync(Clerk), near).Color);
        At("2026-11-17T10:00"); // three left: blue
        Assert.Equal(("blue", "蓝灯"), (Item(await BoardAsync(Clerk), near).Color, Item(await BoardAsync(Clerk), near).ColorName));
        At(SupervisionClock.DeadlineOf(new DateOnly(2026, 11, 20), calendar)); // the close of office on the due date: still blue
        Assert.Equal(("blue", 0), (Item(await BoardAsync(Clerk), near).Color, Item(await BoardAsync(Clerk), near).DaysOverdue));
        At(SupervisionClock.DeadlineOf(new DateOnly(2026, 11, 20), calendar).AddMinutes(1)); // a minute later: red
        Assert.Equal(("red", 0), (Item(await BoardAsync(Clerk), near).Color, Item(await BoardAsync(Clerk), near).DaysOverdue));
        At("2026-11-23T10:00"); // Monday: one working day overdue (the weekend does not count)
        var board = await BoardAsync(Clerk);
        Assert.Equal(("red", "红灯", 1), (Item(board, near).Color, Item(board, near).ColorName, Item(board, near).DaysOverdue));
        Assert.Equal(1, Assert.Single(board.Lights, l => l.Color == "red").Count);
        Assert.Equal(("区教育局", 95), (Item(board, near).OwnerDepartmentName, Item(board, near).Percent));
        Assert.Contains("陈思远", Item(board, near).SupervisingLeaderName);
        Assert.EndsWith($"/api/supervision/items/{near}", Item(board, near).Link);
    }

    [Fact]
    public async Task TheFilters_AreTheListRoutes_AndACompletedItemLeavesTheBoard_UnlessAskedFor()
    {
        var red = await RegisterAsync("education", "2026-10-30"); // entered overdue (API.md: a past due date is accepted)
        var green = await RegisterAsync("housing", "2026-12-31");
        Assert.Equal([red], Items(await BoardAsync(Clerk, "color=red")).Select(i => i.Id));
        Assert.Equal([green], Items(await BoardAsync(Clerk, "department=housing")).Select(i => i.Id));
        Assert.Contains("color", (await Assert.ThrowsAsync<ValidationException>(() => BoardAsync(Clerk, "color=purple"))).Errors.Keys);
        Assert.Contains("dueBefore",
            (await Assert.ThrowsAsync<ValidationException>(() => BoardAsync(Clerk, "dueBefore=soon"))).Errors.Keys);

        await Act("gao-feng", green, "acknowledge", new { });
        await Act("gao-feng", green, "complete", new { text = "已完成" });
        Assert.DoesNotContain(Items(await BoardAsync(Clerk)), i => i.Id == green);
        Assert.Equal([green], Items(await BoardAsync(Clerk, "status=completed")).Select(i => i.Id));
    }

    [Fact]
    public async Task ThePage_IsZhCnInTheFrame_NamesEachLightInWords_AndLinksEachItem_JsonOnlyWhenAskedFor()
    {
        var red = await RegisterAsync("education", "2026-10-30");
        var functions = Function<SupervisionBoardFunctions>();
        var request = Http.Request("GET", "supervision/board", EmailOf("chen-siyuan"), query: "color=red");
        request.Headers.Accept = "text/html,application/xhtml+xml,application/json;q=0.9";
        var page = Assert.IsType<ContentResult>(await functions.SupervisionBoard(request));
        TemplateSamples.AssertFramed(page.Content!);
        Assert.Equal("no-store", request.HttpContext.Response.Headers.CacheControl.ToString());
        Assert.Contains("<title>督查督办亮灯台账</title>", page.Content);
        Assert.Contains("区教育局（1 项）", page.Content);
        Assert.Contains("class=\"light red\">红灯</span>", page.Content);
        Assert.Matches($"href=\"https?://[^\"]+/api/supervision/items/{Regex.Escape(red)}\"", page.Content);
        Assert.Contains("<option value=\"red\" selected>红灯</option>", page.Content); // the filter asked for stays chosen
        Assert.IsType<OkObjectResult>(await BoardJsonAsync());

        async Task<IActionResult> BoardJsonAsync()
        {
            var json = Http.Request("GET", "supervision/board", EmailOf("chen-siyuan"));
            json.Headers.Accept = "application/json";
            return await functions.SupervisionBoard(json);
        }
    }

    /// <summary>On a 375 px phone: nothing wider than the screen, no text under 14 px, every link and button 44 px high.</summary>
    [Fact]
    public void TheBoardTemplate_FitsAPhone()
    {
        var sample = (SupervisionBoardView)TemplateSamples.ByTemplate["Supervision/board"][0];
        var html = Templates.Render("Supervision/board", sample);
        Assert.DoesNotContain("<table", html); // cards, not a wide table
        Assert.All(FontSizes().Matches(html), m => Assert.True(int.Parse(m.Groups[1].Value) >= 14, m.Value));
        Assert.DoesNotMatch(FixedWidths(), html);
        Assert.Contains(".items a.title{display:flex;align-items:center;min-height:44px", html);
        Assert.Contains(".filters summary{min-height:44px", html);
        Assert.Contains("已过当日期限", html); // a red item on its due day, after the close of office
    }

    [GeneratedRegex(@"font-size:(\d+)px")]
    private static partial Regex FontSizes();

    [GeneratedRegex(@"(?<![-\w])(min-)?width:\s*(3[8-9]\d|[4-9]\d\d|\d{4,})px")]
    private static partial Regex FixedWidths();
}
