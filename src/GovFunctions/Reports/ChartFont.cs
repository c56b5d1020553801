using ScottPlot;
using SkiaSharp;

namespace GovFunctions.Reports;

/// <summary>
/// The one font report charts draw with: a Noto Sans CJK SC subset (SIL OFL 1.1, Fonts/OFL.txt) embedded in this
/// assembly, made by scripts/make-font-subset.sh. Azure's Linux workers have no CJK fonts, so nothing here asks the
/// system for one: ScottPlot resolves <see cref="Name"/> to this typeface through its own resolver.
/// </summary>
public static class ChartFont
{
    /// <summary>The name charts ask ScottPlot for; no installed font has it, so a miss cannot fall back silently.</summary>
    public const string Name = "GovFunctions Noto Sans CJK SC";

    public const string ResourceName = "GovFunctions.Reports.Fonts.NotoSansCJKsc-Regular-subset.otf";

    private static readonly Lazy<SKTypeface> Loaded = new(Load);

    /// <summary>The embedded typeface; loading it also registers it with ScottPlot (once).</summary>
    public static SKTypeface Typeface => Loaded.Value;

    /// <summary>The characters of <paramref name="text"/> this font has no glyph for (those would draw as tofu).</summary>
    public static IReadOnlyList<string> Missing(string text)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        for (var e = System.Globalization.StringInfo.GetTextElementEnumerator(text); e.MoveNext();)
        {
            var element = (string)e.Current;
            if (char.IsWhiteSpace(element, 0)) continue;
            if (Typeface.GetGlyph(char.ConvertToUtf32(element, 0)) == 0) missing.Add(element);
        }
        return [.. missing];
    }

    private static SKTypeface Load()
    {
        using var stream = typeof(ChartFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded font {ResourceName} is missing from {typeof(ChartFont).Assembly}");
        using var data = SKData.Create(stream);
        var typeface = SKTypeface.FromData(data)
            ?? throw new InvalidOperationException($"embedded font {ResourceName} could not be read");
        Fonts.FontResolvers.Insert(0, new Resolver(typeface));
        return typeface;
    }

    /// <summary>Answers only for <see cref="Name"/>, whatever the weight or slant: the subset has one face.</summary>
    private sealed class Resolver(SKTypeface typeface) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            fontName == Name ? typeface : null;

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Name ? typeface : null;
    }
}
