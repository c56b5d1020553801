using System.Text.RegularExpressions;
using GovFunctions.Duty;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GovFunctions.Tests.Browser;

/// <summary>The duty log form (值班记录), filled in by the duty officer signed in, at a desktop and on a phone.</summary>
public class DutyFormScenarioTests(Chromium chromium) : BrowserTest(chromium)
{
    private const string Officer = "zeng-qiang"; // the duty officer the seeds allow to record a log (as DutyFormTests)

    // Monday 30 November 2026, 08:00 in Beijing (as the duty log tests).
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-30T08:00:00+08:00");

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task DutyLogForm_FilledAndSent_ShowsItsNumberAndStatus(string size)
    {
        var screen = Screen.Named(size);
        var page = await OpenAsync(screen, "/api/forms/duty", signedInAs: Officer);
        await Expect(page.Locator("body")).ToContainTextAsync("当前用户：");
        await CheckPageAsync(page, screen, "duty-form");

        await PageChecks.FillAndSubmitAsync(page, [
            ("类别", "下级报告"), ("来文（来电）单位", "青禾街道办事处"), ("接收时间", "2026-11-30T07:50"),
            ("内容", "辖区内一处供水管道破裂，已组织抢修。"),
        ], "登记并报告带班领导");

        var result = page.Locator("#result");
        await Expect(result).ToContainTextAsync("状态：待带班领导批示");
        await CheckPageAsync(page, screen, "duty-recorded");
        var id = Regex.Match(await result.InnerTextAsync(), "编号：([^，]+)").Groups[1].Value;
        var log = (await App.Get<DutyService>().GetAsync(id)).Value;
        Assert.Equal((DutyLogKind.Report, "青禾街道办事处", Officer), (log.Kind, log.Source, log.ReceivedById));
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task DutyLogForm_SentWrong_ShowsTheFieldsErrorBesideIt_KeepingWhatWasTyped(string size)
    {
        var screen = Screen.Named(size);
        var page = await OpenAsync(screen, "/api/forms/duty", signedInAs: Officer);
        await PageChecks.FillAndSubmitAsync(page, [
            ("类别", "上级通知"), ("来文（来电）单位", "市政府办公厅"), ("接收时间", "2026-12-05T09:00"), ("内容", "请各区做好寒潮防范。"),
        ], "登记并报告带班领导"); // received five days from now

        await Expect(page.Locator("#result")).ToContainTextAsync("输入有误");
        Assert.Contains("接收时间", await Checks.ErrorOfAsync(page, "接收时间"));
        await Expect(page.GetByLabel("来文（来电）单位")).ToHaveValueAsync("市政府办公厅");
        await Expect(page.GetByLabel("接收时间")).ToHaveValueAsync("2026-12-05T09:00");
        await Expect(page.GetByLabel("内容")).ToHaveValueAsync("请各区做好寒潮防范。");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登记并报告带班领导" })).ToBeEnabledAsync();
        await CheckPageAsync(page, screen, "duty-refused");
        var table = await App.Get<DutyService>().Store.TableAsync();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>()) Assert.Fail($"a row was written: {row.RowKey}");
    }
}
