using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace GovFunctions.Platform.Storage;

/// <summary>
/// Closes the gap between a table write and the queue messages it causes.
/// <list type="number">
/// <item>Before the change is committed, an <em>intent</em> naming the messages is written to the small
/// <c>Outbox</c> table, and the change's history row (its <em>witness</em>) carries the intent's id (the commit id).</item>
/// <item>The change is committed in one entity-group transaction.</item>
/// <item>The messages are enqueued and the intent deleted.</item>
/// </list>
/// If the process dies, or the queue refuses, between 2 and 3, <see cref="SweepAsync"/> (a timer) finds the
/// intent, sees the witness committed, and enqueues the messages. An intent whose witness never appeared was a
/// change that failed; it is dropped. Messages carry ids and every handler is idempotent, so a message sent by
/// both the writer and the sweeper is handled once in effect. The Outbox table only ever holds work in flight,
/// so sweeping it is cheap at any scale.
/// </summary>
public sealed partial class Outbox(StorageClients storage, IQueueSender sender, MessagePayloads payloads, TimeProvider clock,
    ILogger<Outbox> log)
{
    /// <summary>The app's one clock, which also times the history rows of the changes committed through the outbox.</summary>
    public TimeProvider Clock => clock;

    /// <summary>The id every commit writes on its witness (history) row; an intent's id is its commit's id.</summary>
    public const string WitnessProperty = "CommitId";

    /// <summary>Intents younger than this are left to their writer.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    /// <summary>An intent without a witness after this long belongs to a change that never committed.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromMinutes(15);

    /// <returns>
    /// The storage responses of the transaction's actions, in order; null when the transaction committed but its answer was
    /// lost (the client's retry of a committed batch then answers 409 or 412), which the witness row proves.
    /// </returns>
    public async Task<IReadOnlyList<Response>?> CommitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions,
        TableEntity witness, IReadOnlyList<OutboundMessage> messages, CancellationToken ct = default)
    {
        var commitId = Guid.NewGuid().ToString("N");
        witness[WitnessProperty] = commitId;
        TableEntity? intent = null;
        if (messages.Count > 0)
        {
            messages = await payloads.OffloadAsync(messages, ct);
            intent = new TableEntity(commitId[..1], commitId)
            {
                ["Table"] = table.Name,
                ["RecordPartition"] = witness.PartitionKey,
                ["WitnessRowKey"] = witness.RowKey,
                ["CreatedAt"] = clock.GetUtcNow(),
            };
            StoredJson.Put(intent, "Messages", messages);
            await (await storage.TableAsync(Tables.Outbox)).AddEntityAsync(intent, ct);
        }

        IReadOnlyList<Response>? responses;
        try
        {
            responses = (await table.SubmitTransactionAsync(actions, ct)).Value;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            if (!await CommittedAsync(table, witness, commitId)) throw;
            responses = null;
        }
        // Any other failure leaves the intent behind: the sweeper routes it if the change committed after all, and drops
        // it once it is clear that the change never did.
        if (intent is not null) await TryDispatchAsync(await storage.TableAsync(Tables.Outbox), intent, messages, ct);
        return responses;
    }

    private static async Task<bool> CommittedAsync(TableClient table, TableEntity witness, string commitId)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(witness.PartitionKey, witness.RowKey, [WitnessProperty]);
        return row.HasValue && row.Value!.GetString(WitnessProperty) == commitId;
    }

    /// <summary>Routes what was committed but not yet enqueued; drops intents of changes that never committed.</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken ct = default)
    {
        var outbox = await storage.TableAsync(Tables.Outbox);
        var now = clock.GetUtcNow();
        int dispatched = 0, abandoned = 0, waiting = 0;
        await foreach (var intent in outbox.QueryAsync<TableEntity>(cancellationToken: ct))
        {
            var age = now - (intent.GetDateTimeOffset("CreatedAt") ?? intent.Timestamp ?? now);
            if (age < Grace) { waiting++; continue; }
            try
            {
                if (await WitnessedAsync(intent, ct))
                {
                    if (await TryDispatchAsync(outbox, intent, StoredJson.Get<List<OutboundMessage>>(intent, "Messages"), ct)) dispatched++;
                    else waiting++;
                    continue;
                }
            }
            catch (Exception e) when (e is InvalidDataException or JsonException or RequestFailedException or ArgumentException)
            {
                LogUnreadable(e, intent.RowKey); // never stops the sweep; dropped once abandoned, like an intent that never committed
            }
            if (age > AbandonAfter)
            {
                await DeleteIntentAsync(outbox, intent, ct);
                LogAbandoned(intent.RowKey, intent.GetString("Table"), intent.GetString("RecordPartition"));
                abandoned++;
            }
            else waiting++;
        }
        if (dispatched + abandoned > 0) LogSwept(dispatched, abandoned, waiting);
        return new SweepResult(dispatched, abandoned, waiting);
    }

    private async Task<bool> WitnessedAsync(TableEntity intent, CancellationToken ct)
    {
        var (tableName, partition, rowKey) =
            (intent.GetString("Table"), intent.GetString("RecordPartition"), intent.GetString("WitnessRowKey"));
        if (tableName is null || partition is null || rowKey is null) return false;
        var witness = await storage.TableService.GetTableClient(tableName)
            .GetEntityIfExistsAsync<TableEntity>(partition, rowKey, [WitnessProperty], ct);
        return witness.HasValue && witness.Value!.GetString(WitnessProperty) == intent.RowKey;
    }

    private async Task<bool> TryDispatchAsync(TableClient outbox, TableEntity intent, IReadOnlyList<OutboundMessage> messages, CancellationToken ct)
    {
        try
        {
            foreach (var m in messages) await sender.SendAsync(m.Queue, m.Envelope.Serialize(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDispatchFailed(e, intent.RowKey);
            return false;
        }
        await DeleteIntentAsync(outbox, intent, ct);
        return true;
    }

    private static async Task DeleteIntentAsync(TableClient outbox, TableEntity intent, CancellationToken ct)
    {
        try { await outbox.DeleteEntityAsync(intent.PartitionKey, intent.RowKey, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    [LoggerMessage(LogLevel.Warning, "Outbox intent {IntentId} committed but not enqueued; the sweeper will route it")]
    private partial void LogDispatchFailed(Exception e, string intentId);

    [LoggerMessage(LogLevel.Error, "Outbox intent {IntentId} cannot be read or routed")]
    private partial void LogUnreadable(Exception e, string intentId);

    [LoggerMessage(LogLevel.Warning, "Outbox intent {IntentId} for {Table}/{Partition} never committed; dropped")]
    private partial void LogAbandoned(string intentId, string? table, string? partition);

    [LoggerMessage(LogLevel.Information, "Outbox sweep: {Dispatched} routed late, {Abandoned} dropped, {Waiting} waiting")]
    private partial void LogSwept(int dispatched, int abandoned, int waiting);
}

public sealed record SweepResult(int Dispatched, int Abandoned, int Waiting);
