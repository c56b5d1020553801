using Azure.Data.Tables;
using GovFunctions.Scorecards;

namespace GovFunctions.Supervision;

/// <summary>
/// The scorecard tallies of supervision (Art. 29, 31), one row per month in each owner department's partition, changed in
/// the same transaction as the item whose change they count (guarded by their ETag), so a month's figures are 17 point
/// reads, never a scan of items.
/// </summary>
public sealed class SupervisionCounters(StorageClients storage, OrganizationStore organization, IOptions<SupervisionOptions> options,
    TimeProvider clock)
{
    public static string RowOf(string month) => $"counts|{month}";

    /// <summary>The counter rows a change updates, for its transaction.</summary>
    public async Task<IEnumerable<TableTransactionAction>> ActionsAsync(string partition, SupervisedItem before, SupervisedItem after,
        CancellationToken ct = default)
    {
        var calendar = await organization.CalendarAsync(ct);
        var deltas = SupervisionCounts.Delta(before, after, clock.GetUtcNow(), calendar, options.Value.Thresholds);
        if (deltas.Count == 0) return [];
        var table = await storage.TableAsync(Tables.SupervisedItems);
        var actions = new List<TableTransactionAction>();
        foreach (var month in deltas.GroupBy(d => d.Month))
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowOf(month.Key), cancellationToken: ct);
            var row = found.HasValue ? found.Value! : new TableEntity(partition, RowOf(month.Key));
            foreach (var d in month)
            {
                row[$"{d.Measure}Met"] = (row.GetInt32($"{d.Measure}Met") ?? 0) + d.Met;
                row[$"{d.Measure}Of"] = (row.GetInt32($"{d.Measure}Of") ?? 0) + d.Of;
            }
            actions.Add(found.HasValue
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, row));
        }
        return actions;
    }

    /// <summary>A month's (yyyy-MM) or a year's (yyyy) tallies per department.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<Measure, Tally>>> PeriodAsync(IEnumerable<string> departmentIds,
        IReadOnlyList<string> months, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.SupervisedItems);
        var reads = departmentIds.Select(async dept =>
        {
            var sums = new Dictionary<Measure, Tally>();
            foreach (var month in months)
            {
                var row = await table.GetEntityIfExistsAsync<TableEntity>(dept, RowOf(month), cancellationToken: ct);
                if (!row.HasValue) continue;
                foreach (var m in Enum.GetValues<Measure>())
                    if (row.Value!.GetInt32($"{m}Of") is { } of)
                        sums[m] = sums.GetValueOrDefault(m) + new Tally(row.Value.GetInt32($"{m}Met") ?? 0, of);
            }
            return (dept, (IReadOnlyDictionary<Measure, Tally>)sums);
        });
        return (await Task.WhenAll(reads)).ToDictionary(r => r.dept, r => r.Item2);
    }
}
