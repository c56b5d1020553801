using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GovFunctions.Tests.Browser;

/// <summary>"My work" (<c>GET /api/me</c>) as a browser asks for it: what I submitted with its status, what waits for me.</summary>
public class MyWorkScenarioTests(Chromium chromium) : BrowserTest(chromium)
{
    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task MyWork_ListsTheLeaveISubmitted_WithItsNumberAndStatus(string size)
    {
        var screen = Screen.Named(size);
        var leave = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();

        var page = await OpenAsync(screen, "/api/me", signedInAs: "chen-siyuan");
        var submitted = page.Locator("section[aria-labelledby=submitted]");
        await Expect(submitted.Locator("h3")).ToHaveTextAsync("我提交的事项（1 项）");
        await Expect(submitted).ToContainTextAsync("受理编号 " + leave);
        await Expect(submitted).ToContainTextAsync("状态：审批中");
        await Expect(page.Locator("section[aria-labelledby=waiting]")).ToContainTextAsync("目前没有等待您处理的事项。");
        await CheckPageAsync(page, screen, "my-work-submitted");
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task MyWork_AsTheApprover_ShowsTheWaitingTask_WhoseLinkOpensTheApprovalPage(string size)
    {
        var screen = Screen.Named(size);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var leave = await SubmitLeaveAsync("zhao-xiaofeng", destination: $"深圳市（{marker}）");
        await Pump.RunAsync();

        var page = await OpenAsync(screen, "/api/me", signedInAs: "lin-jianguo");
        var waiting = page.Locator("section[aria-labelledby=waiting]");
        await Expect(waiting.Locator("h3")).ToHaveTextAsync("等待我处理（1 项，按送达先后）");
        await CheckPageAsync(page, screen, "my-work-waiting");

        await waiting.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync("**/api/approvals/" + await TokenForAsync(leave, "lin-jianguo"));
        await Expect(page.Locator("body")).ToContainTextAsync(marker);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "同意", Exact = true })).ToBeVisibleAsync();
        await CheckPageAsync(page, screen, "my-work-task-opened");
    }
}
