namespace GovFunctions.Legal;

/// <summary>Section <c>Legal</c>.</summary>
public sealed class LegalOptions
{
    /// <summary>Working days after publication within which a normative document is filed with the district (Art. 21).</summary>
    public int FilingWorkingDays { get; set; } = 15;

    /// <summary>Working days before the filing deadline when the department is reminded.</summary>
    public int FilingReminderWorkingDays { get; set; } = 3;

    /// <summary>The statutory time limit of a reconsideration, in calendar days from acceptance, and its one extension.</summary>
    public int ReconsiderationDays { get; set; } = 60;
    public int ReconsiderationExtensionDays { get; set; } = 30;

    /// <summary>
    /// Days before the reconsideration deadline when the legal affairs office and the executive deputy are reminded; 10 and 3
    /// when none are configured. (Configuration binding appends to an array's defaults, so the default is applied here.)
    /// </summary>
    public int[] ReconsiderationReminderDays { get; set; } = [];

    public IReadOnlyList<int> ReminderDays => ReconsiderationReminderDays.Length == 0 ? [10, 3] : ReconsiderationReminderDays.Distinct().ToList();
}
