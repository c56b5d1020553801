using System.Text.Json;
using GovFunctions.Common;
using GovFunctions.Platform.Http;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace GovFunctions.Tests.Platform;

/// <summary>Problem details (API.md, "Errors") and the intake body reader.</summary>
public class HttpPlatformTests
{
    public sealed record Sample(string? Destination, DateTimeOffset? Start, bool Confidential, int? Count, List<string>? DepartmentIds);

    [Theory]
    [InlineData(typeof(AuthenticationRequiredException), 401)]
    [InlineData(typeof(AccessDeniedException), 403)]
    [InlineData(typeof(NotFoundException), 404)]
    [InlineData(typeof(StateConflictException), 409)]
    [InlineData(typeof(GoneException), 410)]
    [InlineData(typeof(InvalidOperationException), 500)]
    public async Task Problems_MapEachRefusalToItsStatus(Type type, int status)
    {
        var body = await WriteAsync((Exception)Activator.CreateInstance(type, "说明")!);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Problems_ForARule_CarryTheArticleAndGate_422()
    {
        var (http, body) = await WriteWithContextAsync(new RuleViolationException("第十五条", "legalityReview", "未经合法性审查"));
        Assert.Equal(422, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.Equal("第十五条", body.GetProperty("article").GetString());
        Assert.Equal("legalityReview", body.GetProperty("gate").GetString());
    }

    [Fact]
    public async Task Problems_ForValidation_NameEachField_400()
    {
        var errors = new FieldErrors().Add("end", "结束时间必须晚于开始时间", "end must be after start").Required("destination", null, "外出地点");
        var body = await WriteAsync(Assert.Throws<ValidationException>(errors.ThrowIfAny));
        Assert.Equal(400, body.GetProperty("status").GetInt32());
        var fields = body.GetProperty("errors");
        Assert.Contains("结束时间必须晚于开始时间", fields.GetProperty("end")[0].GetString());
        Assert.Contains("destination is required", fields.GetProperty("destination")[0].GetString());
    }

    [Fact]
    public async Task Problems_KeepBothLanguages_AndAddTheChineseOnlyTextsPagesShow()
    {
        var errors = new FieldErrors().Add("end", "结束时间必须晚于开始时间", "end must be after start");
        var body = await WriteAsync(Assert.Throws<ValidationException>(errors.ThrowIfAny));
        Assert.Equal("结束时间必须晚于开始时间 (end must be after start)", body.GetProperty("errors").GetProperty("end")[0].GetString());
        var zh = body.GetProperty("zh");
        Assert.Equal("结束时间必须晚于开始时间", zh.GetProperty("errors").GetProperty("end")[0].GetString());
        Assert.Equal("输入有误", zh.GetProperty("title").GetString());
        Assert.Equal("请按字段更正后重新提交", zh.GetProperty("detail").GetString());

        var refusal = new RuleViolationException("第十五条", "legalityReview", Bilingual.Text("未经合法性审查", "no legality review"));
        var rule = (await WriteAsync(refusal)).GetProperty("zh");
        Assert.Equal(("不符合规定", "未经合法性审查"), (rule.GetProperty("title").GetString(), rule.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Problems_ForAnUnexpectedError_RevealNoInternals()
    {
        var body = await WriteAsync(new InvalidOperationException("connection string AccountKey=secret"));
        Assert.DoesNotContain("secret", body.GetRawText());
    }

    [Fact]
    public async Task Problems_LogEveryAnswerOf500AsAnError_WithTheException_AndNoRefusal()
    {
        var log = new CapturingLogger();
        var failure = new InvalidOperationException("storage said no");
        await WriteWithContextAsync(failure, log);
        var logged = Assert.Single(log.Errors);
        Assert.Same(failure, logged.Exception);
        Assert.Contains("500", logged.Message);

        await WriteWithContextAsync(ValidationException.For("x", "错", "wrong"), log);
        await WriteWithContextAsync(new NotFoundException("无"), log);
        await WriteWithContextAsync(new StateConflictException("冲突"), log);
        Problems.Result(new AccessDeniedException("否"), log);
        Assert.Single(log.Errors);

        Problems.Result(new ArgumentException("bug"), log); // the IActionResult path logs the same way
        Assert.Equal(2, log.Errors.Count);
    }

    [Fact]
    public async Task Body_ReadsJson()
    {
        var s = await RequestBody.ReadAsync<Sample>(Http.Request("POST", "x", json: new { destination = "北京", start = "2026-12-01T09:00:00+08:00", confidential = true, count = 2, departmentIds = new[] { "a", "b" } }));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)), s.Start);
        Assert.Equal(("北京", true, 2), (s.Destination, s.Confidential, s.Count));
        Assert.Equal(["a", "b"], s.DepartmentIds!);
    }

    [Fact]
    public async Task Body_ReadsAnHtmlFormPost_WithTheSameFieldNames()
    {
        var s = await RequestBody.ReadAsync<Sample>(Http.Request("POST", "x", form: new Dictionary<string, string>
        {
            ["destination"] = "上海", ["start"] = "2026-12-01T09:00", ["confidential"] = "on", ["count"] = "3", ["departmentIds"] = "finance,education",
        }));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8)), s.Start); // datetime-local is Beijing time
        Assert.Equal(("上海", true, 3), (s.Destination, s.Confidential, s.Count));
        Assert.Equal(["finance", "education"], s.DepartmentIds!);
    }

    [Theory]
    [InlineData("{\"start\":\"next tuesday\"}", "start")]
    [InlineData("{\"confidential\":\"perhaps\"}", "confidential")]
    [InlineData("{\"count\":\"many\"}", "count")]
    [InlineData("{\"departmentIds\":[1,2]}", "departmentIds")]
    [InlineData("not json", "body")]
    [InlineData("[1,2]", "body")]
    [InlineData("", "body")]
    public async Task Body_Malformed_Is400NamingTheField(string raw, string field)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => RequestBody.ReadAsync<Sample>(Http.Request("POST", "x", rawBody: raw)));
        Assert.Contains(field, e.Errors.Keys);
    }

    [Theory]
    [InlineData("{\"dep\\u0061rtmentIds\":[\"a\",{\"x\":\"\\ud800\"}]}", "departmentIds")] // nested, behind an escaped name
    [InlineData("{\"destination\":\"北京\",\"zz\":{\"\\udc00\":1}}", "zz")]               // a nested name
    [InlineData("{\"\\ud800\":\"x\",\"destination\":\"\\udc00\"}", "body")]             // the first refused field wins
    public async Task Body_ALoneSurrogateAnywhere_Is400NamingTheTopLevelFieldHoldingIt(string raw, string field)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => RequestBody.ReadAsync<Sample>(Http.Request("POST", "x", rawBody: raw)));
        Assert.Equal([field], e.Errors.Keys);
        Assert.Contains("lone surrogate", e.Message + string.Join(" ", e.Errors.Values.SelectMany(v => v)));
    }

    [Theory]
    [InlineData("{\"destination\":\"\\ud800\",")] // a lone surrogate, then the JSON breaks off
    [InlineData("{\"destination\":\"北京\"} {}")]   // a second value after the object
    [InlineData("   ")]
    public async Task Body_NotWellFormed_IsRefusedAsNotJson_BeforeAnyFieldIsJudged(string raw)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => RequestBody.ReadAsync<Sample>(Http.Request("POST", "x", rawBody: raw)));
        Assert.Equal(["body"], e.Errors.Keys);
        Assert.Contains("not valid JSON", string.Join(" ", e.Errors.Values.SelectMany(v => v)));
    }

    [Fact]
    public async Task Body_InvalidUtf8InAString_Is400NamingTheField()
    {
        var request = Http.Request("POST", "x", rawBody: "{}");
        byte[] raw = [.. "{\"destination\":\""u8, 0xE5, 0x8C, .. "\"}"u8]; // a character cut short
        request.Body = new MemoryStream(raw);
        request.ContentLength = raw.Length;
        var e = await Assert.ThrowsAsync<ValidationException>(() => RequestBody.ReadAsync<Sample>(request));
        Assert.Equal(["destination"], e.Errors.Keys);
    }

    /// <summary>Issue 15: the body is read into a pooled buffer and checked by one pass of the reader, with no tree and no copy of
    /// every string: reading a small body allocates little more than the body and the value read (it took 21 KB).</summary>
    [Fact]
    public async Task Body_ReadingASmallJsonBody_AllocatesLittleMoreThanTheBodyAndTheValue()
    {
        var json = new
        {
            destination = "北京市海淀区", start = "2026-12-01T09:00:00+08:00", confidential = true, count = 2,
            departmentIds = new[] { "finance", "education" }, note = new string('说', 100)
        };
        await RequestBody.ReadAsync<Sample>(Http.Request("POST", "x", json: json)); // warm
        var request = Http.Request("POST", "x", json: json);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var task = RequestBody.ReadAsync<Sample>(request);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(task.IsCompletedSuccessfully); // a memory stream: read at once, on this thread
        Assert.True(allocated < 4 * 1024, $"{allocated} bytes allocated to read a {request.ContentLength}-byte body");
    }

    private static async Task<JsonElement> WriteAsync(Exception e) => (await WriteWithContextAsync(e)).Body;

    private static async Task<(HttpContext Http, JsonElement Body)> WriteWithContextAsync(Exception e, CapturingLogger? log = null)
    {
        var http = Http.Request("GET", "x").HttpContext;
        await Problems.WriteAsync(http, e, log ?? new CapturingLogger());
        http.Response.Body.Position = 0;
        return (http, JsonDocument.Parse(http.Response.Body).RootElement.Clone());
    }
}
