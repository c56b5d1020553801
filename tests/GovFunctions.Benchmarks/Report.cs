using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovFunctions.Benchmarks;

/// <summary>
/// One figure of a benchmark: this run's values (one per repeat) beside its baseline's (the fair floor measured in the same
/// repeat), the ratio value / baseline per repeat, and the goal that ratio is held to. Reported as the median of the
/// repeats with the spread (lowest to highest).
/// </summary>
public sealed record Figure(string Name, string Unit, IReadOnlyList<double> Values, IReadOnlyList<double>? Baselines = null,
    double? RatioAtMost = null, double? RatioAtLeast = null)
{
    public double Value => Median(Values);
    public double? Baseline => Baselines is null ? null : Median(Baselines);
    public IReadOnlyList<double>? Ratios => Baselines?.Zip(Values, (b, v) => b == 0 ? double.NaN : v / b).ToList();
    public double? Ratio => Ratios is { } r ? Median(r) : null;
    public string Goal => RatioAtMost is { } max ? $"≤ {max:0.##}×" : RatioAtLeast is { } min ? $"≥ {min:0.##}×" : "—";
    public bool? Met => Ratio is not { } r ? null : RatioAtMost is { } max ? r <= max : RatioAtLeast is { } min ? r >= min : null;

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string Spread(IReadOnlyList<double>? values) =>
        values is null || values.Count < 2 ? "" : $" ({Format(values.Min())}–{Format(values.Max())})";

    public static string Format(double v) => double.IsNaN(v) ? "—" : Math.Abs(v) >= 100 ? v.ToString("F0", CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 10 ? v.ToString("F1", CultureInfo.InvariantCulture) : v.ToString("F2", CultureInfo.InvariantCulture);
}

/// <summary>
/// A speed goal an issue sets at a size (calls, items): the aggregates' reads are a fixed cost while the scan they are compared
/// with grows with the data, so below that size the ratio is shown, not judged.
/// </summary>
public sealed record GoalAtSize(double RatioAtMost, int Size, string Unit, string Issue)
{
    /// <summary>The goal for a run of <paramref name="size"/>: null (not judged) below the issue's size.</summary>
    public double? At(int size) => size >= Size ? RatioAtMost : null;

    public string Note(int size) => size >= Size
        ? $"the speed goal (≤ {RatioAtMost:0.##}×) is judged at this size ({Size} {Unit} or more)"
        : $"the speed goal (≤ {RatioAtMost:0.##}×) is judged at {Size} {Unit}, the size {Issue} names; at {size} it is not judged";
}

/// <summary>What a benchmark measured and whether its work was right; written as JSON so runs can be compared.</summary>
public sealed record BenchReport(string Benchmark, string Parameters, DateTimeOffset RanAt, IReadOnlyList<Figure> Figures,
    IReadOnlyList<string> Failures, IReadOnlyList<string> Notes)
{
    public bool Correct => Failures.Count == 0;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Benchmark + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));
        return path;
    }

    public static BenchReport Read(string path) => JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(path), JsonOptions)!;

    /// <summary>The one table of a run: figure, this run's value, its baseline, the ratio, the goal, met or not.</summary>
    public static void PrintTable(TextWriter output, IEnumerable<BenchReport> reports)
    {
        output.WriteLine("| benchmark | figure | value (median, spread) | baseline (fair floor) | ratio | goal | met |");
        output.WriteLine("|---|---|---:|---:|---:|---|---|");
        foreach (var r in reports)
        {
            foreach (var f in r.Figures)
                output.WriteLine($"| {r.Benchmark} | {f.Name} ({f.Unit}) | {Figure.Format(f.Value)}{Figure.Spread(f.Values)} | " +
                    $"{(f.Baseline is { } b ? Figure.Format(b) + Figure.Spread(f.Baselines) : "—")} | " +
                    $"{(f.Ratio is { } q ? Figure.Format(q) + "×" + Figure.Spread(f.Ratios) : "—")} | {f.Goal} | " +
                    $"{f.Met switch { true => "yes", false => "**no**", null => "" }} |");
            var work = r.Correct ? "correct" : "**wrong: " + string.Join("; ", r.Failures) + "**";
            output.WriteLine($"| {r.Benchmark} | work checked | {work} | | | | |");
        }
    }
}
