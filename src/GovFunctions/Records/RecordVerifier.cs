using System.Globalization;
using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Hotline;
using GovFunctions.Leave;

namespace GovFunctions.Records;

/// <summary>
/// A kind of record kept by a <see cref="RecordStore{T}"/>: its name in <c>/records/verify?kind=</c>, its table, its key.
/// </summary>
public sealed record RecordKind(string Name, string Table, Func<string, RecordKey> KeyOf);

/// <summary>The answer of <c>GET /api/records/verify</c> (API.md), and one line of <c>GovFunctions verify</c>.</summary>
public sealed record RecordVerification(string Kind, string Id, ChainState State, int Rows, IReadOnlyList<BrokenRow> Broken);

public sealed record VerifySummary(int Records, int Intact, int Unchained, int Tampered);

/// <summary>Reads records' rows back from their tables and checks their history chains (<see cref="HistoryChain"/>).</summary>
public sealed partial class RecordVerifier(StorageClients storage, ILogger<RecordVerifier> log)
{
    public static readonly IReadOnlyList<RecordKind> Kinds =
    [
        new("leave", Tables.LeaveRequests, LeaveService.KeyOf),
        new("hotline", Tables.HotlineCalls, HotlineIds.KeyOf),
        new("duty", Tables.DutyLogs, DutyService.KeyOf),
        new("decision", Tables.Decisions, DecisionService.KeyOf),
        new("normativeDocument", Tables.NormativeDocuments, RecordKey.Own),
        new("reconsideration", Tables.Reconsiderations, RecordKey.Own),
        new("approval", Tables.Approvals, ApprovalEngine.KeyOf),
        new("supervision", Tables.SupervisedItems, Supervision.SupervisionService.KeyOf),
    ];

    public static RecordKind KindNamed(string? name) =>
        Kinds.FirstOrDefault(k => k.Name == name) ?? throw ValidationException.For("kind",
            $"记录类型必须是 {string.Join("、", Kinds.Select(k => k.Name))} 之一",
            $"kind must be one of {string.Join(", ", Kinds.Select(k => k.Name))}");

    /// <summary>One line of <c>GovFunctions verify</c> for a broken record.</summary>
    public static string Describe(RecordVerification v) =>
        $"{v.Kind} {v.Id}: {v.State.ToString().ToLowerInvariant()}, "
            + string.Join("; ", v.Broken.Select(b => $"{b.Row} {b.Problem.ToString().ToLowerInvariant()}"));

    /// <summary>One record's chain; null when the record has no rows at all.</summary>
    public async Task<RecordVerification?> VerifyAsync(RecordKind kind, string id, CancellationToken ct = default)
    {
        var key = kind.KeyOf(id);
        if (!key.IsValid) return null;
        var table = await storage.TableAsync(kind.Table);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {key.Partition} and RowKey ge {id + "|"} and RowKey lt {id + "|~"}");
        var group = new RecordRows(key.Partition, id);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) group.Add(row);
        return group.IsRecord ? group.Verify(kind.Name) : null;
    }

    /// <summary>Every record of every kind; <paramref name="onBroken"/> hears of each record whose chain is broken.</summary>
    public async Task<VerifySummary> VerifyAllAsync(Action<RecordVerification> onBroken, CancellationToken ct = default)
    {
        int records = 0, intact = 0, unchained = 0, tampered = 0;
        foreach (var kind in Kinds)
        {
            var table = await storage.TableAsync(kind.Table);
            RecordRows? group = null;
            void Close()
            {
                if (group is not { IsRecord: true }) return;
                var result = group.Verify(kind.Name);
                records++;
                switch (result.State)
                {
                    case ChainState.Intact: intact++; break;
                    case ChainState.Unchained: unchained++; break;
                    default: tampered++; onBroken(result); break;
                }
            }
            // Rows come in key order, so a record's rows are contiguous and one record is held in memory at a time.
            await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: ct))
            {
                var id = row.RowKey.Split('|')[0];
                if (group is null || group.Partition != row.PartitionKey || group.Id != id)
                {
                    Close();
                    group = new RecordRows(row.PartitionKey, id);
                }
                group.Add(row);
            }
            Close();
        }
        LogVerified(records, intact, unchained, tampered);
        return new VerifySummary(records, intact, unchained, tampered);
    }

    /// <summary>The record row and history rows of one record, as read.</summary>
    private sealed class RecordRows(string partition, string id)
    {
        private readonly List<HistoryChain.Row> _history = [];
        private readonly SortedDictionary<int, string> _parts = [];
        private TableEntity? _record;

        public string Partition => partition;
        public string Id => id;
        public bool IsRecord => _record is not null || _history.Count > 0;

        public void Add(TableEntity row)
        {
            var partPrefix = RecordStore.PartRow(id, 0)[..^1];
            if (row.RowKey == RecordStore.RecordRow(id))
                _record = row;
            else if (row.RowKey.StartsWith(partPrefix, StringComparison.Ordinal)
                && int.TryParse(row.RowKey.AsSpan(partPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var part))
                _parts[part] = StoredJson.Read(row, "Json");
            else if (row.RowKey.StartsWith(RecordStore.HistoryPrefix(id), StringComparison.Ordinal))
                _history.Add(new(row.RowKey, PositionOf(row.RowKey),
                    new HistoryEntry(row.GetDateTimeOffset("At") ?? default, row.GetString("ActorId"), row.GetString("ActorName"),
                        row.GetString("FromState"), row.GetString("ToState"), row.GetString("Reason")),
                    row.GetInt32(HistoryChain.SeqProperty), row.GetString(HistoryChain.HashProperty),
                    row.GetString(HistoryChain.PrevHashProperty), row.GetString(HistoryChain.RecordHashProperty)));
        }

        /// <summary>A history row's place from its key; a row inserted under any other key has none (0), and breaks the chain.</summary>
        private int PositionOf(string rowKey) =>
            int.TryParse(rowKey.AsSpan(RecordStore.HistoryPrefix(id).Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? n : 0;

        /// <summary>The record row with its whole JSON: the row's own part and the part rows it names, in order.</summary>
        private HistoryChain.Head? Head() => _record is not { } r ? null : new(r.RowKey, r.GetInt32("Version") ?? 0,
            StoredJson.Read(r, "Json") + string.Concat(_parts.Where(p => p.Key <= (r.GetInt32("Parts") ?? 0)).Select(p => p.Value)),
            r.GetString(HistoryChain.HeadProperty));

        public RecordVerification Verify(string kind)
        {
            var report = HistoryChain.Verify(partition, id, Head(), _history, v => RecordStore.HistoryRow(id, v));
            return new RecordVerification(kind, id, report.State, report.Rows, report.Broken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Verified {Records} records: {Intact} intact, {Unchained} unchained, {Tampered} tampered")]
    private partial void LogVerified(int records, int intact, int unchained, int tampered);
}
