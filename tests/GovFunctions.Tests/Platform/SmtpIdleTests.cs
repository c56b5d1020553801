using System.Net;
using System.Net.Sockets;
using System.Text;
using GovFunctions.Platform.Mail;
using Microsoft.Extensions.Logging.Abstractions;

namespace GovFunctions.Tests.Platform;

/// <summary>
/// A pooled SMTP connection left idle longer than the relay keeps a session is not reused: the relay has closed it ("421
/// Timeout - closing connection", as MailDev does after 60 s and many relays after a few minutes), and reusing it costs a
/// failed attempt. Against a small relay of the test's own that times a session out after 1 s; no retries allowed, so a reused
/// dead session fails the send.
/// </summary>
public class SmtpIdleTests
{
    [Fact]
    public async Task AMailAfterTheRelaysIdleTimeout_GoesOnANewConnection_NotOnTheClosedOne()
    {
        await using var relay = FakeRelay.Start(idleTimeout: TimeSpan.FromSeconds(1));
        await using var sender = new SmtpMailSender(Microsoft.Extensions.Options.Options.Create(new MailOptions
        {
            Host = "127.0.0.1", Port = relay.Port, Security = SmtpSecurity.None, From = "office@gov.example.cn", Retries = 0,
        }), NullLogger<SmtpMailSender>.Instance)
        { IdleLimit = TimeSpan.FromMilliseconds(500) };
        OutgoingMail Mail(string subject) => new([new MailAddress("sun@gov.example.cn", "孙慧敏")], subject, "<p>正文</p>", "正文");

        await sender.SendAsync(Mail("第一封"));
        await sender.SendAsync(Mail("第二封")); // at once: the same connection
        await Task.Delay(TimeSpan.FromSeconds(1.6)); // the relay has timed the session out
        await sender.SendAsync(Mail("第三封"));

        Assert.Equal(3, relay.Delivered);
        Assert.Equal(2, relay.Sessions);
    }

    /// <summary>Just enough SMTP for MailKit: one session per connection, closed with 421 after the idle timeout.</summary>
    private sealed class FakeRelay : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly TimeSpan _idle;
        private int _sessions, _delivered;

        private FakeRelay(TimeSpan idle) => _idle = idle;

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public int Sessions => _sessions;
        public int Delivered => _delivered;

        public static FakeRelay Start(TimeSpan idleTimeout)
        {
            var relay = new FakeRelay(idleTimeout);
            relay._listener.Start();
            _ = relay.AcceptAsync();
            return relay;
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (OperationCanceledException) { return; }
                Interlocked.Increment(ref _sessions);
                _ = SessionAsync(client);
            }
        }

        private async Task SessionAsync(TcpClient client)
        {
            using var _ = client;
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 relay.test ESMTP");
            var inData = false;
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                idle.CancelAfter(_idle);
                string? line;
                try { line = await reader.ReadLineAsync(idle.Token); }
                catch (OperationCanceledException)
                {
                    await writer.WriteLineAsync("421 Timeout - closing connection");
                    return;
                }
                if (line is null) return;
                if (inData)
                {
                    if (line != ".") continue;
                    inData = false;
                    Interlocked.Increment(ref _delivered);
                    await writer.WriteLineAsync("250 OK: queued");
                    continue;
                }
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO": await writer.WriteAsync("250-relay.test\r\n250 8BITMIME\r\n"); break;
                    case "DATA": inData = true; await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>"); break;
                    case "QUIT": await writer.WriteLineAsync("221 Bye"); return;
                    default: await writer.WriteLineAsync("250 OK"); break;
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            return ValueTask.CompletedTask;
        }
    }
}
