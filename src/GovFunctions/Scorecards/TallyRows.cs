using Azure.Data.Tables;
using GovFunctions.Supervision;

namespace GovFunctions.Scorecards;

/// <summary>
/// The scorecard's tally rows (Art. 29, 31): one row per month (<c>{prefix}{yyyy-MM}</c>) in the partition of the records it
/// counts, with <c>{Measure}Met</c> and <c>{Measure}Of</c> columns, changed in the same transaction as the record (the pipeline's
/// <c>extra</c> rows, each guarded by its ETag: a concurrent change of the same row fails the transaction and the pipeline
/// re-reads and retries). A period's rows come back in one range query per partition (or, where each record is its own
/// partition, one query on the row keys): only tally rows match it, no record or history row is returned or read into the app.
/// </summary>
public static class TallyRows
{
    /// <summary>The department a row counts for, where the partition is not the department (a record's own partition).</summary>
    public const string DepartmentColumn = "Department";

    /// <summary>The transaction actions adding <paramref name="deltas"/> to the partition's rows, one per month.</summary>
    public static async Task<IEnumerable<TableTransactionAction>> ActionsAsync(TableClient table, string partition, string prefix,
        IReadOnlyList<CountDelta> deltas, string? departmentId, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var month in deltas.GroupBy(d => d.Month))
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, prefix + month.Key, cancellationToken: ct);
            var row = found.HasValue ? found.Value! : new TableEntity(partition, prefix + month.Key);
            if (departmentId is not null) row[DepartmentColumn] = departmentId;
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

    /// <summary>
    /// A period's tallies per department (the <see cref="DepartmentColumn"/>, else the partition), from one query over the
    /// table's rows <c>{prefix}{first month}</c> to <c>{prefix}{last month}</c>.
    /// </summary>
    /// With <paramref name="partitions"/> (the departments, where the rows live in the department's own partition), a point read
    /// of each partition's row of each month, all in parallel, instead: on Table Storage a filter on row keys alone is a scan of
    /// the whole table on the server's side, and a point read is the cheapest request there is (on Azurite too).
    public static async Task<Dictionary<string, Dictionary<Measure, Tally>>> PeriodAsync(TableClient table, string prefix,
        IReadOnlyList<string> months, CancellationToken ct, IEnumerable<string>? partitions = null)
    {
        var sums = new Dictionary<string, Dictionary<Measure, Tally>>();
        if (months.Count == 0) return sums;
        var (first, last) = (prefix + months.Min(StringComparer.Ordinal)!, prefix + months.Max(StringComparer.Ordinal)!);
        var wanted = months.Select(m => prefix + m).ToHashSet(StringComparer.Ordinal);
        var pages = partitions is null
            ? [await QueryAsync(table, TableClient.CreateQueryFilter($"RowKey ge {first} and RowKey le {last}"), ct)]
            : await Task.WhenAll(partitions.Distinct().SelectMany(p => wanted.Select(async key =>
                await table.GetEntityIfExistsAsync<TableEntity>(p, key, cancellationToken: ct) is { HasValue: true } found
                    ? [found.Value!] : new List<TableEntity>())));
        foreach (var row in pages.SelectMany(r => r))
        {
            if (!wanted.Contains(row.RowKey)) continue;
            var department = row.GetString(DepartmentColumn) ?? row.PartitionKey;
            if (!sums.TryGetValue(department, out var measures)) sums[department] = measures = [];
            foreach (var m in Enum.GetValues<Measure>())
                if (row.GetInt32($"{m}Of") is { } of)
                    measures[m] = measures.GetValueOrDefault(m) + new Tally(row.GetInt32($"{m}Met") ?? 0, of);
        }
        return sums;
    }

    private static async Task<List<TableEntity>> QueryAsync(TableClient table, string filter, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) rows.Add(row);
        return rows;
    }
}
