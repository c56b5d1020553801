using System.Globalization;
using ScottPlot;

namespace GovFunctions.Reports;

/// <summary>
/// What one report chart shows: a value per category as bars on the left axis (e.g. hotline calls per day or per
/// department) and, optionally, a percentage per category as a line on the right axis (e.g. replied on time).
/// A null percentage (nothing was due) draws no point: the line joins its neighbours. No categories is an empty period.
/// </summary>
public sealed record ReportChartData(
    string Title,
    IReadOnlyList<string> Categories,
    IReadOnlyList<double> Bars,
    IReadOnlyList<double?>? LinePercent = null,
    string BarAxis = ReportChart.DefaultBarAxis,
    string LineAxis = ReportChart.DefaultLineAxis);

/// <summary>
/// Draws a <see cref="ReportChartData"/> as an 800×400 PNG for a mail's inline <c>cid:</c> image, with the embedded
/// <see cref="ChartFont"/> only, so Chinese renders where no CJK font is installed. <see cref="Characters"/> lists every
/// character a chart will draw, for the glyph-coverage test.
/// </summary>
public static class ReportChart
{
    public const int Width = 800, Height = 400, MaxCategories = 31, MaxLabelLength = 11;
    public const string DefaultBarAxis = "来电量（件）", DefaultLineAxis = "按时办结率（%）", EmptyNote = "本期无数据";

    /// <summary>Characters the axes' tick labels can use: numbers on the left, percentages on the right.</summary>
    public const string TickCharacters = "0123456789.-%";

    private static readonly Color Bar = Color.FromHex("#3b6fb6"), Line = Color.FromHex("#c8102e"), Grid = Color.FromHex("#e5e5e5");

    public static byte[] RenderPng(ReportChartData data)
    {
        Validate(data);
        _ = ChartFont.Typeface; // registers the embedded font with ScottPlot before the first label is measured
        using var plot = new Plot();
        plot.Font.Set(ChartFont.Name);
        plot.Title(data.Title, 20);
        plot.Grid.MajorLineColor = Grid;
        plot.Axes.Left.TickGenerator = Ticks(v => v.ToString("0.##", CultureInfo.InvariantCulture));
        StyleTicks(plot.Axes.Left.TickLabelStyle);

        if (data.Categories.Count == 0) DrawEmpty(plot);
        else DrawData(plot, data);

        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Every distinct character <see cref="RenderPng"/> may draw for <paramref name="data"/>, sorted.</summary>
    public static string Characters(ReportChartData data)
    {
        IEnumerable<string> texts = [data.Title, data.BarAxis, EmptyNote, TickCharacters, .. data.Categories.Select(Shorten)];
        if (data.LinePercent is not null) texts = texts.Append(data.LineAxis);
        return string.Concat(texts.SelectMany(t => t).Where(c => !char.IsWhiteSpace(c)).Distinct().Order());
    }

    /// <summary>
    /// The label drawn under a category: without a closing remark in brackets (区司法局（区政府法制机构） is 区司法局),
    /// and a name still too long ends in "…" rather than run into the next one.
    /// </summary>
    public static string Shorten(string category)
    {
        var open = category.IndexOfAny(['（', '(']);
        var name = open > 0 && category[^1] is '）' or ')' ? category[..open] : category;
        return name.Length <= MaxLabelLength ? name : name[..(MaxLabelLength - 1)] + "…";
    }

    private static void DrawData(Plot plot, ReportChartData data)
    {
        var n = data.Categories.Count;
        var bars = plot.Add.Bars(data.Bars.ToArray());
        bars.Color = Bar;
        bars.LegendText = data.BarAxis;
        foreach (var bar in bars.Bars)
        {
            bar.Size = 0.6;
            if (n <= 15) bar.Label = bar.Value.ToString("0.##", CultureInfo.InvariantCulture);
        }
        bars.ValueLabelStyle.FontSize = 12;
        var top = Math.Max(1, data.Bars.Max());
        plot.Axes.SetLimitsY(0, top * 1.18, plot.Axes.Left);
        plot.Axes.SetLimitsX(-0.6, n - 0.4);

        var labels = data.Categories.Select(Shorten).ToArray();
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)i)], labels);
        StyleTicks(plot.Axes.Bottom.TickLabelStyle);
        if (n > 8 || labels.Any(l => l.Length > 4))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -40;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.TickLabelStyle.OffsetY = 4; // clear of the axis line
            plot.Axes.Bottom.MinimumSize = 24 + 13 * 0.66f * labels.Max(l => l.Length);
            plot.Axes.Left.MinimumSize = Math.Max(40, 10f * labels[0].Length - 300f / n); // room for the first label
        }
        plot.Axes.Bottom.MajorTickStyle.Length = 0;

        if (data.LinePercent is not null) DrawLine(plot, data);
        // The series' names (and units) head the chart in the legend rather than along the axes: on a phone a
        // rotated axis title costs width the department names need.
        plot.ShowLegend(Edge.Top);
        plot.Legend.FontSize = 14;
        plot.Legend.SetBestFontOnEachRender = false;
    }

    private static void DrawLine(Plot plot, ReportChartData data)
    {
        var points = data.LinePercent!.Select((v, i) => (X: (double)i, Y: v)).Where(p => p.Y is not null).ToArray();
        var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray());
        line.Axes.YAxis = plot.Axes.Right;
        line.Color = Line;
        line.LineWidth = 2.5f;
        line.MarkerSize = 7;
        line.LegendText = data.LineAxis;
        plot.Axes.Right.TickGenerator = Ticks(v => v.ToString("0", CultureInfo.InvariantCulture) + "%");
        StyleTicks(plot.Axes.Right.TickLabelStyle);
        plot.Axes.SetLimitsY(0, 118, plot.Axes.Right); // 100% sits level with the tallest bar's headroom
    }

    private static void DrawEmpty(Plot plot)
    {
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
        var note = plot.Add.Text(EmptyNote, 0.5, 0.5);
        note.LabelFontSize = 20;
        note.LabelFontColor = Colors.Gray;
        note.LabelAlignment = Alignment.MiddleCenter;
    }

    private static ScottPlot.TickGenerators.NumericAutomatic Ticks(Func<double, string> format) =>
        new() { LabelFormatter = format, IntegerTicksOnly = false, TargetTickCount = 5 };

    private static void StyleTicks(LabelStyle style) => style.FontSize = 13;

    private static void Validate(ReportChartData data)
    {
        var n = data.Categories.Count;
        if (n > MaxCategories) throw new ArgumentException($"a chart shows at most {MaxCategories} categories, not {n}", nameof(data));
        if (data.Bars.Count != n) throw new ArgumentException($"{data.Bars.Count} bar values for {n} categories", nameof(data));
        if (data.LinePercent is { } line && line.Count != n)
            throw new ArgumentException($"{line.Count} line values for {n} categories", nameof(data));
        if (data.Bars.Any(v => !double.IsFinite(v) || v < 0))
            throw new ArgumentException("bar values are finite and not negative", nameof(data));
    }
}
