namespace GovFunctions.Scorecards;

/// <summary>The JSON answer of <c>GET /api/scorecards</c> (API.md): each department's measures, score and rank, and the lists.</summary>
public sealed record ScorecardsView(string? Month, string? Year, IReadOnlyList<DepartmentScorecardView> Departments,
    IReadOnlyList<string> RedList, IReadOnlyList<string> BlackList, IReadOnlyList<BelowMinimumView> BelowMinimum)
{
    public static ScorecardsView From(ScorecardView v) => new(v.Month, v.Year, v.Departments.Select(DepartmentScorecardView.From).ToList(),
        v.RedList, v.BlackList, v.BelowMinimum);
}

/// <summary>One department's scorecard: each measure (camelCase name) in percent, the counts behind it, its score and rank.</summary>
public sealed record DepartmentScorecardView(string DepartmentId, string Name, IReadOnlyDictionary<string, double?> Measures,
    IReadOnlyDictionary<string, TallyView> Counts, double? Score, int? Rank)
{
    public static DepartmentScorecardView From(DepartmentScoreView d) => new(d.DepartmentId, d.Name, d.Measures,
        d.Counts.ToDictionary(c => c.Key, c => new TallyView(c.Value.Met, c.Value.Of, c.Value.Percent)), d.Score, d.Rank);
}

/// <summary>One measure's counts: how many met it, out of how many, and the share in percent.</summary>
public sealed record TallyView(int Met, int Of, double? Percent);
