using System.ComponentModel.DataAnnotations;

namespace GovFunctions.Approvals;

/// <summary>Section <c>Approvals</c>.</summary>
public sealed class ApprovalOptions : IValidatableObject
{
    /// <summary>Signs approval links; from Key Vault in Azure. At least 32 characters.</summary>
    [Required, MinLength(32)] public string LinkSigningKey { get; set; } = "";

    /// <summary>How long an approval link works (default 7 days).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Working days a task may wait before each reminder (催办).</summary>
    [Range(1, 30)] public int RemindAfterWorkingDays { get; set; } = 1;

    /// <summary>After this many reminders the government office is told.</summary>
    [Range(1, 20)] public int EscalateAfterReminders { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        // App Service leaves the reference text in place when it cannot resolve a Key Vault secret.
        if (LinkSigningKey.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult("Approvals:LinkSigningKey is an unresolved Key Vault reference; set the secret.", [nameof(LinkSigningKey)]);
        if (LinkLifetime <= TimeSpan.Zero || LinkLifetime > TimeSpan.FromDays(60))
            yield return new ValidationResult("Approvals:LinkLifetime must be between 0 and 60 days.", [nameof(LinkLifetime)]);
    }
}
