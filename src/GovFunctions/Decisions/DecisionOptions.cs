namespace GovFunctions.Decisions;

/// <summary>Section <c>Decisions</c>, checked at start by <see cref="DecisionOptionsRules"/>.</summary>
public sealed class DecisionOptions
{
    /// <summary>The shortest public comment period, in days (Art. 17).</summary>
    public int MinimumCommentDays { get; set; } = 30;

    /// <summary>Months after adoption when the post-implementation evaluation opens (Art. 18).</summary>
    public int EvaluationAfterMonths { get; set; } = 12;
}

public sealed class DecisionOptionsRules : OptionsRules<DecisionOptions>
{
    public override string Section => "Decisions";

    protected override void Check(DecisionOptions o, SettingChecks check)
    {
        // A comment period shorter than a week is no public consultation (Art. 17); the national rule is 30 days in general.
        check.Between(o.MinimumCommentDays, 7, 90);
        check.Between(o.EvaluationAfterMonths, 1, 60);
    }
}
