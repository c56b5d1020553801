using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.App;

/// <summary>
/// The settings table of the README and the example settings name only settings an options class binds, and the README
/// documents every setting of every options class (a dictionary as <c>__{Key}</c>, an array as <c>__0</c>).
/// </summary>
public partial class SettingsDocumentationTests
{
    /// <summary>Read by the host or the platform, not bound to an options class.</summary>
    private static readonly string[] PlatformSettings =
        ["AzureWebJobsStorage", "AZURE_FUNCTIONS_ENVIRONMENT", "WEBSITE_AUTH_ENABLED", "FUNCTIONS_WORKER_RUNTIME"];

    [Fact]
    public void EverySettingTheReadmeDocuments_IsBoundByAnOptionsClass()
    {
        var unknown = Documented().Where(s => !IsPlatform(s) && !Bound().Contains(s)).ToList();
        Assert.True(unknown.Count == 0, "documented but bound by no options class: " + string.Join(", ", unknown));
    }

    [Fact]
    public void EverySettingOfAnOptionsClass_IsDocumentedInTheReadme()
    {
        var undocumented = Bound().Except(Documented()).ToList();
        Assert.True(undocumented.Count == 0, "bound but not in the README's settings table: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void EverySettingOfTheExampleFile_IsDocumented_AndBoundByAnOptionsClass()
    {
        var names = OptionsValidationTests.ExampleSettings().Keys.Select(k => k.Replace(":", "__")).ToList();
        var wrong = names.Where(n => !IsPlatform(n) && !Bound().Contains(n)).Select(n => n + " (bound by no options class)")
            .Concat(names.Where(n => !Documented().Contains(n)).Select(n => n + " (not in the README)")).ToList();
        Assert.True(wrong.Count == 0, "in local.settings.example.json: " + string.Join(", ", wrong));
    }

    [Fact]
    public void TheReadmeTable_IsFound_AndShorthandsExpand()
    {
        Assert.Contains("Hotline__Deadlines__Suggestion", Documented()); // written `__Suggestion` after `Hotline__Deadlines__Urgent`
        Assert.Contains("Supervision__AcknowledgeWithinWorkingDays", Documented());
        Assert.Contains("Hotline__Shards", Bound());
        Assert.Contains("Scorecards__Weights__{Measure}", Bound());
        Assert.Contains("Legal__ReconsiderationReminderDays__0", Bound());
    }

    private static bool IsPlatform(string setting) => PlatformSettings.Any(p => setting == p || setting.StartsWith(p + "__"));

    /// <summary>
    /// The backticked names in the first column of the README's settings table; <c>`__credential`</c> continues the name
    /// before it (<c>AzureWebJobsStorage__accountName</c> → <c>AzureWebJobsStorage__credential</c>).
    /// </summary>
    private static HashSet<string> Documented()
    {
        var lines = File.ReadAllLines(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));
        var rows = lines.SkipWhile(l => !l.StartsWith("| setting |")).Skip(2).TakeWhile(l => l.StartsWith('|'));
        var names = new HashSet<string>();
        foreach (var row in rows)
        {
            var previous = "";
            foreach (Match m in Backticked().Matches(row.Split('|')[1]))
            {
                var name = m.Groups[1].Value;
                if (name.StartsWith("__")) name = previous[..previous.LastIndexOf("__", StringComparison.Ordinal)] + name;
                else if (!name.Contains("__") && !PlatformSettings.Contains(name)) continue; // a value such as `StartTls`
                names.Add(name);
                previous = name;
            }
        }
        return names;
    }

    /// <summary>Every setting the options classes bind, named as in app settings.</summary>
    private static HashSet<string> Bound() =>
        [.. OptionsValidationTests.RulesTypes().SelectMany(r => Settings(r.Section, r.Options))];

    private static IEnumerable<string> Settings(string prefix, Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
        .SelectMany(p => p.PropertyType switch
        {
            { IsArray: true } => [$"{prefix}__{p.Name}__0"],
            { IsGenericType: true } t when typeof(IDictionary).IsAssignableFrom(t) =>
                [$"{prefix}__{p.Name}__{{{t.GetGenericArguments()[0].Name}}}"],
            { IsClass: true } t when t != typeof(string) => Settings($"{prefix}__{p.Name}", t),
            _ => (IEnumerable<string>)[$"{prefix}__{p.Name}"],
        });

    [GeneratedRegex("`([A-Za-z_][A-Za-z0-9_{}]*)`")]
    private static partial Regex Backticked();
}
