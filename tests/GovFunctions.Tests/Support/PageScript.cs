using System.Diagnostics;
using System.Text.Json;
using GovFunctions.Platform;
using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Support;

/// <summary>
/// Runs a form page's own script under node (Support/page-dom.js): the fields are filled, the form submitted, and each
/// fetch answered with what the real function answered; the test reads what the person sees.
/// </summary>
public static class PageScript
{
    public sealed record Reply(int Status, string Body);
    public sealed record Button(string Label, bool Disabled);
    public sealed record Request(string Url, string Method, Dictionary<string, string> Headers, string Body, List<Button> Buttons);
    /// <summary>A field after the script ran: its value, <c>aria-invalid</c>, and the text of what <c>aria-describedby</c> names.</summary>
    public sealed record Field(string Value, string? Invalid, string? DescribedBy);

    public sealed record Outcome(string ResultText, string ResultClass, Dictionary<string, string> Errors, string? Focused,
        string? Scrolled, List<Request> Requests, List<Button> Buttons, Dictionary<string, bool> Hidden, List<string> Invalid,
        Dictionary<string, Field> Fields);

    /// <summary>The reply a browser gets for a function's result: its status and its body in the app's JSON shape.</summary>
    public static Reply ReplyOf(IActionResult result) =>
        new(Http.StatusOf(result), JsonSerializer.Serialize(((ObjectResult)result).Value, Json.Options));

    /// <summary>The reply a browser gets when the function refuses: the problem details the exception middleware writes.</summary>
    public static Reply ReplyOf(Exception refusal)
    {
        var problem = Problems.From(refusal, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        return new(problem.Status!.Value, JsonSerializer.Serialize<object>(problem, Json.Options));
    }

    public static async Task<Outcome> RunAsync(string html, IDictionary<string, string> fields, IReadOnlyList<Reply> replies,
        bool clickNext = false)
    {
        var shim = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "GovFunctions.Tests", "Support", "page-dom.js");
        var start = new ProcessStartInfo("node", shim)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var node = Process.Start(start)!;
        await node.StandardInput.WriteAsync(JsonSerializer.Serialize(new { html, fields, replies, clickNext }, Json.Options));
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await node.WaitForExitAsync(timeout.Token);
        Assert.True(node.ExitCode == 0, "the page script failed: " + await errors);
        return JsonSerializer.Deserialize<Outcome>(await output, Json.Options)!;
    }
}
