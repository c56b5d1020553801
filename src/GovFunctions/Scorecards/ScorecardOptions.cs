using System.ComponentModel.DataAnnotations;

namespace GovFunctions.Scorecards;

/// <summary>Section <c>Scorecards</c>: weights (summing to 100) and minimums, validated at start.</summary>
public sealed class ScorecardOptions : IValidatableObject
{
    /// <summary>Weight per measure (<c>Scorecards__Weights__HotlineSatisfaction</c>); the defaults when none is set.</summary>
    public Dictionary<Measure, int> Weights { get; set; } = [];

    /// <summary>Minimum share per measure, in percent, under which a department is named (12345 norms: 85 and 92).</summary>
    public Dictionary<Measure, double> Minimums { get; set; } = [];

    [Range(1, 8)] public int ListSize { get; set; } = 5;

    public ScorecardSettings Settings => new(Weights.Count == 0 ? ScorecardSettings.Default.Weights : Weights,
        Minimums.Count == 0 ? ScorecardSettings.Default.Minimums : Minimums, ListSize);

    public IEnumerable<ValidationResult> Validate(ValidationContext context) =>
        Settings.Problems().Select(p => new ValidationResult($"Scorecards: {p}", [nameof(Weights)]));
}
