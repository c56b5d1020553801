using System.Diagnostics;
using System.Text.Json.Nodes;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.App;

/// <summary>
/// Command 1 of the README on a fresh machine: npm 11.16+ runs a dependency's install script only when package.json's
/// <c>allowScripts</c> approves it (npm 12 by default), and Core Tools fetch their <c>func</c> binary in theirs.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class LocalRunTests
{
    /// <summary>Packages whose install script the README's commands rely on: <c>scripts/run-local.sh</c> runs <c>func</c>.</summary>
    private static readonly string[] Needed = ["azure-functions-core-tools"];

    private static JsonObject ReadJson(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, name)))!.AsObject();

    private static string PackageName(string lockPath) => lockPath[(lockPath.LastIndexOf("node_modules/", StringComparison.Ordinal) + 13)..];

    private static bool? Decision(JsonObject allow, string package, string version)
    {
        foreach (var (key, value) in allow)
            if (key == package || key == $"{package}@{version}") return value!.GetValue<bool>();
        return null;
    }

    [Fact]
    public void PackageJson_ApprovesTheInstallScriptsTheAppNeeds_AndDecidesOnEveryOther()
    {
        var allow = ReadJson("package.json")["allowScripts"]?.AsObject() ?? [];
        var scripted = ReadJson("package-lock.json")["packages"]!.AsObject()
            .Where(p => p.Key.Length > 0 && p.Value!["hasInstallScript"]?.GetValue<bool>() == true)
            .Select(p => (Name: PackageName(p.Key), Version: p.Value!["version"]!.GetValue<string>()))
            .ToList();
        Assert.NotEmpty(scripted);

        foreach (var name in Needed)
        {
            var (_, version) = Assert.Single(scripted, s => s.Name == name);
            Assert.True(Decision(allow, name, version) == true, $"package.json allowScripts must approve {name} (its install script fetches func)");
        }
        // A new dependency with an install script after an upgrade must be reviewed, not skipped silently.
        var undecided = scripted.Where(s => Decision(allow, s.Name, s.Version) is null).Select(s => s.Name).ToList();
        Assert.True(undecided.Count == 0, "install scripts not reviewed in package.json allowScripts: " + string.Join(", ", undecided));
        Assert.All(allow, a => Assert.Contains(scripted, s => a.Key == s.Name || a.Key == $"{s.Name}@{s.Version}"));
    }

    private static (int Exit, string Out, string Err) FindFunc(string fakeFuncBody)
    {
        var bin = Directory.CreateTempSubdirectory("fake-func-");
        try
        {
            var func = Path.Combine(bin.FullName, "func");
            File.WriteAllText(func, "#!/usr/bin/env bash\n" + fakeFuncBody + "\n");
            File.SetUnixFileMode(func, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var start = new ProcessStartInfo("bash", [Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "find-func.sh"), func])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Trim(), error);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    [Fact]
    public void FindFunc_PassesOverAFuncWrapperWithNoBinaryBehindIt()
    {
        // What npm leaves when the install script was skipped: the wrapper runs, finds no binary, fails.
        var (exit, output, error) = FindFunc("echo 'Could not find func binary' >&2; exit 1");
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("does not run", error);
    }

    [Fact]
    public void FindFunc_ChoosesAFuncThatAnswersItsVersion()
    {
        var (exit, output, _) = FindFunc("[ \"$1\" = --version ] && echo 4.0.7030");
        Assert.Equal(0, exit);
        Assert.EndsWith("/func", output);
    }
}
