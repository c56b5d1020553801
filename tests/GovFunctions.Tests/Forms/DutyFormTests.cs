using System.Text.Json;
using System.Text.RegularExpressions;
using GovFunctions.Common;
using GovFunctions.Duty;
using GovFunctions.Forms;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Forms;

/// <summary>
/// The duty log form (<c>GET /api/forms/duty</c>, issue 12): rendered by the real function, its script run under node, its fields
/// posted to the real <c>POST /api/duty/logs</c>; what the duty officer sees, on a phone too.
/// </summary>
public partial class DutyFormTests : AppTest
{
    private const string Officer = "zeng-qiang";

    // Monday 30 November 2026, 08:00 in Beijing (as the duty log tests).
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-30T08:00:00+08:00");

    private async Task<string> FormAsync(string? by = Officer) =>
        ((ContentResult)await Function<FormFunctions>().DutyForm(Http.Request("GET", "forms/duty", by is null ? null : EmailOf(by))))
        .Content!;

    private static Dictionary<string, string> WithKey(string html, Dictionary<string, string> fields) =>
        new(fields) { ["idempotencyKey"] = KeyField().Match(html).Groups[1].Value };

    [Fact]
    public async Task TheFormsFields_RecordTheLog_AndTheResultShowsItsNumberAndStatusInWords()
    {
        var html = await FormAsync();
        Assert.Contains("name=\"receivedAt\" value=\"2026-11-30T08:00\"", html); // now, in China Standard Time
        var fields = new Dictionary<string, string>
        {
            ["kind"] = "report", ["source"] = "青禾街道办事处", ["receivedAt"] = "2026-11-30T07:50", ["content"] = "辖区内一处供水管道破裂，已组织抢修。",
        };
        var reply = PageScript.ReplyOf(await Function<DutyFunctions>().RecordDutyLog(
            Http.Request("POST", "duty/logs", EmailOf(Officer), form: WithKey(html, fields))));
        var id = JsonDocument.Parse(reply.Body).RootElement.GetProperty("id").GetString()!;

        var seen = await PageScript.RunAsync(html, fields, [reply]);

        Assert.Equal("ok", seen.ResultClass);
        Assert.Equal($"已提交。编号：{id}，状态：待带班领导批示。", seen.ResultText);
        Assert.Equal("/api/duty/logs", Assert.Single(seen.Requests).Url);
        var log = (await App.Get<DutyService>().GetAsync(id)).Value;
        Assert.Equal((DutyLogKind.Report, "青禾街道办事处", Officer), (log.Kind, log.Source, log.ReceivedById));
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T07:50:00+08:00"), log.ReceivedAt);
    }

    [Fact]
    public async Task ARefusal_ShowsEachErrorBesideItsField_MarkedAndDescribed_AndKeepsWhatWasTyped()
    {
        var html = await FormAsync();
        var fields = new Dictionary<string, string>
        {
            ["kind"] = "notice", ["source"] = "市政府办公厅", ["receivedAt"] = "2026-12-05T09:00", ["content"] = "",
        };
        var refusal = await Assert.ThrowsAsync<ValidationException>(() => Function<DutyFunctions>().RecordDutyLog(
            Http.Request("POST", "duty/logs", EmailOf(Officer), form: WithKey(html, fields))));

        var seen = await PageScript.RunAsync(html, fields, [PageScript.ReplyOf(refusal)]);

        Assert.Equal("error", seen.ResultClass);
        Assert.Equal(["content", "receivedAt"], seen.Errors.Keys.Order());
        foreach (var field in seen.Errors.Keys)
        {
            Assert.Equal("true", seen.Fields[field].Invalid);
            Assert.Equal(seen.Errors[field], seen.Fields[field].DescribedBy); // the error beside it is what it announces
            Assert.DoesNotMatch("[A-Za-z]", seen.Errors[field]);
        }
        Assert.Contains("内容", seen.Errors["content"]);
        Assert.Null(seen.Fields["source"].Invalid);
        Assert.Equal(("市政府办公厅", "2026-12-05T09:00", "notice"),
            (seen.Fields["source"].Value, seen.Fields["receivedAt"].Value, seen.Fields["kind"].Value));
        Assert.Equal("content", seen.Focused);
        Assert.False(seen.Buttons.Single(b => b.Label == "f").Disabled);
    }

    [Fact]
    public async Task EveryInputHasALabel_SignedInOrActingAs_AndTheKindsAreTheIntakesChoices()
    {
        foreach (var html in new[] { await FormAsync(), await FormAsync(by: null) })
        {
            var controls = Control().Matches(html).Select(m => m.Groups[2].Value).ToList();
            Assert.All(controls, id => Assert.Contains($"<label for=\"{id}\">", html));
            Assert.Contains("lang=\"zh-CN\"", html);
        }
        Assert.Contains("id=\"as\"", await FormAsync(by: null));
        var kinds = Regex.Matches(Regex.Match(await FormAsync(), "<select id=\"kind\"[\\s\\S]*?</select>").Value, "value=\"(\\w+)\"")
            .Select(m => m.Groups[1].Value);
        Assert.Equal(Enum.GetValues<DutyLogKind>().Select(k => GovFunctions.Platform.Json.Name(k)), kinds);
    }

    /// <summary>
    /// At 375 px: the frame's viewport, controls at least 44 px high and text at least 14 px, and nothing of a fixed width wider
    /// than the phone (the browser tests measure it in Chromium; this holds the page's own rules).
    /// </summary>
    [Fact]
    public async Task TheForm_FitsAPhone()
    {
        var html = await FormAsync();
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">", html);
        Assert.All(Regex.Matches(html, @"font-size:(\d+)px").Select(m => int.Parse(m.Groups[1].Value)), size => Assert.True(size >= 14));
        Assert.Contains("input,select,textarea{width:100%;box-sizing:border-box;min-height:44px", html);
        Assert.Matches(@"button\{min-height:44px", html);
        Assert.All(Regex.Matches(html, @"(?<![-\w])width:\s*(\d+)px").Select(m => int.Parse(m.Groups[1].Value)),
            width => Assert.True(width <= 343, $"a fixed width of {width}px does not fit a 375 px phone"));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"idempotencyKey\" value=\"([^\"]*)\">")]
    private static partial Regex KeyField();

    /// <summary>The visible controls: inputs (not hidden), selects and text areas, with their id.</summary>
    [GeneratedRegex("<(input(?![^>]*type=\"hidden\")|select|textarea)[^>]*\\bid=\"([^\"]+)\"")]
    private static partial Regex Control();
}
