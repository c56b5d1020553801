using GovFunctions.Supervision;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GovFunctions.Tests.Browser;

/// <summary>
/// Supervision (督办) in the browser: the board of lights as the office director reads it, the office clerk's registration form,
/// and the owner head's links from the email: acknowledgement (签收), a progress report and the completion report.
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

        await AssertUsedAsync(page, screen, link, "supervision-link-used");
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task TheOwnerHeadsProgressAndCompletionLinks_ReportProgress_ThenCompletion_EachOnce(string size)
    {
        var screen = Screen.Named(size);
        var marker = Marker();
        var title = $"推进老旧小区加装电梯（{marker}）";
        var id = await RegisterAsync(title);
        var (progressLink, completionLink) = (await LinkFromMailAsync("wu-jianping", marker, "supervision/links", nth: 1),
            await LinkFromMailAsync("wu-jianping", marker, "supervision/links", nth: 2)); // after 签收 (SupervisionLinkFlowTests)
        var head = (await App.Get<GovFunctions.Organization.OrganizationStore>().OrganizationAsync()).Person("wu-jianping");
        await App.Get<SupervisionService>().ActAsync(head, id, "acknowledge", new(null, null, false, null, null, null));

        var page = await OpenAsync(screen, progressLink);
        await CheckPageAsync(page, screen, "supervision-progress-form");
        await PageChecks.FillAndSubmitAsync(page, [("进展情况", "已完成12个小区的摸底，5台电梯开工。"), ("完成百分比（0–100）", "40")],
            "报送进展");
        await Expect(page.Locator(".ok")).ToContainTextAsync($"已就“{title}”提交：进展报告（40%）");
        await CheckPageAsync(page, screen, "supervision-progress-reported");
        var reported = (await App.Get<SupervisionService>().GetAsync(id)).Value;
        Assert.Equal((SupervisionStatus.InProgress, 40), (reported.Status, reported.Progress[^1].Percent));
        await AssertUsedAsync(page, screen, progressLink, "supervision-progress-used");

        await GotoAsync(page, completionLink);
        await Expect(page.Locator("body")).ToContainTextAsync("已完成12个小区的摸底"); // the earlier report, shown beside the form
        await CheckPageAsync(page, screen, "supervision-completion-form");
        await PageChecks.FillAndSubmitAsync(page, [("办结报告", "20台电梯全部投入使用，居民验收满意。")], "报送办结报告");
        await Expect(page.Locator(".ok")).ToContainTextAsync($"已就“{title}”提交：办结报告，待区政府办公室复核");
        await CheckPageAsync(page, screen, "supervision-completed");
        Assert.Equal(SupervisionStatus.Completed, (await App.Get<SupervisionService>().GetAsync(id)).Value.Status);
        await AssertUsedAsync(page, screen, completionLink, "supervision-completion-used");
    }
}
