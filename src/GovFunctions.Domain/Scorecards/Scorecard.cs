using System.Globalization;

namespace GovFunctions.Scorecards;

/// <summary>The measures of a department's scorecard (Art. 29, 31), each a share in percent of its own denominator.</summary>
public enum Measure
{
    SupervisionOnTime,       // supervised items completed by their due date, of those due
    ReportsOnTime,           // progress reports sent by their date, of those due
    AcknowledgedInTime,      // items signed for within one working day, of those assigned
    HotlineRepliedOnTime,    // hotline replies by the deadline, of those due
    HotlineSatisfaction,     // callers satisfied at call-back, of those called back
    HotlineReopened,         // calls reopened (重办), of those closed — lower is better
    DecisionCompliance,      // decisions put to a meeting without a refused gate or accountability flag (Art. 19)
    NormativeFiledOnTime,    // normative documents reviewed and filed on time (Art. 21)
    ProposalsAnsweredInTime, // NPC and CPPCC proposals answered within their period (Art. 31)
}

/// <summary>One measure's counts: how many met it, out of how many it applied to.</summary>
public readonly record struct Tally(int Met, int Of)
{
    public static Tally operator +(Tally a, Tally b) => new(a.Met + b.Met, a.Of + b.Of);

    /// <summary>The share in percent, to one decimal; null when nothing applied.</summary>
    public double? Percent => Of == 0 ? null : Math.Round(100.0 * Met / Of, 1);
}

/// <summary>Weights (summing to 100) and the minimums that name a department (e.g. satisfaction 85%, replies on time 92%).</summary>
public sealed record ScorecardSettings(
    IReadOnlyDictionary<Measure, int> Weights, IReadOnlyDictionary<Measure, double> Minimums, int ListSize = 5)
{
    public static readonly ScorecardSettings Default = new(
        new Dictionary<Measure, int>
        {
            [Measure.SupervisionOnTime] = 20, [Measure.ReportsOnTime] = 10, [Measure.AcknowledgedInTime] = 5,
            [Measure.HotlineRepliedOnTime] = 15, [Measure.HotlineSatisfaction] = 15, [Measure.HotlineReopened] = 5,
            [Measure.DecisionCompliance] = 10, [Measure.NormativeFiledOnTime] = 10, [Measure.ProposalsAnsweredInTime] = 10,
        },
        new Dictionary<Measure, double> { [Measure.HotlineSatisfaction] = 85, [Measure.HotlineRepliedOnTime] = 92 });

    /// <summary>
    /// What is wrong with the settings, checked at start, each problem with the setting it is about (<c>Weights.HotlineReopened</c>):
    /// weights from 0 to 100 summing to 100, minimums are percentages, the red and black lists hold 1 to 8 departments.
    /// </summary>
    public IReadOnlyList<(string Setting, string Rule)> Problems()
    {
        var problems = new List<(string, string)>();
        foreach (var (m, w) in Weights.Where(w => w.Value is < 0 or > 100))
            problems.Add(($"{nameof(Weights)}.{m}", $"must be between 0 and 100, not {w}"));
        if (Weights.Values.Sum() != 100) problems.Add((nameof(Weights), $"must sum to 100, not {Weights.Values.Sum()}"));
        foreach (var (m, v) in Minimums.Where(v => !(v.Value is >= 0 and <= 100)))
        {
            var value = v.ToString(CultureInfo.InvariantCulture);
            problems.Add(($"{nameof(Minimums)}.{m}", $"must be a percentage between 0 and 100, not {value}"));
        }
        if (ListSize is < 1 or > 8) problems.Add((nameof(ListSize), $"must be between 1 and 8, not {ListSize}"));
        return problems;
    }

    public static bool LowerIsBetter(Measure m) => m == Measure.HotlineReopened;
}

public sealed record DepartmentScore(
    string DepartmentId, string Name, IReadOnlyDictionary<Measure, Tally> Tallies, double? Score, int? Rank)
{
    public IReadOnlyDictionary<Measure, double?> Measures => Tallies.ToDictionary(t => t.Key, t => t.Value.Percent);
}

public sealed record BelowMinimum(string DepartmentId, Measure Measure, double Value, double Minimum);

/// <summary>A month's or a year's scorecards: each department's measures, score and rank; the red and black lists (红黑榜).</summary>
public sealed record ScorecardSet(IReadOnlyList<DepartmentScore> Departments, IReadOnlyList<string> RedList,
    IReadOnlyList<string> BlackList, IReadOnlyList<BelowMinimum> BelowMinimum)
{
    /// <summary>
    /// Scores each department from its tallies: the weighted mean of the measures that applied to it, the weights of those
    /// that did not spread over the rest; a department to which nothing applied has no score and no rank. Equal scores share
    /// a rank (1, 2, 2, 4). The red list is the best <see cref="ScorecardSettings.ListSize"/>, the black list the worst.
    /// </summary>
    public static ScorecardSet Compute(
        IEnumerable<(string DepartmentId, string Name, IReadOnlyDictionary<Measure, Tally> Tallies)> departments,
        ScorecardSettings settings)
    {
        var scored = departments.Select(d => (d.DepartmentId, d.Name, d.Tallies, Score: ScoreOf(d.Tallies, settings))).ToList();
        var ranked = scored.Where(d => d.Score is not null)
            .OrderByDescending(d => d.Score).ThenBy(d => d.DepartmentId, StringComparer.Ordinal).ToList();
        var ranks = new Dictionary<string, int>();
        for (var i = 0; i < ranked.Count; i++)
            ranks[ranked[i].DepartmentId] = i > 0 && ranked[i].Score == ranked[i - 1].Score ? ranks[ranked[i - 1].DepartmentId] : i + 1;

        var size = Math.Min(settings.ListSize, ranked.Count / 2);
        var below = scored.SelectMany(d => settings.Minimums
                .Where(m => d.Tallies.TryGetValue(m.Key, out var t) && t.Percent is { } v && v < m.Value)
                .Select(m => new BelowMinimum(d.DepartmentId, m.Key, d.Tallies[m.Key].Percent!.Value, m.Value)))
            .ToList();
        return new ScorecardSet(
            scored.Select(d => new DepartmentScore(d.DepartmentId, d.Name, d.Tallies, d.Score,
                    ranks.TryGetValue(d.DepartmentId, out var r) ? r : null))
                .OrderBy(d => d.Rank ?? int.MaxValue).ThenBy(d => d.DepartmentId, StringComparer.Ordinal).ToList(),
            ranked.Take(size).Select(d => d.DepartmentId).ToList(),
            ranked.AsEnumerable().Reverse().Take(size).Select(d => d.DepartmentId).ToList(),
            below);
    }

    public static double? ScoreOf(IReadOnlyDictionary<Measure, Tally> tallies, ScorecardSettings settings)
    {
        double weighted = 0, weights = 0;
        foreach (var (measure, weight) in settings.Weights)
        {
            if (weight == 0 || !tallies.TryGetValue(measure, out var t) || t.Percent is not { } p) continue;
            weighted += weight * (ScorecardSettings.LowerIsBetter(measure) ? 100 - p : p);
            weights += weight;
        }
        return weights == 0 ? null : Math.Round(weighted / weights, 1);
    }
}

public static class MeasureNames
{
    public static string Chinese(Measure m) => m switch
    {
        Measure.SupervisionOnTime => "督办事项按期办结率",
        Measure.ReportsOnTime => "进展按时报送率",
        Measure.AcknowledgedInTime => "按时签收率",
        Measure.HotlineRepliedOnTime => "热线按时答复率",
        Measure.HotlineSatisfaction => "热线满意率",
        Measure.HotlineReopened => "热线重办率",
        Measure.DecisionCompliance => "决策程序合规率",
        Measure.NormativeFiledOnTime => "规范性文件按时备案率",
        _ => "建议提案按期办复率",
    };

    /// <summary>The measure's name in JSON and CSV (camelCase, as every enum on the wire).</summary>
    public static string Key(Measure m) => char.ToLowerInvariant(m.ToString()[0]) + m.ToString()[1..];
}
