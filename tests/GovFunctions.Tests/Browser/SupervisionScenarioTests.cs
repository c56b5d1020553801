using GovFunctions.Supervision;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GovFunctions.Tests.Browser;

/// <summary>
/// Supervision (督办) in the browser: the board of lights as the office director reads it, the office clerk's registration form,
/// and the owner head's acknowledgement link from the email.
/// </summary>
public class SupervisionScenarioTests(Chromium chromium) : BrowserTest(chromium)
{
    private const string Clerk = "bai-xue";

    private static string Marker() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>An item registered by the office clerk, as the registration form posts it (SupervisionBoardTests).</summary>
    private async Task<string> RegisterAsync(string title, string owner = "education", string due = "2026-12-31")
    {
        var result = await Function<SupervisionFunctions>().RegisterSupervisedItem(Http.Request("POST", "supervision/items", EmailOf(Clerk),
            json: new
            {
                title, source = "deployment", ownerDepartmentId = owner, coDepartmentIds = Array.Empty<string>(), dueDate = due,
                cadence = "weekly"
            }));
        return ((SupervisionCreatedView)((CreatedResult)result).Value!).Id;
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task TheBoard_AsTheOfficeDirector_ShowsTheRegisteredItem_ByItsDepartment_WithItsLightInWords(string size)
    {
        var screen = Screen.Named(size);
        var title = $"学前教育扩容（{Marker()}）";
        await RegisterAsync(title);

        var page = await OpenAsync(screen, "/api/supervision/board", signedInAs: "sun-huimin");
        await Expect(page.Locator("h3.dept")).ToHaveTextAsync("区教育局（1 项）");
        var item = page.Locator(".items li");
        await Expect(item.Locator("a.title")).ToHaveTextAsync(title);
        await Expect(item.Locator(".light")).ToHaveTextAsync("绿灯");
        await Expect(item).ToContainTextAsync("2026年12月31日");
        await CheckPageAsync(page, screen, "supervision-board");
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task TheRegistrationForm_FilledAndSent_IsAssignedForAcknowledgement_AndOnTheBoard(string size)
    {
        var screen = Screen.Named(size);
        var page = await OpenAsync(screen, "/api/forms/supervision", signedInAs: Clerk);
        await CheckPageAsync(page, screen, "supervision-form");

        var title = $"老旧小区改造（{Marker()}）";
        await PageChecks.FillAndSubmitAsync(page, [
            ("督办事项名称", title), ("督办来源", "重点工作部署、重大投资项目（第三十条）"), ("牵头单位", "区住房和城乡建设局"),
            ("协办单位（可多选）", "区财政局"), ("完成期限（建议提案可不填，按法定办理期限）", "2027-03-31"),
        ], "立项督办");

        await Expect(page.Locator("#result")).ToContainTextAsync("已提交。状态：已交办，待签收。");
        await CheckPageAsync(page, screen, "supervision-registered");
        await GotoAsync(page, "/api/supervision/board");
        await Expect(page.Locator(".items li a.title")).ToHaveTextAsync(title);
        await Expect(page.Locator("h3.dept")).ToHaveTextAsync("区住房和城乡建设局（1 项）");
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task TheOwnerHeadsAcknowledgeLink_FromTheEmail_Acknowledges_ThenSaysItWasUsed(string size)
    {
        var screen = Screen.Named(size);
        var marker = Marker();
        var id = await RegisterAsync($"推进义务教育学校扩容（{marker}）");
        var link = await LinkFromMailAsync("wu-jianping", marker, route: "supervision/links"); // the first is 签收 (SupervisionLinkFlowTests)

        var page = await OpenAsync(screen, link);
        await Expect(page.Locator("body")).ToContainTextAsync(marker);
        await CheckPageAsync(page, screen, "supervision-link");
        await page.GetByRole(AriaRole.Button, new() { Name = "签收", Exact = true }).ClickAsync();

        await Expect(page.Locator(".ok")).ToContainTextAsync($"已就“推进义务教育学校扩容（{marker}）”提交：签收");
        await CheckPageAsync(page, screen, "supervision-acknowledged");
        var item = (await App.Get<SupervisionService>().GetAsync(id)).Value;
        Assert.Equal((SupervisionStatus.Acknowledged, "wu-jianping"), (item.Status, item.AcknowledgedById));

        await GotoAsync(page, link, expectStatus: 409);
        await Expect(page.Locator("body")).ToContainTextAsync("此链接已使用过");
        Assert.Equal(0, await page.Locator("form").CountAsync());
        await CheckPageAsync(page, screen, "supervision-link-used");
    }
}
