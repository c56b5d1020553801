using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using GovFunctions.Platform;
using GovFunctions.Platform.Storage;

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
    private (Dictionary<string, HotlineCall> Calls, DateTimeOffset LoadedAt)? _cache;

    public async Task<IReadOnlyList<HotlineCall>> CandidatesAsync(CallCategory category, DateTimeOffset since, CancellationToken ct) =>
        (await AllAsync(ct)).Where(c => c.Category == category && c.ReceivedAt >= since).ToList();

    public async Task<IReadOnlyList<HotlineCall>> AllAsync(CancellationToken ct)
    {
        if (_cache is { } c && clock.GetUtcNow() - c.LoadedAt < CacheFor) lock (c.Calls) return c.Calls.Values.ToList();
        await _loading.WaitAsync(ct);
        try
        {
            if (_cache is { } again && clock.GetUtcNow() - again.LoadedAt < CacheFor) lock (again.Calls) return again.Calls.Values.ToList();
            var table = await storage.TableAsync(Tables.HotlineOpen);
            var calls = new Dictionary<string, HotlineCall>();
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: ct))
                calls[row.RowKey] = StoredJson.Get<HotlineCall>(row, "Json");
            var list = calls.Values.ToList();
            _cache = (calls, clock.GetUtcNow());
            return list;
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
        if (_cache is { } c) lock (c.Calls) c.Calls[call.Id] = slim;
    }

    public async Task RemoveAsync(HotlineCall call, CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.HotlineOpen);
        try { await table.DeleteEntityAsync(call.Category.ToString(), call.Id, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
        if (_cache is { } c) lock (c.Calls) c.Calls.Remove(call.Id);
    }
}
