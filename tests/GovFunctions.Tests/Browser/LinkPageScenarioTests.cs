using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace GovFunctions.Tests.Browser;

/// <summary>
/// The pages behind the links in the emails, each kind (a decision, a reply, an instruction): the link read out of the email
/// in MailDev, the page filled in and sent, the result page; the link again says it was used; an altered one is refused.
/// </summary>
public class LinkPageScenarioTests(Chromium chromium) : BrowserTest(chromium)
{
    private static string Marker() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A call recorded by the operator, as the hotline form posts it; its content carries the marker.</summary>
    private async Task RecordCallAsync(string disposition, string departmentId, string marker)
    {
        var result = await Function<HotlineFunctions>().RecordCall(Http.Request("POST", "hotline/calls", EmailOf("cao-xiaowen"), json: new
        {
            callerName = "张先生", callerPhone = "13812345678", receivedAt = App.Clock.GetUtcNow().ToString("O"), category = "complaint",
            content = $"小区外墙脱落，物业与开发商互相推诿（{marker}）。", location = "青禾路18号", disposition, departmentId,
        }));
        Assert.Equal(201, Http.StatusOf(result));
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task ADecisionLink_ApprovedOrRejectedWithAComment_ShowsTheResult_ThenThatItWasUsed(string size)
    {
        var screen = Screen.Named(size);
        var (button, comment, outcome) = screen.IsPhone
            ? ("不同意", "时间与全区安全生产检查冲突，请调整", LeaveStatus.Rejected)
            : ("同意", "注意安全", LeaveStatus.Approved);
        var marker = Marker();
        var id = await SubmitLeaveAsync("zhao-xiaofeng", destination: $"深圳市（{marker}）");
        var link = await LinkFromMailAsync("lin-jianguo", marker);

        var page = await OpenAsync(screen, link);
        await Expect(page.Locator("body")).ToContainTextAsync(marker);
        await CheckPageAsync(page, screen, "approval-link");
        await PageChecks.FillAndSubmitAsync(page, [("审批意见", comment)], button);

        await Expect(page.Locator("h2")).ToHaveTextAsync("意见已提交");
        await Expect(page.Locator(".ok")).ToContainTextAsync($"{button}，{comment}");
        await CheckPageAsync(page, screen, "approval-decided");
        await Pump.RunAsync();
        Assert.Equal(outcome, (await LeaveAsync(id)).Status);

        await AssertUsedAsync(page, screen, link, "approval-used");
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task AReplyLink_AnsweredInWriting_ShowsTheReply_ThenThatItWasUsed(string size)
    {
        var screen = Screen.Named(size);
        var marker = Marker();
        await RecordCallAsync("assign", "urban-management", marker);
        var link = await LinkFromMailAsync("lin-tao", marker);

        var page = await OpenAsync(screen, link);
        await Expect(page.Locator("body")).ToContainTextAsync(marker);
        await Expect(page.Locator("body")).Not.ToContainTextAsync("13812345678"); // the caller's number stays masked
        await CheckPageAsync(page, screen, "reply-link");
        await PageChecks.FillAndSubmitAsync(page, [("答复内容", "已派人现场查看，三日内完成外墙修复。")], "提交答复");

        await Expect(page.Locator(".ok")).ToContainTextAsync("答复：已派人现场查看，三日内完成外墙修复。");
        await CheckPageAsync(page, screen, "reply-sent");

        await AssertUsedAsync(page, screen, link, "reply-used");
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task AnInstructionLink_WithItsDepartmentAndDueDate_ShowsTheInstruction_ThenThatItWasUsed(string size)
    {
        var screen = Screen.Named(size);
        var marker = Marker();
        await RecordCallAsync("escalate", "housing", marker);
        var link = await LinkFromMailAsync("wang-lijuan", marker); // housing is in her portfolio

        var page = await OpenAsync(screen, link);
        await CheckPageAsync(page, screen, "instruction-link");
        await PageChecks.FillAndSubmitAsync(page, [
            ("批示意见", "请住建局牵头，会同城管局五日内拿出方案。"), ("承办部门", "区住房和城乡建设局"), ("办理期限", "2026-12-02"),
        ], "提交批示");

        await Expect(page.Locator(".ok")).ToContainTextAsync("批示：请住建局牵头，会同城管局五日内拿出方案。");
        await CheckPageAsync(page, screen, "instruction-sent");

        await AssertUsedAsync(page, screen, link, "instruction-used");
    }

    [Theory]
    [MemberData(nameof(Screen.Both), MemberType = typeof(Screen))]
    public async Task ATamperedLink_ShowsAPlainRefusal_AndNothingToSubmit(string size)
    {
        var screen = Screen.Named(size);
        var marker = Marker();
        await SubmitLeaveAsync("zhao-xiaofeng", destination: $"广州市（{marker}）");
        var link = await LinkFromMailAsync("lin-jianguo", marker);
        var tampered = link[..^1] + (link[^1] == 'A' ? 'B' : 'A');

        var page = await OpenAsync(screen, tampered, expectStatus: 404);
        await Expect(page.Locator("h2")).ToHaveTextAsync("链接无效");
        await Expect(page.Locator("body")).ToContainTextAsync("此链接无效。请使用邮件中的完整链接。");
        Assert.Equal(0, await page.Locator("form, button").CountAsync());
        await CheckPageAsync(page, screen, "link-tampered");
    }
}
