using Azure.Data.Tables;

namespace GovFunctions.Hotline;

/// <summary>What the hotline's pages and reports read: a call and its history, a month's figures, the accountability list.</summary>
public sealed class HotlineQueries(HotlineCallStore calls, HotlineCounters counters, AccountabilityList accountability,
    IOptions<HotlineOptions> options)
{
    public HotlineOptions Options { get; } = options.Value;

    public RecordStore<HotlineCall> Store => calls.Store;

    public Task<Stored<HotlineCall>> GetAsync(string id, CancellationToken ct = default) => calls.GetAsync(id, ct);

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => calls.HistoryAsync(id, ct);

    /// <summary>A month's figures from the counter rows, for all calls or one department.</summary>
    public Task<CallCounts> MonthFiguresAsync(int year, int month, string key = CallCounts.All, CancellationToken ct = default) =>
        counters.MonthAsync(year, month, Options.Shards, key, ct);

    public Task<IReadOnlyList<TableEntity>> AccountabilityListAsync(int year, int month, CancellationToken ct = default) =>
        accountability.MonthAsync(year, month, ct);
}
