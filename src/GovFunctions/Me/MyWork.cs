namespace GovFunctions.Me;

/// <summary>
/// "My work" (<c>GET /api/me</c>): what I submitted, from my rows (<see cref="MyRecords"/>), and what waits for me, from the one
/// query the digest uses (<see cref="WaitingQuery"/>); as typed JSON or as the zh-CN page <c>Templates/Me/page</c>.
/// </summary>
public sealed partial class MyWork(MyRecords mine, WaitingQuery waiting, DigestDay day, OrganizationStore organization,
    ILogger<MyWork> log)
{
    /// <summary>The page's model: my name, the rows of what waits (as the digest shows them), what I submitted, my settings.</summary>
    public sealed record PageView(string Name, IReadOnlyList<DigestMail.Row> Waiting, IReadOnlyList<SubmissionView> Submitted,
        string Preferences);

    public async Task<MyWorkView> ViewAsync(Person me, CancellationToken ct = default)
    {
        var calendar = await organization.CalendarAsync(ct);
        var now = day.Now;
        var submitted = await mine.ForAsync(me.Id, ct);
        var waits = await waiting.ForAsync(me.Id, ct);
        LogRead(me.Id, submitted.Count, waits.Count);
        return new MyWorkView(me.Id, me.DisplayName, submitted.Select(SubmissionView.From).ToList(),
            waits.Select(w => WaitingItemView.From(w, now, calendar)).ToList(),
            PreferencesView.From(await day.PreferencesAsync(me.Id, ct)));
    }

    public async Task<PageView> PageAsync(Person me, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var calendar = await organization.CalendarAsync(ct);
        var waits = await waiting.ForAsync(me.Id, ct);
        var submitted = await mine.ForAsync(me.Id, ct);
        var prefs = await day.PreferencesAsync(me.Id, ct);
        LogRead(me.Id, submitted.Count, waits.Count);
        return new PageView(me.DisplayName, DigestMail.Rows(org, waits, day.Now, calendar), submitted.Select(SubmissionView.From).ToList(),
            (prefs.Digest ? "每个工作日 8:30 接收每日待办邮件" : "已关闭每日待办邮件") + (prefs.Escalations ? "" : "；升级提醒并入每日待办"));
    }

    [LoggerMessage(1502, LogLevel.Debug, "My work of {PersonId}: {Submitted} submitted, {Waiting} waiting")]
    private partial void LogRead(string personId, int submitted, int waiting);
}
