using System.Text.RegularExpressions;
using GovFunctions.Approvals;
using GovFunctions.Hotline;
using GovFunctions.Organization;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Approvals;

/// <summary>What the approval pages and the task emails show a person (Issue 8, item 12).</summary>
public partial class ApprovalPageTests : AppTest
{
    private const string Operator = "cao-xiaowen";

    [Theory]
    [InlineData("同意。", "<b>同意</b>。")]
    [InlineData("同意，注意安全", "<b>同意，注意安全</b>。")]
    [InlineData("注意安全！", "<b>同意，注意安全</b>。")]
    [InlineData("", "<b>同意</b>。")]
    public async Task ApprovalResult_ShowsTheVerdictOnce_WithTheCommentOnce(string comment, string expected)
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();

        var page = (ContentResult)await DecideAsync(await TokenForAsync(id, "lin-jianguo"), "approve", comment);

        Assert.Contains("提交：" + expected + "</p>", page.Content);
        Assert.DoesNotContain("同意，同意", page.Content);
        Assert.DoesNotContain("。。", page.Content);
        await Pump.RunAsync();
        var outcome = Assert.Single(Mail.To(EmailOf("chen-siyuan")), m => m.Subject.StartsWith("【审批结果】"));
        Assert.DoesNotContain("同意，同意", outcome.Text);
    }

    [Fact]
    public async Task ApprovalLink_ARefusedPost_ExplainsInChineseOnly()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();

        var page = (ContentResult)await DecideAsync(await TokenForAsync(id, "lin-jianguo"), "maybe");

        Assert.Equal(400, page.StatusCode);
        var errors = ErrorParagraph().Matches(page.Content!).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("请选择“同意”或“不同意”", errors);
        Assert.All(errors, e => Assert.DoesNotMatch("[A-Za-z]", e));
    }

    [Fact]
    public async Task TaskEmails_HaveAViewport_AndStackTheirFactsOnAPhone()
    {
        await SubmitLeaveAsync("chen-siyuan", destination: $"上海市（{Guid.NewGuid():N}）");
        await Pump.RunAsync();

        var mail = Assert.Single(Mail.To(EmailOf("lin-jianguo")));
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">", mail.Html);
        Assert.Contains("@media (max-width:600px){.facts th,.facts td{display:block", mail.Html);
        Assert.Contains("max-width:720px", mail.Html);
        Assert.DoesNotContain("white-space:nowrap", mail.Html);
        Assert.Contains("申请人", mail.Html); // a decision keeps its applicant and its 审批链接
        Assert.Contains("审批链接", mail.Text);
        var delivered = Assert.Single(await MailDevInbox.WaitForAsync(e => e.IsTo(EmailOf("lin-jianguo")) && e.Subject == mail.Subject));
        Assert.Contains("name=\"viewport\"", delivered.Html);
    }

    [Fact]
    public async Task HotlineTaskEmail_Says来电人And办理链接_AndWritesDatesInChinese()
    {
        var result = await Function<HotlineFunctions>().RecordCall(Http.Request("POST", "hotline/calls", EmailOf(Operator), json: new
        {
            callerName = "张先生", callerPhone = "13812345678", receivedAt = "2026-11-25T09:40:00+08:00", category = "complaint",
            content = "青禾路路灯不亮。", disposition = "assign", departmentId = "urban-management",
        }));
        Assert.Equal(201, Http.StatusOf(result));
        await Pump.RunAsync();
        var head = (await App.Get<OrganizationStore>().OrganizationAsync()).HeadOf("urban-management");

        var mail = Assert.Single(Mail.To(head.Email));
        foreach (var body in new[] { mail.Html, mail.Text })
        {
            Assert.Contains("来电人", body);
            Assert.DoesNotContain("申请人", body);
            Assert.DoesNotContain("审批链接", body);
            Assert.Contains("2026年11月25日 09:40", body);
            Assert.DoesNotContain("2026-11-25", body);
        }
        Assert.Contains("办理链接", mail.Text);

        var token = LinkToken().Match(mail.Text!).Groups[1].Value;
        var page = (ContentResult)await ShowAsync(token);
        Assert.Contains("办理人：", page.Content);
        Assert.DoesNotContain("审批人", page.Content);
        Assert.DoesNotContain("申请人", page.Content);
    }

    [Fact]
    public async Task OneDayLeave_IsTitledByItsDayAndTimes()
    {
        await SubmitLeaveAsync("chen-siyuan", start: "2026-12-09T09:00:00+08:00", end: "2026-12-09T12:00:00+08:00");
        await Pump.RunAsync();

        var mail = Assert.Single(Mail.To(EmailOf("lin-jianguo")));
        Assert.Contains("请假（12月9日 09:00—12:00，北京市）", mail.Subject);
        Assert.DoesNotContain("12月9日—12月9日", mail.Html);
    }

    [GeneratedRegex("<p class=\"error\">([^<]*)</p>")]
    private static partial Regex ErrorParagraph();

    [GeneratedRegex("/api/approvals/([A-Za-z0-9_.~-]+)")]
    private static partial Regex LinkToken();
}
