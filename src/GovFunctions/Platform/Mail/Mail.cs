using System.ComponentModel.DataAnnotations;

namespace GovFunctions.Platform.Mail;

public sealed record MailAddress(string Address, string? Name = null);

/// <summary>An attachment; with a <see cref="ContentId"/> it is an inline image the HTML refers to as <c>cid:</c>.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content, string? ContentId = null);

/// <summary>An email: always an HTML and a plain-text part, UTF-8 throughout.</summary>
public sealed record OutgoingMail(IReadOnlyList<MailAddress> To, string Subject, string Html, string Text)
{
    public IReadOnlyList<MailAddress> Cc { get; init; } = [];
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];

    /// <summary>Stable id of this mail (e.g. the task it is about); sent as a header so a reader can correlate.</summary>
    public string? Reference { get; init; }
}

public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken ct = default);
}

public enum SmtpSecurity { None, StartTls, SslOnConnect, Auto }

/// <summary>SMTP relay settings (section <c>Mail</c>). The password comes from Key Vault in Azure.</summary>
public sealed class MailOptions : IValidatableObject
{
    [Required] public string Host { get; set; } = "";
    [Range(1, 65535)] public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    [Required, EmailAddress] public string From { get; set; } = "";
    public string FromName { get; set; } = "区政府办公室";
    [Range(1, 300)] public int TimeoutSeconds { get; set; } = 30;
    [Range(0, 10)] public int Retries { get; set; } = 3;
    [Range(1, 16)] public int Connections { get; set; } = 4;

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        // App Service leaves the reference text in place when it cannot resolve a Key Vault secret.
        if (Password?.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true)
            yield return new ValidationResult("Mail:Password is an unresolved Key Vault reference; set the secret.", [nameof(Password)]);
    }
}
