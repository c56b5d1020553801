using Azure;
using Azure.Data.Tables;
using GovFunctions.Platform.Routing;

namespace GovFunctions.Reports;

/// <summary>
/// The small indexes the reports read instead of a feature's records (duty logs, decisions): rows kept in step with a record
/// by a sync after every change (an outbox message, so a crash between the record and the index heals on its retry). A
/// record's rows go in month partitions (<c>yyyyMM</c>, China Standard Time: what happened when) and in one partition of
/// what is open now; a sync puts the rows the record gives and deletes the ones it no longer gives.
/// </summary>
public static class ReportIndex
{
    public const string Open = "open";

    /// <summary>The month partition of a moment.</summary>
    public static string MonthOf(DateTimeOffset at) => $"{at.ToChina():yyyyMM}";

    /// <summary>The month partitions a span touches.</summary>
    public static IEnumerable<string> Months(DateTimeOffset start, DateTimeOffset end)
    {
        var first = ChinaTime.DateOf(start);
        var last = ChinaTime.DateOf(end);
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= last; m = m.AddMonths(1)) yield return $"{m:yyyyMM}";
    }

    /// <summary>Makes the index hold <paramref name="present"/> (replaced whole) and not <paramref name="absent"/> (idempotent).</summary>
    public static async Task SyncAsync(TableClient table, IEnumerable<TableEntity> present,
        IEnumerable<(string Partition, string Row)> absent, CancellationToken ct)
    {
        foreach (var row in present) await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
        foreach (var (partition, row) in absent)
        {
            try { await table.DeleteEntityAsync(partition, row, ETag.All, ct); }
            catch (RequestFailedException e) when (e.Status == 404) { } // not there: what was asked
        }
    }

    /// <summary>The rows of some partitions (one query each).</summary>
    public static async Task<IReadOnlyList<TableEntity>> RowsAsync(TableClient table, IEnumerable<string> partitions, CancellationToken ct)
    {
        var rows = new List<TableEntity>();
        foreach (var p in partitions)
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {p}"),
                cancellationToken: ct))
                rows.Add(row);
        return rows;
    }
}

/// <summary>
/// A report index's queue side: the sync message of one family of routing types (<c>{family}.sync</c>, subject = the record's
/// id), sent through the outbox after every change of a record, handled by making the index say what the record says.
/// </summary>
public abstract class ReportIndexSync(string family) : IQueueHandler
{
    public string TypePrefix => family + ".";

    public Task HandleAsync(QueueEnvelope message, CancellationToken ct) => message.Type == family + ".sync"
        ? SyncAsync(message.Subject, ct)
        : throw new InvalidDataException($"unknown {family} message type {message.Type}");

    /// <summary>The sync message of a family for one record.</summary>
    protected static OutboundMessage Message(string family, string id, TimeProvider clock) =>
        new(Queues.ApprovalRouting, QueueEnvelope.Create(family + ".sync", id, clock));

    /// <summary>Makes the index hold what the record with this id gives (idempotent: a redelivery writes the same rows).</summary>
    protected abstract Task SyncAsync(string id, CancellationToken ct);
}
