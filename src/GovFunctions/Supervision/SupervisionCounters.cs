using Azure.Data.Tables;
using GovFunctions.Scorecards;

namespace GovFunctions.Supervision;

/// <summary>
/// The scorecard tallies of supervision (Art. 29, 31), one row per month in each owner department's partition, changed in
/// the same transaction as the item whose change they count (guarded by their ETag). A period's figures are point reads of
/// each department's row of each month (<see cref="TallyRows.PeriodAsync"/>), in parallel: 17 for a month, never a scan.
/// </summary>
public sealed class SupervisionCounters(StorageClients storage, OrganizationStore organization, IOptions<SupervisionOptions> options,
    TimeProvider clock)
{
    public const string Prefix = "counts|";

    public static string RowOf(string month) => Prefix + month;

    /// <summary>The counter rows a change updates, for its transaction.</summary>
    public async Task<IEnumerable<TableTransactionAction>> ActionsAsync(string partition, SupervisedItem before, SupervisedItem after,
        CancellationToken ct = default)
    {
        var calendar = await organization.CalendarAsync(ct);
        var deltas = SupervisionCounts.Delta(before, after, clock.GetUtcNow(), calendar, options.Value.Thresholds);
        if (deltas.Count == 0) return [];
        return await TallyRows.ActionsAsync(await storage.TableAsync(Tables.SupervisedItems), partition, Prefix, deltas, null, ct);
    }

    /// <summary>A month's (yyyy-MM) or a year's (yyyy) tallies per department.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<Measure, Tally>>> PeriodAsync(IEnumerable<string> departmentIds,
        IReadOnlyList<string> months, CancellationToken ct = default)
    {
        var ids = departmentIds.Distinct().ToList();
        var sums = await TallyRows.PeriodAsync(await storage.TableAsync(Tables.SupervisedItems), Prefix, months, ct, ids);
        return ids.ToDictionary(d => d,
            d => (IReadOnlyDictionary<Measure, Tally>)(sums.GetValueOrDefault(d) ?? new Dictionary<Measure, Tally>()));
    }
}
