namespace GovFunctions.Legal;

/// <summary>Section <c>LegalCases</c>: the defence clock (Art. 24), rectification of lost cases, coordination bodies (Art. 25).</summary>
public sealed class LegalCaseOptions
{
    /// <summary>Days after service of the complaint by which the statement of defence (答辩状) is due.</summary>
    public int DefenceDays { get; set; } = 15;

    /// <summary>
    /// Working days before the defence is due when the legal affairs office is reminded (reminders go out on working days only);
    /// 5 and 2 when none are configured.
    /// (Configuration binding appends to an array's defaults, so the default is applied here.)
    /// </summary>
    public int[] DefenceReminderWorkingDays { get; set; } = [];

    /// <summary>Months a lost case's rectification item has, from the day the case closed.</summary>
    public int RectificationMonths { get; set; } = 3;

    /// <summary>Working days after a coordination body's expected end before it is listed for the office.</summary>
    public int DissolutionListAfterWorkingDays { get; set; } = 20;

    public IReadOnlyList<int> ReminderDays =>
        DefenceReminderWorkingDays.Length == 0 ? [5, 2] : DefenceReminderWorkingDays.Distinct().ToList();
}

/// <summary>Checked at start: the defence period, its reminder days within it, the rectification months, the listing delay.</summary>
public sealed class LegalCaseOptionsRules : OptionsRules<LegalCaseOptions>
{
    public override string Section => "LegalCases";

    protected override void Check(LegalCaseOptions o, SettingChecks check)
    {
        check.Between(o.DefenceDays, 1, 60);
        check.Between(o.RectificationMonths, 1, 24);
        check.Between(o.DissolutionListAfterWorkingDays, 1, 120);
        for (var i = 0; i < o.DefenceReminderWorkingDays.Length; i++)
            check.That(o.DefenceReminderWorkingDays[i] >= 0 && o.DefenceReminderWorkingDays[i] <= o.DefenceDays,
                $"must be between 0 and LegalCases__DefenceDays ({o.DefenceDays}), not {o.DefenceReminderWorkingDays[i]}",
                $"DefenceReminderWorkingDays.{i}");
    }
}
