using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace GovFunctions.Platform.Storage;

/// <summary>
/// Keeps queue messages small. A queue message holds at most 64 KiB (base64 of UTF-8), but an approval's request carries
/// the texts it asks about (a decision's summary, a reconsideration's proposal): data larger than <see cref="InlineChars"/>
/// is written to the <c>Payloads</c> table before the message's outbox intent, and the message carries only its reference;
/// the handler's side reads it back. Rows are kept per day (PartitionKey = UTC date) and dropped after
/// <see cref="KeepFor"/>, longer than a queue keeps a message.
/// </summary>
public sealed partial class MessagePayloads(StorageClients storage, TimeProvider clock, ILogger<MessagePayloads> log)
{
    public const int InlineChars = 8 * 1024;
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(8);

    /// <summary>The messages as they may be enqueued: any with large data now names its payload row.</summary>
    public async Task<IReadOnlyList<OutboundMessage>> OffloadAsync(IReadOnlyList<OutboundMessage> messages, CancellationToken ct = default)
    {
        if (!messages.Any(IsLarge)) return messages;
        var table = await storage.TableAsync(Tables.Payloads);
        var result = new List<OutboundMessage>(messages.Count);
        foreach (var m in messages)
        {
            if (!IsLarge(m)) { result.Add(m); continue; }
            var row = new TableEntity($"{clock.GetUtcNow():yyyyMMdd}", m.Envelope.Id);
            StoredJson.Write(row, "Data", StoredJson.Pack(JsonSerializer.Serialize(m.Envelope.Data, StoredJson.Options), 1)[0]);
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
            result.Add(m with { Envelope = m.Envelope with { Data = null, Payload = $"{row.PartitionKey}|{row.RowKey}" } });
        }
        return result;
    }

    /// <summary>The message with its data in place.</summary>
    public async Task<QueueEnvelope> ResolveAsync(QueueEnvelope message, CancellationToken ct = default)
    {
        if (message.Payload?.Split('|') is not [var partition, var rowKey]) return message;
        var table = await storage.TableAsync(Tables.Payloads);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: ct);
        if (!row.HasValue) throw new InvalidDataException($"message {message.Id}: payload {message.Payload} not found");
        using var data = JsonDocument.Parse(StoredJson.Read(row.Value!, "Data"));
        return message with { Data = data.RootElement.Clone(), Payload = null };
    }

    /// <summary>Drops the payloads of days older than <see cref="KeepFor"/>.</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.Payloads);
        var before = $"{clock.GetUtcNow() - KeepFor:yyyyMMdd}";
        var dropped = 0;
        var old = TableClient.CreateQueryFilter($"PartitionKey lt {before}");
        await foreach (var row in table.QueryAsync<TableEntity>(old, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            try { await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct); }
            catch (RequestFailedException e) when (e.Status == 404) { }
            dropped++;
        }
        if (dropped > 0) LogPruned(dropped);
        return dropped;
    }

    private static bool IsLarge(OutboundMessage m) => m.Envelope.Data is { } d && d.GetRawText().Length > InlineChars;

    [LoggerMessage(LogLevel.Information, "Dropped {Count} message payload(s) past their keeping time")]
    private partial void LogPruned(int count);
}
