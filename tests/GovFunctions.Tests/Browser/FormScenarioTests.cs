using System.Text.RegularExpressions;
using GovFunctions.Decisions;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GovFunctions.Tests.Browser;

/// <summary>The forms, filled in and sent as a clerk does it, at a desktop and on a phone.</summary>
public class FormScenarioTests(Chromium chromium) : BrowserTest(chromium)
{
    /// <summary>In Development (no Easy Auth) a form asks whom to act as; the person picks their own name.</summary>
    private static (string, string) As(string name) => ("提交人", name);

    /// <summary>The tracking number the result shows (编号：…).</summary>
    private static async Task<string> NumberInAsync(ILocator result) =>
        Regex.Match(await result.InnerTextAsync(), "编号：([^，]+)").Groups[1].Value;

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task LeaveForm_FilledAndSent_ShowsItsNumberStatusAndApprovers(string size)
    {
        var screen = Screen.Named(size);
        var page = await OpenAsync(screen, "/api/forms/leave");
        await CheckPageAsync(page, screen, "leave-form");

        var destination = $"北京市（{Guid.NewGuid():N}）"[..12];
        await PageChecks.FillAndSubmitAsync(page, [
            As("区长助理 赵晓峰"), ("开始时间", "2026-12-01T09:00"), ("结束时间", "2026-12-03T17:30"), ("外出地点", destination),
            ("联系方式", "13800001111"), ("事由", "参加全市政务服务培训"),
        ], "提交申请");

        var result = page.Locator("#result");
        await Expect(result).ToContainTextAsync("已提交。编号：");
        await Expect(result).ToContainTextAsync("状态：审批中");
        await Expect(result).ToContainTextAsync("审批人：区长 林建国");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "再填写一份" })).ToBeVisibleAsync();
        await CheckPageAsync(page, screen, "leave-submitted");
        var submitted = Assert.Single(await Leave.Store.InPartitionAsync("zhao-xiaofeng")).Value;
        Assert.Equal((destination, LeaveStatus.Pending), (submitted.Destination, submitted.Status));
        Assert.Equal(submitted.Id, await NumberInAsync(result)); // the tracking number, as /me and the emails give it
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task LeaveForm_SentWrong_ShowsEachFieldsErrorBesideIt_KeepingWhatWasTyped(string size)
    {
        var screen = Screen.Named(size);
        var page = await OpenAsync(screen, "/api/forms/leave");
        await PageChecks.FillAndSubmitAsync(page, [
            As("局长 高峰"), ("开始时间", "2026-12-03T09:00"), ("结束时间", "2026-12-01T17:30"), ("外出地点", "   "),
            ("联系方式", "13900002222"),
        ], "提交申请"); // a department head, the end before the start, a blank destination, no acting person

        await Expect(page.Locator("#result")).ToContainTextAsync("输入有误");
        Assert.Equal("结束时间必须晚于开始时间", await Checks.ErrorOfAsync(page, "结束时间"));
        Assert.Contains("外出地点", await Checks.ErrorOfAsync(page, "外出地点"));
        Assert.Contains("第七十五条", await Checks.ErrorOfAsync(page, "代为主持工作的负责人"));
        await Expect(page.GetByLabel("开始时间")).ToHaveValueAsync("2026-12-03T09:00");
        await Expect(page.GetByLabel("结束时间")).ToHaveValueAsync("2026-12-01T17:30");
        await Expect(page.GetByLabel("联系方式")).ToHaveValueAsync("13900002222");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "提交申请" })).ToBeEnabledAsync();
        await CheckPageAsync(page, screen, "leave-refused");
        Assert.Empty(await Leave.Store.InPartitionAsync("gao-feng"));
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task HotlineForm_ACallAssignedToADepartment_ShowsItsNumberAndDeadline(string size)
    {
        var screen = Screen.Named(size);
        var page = await OpenAsync(screen, "/api/forms/hotline");
        await CheckPageAsync(page, screen, "hotline-form");

        await PageChecks.FillAndSubmitAsync(page, [
            As("区长电话接线员 曹晓雯"), ("来电人", "张先生"), ("来电号码", "13812345678"), ("类别", "投诉"),
            ("地点", "青禾路与民生街交叉口"), ("来电内容", "路灯连续一周不亮，夜间行人很不安全。"), ("处理方式", "交办部门"),
            ("承办部门", "区城市管理局"),
        ], "登记来电");

        var result = page.Locator("#result");
        await Expect(result).ToContainTextAsync("状态：已交办，待部门答复");
        await Expect(result).ToContainTextAsync("办理期限：");
        await CheckPageAsync(page, screen, "hotline-recorded");
        var number = await NumberInAsync(result);
        var call = (await App.Get<HotlineService>().GetAsync(number)).Value;
        Assert.Equal(("urban-management", "cao-xiaowen"), (call.DepartmentId, call.OperatorId));
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task DecisionForm_RegisteredAsADraft_ThenSubmittedForReviewByItsNextStepButton(string size)
    {
        var screen = Screen.Named(size);
        var page = await OpenAsync(screen, "/api/forms/decision");
        await CheckPageAsync(page, screen, "decision-form");

        await PageChecks.FillAndSubmitAsync(page, [
            As("局长 马志强"), ("事项名称", "青禾区老旧小区改造三年行动计划"), ("类别", "重大工程和重要项目安排"),
            ("事项概要", "2027—2029年改造老旧小区42个，涉及居民8600户。"), ("提请部门", "区发展和改革局"),
            ("涉及职责的相关部门", "区财政局、区住房和城乡建设局"), ("与群众切身利益密切相关", "是"),
        ], "登记决策事项");

        var result = page.Locator("#result");
        await Expect(result).ToContainTextAsync("编号：");
        var number = await NumberInAsync(result);
        await CheckPageAsync(page, screen, "decision-draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交审查" }).ClickAsync();
        await Expect(result).ToContainTextAsync("已提交审查。状态：");
        await CheckPageAsync(page, screen, "decision-submitted");
        var decision = (await App.Get<DecisionService>().GetAsync(number)).Value;
        Assert.Equal(("dev-reform", true), (decision.SponsorDepartmentId, decision.PublicInterest));
        Assert.Equal(new[] { "finance", "housing" }, decision.ConsultDepartmentIds.Order());
        Assert.Equal(DecisionStatus.InReview, decision.Status);
    }
}
