namespace GovFunctions.Supervision;

/// <summary>Section <c>Supervision</c>: the three-colour thresholds and the Art. 31–32 periods, checked at start.</summary>
public sealed class SupervisionOptions
{
    /// <summary>Blue: due within this many working days.</summary>
    public int BlueWithinWorkingDays { get; set; } = 3;

    /// <summary>Yellow: a progress report late by this many working days.</summary>
    public int ReportLateWorkingDays { get; set; } = 1;

    /// <summary>Yellow: progress this many points behind the share of the period elapsed (序时进度).</summary>
    public int BehindPoints { get; set; } = 20;

    /// <summary>Working days past due before the item goes on the accountability list (Art. 32).</summary>
    public int AccountabilityAfterWorkingDays { get; set; } = 5;

    /// <summary>Working days the owner has to sign for an item (签收) before a reminder.</summary>
    public int AcknowledgeWithinWorkingDays { get; set; } = 1;

    /// <summary>The statutory handling period of NPC deputies' and CPPCC members' proposals (Art. 31), the default due date.</summary>
    public int ProposalHandlingMonths { get; set; } = 3;

    /// <summary>Working days the competent department has to propose accountability (second clause of Art. 32).</summary>
    public int AccountabilityProposalWorkingDays { get; set; } = 10;

    /// <summary>Months after adoption by which a decision's implementation is due (the item it opens, Art. 30).</summary>
    public int DecisionImplementationMonths { get; set; } = 6;

    public SupervisionThresholds Thresholds => new(BlueWithinWorkingDays, ReportLateWorkingDays, BehindPoints,
        AccountabilityAfterWorkingDays, AcknowledgeWithinWorkingDays);
}

public sealed class SupervisionOptionsRules : OptionsRules<SupervisionOptions>
{
    public override string Section => "Supervision";

    protected override void Check(SupervisionOptions o, SettingChecks check)
    {
        check.Between(o.BlueWithinWorkingDays, 0, 30);
        check.Between(o.ReportLateWorkingDays, 1, 30);
        check.Between(o.BehindPoints, 1, 100);
        check.Between(o.AccountabilityAfterWorkingDays, 1, 60);
        check.Between(o.AcknowledgeWithinWorkingDays, 1, 30);
        check.Between(o.ProposalHandlingMonths, 1, 24);
        check.Between(o.AccountabilityProposalWorkingDays, 1, 60);
        check.Between(o.DecisionImplementationMonths, 1, 60);
    }
}
