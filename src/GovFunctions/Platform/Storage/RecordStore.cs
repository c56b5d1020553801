using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using GovFunctions.Common;

namespace GovFunctions.Platform.Storage;

/// <summary>A record as read from storage, with the ETag any update of it must carry.</summary>
public sealed record Stored<T>(string Id, T Value, ETag ETag, int Version);

/// <summary>
/// Records of one kind in one table, one partition per record: the record row (JSON), its immutable history
/// rows, and the ids of queue messages already handled for it. Every change is one entity-group transaction:
/// record (guarded by its ETag) + history row + handled-message marker + any outbound messages (via the
/// <see cref="Outbox"/>). A concurrent change surfaces as <see cref="StateConflictException"/> (HTTP 409).
/// </summary>
public sealed class RecordStore<T>(StorageClients storage, Outbox outbox, string tableName)
{
    private const string RecordRow = "record";
    private const string HistoryPrefix = "history|";
    private const string HandledPrefix = "handled|";

    public Task<TableClient> TableAsync() => storage.TableAsync(tableName);

    public async Task<Stored<T>?> FindAsync(string id, CancellationToken ct = default)
    {
        if (!IsValidKey(id)) return null;
        var table = await TableAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(id, RecordRow, cancellationToken: ct);
        return row.HasValue ? ToStored(row.Value!) : null;
    }

    public async Task<Stored<T>> GetAsync(string id, CancellationToken ct = default) =>
        await FindAsync(id, ct) ?? throw new NotFoundException(Bilingual.Text($"记录 {id} 不存在", $"record {id} not found"));

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default)
    {
        var table = await TableAsync();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {id} and RowKey ge {HistoryPrefix} and RowKey lt {HistoryPrefix + "~"}");
        var entries = new List<HistoryEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            entries.Add(new HistoryEntry(row.GetDateTimeOffset("At")!.Value, row.GetString("ActorId"), row.GetString("ActorName"),
                row.GetString("FromState"), row.GetString("ToState"), row.GetString("Reason")));
        return entries;
    }

    public async Task<bool> WasHandledAsync(string id, string messageId, CancellationToken ct = default)
    {
        var table = await TableAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(id, HandledPrefix + messageId, ["PartitionKey"], ct);
        return row.HasValue;
    }

    public Task<Stored<T>> CreateAsync(string id, T value, HistoryEntry history,
        IReadOnlyList<OutboundMessage>? messages = null, IEnumerable<ITableEntity>? extraRows = null, CancellationToken ct = default) =>
        CommitAsync(id, null, value, history, messages, null, extraRows, ct);

    /// <param name="handledMessageId">The queue message this change handles: marked in the same transaction,
    /// so a second delivery finds it handled and a concurrent one fails with a conflict.</param>
    public Task<Stored<T>> UpdateAsync(Stored<T> current, T value, HistoryEntry history,
        IReadOnlyList<OutboundMessage>? messages = null, string? handledMessageId = null,
        IEnumerable<ITableEntity>? extraRows = null, CancellationToken ct = default) =>
        CommitAsync(current.Id, current, value, history, messages, handledMessageId, extraRows, ct);

    private async Task<Stored<T>> CommitAsync(string id, Stored<T>? current, T value, HistoryEntry history,
        IReadOnlyList<OutboundMessage>? messages, string? handledMessageId, IEnumerable<ITableEntity>? extraRows, CancellationToken ct)
    {
        if (!IsValidKey(id)) throw new ArgumentException($"'{id}' cannot be a partition key", nameof(id));
        var table = await TableAsync();
        var version = (current?.Version ?? 0) + 1;
        var record = new TableEntity(id, RecordRow)
        {
            ["Json"] = JsonSerializer.Serialize(value, Json.Options),
            ["Version"] = version,
            ["State"] = history.ToState,
        };
        var witness = new TableEntity(id, $"{HistoryPrefix}{version:D6}")
        {
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
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(id, HandledPrefix + handledMessageId)));
        foreach (var row in extraRows ?? [])
        {
            if (row.PartitionKey != id) throw new ArgumentException("extra rows must live in the record's partition");
            actions.Add(new(TableTransactionActionType.UpsertReplace, row));
        }

        IReadOnlyList<Response> responses;
        try
        {
            responses = await outbox.CommitAsync(table, actions, witness, messages ?? [], ct);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            throw new StateConflictException(current is null
                ? Bilingual.Text($"记录 {id} 已存在", $"record {id} already exists")
                : Bilingual.Text("该记录已被他人修改或已处理，请刷新后重试", "the record was changed by someone else; reload and try again"));
        }

        return new Stored<T>(id, value, responses[0].Headers.ETag ?? throw new InvalidOperationException("storage returned no ETag"), version);
    }

    private static Stored<T> ToStored(TableEntity row) =>
        new(row.PartitionKey, JsonSerializer.Deserialize<T>(row.GetString("Json"), Json.Options)!, row.ETag, row.GetInt32("Version") ?? 1);

    /// <summary>Keys come from URLs; refuse what Table Storage cannot hold as a key instead of failing with a 400 from storage.</summary>
    public static bool IsValidKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 200 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
