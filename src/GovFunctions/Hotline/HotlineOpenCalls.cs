using System.Collections.Immutable;
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
    /// within the window), in the order they were indexed: only those of its category and place are looked at, through the cache's
    /// index by place, read without its lock: every intake reads it, and a lock taken by every intake at once spins, and a
    /// walk over every open call cost a busy line (1,000 open calls) more than any other step of the intake (issue 15).
    /// </summary>
    public async Task<IReadOnlyList<HotlineCall>> CandidatesAsync(CallCategory category, string? location, DateTimeOffset receivedAt,
        TimeSpan window, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(location)) return [];
        List<HotlineCall>? candidates = null;
        foreach (var c in (await CachedAsync(ct)).At(category, location))
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
        _cache?.Put(slim);
    }

    public async Task RemoveAsync(HotlineCall call, CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.HotlineOpen);
        try { await table.DeleteEntityAsync(call.Category.ToString(), call.Id, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
        _cache?.Remove(call.Id);
    }

    /// <summary>
    /// The index in memory: changed under its lock; read without it, through an immutable map from category and place (its
    /// whitespace left out, as <see cref="HotlineRules.MayBeSameIssue"/> compares places) to the calls there in the order they
    /// were indexed (by time received, when loaded), published anew by each change, and a list of every call made again on the
    /// first read after a change.
    /// </summary>
    private sealed class Cache
    {
        private readonly Dictionary<string, HotlineCall> _calls;
        private ImmutableDictionary<(CallCategory, string), ImmutableList<HotlineCall>> _byPlace;
        private HotlineCall[]? _snapshot;

        public Cache(Dictionary<string, HotlineCall> calls, DateTimeOffset loadedAt)
        {
            (_calls, LoadedAt) = (calls, loadedAt);
            _byPlace = calls.Values.GroupBy(PlaceOf).ToImmutableDictionary(g => g.Key, g => g.OrderBy(c => c.ReceivedAt).ToImmutableList());
        }

        public DateTimeOffset LoadedAt { get; }

        public IReadOnlyList<HotlineCall> At(CallCategory category, string location) =>
            Volatile.Read(ref _byPlace).TryGetValue((category, Place(location)), out var calls) ? calls : [];

        public HotlineCall[] Snapshot()
        {
            if (Volatile.Read(ref _snapshot) is { } snapshot) return snapshot;
            lock (_calls) return _snapshot ??= [.. _calls.Values];
        }

        public void Put(HotlineCall call) => Change(call.Id, call);

        public void Remove(string id) => Change(id, null);

        private void Change(string id, HotlineCall? call)
        {
            lock (_calls)
            {
                var byPlace = _byPlace;
                if (_calls.Remove(id, out var old)) byPlace = Without(byPlace, old);
                if (call is not null)
                {
                    _calls[id] = call;
                    var place = PlaceOf(call);
                    byPlace = byPlace.SetItem(place, byPlace.GetValueOrDefault(place, []).Add(call));
                }
                Volatile.Write(ref _byPlace, byPlace);
                Volatile.Write(ref _snapshot, null);
            }
        }

        private static ImmutableDictionary<(CallCategory, string), ImmutableList<HotlineCall>> Without(
            ImmutableDictionary<(CallCategory, string), ImmutableList<HotlineCall>> byPlace, HotlineCall call)
        {
            var place = PlaceOf(call);
            if (!byPlace.TryGetValue(place, out var calls)) return byPlace;
            var left = calls.RemoveAll(c => c.Id == call.Id);
            return left.IsEmpty ? byPlace.Remove(place) : byPlace.SetItem(place, left);
        }

        private static (CallCategory, string) PlaceOf(HotlineCall call) => (call.Category, Place(call.Location));

        /// <summary>A place as the same-issue rule compares it: without its whitespace.</summary>
        private static string Place(string? location)
        {
            if (string.IsNullOrEmpty(location)) return "";
            foreach (var c in location)
                if (char.IsWhiteSpace(c)) return string.Concat(location.Where(ch => !char.IsWhiteSpace(ch)));
            return location;
        }
    }
}
