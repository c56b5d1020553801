namespace GovFunctions.Hotline;

/// <summary>
/// This process's lock on each shard of a day's calls (section <c>Hotline:Shards</c>), so the counter rows it caches
/// (<see cref="HotlineCounters"/>) stay current: a change of a call holds its shard's lock; a new call takes whichever shard is free.
/// </summary>
public sealed partial class HotlineShards(IOptions<HotlineOptions> options, ILogger<HotlineShards> log)
{
    /// <summary>Times a new call is tried again, in another shard, after a conflict with another process (412).</summary>
    public const int ConflictRetries = 8;

    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, options.Value.Shards).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>The shard a call's key names; null for a key no call of this line can have.</summary>
    public int? ShardOf(RecordKey key) =>
        key.IsValid && int.TryParse(key.Partition[^2..], out var shard) && shard < _locks.Length ? shard : null;

    /// <summary>Work for a new call, in a free shard; a conflict from another process is retried with fresh counters.</summary>
    public async Task<T> InFreeShardAsync<T>(Func<int, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var shard = await TakeFreeShardAsync(ct);
            try
            {
                return await work(shard);
            }
            catch (StateConflictException) when (attempt < ConflictRetries)
            {
                LogConflict(attempt + 1);
            }
            finally
            {
                _locks[shard].Release();
            }
        }
    }

    /// <summary>
    /// Takes the lock of a free shard, trying each from a random one without waiting (so two new calls never queue on one shard
    /// while another is free); only when every shard is busy does it wait, for the random one.
    /// </summary>
    private async Task<int> TakeFreeShardAsync(CancellationToken ct)
    {
        var start = Random.Shared.Next(_locks.Length);
        for (var i = 0; i < _locks.Length; i++)
        {
            var shard = (start + i) % _locks.Length;
            if (_locks[shard].Wait(0, CancellationToken.None)) return shard;
        }
        await _locks[start].WaitAsync(ct);
        return start;
    }

    /// <summary>Work on one shard, holding its lock.</summary>
    public async Task<T> InShardAsync<T>(int shard, Func<Task<T>> work, CancellationToken ct)
    {
        await _locks[shard].WaitAsync(ct);
        try
        {
            return await work();
        }
        finally
        {
            _locks[shard].Release();
        }
    }

    [LoggerMessage(4001, LogLevel.Information, "Hotline change conflicted with another writer; attempt {Attempt} follows")]
    private partial void LogConflict(int attempt);
}
