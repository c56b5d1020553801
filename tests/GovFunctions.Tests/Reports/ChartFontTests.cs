using System.Text;
using GovFunctions.Organization;
using GovFunctions.Reports;
using GovFunctions.Tests.Support;
using ScottPlot;
using SkiaSharp;

namespace GovFunctions.Tests.Reports;

/// <summary>The font the charts ship with: it has every glyph the reports draw, and it is the one ScottPlot uses.</summary>
public class ChartFontTests
{
    internal static OrganizationSeed.File Seed { get; } =
        OrganizationSeed.ParseOrganization(File.ReadAllText(Path.Combine(TestEnvironment.SeedsDirectory, "organization.json")));

    [Fact]
    public void EmbeddedFont_HasAGlyphForEveryCharacterOfTheReportLabels()
    {
        var departments = Seed.Departments.Select(d => d.Name).ToList();
        var labels = new StringBuilder()
            .AppendJoin("", Seed.District.Name, Seed.District.ShortName)
            .AppendJoin("", departments)
            .AppendJoin("", Seed.People.Select(p => p.Name))
            .Append(ReportChart.Characters(ReportChartSamples.ByDepartment(departments)))
            .Append(ReportChart.Characters(ReportChartSamples.ByDay(30)))
            .Append(ReportChart.DefaultBarAxis + ReportChart.DefaultLineAxis + ReportChart.EmptyNote + ReportChart.TickCharacters)
            .Append("0123456789%…，、：（）")
            .ToString();

        Assert.Empty(ChartFont.Missing(labels));
        Assert.All(SKTypefaceGlyphs(labels), g => Assert.NotEqual(0, g)); // the cmap, read a second way
    }

    [Fact]
    public void EmbeddedFont_CoversAllOfGb2312sHanzi_AndHasNoneOfTheRareOnes()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("gb2312");
        var hanzi = new List<string>();
        for (var row = 0xB0; row <= 0xF7; row++)
            for (var cell = 0xA1; cell <= 0xFE; cell++)
            {
                var s = gb.GetString([(byte)row, (byte)cell]);
                if (s.Length == 1 && s[0] is >= '\u4E00' and <= '\u9FFF') hanzi.Add(s);
            }

        Assert.Equal(6763, hanzi.Count); // 3,755 level-1 + 3,008 level-2
        Assert.Empty(ChartFont.Missing(string.Concat(hanzi)));
        Assert.NotEmpty(ChartFont.Missing("𠀀龘")); // a subset: not every CJK character is in it
        Assert.InRange(ChartFont.Typeface.GlyphCount, 7_000, 12_000);
    }

    [Fact]
    public void ScottPlot_ResolvesTheChartFontToTheEmbeddedTypeface_NotASystemFont()
    {
        var typeface = ChartFont.Typeface;
        var resolved = Fonts.GetTypeface(ChartFont.Name, false, false);
        Assert.Equal(typeface.Handle, resolved.Handle);
        Assert.Equal(typeface.GlyphCount, resolved.GlyphCount);
        Assert.Equal("Noto Sans CJK SC", typeface.FamilyName);
    }

    [Fact]
    public void EmbeddedFont_BoundingBoxStaysNearItsLineMetrics()
    {
        // Skia reports the font's bounding box as Top/Bottom and ScottPlot places text by them: the full font's box
        // (1.8 em up, 1.05 em down, from vertical-writing marks) drew legend text half outside its frame.
        using var font = new SKFont(ChartFont.Typeface, 100);
        var m = font.Metrics;
        Assert.InRange(m.Top, -125, -80);
        Assert.InRange(m.Bottom, 10, 35);
        Assert.True(-m.Ascent >= -m.Top - 20 && m.Descent >= m.Bottom - 5,
            $"ascent {m.Ascent} top {m.Top} descent {m.Descent} bottom {m.Bottom}");
    }

    [Fact]
    public void EmbeddedFont_DrawsDistinctCjkGlyphs_NotTofu()
    {
        // Tofu (the .notdef box) draws the same for every character: distinct characters must draw distinct ink.
        var drawn = "区教育局按时办结率".Select(c => Ink(c.ToString())).ToList();
        Assert.All(drawn, d => Assert.True(d.Count(b => b) > 20, "non-blank glyph"));
        for (var i = 0; i < drawn.Count; i++)
            for (var j = i + 1; j < drawn.Count; j++)
                Assert.False(drawn[i].SequenceEqual(drawn[j]), $"glyph {i} and {j} draw alike");
    }

    private static ushort[] SKTypefaceGlyphs(string text) =>
        ChartFont.Typeface.GetGlyphs(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));

    private static bool[] Ink(string text)
    {
        using var bitmap = new SKBitmap(48, 48);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var font = new SKFont(ChartFont.Typeface, 36);
        using var paint = new SKPaint { Color = SKColors.Black };
        canvas.DrawText(text, 4, 40, font, paint);
        return [.. bitmap.Pixels.Select(p => p.Red < 128)];
    }
}
