using System.Text.Json;

namespace GovFunctions.Platform.Storage;

/// <summary>
/// Every queue message the app writes. <see cref="Id"/> makes handling idempotent: a handler records the ids
/// it has handled in the same transaction as its change, so a second delivery changes nothing. A queue message holds at most
/// 64 KiB: data larger than <see cref="MessagePayloads.InlineChars"/> travels as a <see cref="Payload"/> reference instead.
/// </summary>
public sealed record QueueEnvelope(string Id, string Type, string Subject, DateTimeOffset CreatedAt, JsonElement? Data = null)
{
    /// <summary>Where <see cref="Data"/> waits when it was too large for the message (<see cref="MessagePayloads"/>).</summary>
    public string? Payload { get; init; }

    public static QueueEnvelope Create(string type, string subject, TimeProvider clock, object? data = null, string? id = null) =>
        new(id ?? Guid.NewGuid().ToString("N"), type, subject, clock.GetUtcNow(),
            data is null ? null : JsonSerializer.SerializeToElement(data, StoredJson.Options));

    public T DataAs<T>() => Data is { } d
        ? d.Deserialize<T>(Json.Options) ?? throw new InvalidDataException($"message {Id} has empty data")
        : throw new InvalidDataException($"message {Id} has no data");

    public string Serialize() => JsonSerializer.Serialize(this, StoredJson.Options);

    public static QueueEnvelope Parse(string body) =>
        JsonSerializer.Deserialize<QueueEnvelope>(body, Json.Options) ?? throw new InvalidDataException("empty queue message");
}

/// <summary>A message to put on a queue once the change that caused it is committed.</summary>
public sealed record OutboundMessage(string Queue, QueueEnvelope Envelope);

public interface IQueueSender
{
    Task SendAsync(string queue, string body, CancellationToken ct = default);
}

/// <summary>Writes to Azure Queue Storage in base64, the encoding the queue trigger reads by default.</summary>
public sealed class StorageQueueSender(StorageClients storage, ILogger<StorageQueueSender> log) : IQueueSender
{
    public async Task SendAsync(string queue, string body, CancellationToken ct = default)
    {
        var client = await storage.QueueAsync(queue);
        await client.SendMessageAsync(body, ct);
        Log.Enqueued(log, client.Name);
    }
}

internal static partial class Log
{
    [LoggerMessage(LogLevel.Debug, "Enqueued a message on {Queue}")]
    public static partial void Enqueued(ILogger logger, string queue);
}

/// <summary>What the timers log when a row they read leads nowhere: they drop it (an index row) or skip it, and go on.</summary>
public static partial class TimerLog
{
    [LoggerMessage(LogLevel.Warning, "{Table} row {Partition}/{Row} points at no record; dropped")]
    public static partial void Dangling(ILogger logger, string table, string partition, string row);

    [LoggerMessage(LogLevel.Warning, "{Timer}: {Table} record {Partition}/{Id} not changed ({Why}); the next run looks again")]
    public static partial void NotChanged(ILogger logger, string timer, string table, string partition, string id, string why);

    [LoggerMessage(LogLevel.Information, "{Timer}: {Changed} record(s) changed")]
    public static partial void Swept(ILogger logger, string timer, int changed);

    [LoggerMessage(LogLevel.Error, "{Table} row {Partition}/{Row} cannot be read; skipped")]
    public static partial void Unreadable(ILogger logger, Exception e, string table, string partition, string row);
}
