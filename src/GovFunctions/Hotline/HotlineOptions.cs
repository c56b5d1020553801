namespace GovFunctions.Hotline;

/// <summary>Section <c>Hotline</c>, checked at start by <see cref="HotlineOptionsRules"/>.</summary>
public sealed class HotlineOptions
{
    public HotlineDeadlines Deadlines { get; set; } = new();

    /// <summary>How far back a new call looks for an open call about the same issue.</summary>
    public int SameIssueDays { get; set; } = 7;

    /// <summary>Partitions per day; more for a busier line.</summary>
    public int Shards { get; set; } = 16;

    /// <summary>Working days after the first overdue reminder before the call goes on the accountability list (Art. 32).</summary>
    public int AccountabilityAfterWorkingDays { get; set; } = 5;
}

public sealed class HotlineOptionsRules : OptionsRules<HotlineOptions>
{
    public override string Section => "Hotline";

    protected override void Check(HotlineOptions o, SettingChecks check)
    {
        // Working days to the reply: an urgent call is answered the same day (0) or within days, the others within two months.
        check.Between(o.Deadlines.Urgent, 0, 5);
        check.Between(o.Deadlines.Consultation, 1, 60);
        check.Between(o.Deadlines.Complaint, 1, 60);
        check.Between(o.Deadlines.Request, 1, 60);
        check.Between(o.Deadlines.Suggestion, 1, 60);
        check.Between(o.SameIssueDays, 1, 90);
        check.Between(o.Shards, 1, 64);
        check.Between(o.AccountabilityAfterWorkingDays, 1, 60);
    }
}
