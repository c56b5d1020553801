using System.Collections.Concurrent;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Tests.Support;

/// <summary>The real SMTP sender (mail reaches MailDev), remembering what this test's app sent so tests stay isolated.</summary>
public sealed class RecordingMailSender(SmtpMailSender inner) : IMailSender
{
    private readonly ConcurrentQueue<OutgoingMail> _sent = new();

    public IReadOnlyList<OutgoingMail> Sent => _sent.ToList();

    /// <summary>How many of the next sends fail as a relay that is down would (after the mail was rendered).</summary>
    public int FailNext { get; set; }

    public IReadOnlyList<OutgoingMail> To(string email) =>
        Sent.Where(m => m.To.Concat(m.Cc).Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase))).ToList();

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new IOException("the mail relay is down (test)");
        }
        await inner.SendAsync(mail, ct);
        _sent.Enqueue(mail);
    }
}
