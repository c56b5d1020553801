namespace GovFunctions.Approvals;

/// <summary>Section <c>Approvals</c>, checked at start by <see cref="ApprovalOptionsRules"/>.</summary>
public sealed class ApprovalOptions
{
    /// <summary>Signs approval links; from Key Vault in Azure. At least 32 characters.</summary>
    public string LinkSigningKey { get; set; } = "";

    /// <summary>How long an approval link works (default 7 days); each reminder renews it.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Working days a task may wait before each reminder (催办).</summary>
    public int RemindAfterWorkingDays { get; set; } = 1;

    /// <summary>After this many reminders the government office is told.</summary>
    public int EscalateAfterReminders { get; set; } = 3;
}

public sealed class ApprovalOptionsRules : OptionsRules<ApprovalOptions>
{
    public override string Section => "Approvals";

    protected override void Check(ApprovalOptions o, SettingChecks check)
    {
        check.That(o.LinkSigningKey.Length >= 32, $"must be at least 32 characters, not {o.LinkSigningKey.Length}",
            nameof(o.LinkSigningKey));
        check.Resolved(o.LinkSigningKey);
        check.Between(o.LinkLifetime, TimeSpan.FromHours(1), TimeSpan.FromDays(60));
        check.Between(o.RemindAfterWorkingDays, 1, 30);
        check.Between(o.EscalateAfterReminders, 1, 20);
    }
}
