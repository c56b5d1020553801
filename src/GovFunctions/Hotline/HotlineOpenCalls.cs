using Azure;
using Azure.Data.Tables;

namespace GovFunctions.Hotline;

/// <summary>
/// The calls still open, for linking a new call to the same issue and for chasing deadlines: a small table (PartitionKey =
/// category, RowKey = call id) holding what the comparison needs, read into memory for a minute at a time. Only open
/// calls are here, so it stays small whatever the volume of the line; a closed call found here is removed.
/// </summary>
public sealed class HotlineOpenCalls(StorageClients storage, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Cache? _cache;

    /// <summary>
    /// The open calls a new call may be the same issue as (<see cref="HotlineRules.MayBeSameIssue"/>: same category and place,
    /// within the window), in the index's order: only those copied out of the cache, for the text comparison. Read from the
    /// cache's snapshot without its lock: every intake reads it, and a lock taken by every intake at once spins (issue 15).
    /// </summary>
    public async Task<IReadOnlyList<HotlineCall>> CandidatesAsync(CallCategory category, string? location, DateTimeOffset receivedAt,
        TimeSpan window, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(location)) return [];
        List<HotlineCall>? candidates = null;
        foreach (var c in (await CachedAsync(ct)).Snapshot())
            if (HotlineRules.MayBeSameIssue(c, category, location, receivedAt, window)) (candidates ??= []).Add(c);
        return candidates ?? (IReadOnlyList<HotlineCall>)[];
    }

    public async Task<IReadOnlyList<HotlineCall>> AllAsync(CancellationToken ct) => [.. (await CachedAsync(ct)).Snapshot()];

    /// <summary>The cached index, loaded again once it is a minute old.</summary>
    private async Task<Cache> CachedAsync(CancellationToken ct)
    {
        if (_cache is { } c && clock.GetUtcNow() - c.LoadedAt < CacheFor) return c;
        await _loading.WaitAsync(ct);
        try
        {
            if (_cache is { } again && clock.GetUtcNow() - again.LoadedAt < CacheFor) return again;
            var table = await storage.TableAsync(Tables.HotlineOpen);
            var calls = new Dictionary<string, HotlineCall>();
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: ct))
                calls[row.RowKey] = StoredJson.Get<HotlineCall>(row, "Json");
            return _cache = new Cache(calls, clock.GetUtcNow());
        }
        finally { _loading.Release(); }
    }

    public async Task AddAsync(HotlineCall call, CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.HotlineOpen);
        var slim = call with { Answer = null, Reply = null, CallerName = "", CallerPhone = "" }; // no personal data in the index
        var row = new TableEntity(call.Category.ToString(), call.Id);
        StoredJson.Put(row, "Json", slim);
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
        _cache?.Change(calls => calls[call.Id] = slim);
    }

    public async Task RemoveAsync(HotlineCall call, CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.HotlineOpen);
        try { await table.DeleteEntityAsync(call.Category.ToString(), call.Id, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
        _cache?.Change(calls => calls.Remove(call.Id));
    }

    /// <summary>
    /// The index in memory: changed under its lock, read through a snapshot (the calls in the dictionary's order) made again
    /// on the first read after a change, so reads between changes take no lock.
    /// </summary>
    private sealed class Cache(Dictionary<string, HotlineCall> calls, DateTimeOffset loadedAt)
    {
        private HotlineCall[]? _snapshot;

        public DateTimeOffset LoadedAt { get; } = loadedAt;

        public HotlineCall[] Snapshot()
        {
            if (Volatile.Read(ref _snapshot) is { } snapshot) return snapshot;
            lock (calls) return _snapshot ??= [.. calls.Values];
        }

        public void Change(Action<Dictionary<string, HotlineCall>> change)
        {
            lock (calls)
            {
                change(calls);
                Volatile.Write(ref _snapshot, null);
            }
        }
    }
}
