using GovFunctions.Notifications;

namespace GovFunctions.Me;

/// <summary>
/// Whether today is a digest day and who receives it: a working day of the district's calendar (a holiday has none, a 调休
/// Saturday has one), the digest on, and the person's own preference on.
/// </summary>
public sealed class DigestDay(OrganizationStore organization, PreferenceStore preferences, MailLog mailLog,
    IOptions<DigestOptions> options, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public static string MailKeyOf(DateOnly day, string personId) => $"digest|{day:yyyy-MM-dd}|{personId}".ToLowerInvariant();

    /// <summary>Today (Beijing) when it is a digest day, else null.</summary>
    public async Task<DateOnly?> TodayAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        return options.Value.Enabled && (await organization.CalendarAsync(ct)).IsWorkingDay(today) ? today : null;
    }

    /// <summary>Today when the digest is due to go now (its time has come), else null.</summary>
    public async Task<DateOnly?> DueAsync(CancellationToken ct = default) =>
        await TodayAsync(ct) is { } today && ChinaTime.Now(clock) >= ChinaTime.At(today, TimeOnly.FromTimeSpan(options.Value.SendAt))
            ? today : null;

    /// <summary>Whether the person gets a digest today (if anything waits for them).</summary>
    public async Task<bool> ReceivesTodayAsync(string personId, CancellationToken ct = default) =>
        await TodayAsync(ct) is not null && (await preferences.GetAsync(personId, ct)).Digest;

    /// <summary>Whether the person's digest went today: then it listed everything waiting for them this morning.</summary>
    public async Task<bool> SentTodayAsync(string personId, CancellationToken ct = default) =>
        await TodayAsync(ct) is { } today && await mailLog.WasSentAsync(MailKeyOf(today, personId), ct);

    public Task<Preferences> PreferencesAsync(string personId, CancellationToken ct = default) => preferences.GetAsync(personId, ct);
}
