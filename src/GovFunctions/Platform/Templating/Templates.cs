using System.Collections.Frozen;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;

namespace GovFunctions.Platform.Templating;

/// <summary>
/// The app's one way to make HTML and plain text: the Liquid templates under <c>Templates/</c> (Fluid), embedded in the assembly,
/// all parsed once when the class is first used (at start-up: <see cref="ServiceRegistration"/> touches <see cref="Names"/>), so
/// a template that does not parse stops the app before it serves anything. A template is named by its path under
/// <c>Templates/</c> without <c>.liquid</c> (<c>Mail/frame.html</c>); one whose name ends in <c>.text</c> is plain text and is not
/// encoded, every other one is HTML and every value it outputs is HTML-encoded — the app's one encoder, which leaves Chinese
/// as it is. Models are records; a template reads their properties in snake_case. Strict: a variable or filter a template
/// names that its model lacks fails the render (a null property counts as missing, so view models carry "" instead of null).
/// Parsed templates and the options are shared and thread-safe; each render has its own context.
/// </summary>
public static class Templates
{
    private const string ResourcePrefix = "Templates/";
    private const string Extension = ".liquid";

    /// <summary>Encodes <c>&lt; &gt; &amp; " '</c> (and the few characters HTML encoders never pass), never Chinese.</summary>
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The CJK font stack pages and emails share; form controls inherit it instead of a monospace default.</summary>
    public const string FontStack =
        "\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",sans-serif";

    private static readonly FluidParser Parser = new();
    private static readonly FrozenDictionary<string, string> Sources = ReadEmbedded(typeof(Templates).Assembly);
    private static readonly TemplateOptions Options = CreateOptions(Sources);
    private static readonly FrozenDictionary<string, IFluidTemplate> Parsed = Parse(Sources);

    /// <summary>Every template's name.</summary>
    public static IReadOnlyCollection<string> Names => Parsed.Keys;

    /// <summary>Renders the named template with <paramref name="model"/>; HTML-encoded unless its name ends in <c>.text</c>.</summary>
    public static string Render(string name, object model)
    {
        if (!Parsed.TryGetValue(name, out var template))
            throw new ArgumentException($"no template named {name} under {ResourcePrefix}", nameof(name));
        var context = new TemplateContext(model, Options);
        return template.Render(context, IsText(name) ? NullEncoder.Default : Encoder);
    }

    public static bool IsText(string name) => name.EndsWith(".text", StringComparison.Ordinal);

    /// <summary>
    /// Parses every source, or throws naming each one that does not parse. A file's final newline is not part of its output,
    /// so a text template ends where its last line ends.
    /// </summary>
    public static FrozenDictionary<string, IFluidTemplate> Parse(IReadOnlyDictionary<string, string> sources)
    {
        var parsed = new Dictionary<string, IFluidTemplate>();
        var errors = new List<string>();
        foreach (var (name, source) in sources)
        {
            if (Parser.TryParse(source, out var template, out var error)) parsed[name] = template;
            else errors.Add($"{ResourcePrefix}{name}{Extension}: {error}");
        }
        if (errors.Count > 0) throw new InvalidOperationException("templates that do not parse:\n" + string.Join("\n", errors));
        return parsed.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, string> ReadEmbedded(Assembly assembly)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(IsTemplate))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            var name = resource.Replace('\\', '/')[ResourcePrefix.Length..^Extension.Length];
            var source = reader.ReadToEnd().ReplaceLineEndings("\n");
            sources[name] = source.EndsWith('\n') ? source[..^1] : source;
        }
        if (sources.Count == 0) throw new InvalidOperationException($"no {Extension} templates are embedded in {assembly.GetName().Name}");
        return sources.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static bool IsTemplate(string resource) => resource.Replace('\\', '/').StartsWith(ResourcePrefix, StringComparison.Ordinal)
        && resource.EndsWith(Extension, StringComparison.Ordinal);

    private static TemplateOptions CreateOptions(FrozenDictionary<string, string> sources)
    {
        // The templates are the app's own code, embedded at build: no user writes one, so any property of a model may be read.
        var options = new TemplateOptions
        {
            MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
            StrictVariables = true,
            StrictFilters = true,
            FileProvider = new TemplateFiles(sources, Extension),
        };
        options.Scope.SetValue("font_stack", new StringValue(FontStack));
        return options;
    }
}
