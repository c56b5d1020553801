using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace GovFunctions.Hotline;

/// <summary>
/// The counter row of the hotline: one per call partition (a day and a shard), changed in the same transaction as the call
/// whose state changed. Each key ("all" and each department) is one column of the row (<see cref="CallCounts"/> and
/// <see cref="CallFigures"/> as one list of numbers), and each same-issue cluster of the partition one more (its category,
/// place, department at intake, and the repeat calls linked to it, 第三十七条). A change merges only the columns it moves.
/// This process keeps the rows it last wrote with their ETags, so a change costs no extra read; a row changed elsewhere
/// fails the transaction (412) and is read again.
/// A period's figures are a sum of counter rows — one point read per day and shard — never a query: Table Storage answers a
/// point read from its index, and a query (on the emulator, on every partition) by reading rows.
/// </summary>
public sealed partial class HotlineCounters(StorageClients storage, TimeProvider clock, ILogger<HotlineCounters> log)
{
    /// <summary>The counter row's key in each call partition (no call row's key is a bare word).</summary>
    public const string RowKey = "counters";

    private const string KeyColumn = "K_";
    private const string ClusterColumn = "L_";
    private const string OverflowColumn = "LinksNotClustered";

    /// <summary>
    /// Cluster columns a row holds at most: an entity has 252 properties at most, three of them the system's, and each key of
    /// the organization needs one. A repeat call whose cluster finds no room is counted in <see cref="OverflowColumn"/> (and
    /// logged), and its call is recorded all the same.
    /// </summary>
    public const int MaxClusterColumns = 180;

    private readonly ConcurrentDictionary<string, PartitionCounters> _known = new();

    /// <summary>
    /// The transaction action applying <paramref name="delta"/> to the partition's counter row, with the <see cref="CallFigures"/>
    /// the call moves from <paramref name="before"/> to <paramref name="after"/> and, for a new call linked to the same issue,
    /// one more repeat call in its cluster; none when nothing moves.
    /// </summary>
    public async Task<IReadOnlyList<CounterAction>> ActionsAsync(string partition, IReadOnlyDictionary<string, CallCounts> delta,
        HotlineCall? before, HotlineCall after, CancellationToken ct)
    {
        var figures = CallFigures.Delta(before, after);
        var link = before is null ? ClusterLink.Of(after) : null;
        if (delta.Count == 0 && figures.Count == 0 && link is null) return [];
        var known = _known.TryGetValue(partition, out var k) ? k : await ReadAsync(partition, ct);

        var changed = new TableEntity(partition, RowKey);
        var keys = known.Keys;
        foreach (var key in delta.Keys.Union(figures.Keys))
        {
            var row = keys.GetValueOrDefault(key, CounterRow.Zero);
            var next = new CounterRow(row.Counts + delta.GetValueOrDefault(key, CallCounts.Zero),
                row.Figures + figures.GetValueOrDefault(key, CallFigures.Zero));
            keys = keys.SetItem(key, next);
            changed[ColumnOf(key)] = next.ToText();
        }
        var (clusters, overflow) = (known.Clusters, known.Overflow);
        if (link is not null)
        {
            var column = ColumnOf(link);
            if (clusters.TryGetValue(column, out var cluster) || clusters.Count < MaxClusterColumns)
            {
                var next = cluster is null
                    ? new ClusterCount(link.Category, link.Place, link.DepartmentId, 1)
                    : cluster with { Calls = cluster.Calls + 1 };
                clusters = clusters.SetItem(column, next);
                changed[column] = next.ToText();
            }
            else
            {
                changed[OverflowColumn] = ++overflow;
                LogClustersFull(partition, after.Id, MaxClusterColumns);
            }
        }
        var state = new PartitionCounters(default, keys, clusters, overflow);
        var action = known.ETag == default
            ? new TableTransactionAction(TableTransactionActionType.Add, state.ToRow(partition))
            : new TableTransactionAction(TableTransactionActionType.UpdateMerge, changed, known.ETag);
        return [new CounterAction(action, state)];
    }

    /// <summary>After the commit: the row written, with its new ETag, is what this process knows of it.</summary>
    public void Committed(string partition, IReadOnlyList<CounterAction> rows, IReadOnlyList<ETag> etags)
    {
        if (rows.Count == 0) return;
        if (etags.Count != rows.Count) { Forget(partition); return; } // storage's answer was lost: read the row again next time
        _known[partition] = rows[^1].After with { ETag = etags[^1] };
    }

    public void Forget(string partition) => _known.TryRemove(partition, out _);

    /// <summary>The figures of the calls received in a month (China Standard Time), for one key: its column of each row.</summary>
    public async Task<CallCounts> MonthAsync(int year, int month, int shards, string key = CallCounts.All, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        var column = ColumnOf(key);
        var total = CallCounts.Zero;
        var gate = new object();
        await Parallel.ForEachAsync(PartitionsOf(year, month, shards, ChinaTime.Today(clock)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct }, async (p, token) =>
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(p, RowKey, [column], token);
            if (!row.HasValue || row.Value!.GetString(column) is not { } text) return;
            var counts = CounterRow.Parse(text).Counts;
            lock (gate) total += counts;
        });
        return total;
    }

    /// <summary>A month's figures under every key at once ("all" and each department).</summary>
    public Task<IReadOnlyDictionary<string, CallCounts>> MonthByKeyAsync(int year, int month, int shards, CancellationToken ct = default) =>
        RangeByKeyAsync(new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1).AddDays(-1), shards, ct);

    /// <summary>The figures of the calls received from one day to another (inclusive) under every key.</summary>
    public async Task<IReadOnlyDictionary<string, CallCounts>> RangeByKeyAsync(DateOnly first, DateOnly last, int shards,
        CancellationToken ct = default) =>
        (await PeriodAsync(first, last, shards, ct)).Counts;

    /// <summary>
    /// Everything the counter rows hold for the calls received from one day to another (inclusive): the counts and figures under
    /// every key and the same-issue clusters — one point read per day and shard.
    /// </summary>
    public async Task<HotlinePeriod> PeriodAsync(DateOnly first, DateOnly last, int shards, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        var counts = new Dictionary<string, CallCounts>();
        var figures = new Dictionary<string, CallFigures>();
        var clusters = new Dictionary<(CallCategory, string, string?), long>();
        long overflow = 0;
        var gate = new object();
        await Parallel.ForEachAsync(PartitionsOf(first, last, shards, ChinaTime.Today(clock)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct }, async (p, token) =>
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(p, RowKey, cancellationToken: token);
            if (!row.HasValue) return;
            var found = PartitionCounters.FromRow(row.Value!);
            lock (gate)
            {
                foreach (var (key, r) in found.Keys)
                {
                    counts[key] = counts.GetValueOrDefault(key, CallCounts.Zero) + r.Counts;
                    figures[key] = figures.GetValueOrDefault(key, CallFigures.Zero) + r.Figures;
                }
                foreach (var c in found.Clusters.Values)
                {
                    var name = (c.Category, c.Place, c.DepartmentId);
                    clusters[name] = clusters.GetValueOrDefault(name) + c.Calls;
                }
                overflow += found.Overflow;
            }
        });
        return new HotlinePeriod(counts, figures,
            clusters.Select(c => new ClusterCount(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value))
                .OrderBy(c => c.Category).ThenBy(c => c.Place, StringComparer.Ordinal).ThenBy(c => c.DepartmentId, StringComparer.Ordinal)
                .ToList(),
            overflow);
    }

    /// <summary>Point reads at once.</summary>
    private const int ParallelReads = 32;

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

    private async Task<PartitionCounters> ReadAsync(string partition, CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: ct);
        return row.HasValue ? PartitionCounters.FromRow(row.Value!) : PartitionCounters.Empty;
    }

    /// <summary>A key's column: <c>K_</c> and the key, each character not a letter or digit written <c>_</c> and 4 hex digits.</summary>
    public static string ColumnOf(string key)
    {
        var name = new StringBuilder(KeyColumn, KeyColumn.Length + key.Length);
        foreach (var c in key)
            if (char.IsAsciiLetterOrDigit(c)) name.Append(c);
            else name.Append('_').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        return name.ToString();
    }

    /// <summary>The key a column names (<see cref="ColumnOf(string)"/>), or null for a column that is not a key's.</summary>
    public static string? KeyOf(string column)
    {
        if (!column.StartsWith(KeyColumn, StringComparison.Ordinal)) return null;
        var key = new StringBuilder(column.Length);
        for (var i = KeyColumn.Length; i < column.Length; i++)
            if (column[i] != '_') key.Append(column[i]);
            else if (i + 4 < column.Length
                && int.TryParse(column.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var c))
            {
                key.Append((char)c);
                i += 4;
            }
            else return null;
        return key.ToString();
    }

    /// <summary>A cluster's column: <c>L_</c> and 16 hex digits of the SHA-256 of its category, place and department.</summary>
    public static string ColumnOf(ClusterLink link) => ClusterColumn + Convert.ToHexStringLower(
        SHA256.HashData(Encoding.UTF8.GetBytes($"{link.Category}\n{link.Place}\n{link.DepartmentId}")).AsSpan(0, 8));

    [LoggerMessage(4060, LogLevel.Warning,
        "Counter row {Partition} holds {Max} same-issue clusters: call {CallId}'s repeat is counted without its cluster")]
    private partial void LogClustersFull(string partition, string callId, int max);

    internal static bool IsClusterColumn(string column) => column.StartsWith(ClusterColumn, StringComparison.Ordinal);

    internal const string Overflow = OverflowColumn;
}
