using GovFunctions.Me;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Me;

/// <summary><c>GET /api/me</c> and <c>GET/POST /api/me/preferences</c> through the function class, with its real answers.</summary>
public class MyWorkTests : AppTest
{
    private MeFunctions Me => Function<MeFunctions>();

    private static Microsoft.AspNetCore.Http.HttpRequest Get(string path, string? personId, string? accept = null)
    {
        var request = Http.Request("GET", path, personId is null ? null : EmailOf(personId));
        if (accept is not null) request.Headers.Accept = accept;
        return request;
    }

    private async Task<PreferencesView> PrefsOf(string personId) =>
        Http.ValueOf<PreferencesView>(await Me.GetMyPreferences(Get("me/preferences", personId)));

    private static Microsoft.AspNetCore.Http.HttpRequest Post(string personId, object? json = null, string? raw = null) =>
        Http.Request("POST", "me/preferences", EmailOf(personId), json: json, rawBody: raw);

    private async Task<Routes.Answer> CallAsync(string function, Microsoft.AspNetCore.Http.HttpRequest request) =>
        await Routes.CallAsync(App.Services, Routes.Named(function), request, new Dictionary<string, string>());

    [Fact]
    public async Task MyWork_ListsWhatISubmitted_WithItsTrackingNumberAndStatus_AndWhatWaitsForMe()
    {
        var leave = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();

        var mine = Http.ValueOf<MyWorkView>(await Me.MyWorkPage(Get("me", "chen-siyuan")));
        var submitted = Assert.Single(mine.Submitted);
        Assert.Equal((SubmissionKind.Leave, leave, "pending", "审批中"), (submitted.Kind, submitted.TrackingNumber, submitted.Status,
            submitted.StatusName));
        Assert.Empty(mine.Waiting);

        var head = Http.ValueOf<MyWorkView>(await Me.MyWorkPage(Get("me", "lin-jianguo")));
        var waiting = Assert.Single(head.Waiting);
        Assert.Equal(WaitingKind.Approval, waiting.Kind);
        Assert.Equal((await ApprovalOfAsync(leave)).Id, waiting.RecordId);
        Assert.EndsWith("/api/approvals/" + await TokenForAsync(leave, "lin-jianguo"), waiting.Link);
        Assert.Empty(head.Submitted);
    }

    [Fact]
    public async Task TheStatusOnMyWork_FollowsTheRecord_InTheSameTransaction()
    {
        var leave = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        await DecideAsync(await TokenForAsync(leave, "lin-jianguo"), "approve");
        await Pump.RunAsync();
        var submitted = Assert.Single(Http.ValueOf<MyWorkView>(await Me.MyWorkPage(Get("me", "chen-siyuan"))).Submitted);
        Assert.Equal(("approved", "已批准"), (submitted.Status, submitted.StatusName));
    }

    [Fact]
    public async Task ABrowser_GetsTheZhCnPage_WithTheTaskLink()
    {
        var leave = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        var page = (ContentResult)await Me.MyWorkPage(Get("me", "lin-jianguo", "text/html,application/xhtml+xml"));
        Assert.StartsWith("text/html", page.ContentType);
        Assert.Contains("<html lang=\"zh-CN\">", page.Content);
        Assert.Contains("width=device-width", page.Content);
        Assert.Contains("等待我处理（1 项", page.Content);
        Assert.Contains("/api/approvals/" + await TokenForAsync(leave, "lin-jianguo"), page.Content);
    }

    [Fact]
    public async Task WithoutOrWithAnUnknownIdentity_TheSameProblemsAsEveryRoute()
    {
        var none = await CallAsync("MyWorkPage", Get("me", null));
        Assert.Equal((401, true), (none.Status, none.IsProblem));
        var stranger = await CallAsync("MyWorkPage", Http.Request("GET", "me", "nobody@example.org"));
        Assert.Equal((403, true), (stranger.Status, stranger.IsProblem));
        var anonymous = Http.Request("POST", "me/preferences", json: new { digest = false });
        Assert.Equal(401, (await CallAsync("SetMyPreferences", anonymous)).Status);
    }

    [Fact]
    public async Task APersonTurnsTheDigestOff_ByJsonOrForm_AndReadsItBack()
    {
        var off = await Me.SetMyPreferences(Post("gao-feng", new { digest = false }));
        Assert.Equal(new PreferencesView(false, true), Http.ValueOf<PreferencesView>(off));
        Assert.Equal(new PreferencesView(false, true), await PrefsOf("gao-feng"));
        var on = await Me.SetMyPreferences(Http.Request("POST", "me/preferences", EmailOf("gao-feng"),
            form: new Dictionary<string, string> { ["digest"] = "true", ["escalations"] = "false" }));
        Assert.Equal(new PreferencesView(true, false), Http.ValueOf<PreferencesView>(on));
        Assert.Equal(new PreferencesView(true, true), await PrefsOf("wu-jianping"));
    }

    [Fact]
    public async Task BadInput_Is400NamingTheField_AndWritesNothing()
    {
        var wrong = await CallAsync("SetMyPreferences", Post("gao-feng", raw: "{\"digest\":\"perhaps\"}"));
        Assert.Equal((400, true), (wrong.Status, wrong.IsProblem));
        Assert.Contains("digest", wrong.ErrorFields);
        var empty = await CallAsync("SetMyPreferences", Post("gao-feng", raw: "{}"));
        Assert.Equal(400, empty.Status);
        Assert.Contains("digest", empty.ErrorFields);
        Assert.Equal(new PreferencesView(true, true), await PrefsOf("gao-feng"));
    }

    [Fact]
    public async Task TheOfficeDirector_CannotTurnEscalationsOff_422NamingTheRule_第三十条()
    {
        var refused = await CallAsync("SetMyPreferences", Http.Request("POST", "me/preferences", EmailOf("sun-huimin"),
            json: new { digest = false, escalations = false }));
        Assert.Equal((422, true), (refused.Status, refused.IsProblem));
        var problem = System.Text.RegularExpressions.Regex.Unescape(refused.Body!); // the JSON escapes the Chinese
        Assert.Contains("第三十条", problem);
        Assert.Contains("officeDirectorEscalations", problem);
        Assert.Equal(new PreferencesView(true, true), await PrefsOf("sun-huimin"));
        // the digest itself the director may turn off
        var digestOff = await Me.SetMyPreferences(Post("sun-huimin", new { digest = false }));
        Assert.Equal(new PreferencesView(false, true), Http.ValueOf<PreferencesView>(digestOff));
    }
}
