using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Support;

/// <summary>
/// Characterisation of a JSON answer (issue 9, typed views): the body as the host serializes it (the app's
/// <see cref="GovFunctions.Platform.Json.Options"/>, runtime type), re-indented with property order, names, nulls left out and values kept,
/// compared with the file captured from the code before the views. Values that differ per run (random ids) are named.
/// </summary>
public static class JsonGolden
{
    private static readonly JsonSerializerOptions Indented =
        new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Of(IActionResult result, IReadOnlyDictionary<string, string> names)
    {
        var json = JsonSerializer.Serialize(((ObjectResult)result).Value, GovFunctions.Platform.Json.Options);
        var text = JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n");
        foreach (var (value, name) in names.OrderByDescending(n => n.Key.Length)) text = text.Replace(value, "{" + name + "}");
        return text + "\n";
    }

    /// <summary>
    /// Equal to <c>Views/Golden/{name}.json</c>; otherwise fails, and writes what it got beside the test results
    /// (<c>.artifacts/golden/{name}.json</c>) for a reader to compare. With <c>GOV_GOLDEN_CAPTURE=1</c> it records the file
    /// instead (how the files were taken from the code before the views; review the diff before committing one). The answer's
    /// runtime type must also be a view (<see cref="App.ViewArchitectureTests.Check"/>).
    /// </summary>
    public static void Matches(string name, IActionResult result, IReadOnlyDictionary<string, string>? names = null)
    {
        var problems = new List<string>();
        App.ViewArchitectureTests.Check(((ObjectResult)result).Value!.GetType(), name, problems, []);
        Assert.True(problems.Count == 0, "the answer is not a view: " + string.Join("\n", problems));
        var actual = Of(result, names ?? new Dictionary<string, string>());
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "GovFunctions.Tests", "Views", "Golden", name + ".json");
        if (Environment.GetEnvironmentVariable("GOV_GOLDEN_CAPTURE") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (expected == actual) return;
        var got = Path.Combine(TestEnvironment.RepositoryRoot, ".artifacts", "golden", name + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(got)!);
        File.WriteAllText(got, actual);
        Assert.Fail(expected is null ? $"no golden file {path}; got {got}" : $"{name}: the JSON differs from {path}; got {got}");
    }
}
