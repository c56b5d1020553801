using System.Diagnostics;
using GovFunctions.Reports;
using GovFunctions.Tests.Support;
using SkiaSharp;

namespace GovFunctions.Tests.Reports;

/// <summary>Report charts as PNGs, decoded back and looked at; samples are saved under .artifacts/charts/.</summary>
public class ReportChartTests(ITestOutputHelper output)
{
    private static readonly string ArtifactDirectory = Path.Combine(TestEnvironment.RepositoryRoot, ".artifacts", "charts");

    [Fact]
    public void RenderPng_ByDepartment_DrawsBarsAndTheOnTimeLine_At800x400()
    {
        var departments = ChartFontTests.Seed.Departments.Select(d => d.Name).ToList();
        var data = ReportChartSamples.ByDepartment(departments);
        ReportChart.RenderPng(data); // first render loads the font and warms ScottPlot up

        var watch = Stopwatch.StartNew();
        var png = ReportChart.RenderPng(data);
        output.WriteLine($"{departments.Count} departments: {watch.ElapsedMilliseconds} ms, {png.Length:N0} bytes");

        using var bitmap = Decode(png, "departments.png");
        Assert.True(Share(bitmap, IsBarBlue) > 0.02, "bars are drawn");
        Assert.True(Share(bitmap, IsLineRed) > 0.002, "the on-time line is drawn");
        Assert.True(Share(bitmap, IsDark) > 0.01, "text and axes are drawn");
    }

    [Fact]
    public void RenderPng_ThirtyOneDays_FitsAndIsDrawn()
    {
        using var bitmap = Decode(ReportChart.RenderPng(ReportChartSamples.ByDay(ReportChart.MaxCategories)), "days.png");
        Assert.True(Share(bitmap, IsBarBlue) > 0.02, "bars are drawn");
        Assert.True(Share(bitmap, IsLineRed) > 0.002, "the on-time line is drawn");
    }

    [Fact]
    public void RenderPng_NoCategories_DrawsTheEmptyNoteAndNoBars()
    {
        var data = new ReportChartData("青禾区 12345热线 2026年第48周", [], []);
        using var bitmap = Decode(ReportChart.RenderPng(data), "empty.png");

        Assert.Equal(0, Share(bitmap, IsBarBlue));
        using var centre = new SKBitmap(240, 60);
        Assert.True(bitmap.ExtractSubset(centre, SKRectI.Create(bitmap.Width / 2 - 120, bitmap.Height / 2 - 20, 240, 60)));
        Assert.True(Share(centre, c => c.Red < 200 && Math.Abs(c.Red - c.Blue) < 10) > 0.02, "the grey note is in the middle");
        Assert.All(ReportChart.EmptyNote, c => Assert.Contains(c, ReportChart.Characters(data)));
    }

    [Theory]
    [InlineData(32, 32, false)] // more categories than a phone can read
    [InlineData(3, 2, false)]   // a bar value missing
    [InlineData(3, 3, true)]    // a line value missing
    public void RenderPng_RefusesDataThatDoesNotLineUp(int categories, int bars, bool shortLine)
    {
        var data = new ReportChartData("标题", [.. Enumerable.Range(0, categories).Select(i => $"部门{i}")],
            [.. Enumerable.Repeat(1.0, bars)], shortLine ? [90] : null);
        Assert.Throws<ArgumentException>(() => ReportChart.RenderPng(data));
    }

    [Fact]
    public void Characters_ListsTitleLegendLabelsAndTickCharacters_AsDrawn()
    {
        var data = new ReportChartData("周报", ["区司法局（区政府法制机构）", "青禾区城乡社区建设和发展服务中心"],
            [5, 7], [97.5, null]);
        var chars = ReportChart.Characters(data);

        foreach (var c in "周报来电量（件）按时办结率%0123456789…区司法局青禾城乡社建设和")
            Assert.Contains(c, chars);
        Assert.DoesNotContain('制', chars); // the bracketed remark is not drawn
        Assert.DoesNotContain('发', chars); // cut off by Shorten, never drawn
        Assert.Equal(chars.Length, chars.Distinct().Count());
    }

    [Theory]
    [InlineData("区教育局", "区教育局")]
    [InlineData("区司法局（区政府法制机构）", "区司法局")]
    [InlineData("区人力资源和社会保障局", "区人力资源和社会保障局")]
    [InlineData("青禾区城乡社区建设和发展服务中心", "青禾区城乡社区建设和…")]
    [InlineData("（筹）", "（筹）")]
    public void Shorten_DropsABracketedRemark_AndEndsLongNamesInAnEllipsis(string name, string label) =>
        Assert.Equal(label, ReportChart.Shorten(name));

    private static SKBitmap Decode(byte[] png, string name)
    {
        Directory.CreateDirectory(ArtifactDirectory);
        File.WriteAllBytes(Path.Combine(ArtifactDirectory, name), png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal((ReportChart.Width, ReportChart.Height), (bitmap.Width, bitmap.Height));
        return bitmap;
    }

    private static double Share(SKBitmap bitmap, Func<SKColor, bool> match) =>
        bitmap.Pixels.Count(match) / (double)bitmap.Pixels.Length;

    private static bool IsBarBlue(SKColor c) => Near(c, 0x3b, 0x6f, 0xb6);
    private static bool IsLineRed(SKColor c) => Near(c, 0xc8, 0x10, 0x2e);
    private static bool IsDark(SKColor c) => c.Red < 100 && c.Green < 100 && c.Blue < 100;
    private static bool Near(SKColor c, int r, int g, int b) =>
        Math.Abs(c.Red - r) < 24 && Math.Abs(c.Green - g) < 24 && Math.Abs(c.Blue - b) < 24;
}
