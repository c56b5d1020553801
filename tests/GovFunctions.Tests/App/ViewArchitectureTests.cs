using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using GovFunctions.Platform;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Tests.App;

/// <summary>
/// Typed views (issue 9): an HTTP answer is a view record of the app, never an anonymous object nor a record of the domain.
/// Three checks: the function classes' source holds no anonymous object; no method of a function class hands back an untyped
/// <c>object</c>; and every view record, followed through its properties, reaches only plain values, enums and other view
/// records of the app. (The characterisation tests in Views/ also check the runtime type of each answer they capture.)
/// </summary>
public class ViewArchitectureTests
{
    private static readonly Assembly App = typeof(ServiceRegistration).Assembly;
    private static readonly Assembly Domain = typeof(GovFunctions.Common.HistoryEntry).Assembly;

    private static readonly string Source = Path.Combine(TestEnvironment.RepositoryRoot, "src", "GovFunctions");

    /// <summary>The source files that declare an HTTP-triggered function.</summary>
    public static TheoryData<string> FunctionFiles => new(Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
            && File.ReadAllText(f).Contains("[HttpTrigger("))
        .Select(f => Path.GetRelativePath(Source, f)).Order());

    private static IEnumerable<Type> FunctionClasses => App.GetTypes().Where(t => t.GetMethods().Any(m =>
        m.GetCustomAttribute<FunctionAttribute>() is not null
        && m.GetParameters().Any(p => p.ParameterType == typeof(HttpRequest) && p.GetCustomAttribute<HttpTriggerAttribute>() is not null)));

    [Fact]
    public void TheFunctionFiles_AreFound() => Assert.True(FunctionFiles.Count >= 13, "the scan found too few function files");

    [Theory]
    [MemberData(nameof(FunctionFiles))]
    public void AFunctionFile_CreatesNoAnonymousObject(string file)
    {
        var code = CodeOnly(File.ReadAllText(Path.Combine(Source, file)));
        var anonymous = Regex.Matches(code, @"\bnew\s*\{").Select(m => LineOf(code, m.Index)).ToList();
        Assert.True(anonymous.Count == 0, $"{file}: anonymous object at line(s) {string.Join(", ", anonymous)}; return a view record");
    }

    [Fact]
    public void TheSourceScan_SeesAnAnonymousObject_AndNotOneInACommentOrString()
    {
        Assert.Matches(@"\bnew\s*\{", CodeOnly("return new OkObjectResult(new { id });"));
        Assert.Matches(@"\bnew\s*\{", CodeOnly("var x = new\n    {\n        a = 1,\n    };"));
        Assert.DoesNotMatch(@"\bnew\s*\{",
            CodeOnly("// new { id }\nvar s = \"new { x }\"; var r = \"\"\"\n new { y }\n \"\"\"; var a = new[] { 1 }; /* new { z } */"));
    }

    [Fact]
    public void NoMethodOfAFunctionClass_ReturnsAnUntypedObject()
    {
        var untyped = FunctionClasses.SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public
                | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(object) || m.ReturnType == typeof(Task<object>))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ToList();
        Assert.True(untyped.Count == 0, "returns object instead of a view: " + string.Join(", ", untyped));
    }

    /// <summary>The view records: every record declared in a <c>*Views.cs</c> file of the app, by its full name.</summary>
    public static TheoryData<string> Views => new(ViewFiles.SelectMany(f =>
    {
        var code = File.ReadAllText(f);
        var ns = Regex.Match(code, @"^namespace ([\w.]+);", RegexOptions.Multiline).Groups[1].Value;
        return Regex.Matches(code, @"public sealed record (\w+)").Select(m => $"{ns}.{m.Groups[1].Value}");
    }).Order());

    private static IEnumerable<string> ViewFiles => Directory.EnumerateFiles(Source, "*Views.cs", SearchOption.AllDirectories);

    [Fact]
    public void TheViews_AreFound() => Assert.True(Views.Count >= 40, "the scan found too few view records");

    [Theory]
    [MemberData(nameof(Views))]
    public void AView_IsASealedRecordOfTheApp_ReachingOnlyValuesEnumsAndViews(string name)
    {
        var type = App.GetType(name);
        Assert.True(type is not null, $"{name} is not a type of the app");
        var problems = new List<string>();
        Check(type, type.Name, problems, []);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryViewRecord_HasAOneLineSummary()
    {
        var bare = ViewFiles.SelectMany(f =>
        {
            var lines = File.ReadAllLines(f);
            return lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("public sealed record ", StringComparison.Ordinal)
                && (x.i == 0 || !lines[x.i - 1].TrimStart().StartsWith("///", StringComparison.Ordinal)))
                .Select(x => $"{Path.GetFileName(f)}:{x.i + 1}");
        }).ToList();
        Assert.True(bare.Count == 0, "view records without a /// summary: " + string.Join(", ", bare));
    }

    [Fact]
    public void TheViewCheck_RefusesADomainRecord_AnAnonymousType_AndObject_ButNotAView()
    {
        var problems = new List<string>();
        Check(typeof(GovFunctions.Common.HistoryEntry), "a", problems, []);
        Check(new { id = "x" }.GetType(), "b", problems, []);
        Check(typeof(object), "c", problems, []);
        Check(typeof(IReadOnlyList<GovFunctions.Decisions.Decision>), "d", problems, []);
        Check(typeof(GovFunctions.Decisions.DecisionView), "e", problems, []);
        Assert.Equal(["a: HistoryEntry is a record of the domain; give it a view", "b: an anonymous type", "c: object, not a view",
            "d[]: Decision is a record of the domain; give it a view"], problems);
    }

    /// <summary>What the answers are made of: a value, an enum (the wire's string vocabulary), a list or map of them, a view.</summary>
    internal static void Check(Type type, string path, List<string> problems, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum || type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTimeOffset)
            || type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(TimeSpan))
            return;
        if (type.IsArray) { Check(type.GetElementType()!, path + "[]", problems, seen); return; }
        if (type.IsGenericType && type.Namespace == "System.Collections.Generic")
        {
            foreach (var argument in type.GetGenericArguments()) Check(argument, path + "[]", problems, seen);
            return;
        }
        if (type.IsDefined(typeof(CompilerGeneratedAttribute)) || type.Name.Contains("AnonymousType"))
            problems.Add($"{path}: an anonymous type");
        else if (type == typeof(object))
            problems.Add($"{path}: object, not a view");
        else if (type.Assembly == Domain)
            problems.Add($"{path}: {type.Name} is a record of the domain; give it a view");
        else if (type.Assembly != App || !type.IsSealed || type.GetMethod("<Clone>$") is null)
            problems.Add($"{path}: {type.FullName} is not a sealed record of the app");
        else if (seen.Add(type))
            foreach (var p in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
                Check(p.PropertyType, $"{path}.{p.Name}", problems, seen);
    }

    /// <summary>The text of C# code without its comments and string literals (where "new {" means nothing).</summary>
    internal static string CodeOnly(string code)
    {
        code = Regex.Replace(code, "\\$*\"\"\"[\\s\\S]*?\"\"\"", m => new string('\n', m.Value.Count(c => c == '\n')));
        code = Regex.Replace(code, @"/\*[\s\S]*?\*/", m => new string('\n', m.Value.Count(c => c == '\n')));
        code = Regex.Replace(code, @"//[^\n]*", "");
        code = Regex.Replace(code, "@\\$?\"(?:[^\"]|\"\")*\"|\\$?@\"(?:[^\"]|\"\")*\"",
            m => new string('\n', m.Value.Count(c => c == '\n')));
        return Regex.Replace(code, "\\$?\"(?:[^\"\\\\\\n]|\\\\.)*\"", "\"\"");
    }

    private static int LineOf(string code, int index) => code[..index].Count(c => c == '\n') + 1;
}
