using System.Text.RegularExpressions;
using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Forms;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Forms;

/// <summary>
/// What a person sees on the forms: each page is rendered by the real function, its own script is run under node, the
/// fields are posted to the real intake function, and the answer is shown as the browser would show it (Issue 8, items 9, 12).
/// </summary>
public partial class FormPageTests : AppTest
{
    private const string Operator = "cao-xiaowen";
    private const string Sponsor = "ma-zhiqiang";

    private FormFunctions Forms => Function<FormFunctions>();

    private static async Task<string> PageAsync(Task<IActionResult> page) => ((ContentResult)await page).Content!;

    private static string KeyOf(string html) => Assert.Single(KeyField().Matches(html)).Groups[1].Value;

    private static Dictionary<string, string> WithKey(string html, Dictionary<string, string> fields) =>
        new(fields) { ["idempotencyKey"] = KeyOf(html) };

    [Fact]
    public async Task HotlineResult_ShowsStatusAndDeadlineInWords_NotInternalValues()
    {
        var html = await PageAsync(Forms.HotlineForm(Http.Request("GET", "forms/hotline", EmailOf(Operator))));
        var fields = new Dictionary<string, string>
        {
            ["callerName"] = "张先生", ["callerPhone"] = "13812345678", ["receivedAt"] = "2026-11-25T09:30", ["category"] = "complaint",
            ["content"] = "青禾路路灯不亮。", ["disposition"] = "assign", ["departmentId"] = "urban-management",
        };
        var reply = PageScript.ReplyOf(await Function<HotlineFunctions>().RecordCall(
            Http.Request("POST", "hotline/calls", EmailOf(Operator), form: WithKey(html, fields))));

        var seen = await PageScript.RunAsync(html, fields, [reply]);

        Assert.Equal("ok", seen.ResultClass);
        Assert.StartsWith("已提交。编号：", seen.ResultText);
        Assert.Contains("状态：已交办，待部门答复", seen.ResultText);
        Assert.Matches(@"办理期限：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}", seen.ResultText);
        Assert.DoesNotContain("assigned", seen.ResultText);
        Assert.DoesNotContain("+08:00", seen.ResultText);
        Assert.Equal(("result", "result"), (seen.Focused, seen.Scrolled));
        Assert.False(seen.Hidden["again"]);
    }

    [Fact]
    public async Task LeaveResult_NamesTheApproversByTitleAndName_AndTheStatusInChinese()
    {
        var html = await PageAsync(Forms.LeaveForm(Http.Request("GET", "forms/leave", EmailOf("zhao-xiaofeng"))));
        var fields = new Dictionary<string, string>
        {
            ["start"] = "2026-12-01T09:00", ["end"] = "2026-12-02T17:30", ["destination"] = "北京市", ["contact"] = "13800001111",
            ["reason"] = "培训",
        };
        var reply = PageScript.ReplyOf(await Function<LeaveFunctions>().SubmitLeave(
            Http.Request("POST", "leave-requests", EmailOf("zhao-xiaofeng"), form: WithKey(html, fields))));

        var seen = await PageScript.RunAsync(html, fields, [reply]);

        Assert.Contains("状态：审批中", seen.ResultText);
        Assert.Contains("审批人：区长 林建国", seen.ResultText);
        Assert.DoesNotContain("pending", seen.ResultText);
        Assert.DoesNotContain("lin-jianguo", seen.ResultText);
        // The tracking number: the request's id, the applicant's own.
        Assert.Matches(@"编号：zhao-xiaofeng\.\d{8}\.[0-9a-f]+", seen.ResultText);
    }

    [Fact]
    public async Task LeaveRefused_ShowsChineseOnly_AtTheFirstWrongField_AndTheButtonIsUsableAgain()
    {
        var html = await PageAsync(Forms.LeaveForm(Http.Request("GET", "forms/leave", EmailOf("zhao-xiaofeng"))));
        var fields = new Dictionary<string, string>
        {
            ["start"] = "2026-12-02T09:00", ["end"] = "2026-12-01T17:30", ["destination"] = "北京市", ["contact"] = "13800001111",
        };
        var refusal = await Assert.ThrowsAsync<ValidationException>(() => Function<LeaveFunctions>().SubmitLeave(
            Http.Request("POST", "leave-requests", EmailOf("zhao-xiaofeng"), form: WithKey(html, fields))));

        var seen = await PageScript.RunAsync(html, fields, [PageScript.ReplyOf(refusal)]);

        Assert.Equal("error", seen.ResultClass);
        Assert.Contains("结束时间", seen.Errors["end"]);
        foreach (var text in seen.Errors.Values.Append(seen.ResultText))
            Assert.DoesNotMatch("[A-Za-z]", text);
        Assert.Equal(("end", "end"), (seen.Focused, seen.Scrolled));
        Assert.True(Assert.Single(seen.Requests).Buttons.Single(b => b.Label == "f").Disabled);
        Assert.False(seen.Buttons.Single(b => b.Label == "f").Disabled);
    }

    [Fact]
    public async Task HotlineRefusedAsAWhole_ShowsTheChineseReasonInTheResult_AndFocusesIt()
    {
        var html = await PageAsync(Forms.HotlineForm(Http.Request("GET", "forms/hotline", EmailOf("zhao-xiaofeng"))));
        var fields = new Dictionary<string, string>
        {
            ["callerName"] = "张先生", ["callerPhone"] = "13812345678", ["content"] = "路灯不亮。",
            ["disposition"] = "answered", ["answer"] = "已告知。",
        };
        var refusal = await Assert.ThrowsAnyAsync<GovException>(() => Function<HotlineFunctions>().RecordCall(
            Http.Request("POST", "hotline/calls", EmailOf("zhao-xiaofeng"), form: WithKey(html, fields))));

        var seen = await PageScript.RunAsync(html, fields, [PageScript.ReplyOf(refusal)]);

        Assert.Equal("error", seen.ResultClass);
        Assert.StartsWith("无权操作：", seen.ResultText);
        Assert.DoesNotMatch("[A-Za-z]", seen.ResultText);
        Assert.Equal(("result", "result"), (seen.Focused, seen.Scrolled));
    }

    [Fact]
    public async Task EveryForm_PostsAKeyMadeOncePerPageLoad_AndKeepsTheButtonDisabledWhileSending()
    {
        foreach (var (path, by, form) in new (string, string, Func<Microsoft.AspNetCore.Http.HttpRequest, Task<IActionResult>>)[]
        {
            ("forms/leave", "zhao-xiaofeng", Forms.LeaveForm), ("forms/hotline", Operator, Forms.HotlineForm),
            ("forms/decision", Sponsor, Forms.DecisionForm), ("forms/duty", "zeng-qiang", Forms.DutyForm),
        })
        {
            var load = Http.Request("GET", path, EmailOf(by));
            var (first, second) = (await PageAsync(form(load)), await PageAsync(form(Http.Request("GET", path, EmailOf(by)))));
            Assert.Equal("no-store", load.HttpContext.Response.Headers.CacheControl.ToString()); // a cached page would reuse its key
            Assert.Matches("^[0-9a-f]{32}$", KeyOf(first));
            Assert.NotEqual(KeyOf(first), KeyOf(second));

            var answer = new PageScript.Reply(201, """{"id":"x","status":"s","statusName":"已登记"}""");
            var seen = await PageScript.RunAsync(first, new Dictionary<string, string>(), [answer]);
            var sent = Assert.Single(seen.Requests);
            Assert.Contains("idempotencyKey=" + KeyOf(first), sent.Body);
            Assert.True(sent.Buttons.Single(b => b.Label == "f").Disabled);
            Assert.True(seen.Buttons.Single(b => b.Label == "f").Disabled); // a success is not sent twice from the same page
        }
    }

    [Fact]
    public async Task HotlineForm_CallTime_DefaultsToNowInChinaTime()
    {
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T20:30:00Z"));
        var html = await PageAsync(Forms.HotlineForm(Http.Request("GET", "forms/hotline", EmailOf(Operator))));
        Assert.Contains("name=\"receivedAt\" value=\"2026-11-26T04:30\"", html);
    }

    [Fact]
    public async Task DecisionDraft_OffersSubmittingForReview_AndTheButtonSubmitsIt()
    {
        var html = await PageAsync(Forms.DecisionForm(Http.Request("GET", "forms/decision", EmailOf(Sponsor))));
        var fields = new Dictionary<string, string>
        {
            ["title"] = "区级财政预算调整", ["category"] = "developmentPlanBudget", ["summary"] = "调整2026年预算。",
            ["sponsorDepartmentId"] = "dev-reform",
        };
        var api = Function<DecisionFunctions>();
        var created = PageScript.ReplyOf(await api.CreateDecision(
            Http.Request("POST", "decisions", EmailOf(Sponsor), form: WithKey(html, fields))));
        var id = System.Text.Json.JsonDocument.Parse(created.Body).RootElement.GetProperty("id").GetString()!;
        var submitted = PageScript.ReplyOf(await api.SubmitDecision(Http.Request("POST", $"decisions/{id}/submit", EmailOf(Sponsor)), id));

        var seen = await PageScript.RunAsync(html, fields, [created], clickNext: false);
        Assert.Contains("状态：草稿（尚未提交审查）", seen.ResultText);
        Assert.False(seen.Hidden["next"]);
        Assert.Contains("下一步：提交审查", html);

        seen = await PageScript.RunAsync(html, fields, [created, submitted], clickNext: true);
        Assert.Equal($"/api/decisions/{id}/submit", seen.Requests[1].Url);
        Assert.Contains("状态：审查中", seen.ResultText);
        Assert.True(seen.Hidden["next"]);
        Assert.Equal(DecisionStatus.InReview, (await App.Get<DecisionService>().GetAsync(id)).Value.Status);
    }

    [Fact]
    public async Task FormControls_InheritTheCjkFontStack_NotAMonospaceDefault()
    {
        var html = await PageAsync(Forms.HotlineForm(Http.Request("GET", "forms/hotline", EmailOf(Operator))));
        Assert.Contains("input,select,textarea,button{font-family:inherit}", html);
        Assert.Matches("body\\{font-family:\"PingFang SC\",[^}]*\"Microsoft YaHei\"", html);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"idempotencyKey\" value=\"([^\"]*)\">")]
    private static partial Regex KeyField();
}
