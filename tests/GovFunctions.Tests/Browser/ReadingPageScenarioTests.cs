using GovFunctions.Decisions;
using static Microsoft.Playwright.Assertions;

namespace GovFunctions.Tests.Browser;

/// <summary>The pages people read: the public feed of decisions (anyone) and a report on demand (a signed-in leader).</summary>
public class ReadingPageScenarioTests(Chromium chromium) : BrowserTest(chromium)
{
    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task ThePublicFeed_ShowsEachPublishedDecision_ToAnAnonymousVisitor(string size)
    {
        var screen = Screen.Named(size);
        await PublicFeed.PutAsync(App.Storage, new PublicEntry("dec-browser-1", "青禾区老旧小区改造三年行动计划", DecisionCategory.MajorProject,
            "2027—2029年改造老旧小区42个，涉及居民8600户，总投资约6.3亿元。", MeetingType.Executive, new DateOnly(2026, 11, 20),
            MeetingResult.Adopted, DateTimeOffset.Parse("2026-11-20T16:00:00+08:00")), default);

        var page = await OpenAsync(screen, "/api/public/decisions");
        await Expect(page.Locator("article h3")).ToHaveTextAsync("青禾区老旧小区改造三年行动计划");
        await Expect(page.Locator("article")).ToContainTextAsync("区政府常务会议");
        await CheckPageAsync(page, screen, "public-feed");
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task AWeeklyReport_OpenedByTheDistrictHead_ShowsItsChartAndTables(string size)
    {
        var screen = Screen.Named(size);
        var page = await OpenAsync(screen, "/api/reports/weekly?period=2026-W47", signedInAs: "lin-jianguo");
        await Expect(page.Locator("body")).ToContainTextAsync("报告期间：");
        Assert.True(await page.Locator("img").First.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"), "the chart shows");
        Assert.True(await page.Locator("table").CountAsync() > 0);
        await CheckPageAsync(page, screen, "weekly-report");
    }
}
