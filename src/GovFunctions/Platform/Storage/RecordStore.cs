using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using GovFunctions.Records;

namespace GovFunctions.Platform.Storage;

/// <summary>Where a record lives: its partition, and its id within it (often the same).</summary>
public sealed record RecordKey(string Partition, string Id)
{
    public static RecordKey Own(string id) => new(id, id);

    public bool IsValid => RecordStore.IsValidKey(Partition) && RecordStore.IsValidKey(Id);
}

/// <summary>A record as read from storage, with the ETag any update of it must carry.</summary>
public sealed record Stored<T>(RecordKey Key, T Value, ETag ETag, int Version)
{
    public string Id => Key.Id;

    /// <summary>After a commit: the new ETags of the caller's extra rows, in the order given (empty when storage's answer was lost).</summary>
    public IReadOnlyList<ETag> ExtraETags { get; init; } = [];

    /// <summary>The hash of the record's newest history row (<see cref="HistoryChain"/>); null for a record written before the chain.</summary>
    public string? HistoryHash { get; init; }

    /// <summary>The rows after the record row that hold the rest of its JSON (a large record, see <see cref="StoredJson"/>).</summary>
    public int Parts { get; init; }
}

public static class RecordStore
{
    /// <summary>Keys come from URLs; refuse what Table Storage cannot hold as a key instead of failing with a 400 from storage.</summary>
    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 200 && !key.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c));

    public static string RecordRow(string id) => $"{id}|record";

    public static string HistoryPrefix(string id) => $"{id}|history|";

    public static string HistoryRow(string id, int version) => $"{HistoryPrefix(id)}{version:D6}";

    /// <summary>A row that continues a large record's JSON (<see cref="StoredJson"/>).</summary>
    public static string PartRow(string id, int part) => $"{id}|record|part|{part}";
}

/// <summary>
/// Records of one kind in one table. A record's rows share its partition: the record row (JSON), its immutable
/// history rows, and the ids of queue messages already handled for it; a partition may hold several records
/// (e.g. one person's leave requests). Every change is one entity-group transaction: record (guarded by its
/// ETag) + history row + handled-message marker + the caller's extra actions in the same partition + any
/// outbound messages (via the <see cref="Outbox"/>). A concurrent change surfaces as
/// <see cref="StateConflictException"/> (HTTP 409). A record whose JSON exceeds one row continues in part rows
/// (<c>{id}|record|part|1</c>, …) written in the same transaction and stamped with its version.
/// </summary>
public sealed partial class RecordStore<T>(StorageClients storage, Outbox outbox, string tableName)
{
    /// <summary>A history line names what happened; a long text it quotes is cut there and kept whole in the record.</summary>
    public const int MaxReasonChars = 4000;

    private static string RecordRow(string id) => RecordStore.RecordRow(id);
    private static string PartRow(string id, int part) => RecordStore.PartRow(id, part);
    private static string HistoryPrefix(string id) => RecordStore.HistoryPrefix(id);
    private static string HandledRow(string id, string messageId) => $"{id}|handled|{messageId}";

    public Task<TableClient> TableAsync() => storage.TableAsync(tableName);

    /// <summary>
    /// Rows kept in step with the record, upserted in the same transaction as every change of it (e.g. the submitter's
    /// "my records" row, <c>Me/MyRecords</c>); they live in the record's partition.
    /// </summary>
    public Func<RecordKey, T, IEnumerable<TableEntity>>? RowsOf { get; init; }

    public async Task<Stored<T>?> FindAsync(RecordKey key, CancellationToken ct = default)
    {
        if (!key.IsValid) return null;
        var table = await TableAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(key.Partition, RecordRow(key.Id), cancellationToken: ct);
        return row.HasValue ? await ToStoredAsync(table, key, row.Value!, ct) : null;
    }

    public async Task<Stored<T>> GetAsync(RecordKey key, CancellationToken ct = default) =>
        await FindAsync(key, ct) ?? throw new NotFoundException(Bilingual.Text($"记录 {key.Id} 不存在", $"record {key.Id} not found"));

    /// <summary>Every record in one partition (e.g. all of one person's requests).</summary>
    public async Task<IReadOnlyList<Stored<T>>> InPartitionAsync(string partition, CancellationToken ct = default)
    {
        var table = await TableAsync();
        var records = new List<Stored<T>>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: ct))
            if (row.RowKey.EndsWith("|record", StringComparison.Ordinal))
                records.Add(await ToStoredAsync(table, new RecordKey(partition, row.RowKey[..^"|record".Length]), row, ct));
        return records;
    }

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(RecordKey key, CancellationToken ct = default)
    {
        var table = await TableAsync();
        var prefix = HistoryPrefix(key.Id);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {key.Partition} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var entries = new List<HistoryEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            entries.Add(new HistoryEntry(row.GetDateTimeOffset("At")!.Value, row.GetString("ActorId"), row.GetString("ActorName"),
                row.GetString("FromState"), row.GetString("ToState"), row.GetString("Reason")));
        return entries;
    }

    public async Task<bool> WasHandledAsync(RecordKey key, string messageId, CancellationToken ct = default)
    {
        var table = await TableAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(key.Partition, HandledRow(key.Id, messageId), ["PartitionKey"], ct);
        return row.HasValue;
    }

    /// <summary>The storage primitive under the pipeline: features create through <c>CreateAsync(key, transition, actor)</c>.</summary>
    public Task<Stored<T>> CreateAsync(RecordKey key, T value, HistoryEntry history,
        IReadOnlyList<OutboundMessage>? messages = null, string? handledMessageId = null,
        IEnumerable<TableTransactionAction>? extra = null, CancellationToken ct = default) =>
        CommitAsync(key, null, value, history, messages, handledMessageId, extra, ct);

    /// <summary>The storage primitive under <see cref="ApplyAsync(RecordKey, Actor, Func{Stored{T}, Transition{T}?}, string?, Func{Stored{T}, Transition{T}, Task{IEnumerable{TableTransactionAction}}}?, CancellationToken)"/>:
    /// one commit, no retry; features change records through the pipeline (an architecture test keeps it so).</summary>
    /// <param name="handledMessageId">The queue message this change handles: marked in the same transaction,
    /// so a second delivery finds it handled and a concurrent one fails with a conflict.</param>
    /// <param name="extra">Further actions in the record's partition, committed with it (e.g. a ledger row guarded by its own ETag).</param>
    public Task<Stored<T>> UpdateAsync(Stored<T> current, T value, HistoryEntry history,
        IReadOnlyList<OutboundMessage>? messages = null, string? handledMessageId = null,
        IEnumerable<TableTransactionAction>? extra = null, CancellationToken ct = default) =>
        CommitAsync(current.Key, current, value, history, messages, handledMessageId, extra, ct);

    private async Task<Stored<T>> CommitAsync(RecordKey key, Stored<T>? current, T value, HistoryEntry history,
        IReadOnlyList<OutboundMessage>? messages, string? handledMessageId, IEnumerable<TableTransactionAction>? extra, CancellationToken ct)
    {
        if (!key.IsValid) throw new ArgumentException($"'{key}' cannot be a table key", nameof(key));
        var table = await TableAsync();
        var version = (current?.Version ?? 0) + 1;
        // Serialized once, as UTF-8: the record's hash is taken over those bytes (what HistoryChain.Sha256 of the text hashes).
        var utf8 = StoredJson.SerializeToUtf8Bytes(value);
        var json = Encoding.UTF8.GetString(utf8);
        history = history with { Reason = StoredJson.Clip(history.Reason, MaxReasonChars) };
        var recordHash = Convert.ToHexStringLower(SHA256.HashData(utf8));
        var prevHash = current?.HistoryHash ?? "";
        var hash = HistoryChain.HashOf(key.Partition, key.Id, version, history, recordHash, prevHash);
        var record = new TableEntity(key.Partition, RecordRow(key.Id))
        {
            ["Version"] = version,
            ["State"] = history.ToState,
            [HistoryChain.HeadProperty] = hash,
        };
        var rows = StoredJson.Pack(json, StoredJson.MaxRows);
        StoredJson.Write(record, "Json", rows[0]);
        record["Parts"] = rows.Count - 1;
        var witness = new TableEntity(key.Partition, RecordStore.HistoryRow(key.Id, version))
        {
            [HistoryChain.SeqProperty] = version,
            [HistoryChain.PrevHashProperty] = prevHash,
            [HistoryChain.RecordHashProperty] = recordHash,
            [HistoryChain.HashProperty] = hash,
            ["At"] = history.At,
            ["ActorId"] = history.ActorId,
            ["ActorName"] = history.ActorName,
            ["FromState"] = history.FromState,
            ["ToState"] = history.ToState,
            ["Reason"] = history.Reason,
        };
        var actions = new List<TableTransactionAction>
        {
            current is null
                ? new(TableTransactionActionType.Add, record)
                : new(TableTransactionActionType.UpdateReplace, record, current.ETag),
            new(TableTransactionActionType.Add, witness),
        };
        if (handledMessageId is not null)
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(key.Partition, HandledRow(key.Id, handledMessageId))));
        for (var part = 1; part < Math.Max(rows.Count, (current?.Parts ?? 0) + 1); part++)
        {
            var partRow = new TableEntity(key.Partition, PartRow(key.Id, part)) { ["Version"] = version };
            if (part < rows.Count) StoredJson.Write(partRow, "Json", rows[part]);
            actions.Add(part < rows.Count
                ? new(TableTransactionActionType.UpsertReplace, partRow)
                : new(TableTransactionActionType.Delete, partRow, ETag.All));
        }
        foreach (var derived in RowsOf?.Invoke(key, value) ?? [])
        {
            if (derived.PartitionKey != key.Partition) throw new ArgumentException("derived rows must live in the record's partition");
            actions.Add(new(TableTransactionActionType.UpsertReplace, derived));
        }
        var extraActions = extra?.ToList() ?? [];
        foreach (var action in extraActions)
        {
            if (action.Entity.PartitionKey != key.Partition) throw new ArgumentException("extra rows must live in the record's partition");
            actions.Add(action);
        }

        IReadOnlyList<Response>? responses;
        try
        {
            responses = await outbox.CommitAsync(table, actions, witness, messages ?? [], ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var recordFailed = e is not TableTransactionFailedException { FailedTransactionActionIndex: > 0 };
            throw new StateConflictException(current is null && recordFailed
                ? Bilingual.Text($"记录 {key.Id} 已存在", $"record {key.Id} already exists")
                : Bilingual.Text("该记录已被他人修改或已处理，请刷新后重试", "the record was changed by someone else; reload and try again"));
        }

        if (responses is null) // committed, but the answer was lost: read the new ETag back
            return new Stored<T>(key, value,
                (await table.GetEntityAsync<TableEntity>(key.Partition, RecordRow(key.Id), ["Version"], ct)).Value.ETag, version)
            {
                Parts = rows.Count - 1,
                HistoryHash = hash,
            };
        var extraCount = extraActions.Count;
        return new Stored<T>(key, value, responses[0].Headers.ETag ?? throw new InvalidOperationException("storage returned no ETag"), version)
        {
            ExtraETags = responses.Skip(responses.Count - extraCount).Select(r => r.Headers.ETag ?? default).ToList(),
            Parts = rows.Count - 1,
            HistoryHash = hash,
        };
    }

    /// <summary>The record from its row and part rows; a part of another version means a change landed between the reads:
    /// read again.</summary>
    private async Task<Stored<T>> ToStoredAsync(TableClient table, RecordKey key, TableEntity row, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (version, parts) = (row.GetInt32("Version") ?? 1, row.GetInt32("Parts") ?? 0);
            var json = new StringBuilder(StoredJson.Read(row, "Json"));
            for (var part = 1; part <= parts; part++)
            {
                var next = await table.GetEntityIfExistsAsync<TableEntity>(key.Partition, PartRow(key.Id, part), cancellationToken: ct);
                if (!next.HasValue || next.Value!.GetInt32("Version") != version) { json = null; break; }
                json.Append(StoredJson.Read(next.Value, "Json"));
            }
            if (json is not null)
                return new(key, StoredJson.Deserialize<T>(json.ToString()), row.ETag, version)
                {
                    Parts = parts, HistoryHash = row.GetString(HistoryChain.HeadProperty),
                };
            if (attempt == 3) throw new StateConflictException(Bilingual.Text("记录正在被修改，请稍后重试", "the record is being changed; try again"));
            row = (await table.GetEntityAsync<TableEntity>(key.Partition, RecordRow(key.Id), cancellationToken: ct)).Value;
        }
    }
}
