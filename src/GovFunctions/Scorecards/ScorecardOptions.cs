namespace GovFunctions.Scorecards;

/// <summary>
/// Section <c>Scorecards</c>: weights (summing to 100) and minimums, checked at start by <see cref="ScorecardOptionsRules"/>.
/// </summary>
public sealed class ScorecardOptions
{
    /// <summary>Weight per measure (<c>Scorecards__Weights__HotlineSatisfaction</c>); the defaults when none is set.</summary>
    public Dictionary<Measure, int> Weights { get; set; } = [];

    /// <summary>Minimum share per measure, in percent, under which a department is named (12345 norms: 85 and 92).</summary>
    public Dictionary<Measure, double> Minimums { get; set; } = [];

    /// <summary>Places on the red and on the black list.</summary>
    public int ListSize { get; set; } = 5;

    public ScorecardSettings Settings => new(Weights.Count == 0 ? ScorecardSettings.Default.Weights : Weights,
        Minimums.Count == 0 ? ScorecardSettings.Default.Minimums : Minimums, ListSize);
}

/// <summary>The domain's own rules for the settings (<see cref="ScorecardSettings.Problems"/>), named as app settings.</summary>
public sealed class ScorecardOptionsRules : OptionsRules<ScorecardOptions>
{
    public override string Section => "Scorecards";

    protected override void Check(ScorecardOptions o, SettingChecks check)
    {
        foreach (var (setting, rule) in o.Settings.Problems()) check.Fail(setting, rule);
    }
}
