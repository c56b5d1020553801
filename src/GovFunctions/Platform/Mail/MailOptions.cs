namespace GovFunctions.Platform.Mail;

public enum SmtpSecurity { None, StartTls, SslOnConnect, Auto }

/// <summary>SMTP relay settings (section <c>Mail</c>), checked at start. The password comes from Key Vault in Azure.</summary>
public sealed class MailOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "";
    public string FromName { get; set; } = "区政府办公室";
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries on a transient failure (0: none).</summary>
    public int Retries { get; set; } = 3;

    /// <summary>Pooled connections to the relay, the most mails sent at once.</summary>
    public int Connections { get; set; } = 4;
}

public sealed class MailOptionsRules : OptionsRules<MailOptions>
{
    public override string Section => "Mail";

    protected override void Check(MailOptions o, SettingChecks check)
    {
        check.Required(o.Host);
        check.Between(o.Port, 1, 65535);
        check.That(Enum.IsDefined(o.Security), $"must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}", nameof(o.Security));
        check.That(System.Net.Mail.MailAddress.TryCreate(o.From, out var from) && from.Address == o.From.Trim(),
            $"must be an email address, not '{o.From}'", nameof(o.From));
        check.That(string.IsNullOrEmpty(o.User) || !string.IsNullOrEmpty(o.Password), "is required when Mail__User is set",
            nameof(o.Password));
        check.Resolved(o.Password);
        check.Between(o.TimeoutSeconds, 1, 300);
        check.Between(o.Retries, 0, 10);
        check.Between(o.Connections, 1, 16);
    }
}
