using System.ComponentModel.DataAnnotations;

namespace GovFunctions.Legal;

/// <summary>Section <c>LegalCases</c>: the defence clock (Art. 24), rectification of lost cases, coordination bodies (Art. 25).</summary>
public sealed class LegalCaseOptions : IValidatableObject
{
    /// <summary>Days after service of the complaint by which the statement of defence (答辩状) is due.</summary>
    [Range(1, 60)] public int DefenceDays { get; set; } = 15;

    /// <summary>
    /// Working days before the defence is due when the legal affairs office is reminded (reminders go out on working days only);
    /// 5 and 2 when none are configured.
    /// (Configuration binding appends to an array's defaults, so the default is applied here.)
    /// </summary>
    public int[] DefenceReminderWorkingDays { get; set; } = [];

    /// <summary>Months a lost case's rectification item has, from the day the case closed.</summary>
    [Range(1, 24)] public int RectificationMonths { get; set; } = 3;

    /// <summary>Working days after a coordination body's expected end before it is listed for the office.</summary>
    [Range(1, 120)] public int DissolutionListAfterWorkingDays { get; set; } = 20;

    public IReadOnlyList<int> ReminderDays =>
        DefenceReminderWorkingDays.Length == 0 ? [5, 2] : DefenceReminderWorkingDays.Distinct().ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefenceReminderWorkingDays.Any(d => d < 0 || d > DefenceDays))
            yield return new ValidationResult($"every reminder day must be between 0 and {nameof(DefenceDays)}",
                [nameof(DefenceReminderWorkingDays)]);
    }
}
