namespace GovFunctions.Legal;

/// <summary>Section <c>Legal</c>, checked at start by <see cref="LegalOptionsRules"/>.</summary>
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

    public IReadOnlyList<int> ReminderDays =>
        ReconsiderationReminderDays.Length == 0 ? [10, 3] : ReconsiderationReminderDays.Distinct().ToList();
}

public sealed class LegalOptionsRules : OptionsRules<LegalOptions>
{
    public override string Section => "Legal";

    protected override void Check(LegalOptions o, SettingChecks check)
    {
        check.Between(o.FilingWorkingDays, 2, 30);
        check.Between(o.FilingReminderWorkingDays, 1, Math.Max(1, o.FilingWorkingDays - 1));
        // The reconsideration law's limit is 60 days from acceptance, extended once by at most 30.
        check.Between(o.ReconsiderationDays, 30, 90);
        check.Between(o.ReconsiderationExtensionDays, 1, 30);
        check.That(o.ReconsiderationReminderDays.Length <= 5, "may list at most 5 days", nameof(o.ReconsiderationReminderDays));
        for (var i = 0; i < o.ReconsiderationReminderDays.Length; i++)
        {
            var days = o.ReconsiderationReminderDays[i];
            check.That(days >= 1 && days < o.ReconsiderationDays,
                $"must be between 1 and {o.ReconsiderationDays - 1} (Legal__ReconsiderationDays - 1), not {days}",
                $"{nameof(o.ReconsiderationReminderDays)}.{i}");
        }
    }
}
