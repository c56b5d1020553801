using System.Text;
using System.Text.Json.Nodes;
using GovFunctions.Approvals;
using GovFunctions.Hotline;
using GovFunctions.Legal;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Platform;

/// <summary>
/// Issue 8, items 1, 2, 5, 6, 7 and 11, through the real functions against Azurite: each refusal is a 400 naming the field
/// (problem details on the JSON routes, a Chinese error page on the approval link) and writes nothing.
/// </summary>
public class IntakeDefectTests : AppTest
{
    public static TheoryData<string> CreateRoutes => new(Intakes.Creating.Select(i => i.Function));

    private async Task<Routes.Answer> PostAsync(string function, byte[] body, string contentType, bool chunked = false)
    {
        var intake = Intakes.Of(function);
        var route = Routes.Named(function);
        return await Routes.CallAsync(App.Services, route, Routes.Request(route, new Dictionary<string, string>(),
            EmailOf(intake.CallerId), body, contentType, chunked),
            new Dictionary<string, string>());
    }

    private JsonObject Valid(string function) => Intakes.Of(function).Valid(App.Clock.GetUtcNow());

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>Posts and checks the answer is a 400 problem naming <paramref name="field"/>, and that no row was written.</summary>
    private async Task RefusedAsync(string function, byte[] body, string contentType, string field, bool chunked = false)
    {
        var before = await TableSnapshot.TakeAsync(App);
        var answer = await PostAsync(function, body, contentType, chunked);
        Assert.True(answer.Status == 400 && answer.IsProblem, answer.ToString());
        Assert.Contains(field, answer.ErrorFields);
        Assert.Empty(TableSnapshot.Changes(before, await TableSnapshot.TakeAsync(App)));
    }

    // ---- 1. a lone surrogate escape -------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(CreateRoutes))]
    public async Task ALoneSurrogateEscape_InAnUnknownOrAKnownField_Is400NamingIt(string function)
    {
        var valid = Valid(function).ToJsonString();
        await RefusedAsync(function, Utf8("{\"zz\":\"\\udc00\"," + valid[1..]), "application/json", "zz");
        var field = Intakes.Of(function).Fields.First(f => f.Kind == Intakes.Kind.Text).Name;
        var known = Valid(function);
        known.Remove(field);
        await RefusedAsync(function, Utf8($"{{\"{field}\":\"前\\ud800后\"," + known.ToJsonString()[1..]), "application/json", field);
        await RefusedAsync(function, Utf8("{\"\\udfff\":1}"), "application/json", "body");
    }

    // ---- 2. a charset other than UTF-8 ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=utf-7")]
    [InlineData("application/x-www-form-urlencoded; charset=utf-16")]
    [InlineData("application/x-www-form-urlencoded; charset=gb2312")]
    [InlineData("application/x-www-form-urlencoded; charset=x-no-such")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=utf-7")]
    public async Task ACharsetOtherThanUtf8_Is400NamingContentType_OnEveryCreateRoute(string contentType)
    {
        foreach (var function in Intakes.Creating.Select(i => i.Function))
        {
            var body = contentType.StartsWith("application/json") ? Routes.JsonBytes(Valid(function)) : Routes.FormBytes(Valid(function));
            await RefusedAsync(function, body, contentType, "Content-Type");
        }
    }

    [Fact]
    public async Task AFormInUtf8_DeclaredOrNot_IsAccepted()
    {
        Assert.Equal(201, (await PostAsync("RecordCall", Routes.FormBytes(Valid("RecordCall")),
            "application/x-www-form-urlencoded; charset=UTF-8")).Status);
        Assert.Equal(201, (await PostAsync("RecordCall", Routes.FormBytes(Valid("RecordCall")),
            "application/x-www-form-urlencoded")).Status);
    }

    [Fact]
    public async Task OnTheApprovalLink_TheTokenIsCheckedBeforeTheForm_AndABadCharsetIsAPageError()
    {
        var forged = await LinkAsync("ap0.t0.x", "action=approve", "application/x-www-form-urlencoded; charset=utf-7");
        Assert.Equal(404, Http.StatusOf(forged)); // anyone can post to a made-up link: it ends at the token

        var leave = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        var token = await TokenForAsync(leave, "lin-jianguo");
        var before = await TableSnapshot.TakeAsync(App);
        var page = (ContentResult)await LinkAsync(token, "action=approve", "application/x-www-form-urlencoded; charset=utf-7");
        Assert.Equal((400, "text/html; charset=utf-8"), (page.StatusCode, page.ContentType));
        Assert.Contains("UTF-8", page.Content);
        Assert.Empty(TableSnapshot.Changes(before, await TableSnapshot.TakeAsync(App)));
        Assert.True(Assert.Single((await ApprovalOfAsync(leave)).Tasks).IsOpen);
    }

    private async Task<IActionResult> LinkAsync(string token, string form, string contentType)
    {
        var request = Http.Request("POST", "approvals/" + token, rawBody: form);
        request.ContentType = contentType;
        return await Function<ApprovalFunctions>().DecideApproval(request, token);
    }

    // ---- 5. a chunked body past the limit -------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(CreateRoutes))]
    public async Task AChunkedBodyPastTheLimit_IsRefusedAsItIsRead_OnEveryCreateRoute(string function)
    {
        var padded = Valid(function);
        padded["pad"] = new string('x', 1024 * 1024);
        await RefusedAsync(function, Routes.JsonBytes(padded), "application/json", "body", chunked: true);
        await RefusedAsync(function, Routes.FormBytes(padded), "application/x-www-form-urlencoded", "body", chunked: true);

        Assert.Equal(201, (await PostAsync(function, Routes.JsonBytes(Valid(function)), "application/json", chunked: true)).Status);
    }

    // ---- 6. enum values that API.md does not name --------------------------------------------------------------------------

    [Theory]
    [InlineData("RecordCall", "disposition", "7")]
    [InlineData("RecordCall", "disposition", "\"7\"")]
    [InlineData("RecordCall", "disposition", "\"answered, assign\"")]
    [InlineData("RecordCall", "disposition", "\"Assign\"")]
    [InlineData("RecordCall", "disposition", "\"\"")]
    [InlineData("RecordCall", "category", "99")]
    [InlineData("RecordCall", "category", "\"99\"")]
    [InlineData("CreateDecision", "category", "99")]
    [InlineData("CreateDecision", "category", "\"1\"")]
    [InlineData("RecordDutyLog", "kind", "1")]
    [InlineData("RecordDutyLog", "kind", "\"notice,report\"")]
    public async Task AnUndefinedEnumValue_Is400NamingTheField_InJsonAndInAForm(string function, string field, string raw)
    {
        var json = Valid(function);
        json[field] = JsonNode.Parse(raw);
        await RefusedAsync(function, Routes.JsonBytes(json), "application/json", field);
        await RefusedAsync(function, Routes.FormBytes(json), "application/x-www-form-urlencoded", field);
    }

    [Fact]
    public async Task TheNamesOfApiMd_AreAccepted_AndAnswersKeepCamelCaseStringEnums()
    {
        var json = Valid("RecordCall");
        json["disposition"] = "escalate";
        json["category"] = "urgent";
        var answer = await PostAsync("RecordCall", Routes.JsonBytes(json), "application/json");
        Assert.Equal(201, answer.Status);
        Assert.Equal("escalated", answer.Json!.Value.GetProperty("status").GetString());
        var call = (await App.Get<HotlineService>().GetAsync(answer.Json.Value.GetProperty("id").GetString()!)).Value;
        Assert.Equal((Disposition.Escalate, CallCategory.Urgent), (call.Disposition, call.Category));
    }

    // ---- 7. the instruction's due date on the escalation link -------------------------------------------------------------

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("2026-11-24")] // yesterday
    [InlineData("0001-01-01")]
    [InlineData("2026-13-01")]
    public async Task AnInstructionsDueDate_FarOff_InThePast_OrMalformed_Is400NamingDueDate(string dueDate)
    {
        var json = Valid("RecordCall");
        json["disposition"] = "escalate";
        var id = (await PostAsync("RecordCall", Routes.JsonBytes(json), "application/json")).Json!.Value.GetProperty("id").GetString()!;
        await Pump.RunAsync();
        var call = (await App.Get<HotlineService>().GetAsync(id)).Value;
        var approval = (await Engine.FindAsync(call.ApprovalId!))!.Value;
        var token = App.Get<ApprovalLinks>().TokenFor(approval.Id, approval.Tasks.Single(t => t.IsOpen));

        var before = await TableSnapshot.TakeAsync(App);
        var page = (ContentResult)await Function<ApprovalFunctions>().DecideApproval(Http.Request("POST", "approvals/" + token,
            form: new Dictionary<string, string>
            {
                ["action"] = "answer", ["answer"] = "请住建局办理。", ["departmentId"] = "education",
                ["dueDate"] = dueDate
            }), token);

        Assert.Equal(400, page.StatusCode);
        Assert.Contains("办理期限", page.Content);
        Assert.Empty(TableSnapshot.Changes(before, await TableSnapshot.TakeAsync(App)));
        Assert.Equal(200, Http.StatusOf(await Function<ApprovalFunctions>().DecideApproval(Http.Request("POST", "approvals/" + token,
            form: new Dictionary<string, string>
            {
                ["action"] = "answer", ["answer"] = "请住建局办理。", ["departmentId"] = "education",
                ["dueDate"] = "2026-12-31"
            }), token)));
    }

    // ---- 11. a refusal states why -----------------------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task RejectingALeaveWithoutAReason_IsAChinesePageError_AndTheTaskStaysOpen(string? comment)
    {
        var leave = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        var token = await TokenForAsync(leave, "lin-jianguo");
        var form = new Dictionary<string, string> { ["action"] = "reject" };
        if (comment is not null) form["comment"] = comment;

        var page = (ContentResult)await Function<ApprovalFunctions>().DecideApproval(Http.Request("POST", "approvals/" + token,
            form: form), token);

        Assert.Equal((400, "text/html; charset=utf-8"), (page.StatusCode, page.ContentType));
        Assert.Contains("须填写理由", page.Content);
        Assert.DoesNotContain("\"errors\"", page.Content);
        Assert.True(Assert.Single((await ApprovalOfAsync(leave)).Tasks).IsOpen);
        Assert.Contains("不同意时须填写理由", ((ContentResult)await ShowAsync(token)).Content);
        Assert.Equal(200, Http.StatusOf(await DecideAsync(token, "reject", "与全区会议时间冲突")));
    }

    [Fact]
    public async Task ReturningAReconsiderationWithoutAReason_IsRefused_TheSignOffStaysOpen()
    {
        var created = await PostAsync("AcceptReconsideration", Routes.JsonBytes(Valid("AcceptReconsideration")), "application/json");
        var id = created.Json!.Value.GetProperty("id").GetString()!;
        await Function<LegalFunctions>().ProposeReconsiderationDecision(Http.Request("POST", $"reconsiderations/{id}/proposal",
            EmailOf(Intakes.LegalClerk),
            json: new { proposal = "维持原决定。" }), id);
        await Pump.RunAsync();
        var approval = (await Engine.FindAsync((await App.Get<ReconsiderationService>().GetAsync(id)).Value.SignOffApprovalId!))!.Value;
        var token = App.Get<ApprovalLinks>().TokenFor(approval.Id, approval.Tasks.Single(t => t.IsOpen));

        Assert.Equal(400, Http.StatusOf(await DecideAsync(token, "reject", "")));
        Assert.True((await Engine.FindAsync(approval.Id))!.Value.Tasks.Single().IsOpen);
        Assert.Equal(200, Http.StatusOf(await DecideAsync(token, "reject", "事实认定需补充调查")));
    }
}
