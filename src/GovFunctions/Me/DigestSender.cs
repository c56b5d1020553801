using GovFunctions.Notifications;

namespace GovFunctions.Me;

/// <summary>
/// The daily digest (每日待办): on each working day from its time (08:30 Beijing), every person with anything waiting and the
/// digest on receives one email listing all of it. Sent once per person and day the way reports are (<see cref="Reports.ReportSender"/>):
/// the mail key names the day and the person, and <see cref="MailLog"/> claims it before sending — a timer fired twice or a
/// second instance at the same time finds it sent or claimed and leaves it; a run that dies between rendering and sending leaves
/// no sent mark (a failed send deletes its claim, a dead sender's claim is taken over after its lease), so the next run sends it.
/// </summary>
public sealed partial class DigestSender(WaitingQuery waiting, DigestDay day, OrganizationStore organization, MailLog mailLog,
    IOptions<SiteOptions> site, ILogger<DigestSender> log)
{
    /// <returns>How many digests this run sent.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        if (await day.DueAsync(ct) is not { } today) return 0;
        var org = await organization.OrganizationAsync(ct);
        var calendar = await organization.CalendarAsync(ct);
        var all = await waiting.AllAsync(ct);
        var (sent, skipped) = (0, 0);
        foreach (var (personId, items) in all.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var key = DigestDay.MailKeyOf(today, personId);
            if (org.FindPerson(personId) is not { } person || !await day.ReceivesTodayAsync(personId, ct)
                || await mailLog.WasSentAsync(key, ct))
            {
                skipped++;
                continue;
            }
            var mail = DigestMail.Render(org, person, today, items, day.Now, calendar, site.Value.Link("me"));
            try
            {
                if (await mailLog.SendOnceAsync(key, mail, ct)) sent++;
            }
            catch (MailInFlightException)
            {
                LogInFlight(personId); // another run is sending it right now
            }
        }
        LogSent(today.ToString("yyyy-MM-dd"), sent, all.Count, skipped);
        return sent;
    }

    [LoggerMessage(1401, LogLevel.Information,
        "Daily digest {Day}: {Sent} sent of {People} people with work waiting ({Skipped} off or sent)")]
    private partial void LogSent(string day, int sent, int people, int skipped);

    [LoggerMessage(1402, LogLevel.Information, "Daily digest for {PersonId} is being sent by another run")]
    private partial void LogInFlight(string personId);
}
