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
