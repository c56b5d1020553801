using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Me;

/// <summary>"My work", my preferences (API.md) and the daily digest's timer.</summary>
public sealed class MeFunctions(StaffIdentity identity, MyWork work, PreferenceStore preferences, OrganizationStore organization,
    DigestSender digest)
{
    /// <summary>Every quarter hour 08:00–11:45 Beijing (00:00–03:45 UTC): the digest goes at its time (08:30) on working days,
    /// and a run that failed is caught up by the next.</summary>
    public const string DigestSchedule = "0 */15 0-3 * * *";

    /// <summary>The body of <c>POST /api/me/preferences</c>: what to change (an absent field stays as it is).</summary>
    public sealed record PreferencesRequest(bool? Digest, bool? Escalations);

    [Function(nameof(MyWorkPage))]
    [Describe("我的工作：我提交的事项与等我办理的事项（浏览器为页面，否则 JSON）",
        "My work: what I submitted and what waits for me, oldest first (a page for a browser, JSON otherwise)")]
    [Answers(200, typeof(MyWorkView))]
    [Answers(200, Media.Html)]
    public async Task<IActionResult> MyWorkPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request)
    {
        var me = await identity.RequireStaffAsync(request);
        if (!request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
            return new OkObjectResult(await work.ViewAsync(me));
        return Html.Page(200, "我的工作", "Me/page", await work.PageAsync(me));
    }

    [Function(nameof(GetMyPreferences))]
    [Describe("我的设置（每日待办邮件）", "My preferences (the daily digest)")]
    [Answers(200, typeof(PreferencesView))]
    public async Task<IActionResult> GetMyPreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/preferences")] HttpRequest request)
    {
        var me = await identity.RequireStaffAsync(request);
        return new OkObjectResult(PreferencesView.From(await preferences.GetAsync(me.Id)));
    }

    [Function(nameof(SetMyPreferences))]
    [Describe("修改我的设置：关闭或开启每日待办邮件；办公室主任不能关闭督办升级提醒",
        "Change my preferences: the daily digest off or on; the office director cannot turn off escalations")]
    [Reads(typeof(PreferencesRequest))]
    [Answers(200, typeof(PreferencesView))]
    [Refuses(422)]
    public async Task<IActionResult> SetMyPreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/preferences")] HttpRequest request)
    {
        var me = await identity.RequireStaffAsync(request);
        var body = await RequestBody.ReadAsync<PreferencesRequest>(request);
        var org = await organization.OrganizationAsync();
        return new OkObjectResult(PreferencesView.From(await preferences.SetAsync(me, org, body.Digest, body.Escalations)));
    }

    [Function(nameof(DailyDigest))]
    public Task DailyDigest([TimerTrigger(DigestSchedule)] TimerInfo timer, CancellationToken ct) => digest.RunAsync(ct);
}
