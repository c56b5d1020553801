using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace GovFunctions.Hotline;

/// <summary>
/// The counter rows of the hotline: one per key ("all" and each department) in each call partition (a day and a shard),
/// changed in the same transaction as the call whose state changed. This process keeps the rows it last wrote with their
/// ETags, so a change costs no extra read; a row changed elsewhere fails the transaction (412) and is read again.
/// A month's figures are a sum of counter rows — one point read per day, shard and key — never a scan of the calls.
/// </summary>
public sealed class HotlineCounters(StorageClients storage, TimeProvider clock)
{
    public const string RowPrefix = "counters|";
    private readonly ConcurrentDictionary<(string Partition, string Key), (ETag ETag, CallCounts Counts)> _known = new();

    /// <summary>Transaction actions applying <paramref name="delta"/> to the partition's counter rows.</summary>
    public async Task<IReadOnlyList<(string Key, TableTransactionAction Action, CallCounts After)>> ActionsAsync(
        string partition, IReadOnlyDictionary<string, CallCounts> delta, CancellationToken ct)
    {
        var actions = new List<(string, TableTransactionAction, CallCounts)>();
        foreach (var (key, change) in delta)
        {
            var (etag, counts) = _known.TryGetValue((partition, key), out var known) ? known : await ReadAsync(partition, key, ct);
            var after = counts + change;
            var row = ToRow(partition, key, after);
            actions.Add((key, etag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, etag), after));
        }
        return actions;
    }

    public void Committed(string partition, IReadOnlyList<(string Key, CallCounts After)> rows, IReadOnlyList<ETag> etags)
    {
        if (etags.Count != rows.Count) { Forget(partition); return; } // storage's answer was lost: read the rows again next time
        for (var i = 0; i < rows.Count; i++) _known[(partition, rows[i].Key)] = (etags[i], rows[i].After);
    }

    public void Forget(string partition) { foreach (var k in _known.Keys.Where(k => k.Partition == partition)) _known.TryRemove(k, out _); }

    /// <summary>The figures of the calls received in a month (China Standard Time), for one key.</summary>
    public async Task<CallCounts> MonthAsync(int year, int month, int shards, string key = CallCounts.All, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        var partitions = PartitionsOf(year, month, shards, ChinaTime.Today(clock));
        var total = CallCounts.Zero;
        var gate = new object();
        await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (p, token) =>
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(p, RowPrefix + key, cancellationToken: token);
            if (!row.HasValue) return;
            var counts = FromRow(row.Value!);
            lock (gate) total += counts;
        });
        return total;
    }

    /// <summary>A month's figures under every key at once ("all" and each department).</summary>
    public Task<IReadOnlyDictionary<string, CallCounts>> MonthByKeyAsync(int year, int month, int shards, CancellationToken ct = default) =>
        RangeByKeyAsync(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), shards, ct);

    /// <summary>The figures of the calls received from one day to another (inclusive) under every key: one query per day and shard.</summary>
    public async Task<IReadOnlyDictionary<string, CallCounts>> RangeByKeyAsync(DateOnly first, DateOnly last, int shards, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        var totals = new Dictionary<string, CallCounts>();
        var gate = new object();
        await Parallel.ForEachAsync(PartitionsOf(first, last, shards, ChinaTime.Today(clock)),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (p, token) =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {p} and RowKey ge {RowPrefix} and RowKey lt {RowPrefix + "~"}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: token))
            {
                var key = row.RowKey[RowPrefix.Length..];
                var counts = FromRow(row);
                lock (gate) totals[key] = totals.GetValueOrDefault(key, CallCounts.Zero) + counts;
            }
        });
        return totals;
    }

    /// <summary>
    /// The call partitions of a month (days × shards), up to tomorrow: no call is received later than a few minutes from now
    /// (<see cref="HotlineRules.Validate"/>), so the days after hold nothing to read.
    /// </summary>
    public static IEnumerable<string> PartitionsOf(int year, int month, int shards, DateOnly today) =>
        PartitionsOf(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), shards, today);

    public static IEnumerable<string> PartitionsOf(DateOnly first, DateOnly last, int shards, DateOnly today)
    {
        var end = last < today.AddDays(1) ? last : today.AddDays(1);
        return Enumerable.Range(0, Math.Max(0, end.DayNumber - first.DayNumber + 1))
            .SelectMany(d => Enumerable.Range(0, shards).Select(s => HotlineIds.Partition(first.AddDays(d), s)));
    }

    private async Task<(ETag, CallCounts)> ReadAsync(string partition, string key, CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowPrefix + key, cancellationToken: ct);
        return row.HasValue ? (row.Value!.ETag, FromRow(row.Value)) : (default, CallCounts.Zero);
    }

    private static TableEntity ToRow(string partition, string key, CallCounts counts)
    {
        var row = new TableEntity(partition, RowPrefix + key);
        var values = counts.ToArray();
        for (var i = 0; i < CallCounts.Names.Length; i++) row[CallCounts.Names[i]] = values[i];
        return row;
    }

    private static CallCounts FromRow(TableEntity row) =>
        CallCounts.FromArray(CallCounts.Names.Select(n => row.GetInt64(n) ?? 0).ToArray());
}

/// <summary>
/// Call ids carry their partition: <c>{yyyyMMdd}-{shard}-{random}</c>, the day being the day the call came in (Beijing).
/// Spreading each day over shards keeps any one partition far below Table Storage's per-partition limits even for a
/// city-size 12345 line.
/// </summary>
public static partial class HotlineIds
{
    public static string Partition(DateOnly day, int shard) => $"{day:yyyyMMdd}-{shard:D2}";

    public static string New(DateTimeOffset receivedAt, int shard) =>
        $"{Partition(ChinaTime.DateOf(receivedAt), shard)}-{Ids.Random(4)}";

    /// <summary>The call's key; an id not of the form <c>{yyyyMMdd}-{shard}-{8 hex}</c> gives a key no record has (404).</summary>
    public static RecordKey KeyOf(string id) =>
        IdPattern().IsMatch(id ?? "") ? new(id![..11], id) : new("", id ?? "");

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{8}-[0-9]{2}-[0-9a-f]{8}$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();
}
