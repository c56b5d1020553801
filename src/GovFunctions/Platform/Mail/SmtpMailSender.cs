using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Polly;
using Polly.Retry;

namespace GovFunctions.Platform.Mail;

/// <summary>
/// The one mail sender: MailKit over SMTP, a small pool of reused connections, and retries with backoff on
/// transient failures (connection drops, timeouts, 4xx replies). A permanent refusal (5xx) is not retried. A connection idle
/// longer than <see cref="IdleLimit"/> is closed rather than reused: relays close idle sessions themselves (MailDev after 60 s,
/// many after a few minutes, answering the next command "421 Timeout"), and a reused dead session costs a retry and its
/// backoff.
/// Backoff runs on real time, not the business clock: it is about the network, not about deadlines.
/// </summary>
public sealed partial class SmtpMailSender : IMailSender, IAsyncDisposable, IDisposable
{
    private readonly MailOptions _options;
    private readonly ILogger<SmtpMailSender> _log;
    private readonly ResiliencePipeline _retry;
    private readonly ConcurrentBag<(SmtpClient Client, long IdleSince)> _idle = [];
    private readonly SemaphoreSlim _slots;

    public SmtpMailSender(IOptions<MailOptions> options, ILogger<SmtpMailSender> log)
    {
        _options = options.Value;
        _log = log;
        _slots = new SemaphoreSlim(_options.Connections);
        _retry = _options.Retries == 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                OnRetry = a => { LogRetry(a.Outcome.Exception, a.AttemptNumber + 1); return default; },
            })
            .Build();
    }

    /// <summary>How long a connection may wait in the pool and still be reused (below every relay's own idle timeout).</summary>
    public TimeSpan IdleLimit { get; init; } = TimeSpan.FromSeconds(20);

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        var message = Build(mail);
        await _retry.ExecuteAsync(async token =>
        {
            await _slots.WaitAsync(token);
            SmtpClient? client = null;
            try
            {
                client = await RentAsync(token);
                await client.SendAsync(message, token);
                _idle.Add((client, Environment.TickCount64));
                client = null;
            }
            finally
            {
                if (client is not null) await DiscardAsync(client);
                _slots.Release();
            }
        }, ct);
        LogSent(mail.Subject, mail.To.Count + mail.Cc.Count);
    }

    public MimeMessage Build(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(_options.FromName, _options.From));
        message.To.AddRange(mail.To.Select(a => new MailboxAddress(a.Name ?? "", a.Address)));
        message.Cc.AddRange(mail.Cc.Select(a => new MailboxAddress(a.Name ?? "", a.Address)));
        message.Subject = mail.Subject;
        if (mail.Reference is not null) message.Headers.Add("X-GovFunctions-Reference", mail.Reference);

        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        foreach (var a in mail.Attachments)
        {
            var part = a.ContentId is null
                ? body.Attachments.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType))
                : body.LinkedResources.Add(a.FileName, a.Content, ContentType.Parse(a.ContentType));
            if (a.ContentId is not null) part.ContentId = a.ContentId;
        }
        message.Body = body.ToMessageBody();
        foreach (var part in message.BodyParts.OfType<TextPart>()) part.SetText("utf-8", part.Text);
        return message;
    }

    private async Task<SmtpClient> RentAsync(CancellationToken ct)
    {
        while (_idle.TryTake(out var pooled))
        {
            if (pooled.Client.IsConnected && Environment.TickCount64 - pooled.IdleSince < IdleLimit.TotalMilliseconds) return pooled.Client;
            pooled.Client.Dispose(); // a session past its time is likely closed by the relay: no QUIT to wait on
        }
        var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, _options.Security switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.Auto,
            }, ct);
            if (!string.IsNullOrEmpty(_options.User)) await client.AuthenticateAsync(_options.User, _options.Password ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static async Task DiscardAsync(SmtpClient client)
    {
        try { if (client.IsConnected) await client.DisconnectAsync(true); }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or SmtpCommandException) { }
        client.Dispose();
    }

    /// <summary>Worth another attempt: the network or the relay said "later" (4xx), not "never" (5xx).</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        SmtpCommandException c => (int)c.StatusCode is >= 400 and < 500,
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var idle)) await DiscardAsync(idle.Client);
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var idle)) idle.Client.Dispose();
    }

    [LoggerMessage(LogLevel.Information, "Mail sent: {Subject} to {Recipients} recipient(s)")]
    private partial void LogSent(string subject, int recipients);

    [LoggerMessage(LogLevel.Warning, "Mail send failed; attempt {Attempt} follows")]
    private partial void LogRetry(Exception? e, int attempt);
}
