using System.Collections.Concurrent;
using GovFunctions.Approvals;
using GovFunctions.Common;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Legal;
using GovFunctions.Platform.Mail;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace GovFunctions.Tests.Platform;

/// <summary>Bad input is a 4xx, never a 500; settings that would fail later fail at start; a passing storage fault is not remembered.</summary>
public class HardeningTests : AppTest
{
    [Theory]
    [InlineData("0001-01-01T00:00")]
    [InlineData("9999-12-31T23:00:00Z")]
    [InlineData("1899-06-01T09:00:00+08:00")]
    public async Task ATimeOutsideAnyPlausibleRange_Is400NamingTheField(string start)
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Function<LeaveFunctions>().SubmitLeave(Http.Request("POST", "leave-requests",
            EmailOf("chen-siyuan"), json: new { start, end = "2026-12-03T17:30:00+08:00", destination = "北京", contact = "1" })));
        Assert.Contains("start", e.Errors.Keys);
    }

    [Fact]
    public async Task ADateOutsideAnyPlausibleRange_Is400NamingTheField()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => GovFunctions.Platform.Http.RequestBody.ReadAsync<GovFunctions.Decisions.HearingIntake>(
            Http.Request("POST", "x", json: new { date = "9999-12-31", participants = "x", transcriptSummary = "y" })));
        Assert.Contains("date", e.Errors.Keys);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("abcdefghi-1")]
    [InlineData("20261125-99-zzzzzzzz")]
    public async Task AMalformedCallId_Is404(string id)
    {
        var functions = Function<HotlineFunctions>();
        await Assert.ThrowsAsync<NotFoundException>(() => functions.GetCall(Http.Request("GET", $"hotline/calls/{id}", EmailOf("sun-huimin")), id));
        await Assert.ThrowsAsync<NotFoundException>(() => functions.ExtendCall(
            Http.Request("POST", $"hotline/calls/{id}/extension", EmailOf("lin-tao"), json: new { workingDays = 3, reason = "x" }), id));
    }

    [Fact]
    public async Task FarOffDatesInQueries_Are400()
    {
        await Assert.ThrowsAsync<ValidationException>(() => Function<LeaveFunctions>().WhoIsAway(Http.Request("GET", "leave/away", EmailOf("sun-huimin"), query: "date=9999-12-31")));
        await Assert.ThrowsAsync<ValidationException>(() => Function<HotlineFunctions>().HotlineFigures(Http.Request("GET", "hotline/figures", EmailOf("sun-huimin"), query: "month=9999-12")));
    }

    [Fact]
    public async Task AMultipartPostWithoutABoundary_OnAnApprovalLink_Is400_AndOnAForgedLink404()
    {
        Microsoft.AspNetCore.Http.HttpRequest Multipart(string token)
        {
            var request = Http.Request("POST", "approvals/" + token, rawBody: "--x\r\n");
            request.ContentType = "multipart/form-data";
            return request;
        }
        Assert.Equal(404, Http.StatusOf(await Function<ApprovalFunctions>().DecideApproval(Multipart("a.b.c"),
            "a.b.c"))); // the token is checked first
        var leave = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        var token = await TokenForAsync(leave, "lin-jianguo");
        Assert.Equal(400, Http.StatusOf(await Function<ApprovalFunctions>().DecideApproval(Multipart(token), token)));
    }

    [Fact]
    public async Task ACrossSitePost_IsRefused_ASameSiteOneIsNot()
    {
        var crossSite = Http.Request("POST", "leave-requests", EmailOf("chen-siyuan"), json: new { });
        crossSite.Headers.Origin = "https://evil.example.com";
        await Assert.ThrowsAsync<AccessDeniedException>(() => Function<LeaveFunctions>().SubmitLeave(crossSite));

        var sameSite = Http.Request("POST", "leave-requests", EmailOf("chen-siyuan"), json: new { });
        sameSite.Headers.Origin = "http://localhost:7071";
        await Assert.ThrowsAsync<ValidationException>(() => Function<LeaveFunctions>().SubmitLeave(sameSite)); // reaches validation
    }

    [Fact]
    public void AnUnresolvedKeyVaultReferenceForTheSmtpPassword_FailsAtStart()
    {
        var options = new MailOptions
        {
            Host = "smtp.example.org", From = "a@example.org", Password = "@Microsoft.KeyVault(SecretUri=https://v/secrets/smtp-password)",
        };
        var result = new MailOptionsRules().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Equal(["Mail__Password is an unresolved Key Vault reference; set the secret"], result.Failures);
    }

    [Fact]
    public void ConfiguredReminderDays_ReplaceTheDefaults_InsteadOfAddingToThem()
    {
        LegalOptions Bind(params (string, string)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Item1, v => (string?)v.Item2)).Build().GetSection("Legal").Get<LegalOptions>() ?? new LegalOptions();

        Assert.Equal([10, 3], new LegalOptions().ReminderDays);
        Assert.Equal([7], Bind(("Legal:ReconsiderationReminderDays:0", "7")).ReminderDays);
        Assert.Equal([10, 3], Bind(("Legal:ReconsiderationReminderDays:0", "10"), ("Legal:ReconsiderationReminderDays:1", "3"), ("Legal:ReconsiderationReminderDays:2", "10")).ReminderDays);
    }

    [Fact]
    public async Task AFailedCreation_IsNotRemembered_TheNextUseTriesAgain()
    {
        var cache = new ConcurrentDictionary<string, Lazy<Task<string>>>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => StorageClients.OnceAsync<string>(cache, "t", () => throw new InvalidOperationException("503")));
        Assert.Equal("ok", await StorageClients.OnceAsync(cache, "t", () => Task.FromResult("ok")));
        Assert.Equal("ok", await StorageClients.OnceAsync(cache, "t", () => Task.FromResult("again")));
    }
}
