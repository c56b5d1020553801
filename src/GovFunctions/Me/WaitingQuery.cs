using GovFunctions.Approvals;
using GovFunctions.Leave;

namespace GovFunctions.Me;

/// <summary>
/// The one "what waits for a person" query, used by the daily digest and by <c>GET /api/me</c>: approval, reply and instruction
/// tasks (<see cref="WaitingTasks"/>), and the supervised items, evaluations and filings of the departments a person heads or
/// acts for (<see cref="WaitingRecords"/>; a head away on leave is replaced by their acting person, 第七十五条), each person's list
/// oldest first.
/// </summary>
public sealed partial class WaitingQuery(WaitingTasks tasks, WaitingRecords records, OrganizationStore organization, AwayIndex away,
    TimeProvider clock, ILogger<WaitingQuery> log)
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<WaitingItem>>> AllAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var org = await organization.OrganizationAsync(ct);
        var calendar = await organization.CalendarAsync(ct);
        var absences = await away.AbsencesAtAsync(now, ct);
        var items = new List<WaitingItem>(await tasks.AllAsync(ct));
        foreach (var (department, item) in await records.AllAsync(now, calendar, ct))
        {
            if (org.FindDepartment(department) is null) continue;
            var acting = Acting.Resolve(org, org.HeadOf(department).Id, absences, now);
            items.Add(item with { PersonId = acting.ApproverId, OnBehalfOfId = acting.OnBehalfOfId });
        }
        var byPerson = items.GroupBy(i => i.PersonId)
            .ToDictionary(g => g.Key, g => WaitingRules.Ordered(g), StringComparer.Ordinal);
        LogRead(items.Count, byPerson.Count);
        return byPerson;
    }

    public async Task<IReadOnlyList<WaitingItem>> ForAsync(string personId, CancellationToken ct = default) =>
        (await AllAsync(ct)).TryGetValue(personId, out var mine) ? mine : [];

    [LoggerMessage(1501, LogLevel.Debug, "Waiting query: {Items} item(s) waiting for {People} person(s)")]
    private partial void LogRead(int items, int people);
}
