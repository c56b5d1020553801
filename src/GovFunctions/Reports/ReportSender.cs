using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using GovFunctions.Approvals;
using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;
using GovFunctions.Scorecards;

namespace GovFunctions.Reports;

/// <summary>
/// Sends each (kind, period, recipient) report once: the mail key names all three, and <see cref="MailLog"/> sends a key
/// once whatever happens — a timer fired twice, two instances at once (the second finds the claim and leaves it), or a crash
/// between rendering and sending (the next run renders again and sends; a claim left by a dead sender is taken over).
/// </summary>
public sealed partial class ReportSender(ReportSources sources, OrganizationStore organization, MailLog mailLog, Leave.AwayIndex away,
    IOptions<ScorecardOptions> scorecards, TimeProvider clock, ILogger<ReportSender> log)
{
    /// <summary>Reports built and sent at once in a run.</summary>
    public const int ParallelSends = 4;

    public static string KeyOf(ReportPeriod period, string recipientId)
        => $"report|{period.Kind}|{period.Name}|{recipientId}".ToLowerInvariant();

    /// <summary>Timer: the last complete period whose send time has come, to every recipient not yet sent to.</summary>
    public async Task<int> RunAsync(ReportKind kind, CancellationToken ct = default)
    {
        var calendar = await organization.CalendarAsync(ct);
        var period = ReportSchedule.Due(kind, clock.GetUtcNow(), calendar);
        return period is null ? 0 : await SendAsync(period, null, resend: false, ct);
    }

    /// <param name="onlyRecipientId">One recipient, or everyone.</param>
    /// <param name="resend">The office's resend: a new key per request, so the report goes again.</param>
    public async Task<int> SendAsync(ReportPeriod period, string? onlyRecipientId, bool resend, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var recipients = ReportSchedule.Recipients(org).Where(r => onlyRecipientId is null || r.Recipient.Id == onlyRecipientId).ToList();
        var suffix = resend ? $"|resend|{clock.GetUtcNow().UtcTicks}" : "";
        var waiting = new List<(Person Recipient, ReportScope Scope)>();
        foreach (var r in recipients)
            if (resend || !await mailLog.WasSentAsync(KeyOf(period, r.Recipient.Id), ct)) waiting.Add(r);
        if (waiting.Count == 0) return 0;

        var snapshot = await sources.LoadAsync(period, ct);
        var absences = await away.AbsencesAtAsync(clock.GetUtcNow(), ct);
        var sent = 0;
        var failed = new ConcurrentQueue<Exception>();
        // A few recipients at once (the mail sender's connections): each report is built, rendered and claimed on its own, and
        // one that fails stops no other (cancelled beside it, a claimed report would wait for its claim to lapse); the run
        // fails after, so the timer runs again and the mail log sends what is left.
        await Parallel.ForEachAsync(waiting, new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = ct },
            async (r, token) =>
        {
            var (recipient, scope) = r;
            var content = ReportBuilder.Build(snapshot, scope, scorecards.Value.Settings);
            var acting = Acting.Resolve(org, recipient.Id, absences, clock.GetUtcNow());
            var cc = acting.OnBehalfOfId is null
                ? []
                : new[] { org.Person(acting.ApproverId) }.Select(p => new MailAddress(p.Email, p.Name)).ToList();
            var mail = ReportRenderer.Mail(content, org, [new MailAddress(recipient.Email, recipient.Name)], cc);
            try
            {
                if (await mailLog.SendOnceAsync(KeyOf(period, recipient.Id) + suffix, mail, token)) Interlocked.Increment(ref sent);
            }
            catch (MailInFlightException)
            {
                LogInFlight(period.Name, recipient.Id); // another instance is sending it right now
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e, period.Name, recipient.Id);
                failed.Enqueue(e);
            }
        });
        LogSent(period.Kind.ToString(), period.Name, sent, waiting.Count);
        if (failed.TryPeek(out var first)) ExceptionDispatchInfo.Throw(first);
        return sent;
    }

    [LoggerMessage(1301, LogLevel.Information, "{Kind} report {Period}: {Sent} of {Waiting} waiting recipients sent")]
    private partial void LogSent(string kind, string period, int sent, int waiting);

    [LoggerMessage(1303, LogLevel.Error, "Report {Period} for {Recipient} failed; the next run sends it")]
    private partial void LogFailed(Exception e, string period, string recipient);

    [LoggerMessage(1302, LogLevel.Information, "Report {Period} for {Recipient} is being sent by another run")]
    private partial void LogInFlight(string period, string recipient);
}
