using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace GovFunctions.Hotline;

/// <summary>
/// The counter rows of the hotline: one per key ("all" and each department) in each call partition (a day and a shard),
/// changed in the same transaction as the call whose state changed. This process keeps the rows it last wrote with their
/// ETags, so a change costs no extra read; a row changed elsewhere fails the transaction (412) and is read again.
/// A month's figures are a sum of counter rows — one point read per day, shard and key — never a scan of the calls.
/// Beside <see cref="CallCounts"/> the same rows carry <see cref="CallFigures"/> (calls by category, overdue now), and a new
/// call linked to the same issue adds one link row (<see cref="LinkPrefix"/>) to its transaction: the issue clusters of a
/// period are counted from those rows, read by the same per-partition query as the counters.
/// </summary>
public sealed class HotlineCounters(StorageClients storage, TimeProvider clock)
{
    public const string RowPrefix = "counters|";

    /// <summary>A link row's key starts so (after every counter key, so <see cref="RangeByKeyAsync"/>'s range leaves them out).</summary>
    public const string LinkPrefix = RowPrefix + "~link|";

    private readonly ConcurrentDictionary<(string Partition, string Key), (ETag ETag, CounterRow Row)> _known = new();

    /// <summary>
    /// Transaction actions applying <paramref name="delta"/> to the partition's counter rows, with the <see cref="CallFigures"/>
    /// the call moves from <paramref name="before"/> to <paramref name="after"/>; a new call linked to the same issue adds its
    /// link row (an insert: no read, no ETag).
    /// </summary>
    public async Task<IReadOnlyList<CounterAction>> ActionsAsync(string partition, IReadOnlyDictionary<string, CallCounts> delta,
        HotlineCall? before, HotlineCall after, CancellationToken ct)
    {
        var figures = CallFigures.Delta(before, after);
        var actions = new List<CounterAction>();
        foreach (var key in delta.Keys.Union(figures.Keys))
        {
            var (etag, row) = _known.TryGetValue((partition, key), out var known) ? known : await ReadAsync(partition, key, ct);
            var next = new CounterRow(row.Counts + delta.GetValueOrDefault(key, CallCounts.Zero),
                row.Figures + figures.GetValueOrDefault(key, CallFigures.Zero));
            var entity = ToRow(partition, key, next);
            actions.Add(new(key, etag == default
                ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag), next));
        }
        if (before is null && ClusterLink.Of(after) is { } link)
            actions.Add(new(link.RowKey, new TableTransactionAction(TableTransactionActionType.Add, link.ToRow(partition)), null));
        return actions;
    }

    /// <summary>After the commit: the rows written, with their new ETags, are what this process knows of them.</summary>
    public void Committed(string partition, IReadOnlyList<CounterAction> rows, IReadOnlyList<ETag> etags)
    {
        if (etags.Count != rows.Count) { Forget(partition); return; } // storage's answer was lost: read the rows again next time
        for (var i = 0; i < rows.Count; i++)
            if (rows[i].After is { } after) _known[(partition, rows[i].Key)] = (etags[i], after);
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
    public async Task<IReadOnlyDictionary<string, CallCounts>> RangeByKeyAsync(DateOnly first, DateOnly last, int shards,
        CancellationToken ct = default) =>
        (await PeriodAsync(first, last, shards, links: false, ct)).Counts;

    /// <summary>
    /// Everything the counter rows hold for the calls received from one day to another (inclusive): the counts and figures under
    /// every key and, with <paramref name="links"/>, the same-issue link rows — one query per day and shard, as for the counts.
    /// </summary>
    public async Task<HotlinePeriod> PeriodAsync(DateOnly first, DateOnly last, int shards, bool links = true,
        CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        var counts = new Dictionary<string, CallCounts>();
        var figures = new Dictionary<string, CallFigures>();
        var found = new List<ClusterLink>();
        var gate = new object();
        var end = links ? LinkPrefix + "~" : RowPrefix + "~";
        await Parallel.ForEachAsync(PartitionsOf(first, last, shards, ChinaTime.Today(clock)),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (p, token) =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {p} and RowKey ge {RowPrefix} and RowKey lt {end}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: token))
            {
                if (row.RowKey.StartsWith(LinkPrefix, StringComparison.Ordinal))
                {
                    var link = ClusterLink.FromRow(row);
                    lock (gate) found.Add(link);
                    continue;
                }
                var key = row.RowKey[RowPrefix.Length..];
                var (c, f) = (FromRow(row), CallFigures.FromRow(row));
                lock (gate)
                {
                    counts[key] = counts.GetValueOrDefault(key, CallCounts.Zero) + c;
                    figures[key] = figures.GetValueOrDefault(key, CallFigures.Zero) + f;
                }
            }
        });
        return new HotlinePeriod(counts, figures, found);
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

    private async Task<(ETag, CounterRow)> ReadAsync(string partition, string key, CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowPrefix + key, cancellationToken: ct);
        return row.HasValue
            ? (row.Value!.ETag, new CounterRow(FromRow(row.Value), CallFigures.FromRow(row.Value)))
            : (default, CounterRow.Zero);
    }

    private static TableEntity ToRow(string partition, string key, CounterRow counter)
    {
        var row = new TableEntity(partition, RowPrefix + key);
        var values = counter.Counts.ToArray();
        for (var i = 0; i < CallCounts.Names.Length; i++) row[CallCounts.Names[i]] = values[i];
        counter.Figures.WriteTo(row);
        return row;
    }

    private static CallCounts FromRow(TableEntity row) =>
        CallCounts.FromArray(CallCounts.Names.Select(n => row.GetInt64(n) ?? 0).ToArray());
}

/// <summary>One counter action of a call's transaction: the row's key, the action, and the row after it (null for a link row).</summary>
public sealed record CounterAction(string Key, TableTransactionAction Action, CounterRow? After);

/// <summary>What one counter row holds: the call counts and the further figures.</summary>
public sealed record CounterRow(CallCounts Counts, CallFigures Figures)
{
    public static readonly CounterRow Zero = new(CallCounts.Zero, CallFigures.Zero);
}

/// <summary>The counter rows of a period: counts and figures under every key ("all" and each department), and the link rows.</summary>
public sealed record HotlinePeriod(
    IReadOnlyDictionary<string, CallCounts> Counts, IReadOnlyDictionary<string, CallFigures> Figures, IReadOnlyList<ClusterLink> Links);

/// <summary>
/// The figures the counter rows carry beside <see cref="CallCounts"/>, kept the same way (a call adds what its current state
/// gives, a change applies the difference): the calls received in each category, and the calls overdue now — assigned, not
/// yet replied, and reminded of their deadline this round (Art. 32).
/// </summary>
public sealed record CallFigures(IReadOnlyList<long> ByCategory, long OverdueNow)
{
    private static readonly CallCategory[] Categories = Enum.GetValues<CallCategory>();

    public static readonly CallFigures Zero = new(new long[Categories.Length], 0);

    public long Received(CallCategory category) => ByCategory[(int)category];

    /// <summary>The figures one call gives, under the keys its counts go to ("all", and its department once it has one).</summary>
    public static IEnumerable<(string Key, CallFigures Figures)> Of(HotlineCall? call)
    {
        if (call is null) yield break;
        var byCategory = new long[Categories.Length];
        byCategory[(int)call.Category] = 1;
        var f = new CallFigures(byCategory, IsOverdueNow(call) ? 1 : 0);
        yield return (CallCounts.All, f);
        if (call.DepartmentId is not null) yield return (call.DepartmentId, f);
    }

    public static bool IsOverdueNow(HotlineCall call) => call.Status == CallStatus.Assigned && call.OverdueRemindedAt is not null;

    /// <summary>The change to each row's figures when a call goes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyDictionary<string, CallFigures> Delta(HotlineCall? before, HotlineCall after)
    {
        var delta = new Dictionary<string, CallFigures>();
        foreach (var (key, f) in Of(after)) delta[key] = delta.GetValueOrDefault(key, Zero) + f;
        foreach (var (key, f) in Of(before)) delta[key] = delta.GetValueOrDefault(key, Zero) - f;
        return delta.Where(d => !d.Value.IsZero).ToDictionary();
    }

    public bool IsZero => OverdueNow == 0 && ByCategory.All(v => v == 0);

    public static CallFigures operator +(CallFigures a, CallFigures b) =>
        new(a.ByCategory.Zip(b.ByCategory, (x, y) => x + y).ToArray(), a.OverdueNow + b.OverdueNow);

    public static CallFigures operator -(CallFigures a, CallFigures b) =>
        new(a.ByCategory.Zip(b.ByCategory, (x, y) => x - y).ToArray(), a.OverdueNow - b.OverdueNow);

    public void WriteTo(TableEntity row)
    {
        foreach (var c in Categories) row[ColumnOf(c)] = ByCategory[(int)c];
        row[nameof(OverdueNow)] = OverdueNow;
    }

    public static CallFigures FromRow(TableEntity row) =>
        new(Categories.Select(c => row.GetInt64(ColumnOf(c)) ?? 0).ToArray(), row.GetInt64(nameof(OverdueNow)) ?? 0);

    private static string ColumnOf(CallCategory c) => "Received" + c;
}

/// <summary>
/// A call linked to the same issue as open calls when it came in (第三十七条, 同一问题): a repeat call. Same-issue calls share
/// their category and place (<see cref="HotlineRules.IsSameIssue"/>), so a cluster is named by those two (the place without
/// its whitespace, as the rule compares it); the row keeps the new call's department at intake. A cluster's size in a period
/// is the number of its link rows there: the repeat calls, the first call not counted.
/// </summary>
public sealed record ClusterLink(string CallId, CallCategory Category, string Place, string? DepartmentId)
{
    public string RowKey => HotlineCounters.LinkPrefix + CallId;

    public static ClusterLink? Of(HotlineCall call) => call.LinkedCallIds.Count == 0 ? null
        : new(call.Id, call.Category, PlaceOf(call.Location), call.DepartmentId);

    /// <summary>A place as the same-issue rule compares it: without whitespace.</summary>
    public static string PlaceOf(string? location) => string.Concat((location ?? "").Where(c => !char.IsWhiteSpace(c)));

    public TableEntity ToRow(string partition) => new(partition, RowKey)
    {
        ["CallId"] = CallId,
        ["Category"] = Category.ToString(),
        ["Place"] = Place,
        ["DepartmentId"] = DepartmentId,
    };

    public static ClusterLink FromRow(TableEntity row) => new(row.GetString("CallId"), Enum.Parse<CallCategory>(row.GetString("Category")),
        row.GetString("Place"), row.GetString("DepartmentId"));
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
