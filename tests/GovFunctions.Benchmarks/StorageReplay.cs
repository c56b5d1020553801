using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using MailKit.Net.Smtp;
using MimeKit;

namespace GovFunctions.Benchmarks;

/// <summary>
/// A floor that is a floor: the storage requests a pipeline sent (<see cref="StorageLog"/>) sent again, directly with the SDK
/// clients, in the same order and at the same concurrency — the same transactions with the same number of entities and
/// bytes, the same point reads, queries, single writes and deletes, the same queue sends, receives (asking for as many
/// messages) and deletes — and the same number of SMTP sends on the app's pool of connections, beside them.
/// It runs on emulators of its own, spread over as many tables and queues as the pipeline uses.
/// </summary>
public sealed class StorageReplay(string storage, string prefix, int smtpPort)
{
    private const int Partitions = 64, RowsPerPartition = 4;
    private readonly TableServiceClient _tables = new(storage);
    private readonly QueueServiceClient _queues = new(storage, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    private readonly List<TableClient> _tableSet = [];
    private readonly List<QueueClient> _queueSet = [];
    private readonly ConcurrentQueue<(QueueClient Queue, string Id, string Receipt)> _received = new();
    private readonly ConcurrentQueue<(TableClient Table, string Partition, string Row)> _written = new();
    private long _sequence;

    private int _extra;

    /// <summary>Receives the replay added because a delete came before its message was received.</summary>
    public int ExtraRequests => Volatile.Read(ref _extra);

    /// <summary>Creates the tables and queues and the rows the reads find, outside any measurement.</summary>
    public async Task PrepareAsync(int tables = 6, int queues = 2)
    {
        for (var t = 0; t < tables; t++)
        {
            var table = _tables.GetTableClient($"{prefix}Floor{t}");
            await table.CreateIfNotExistsAsync();
            _tableSet.Add(table);
            for (var p = t; p < Partitions; p += tables)
                await table.SubmitTransactionAsync(Enumerable.Range(0, RowsPerPartition).Select(r =>
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row($"p{p}", $"r{r}", 1200))));
        }
        for (var q = 0; q < queues; q++)
        {
            var queue = _queues.GetQueueClient($"{prefix}floor{q}".ToLowerInvariant());
            await queue.CreateIfNotExistsAsync();
            _queueSet.Add(queue);
        }
    }

    /// <summary>Sends the requests again, <paramref name="lanes"/> at a time, and the mails beside them.</summary>
    /// <returns>How long the storage requests took, and how long the mails.</returns>
    public async Task<(TimeSpan Storage, TimeSpan Mail)> ReplayAsync(IReadOnlyList<StorageRequest> requests, int lanes, int mails)
    {
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = lanes };
        var storageWork = Parallel.ForEachAsync(Enumerable.Range(0, lanes), options, async (_, ct) =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests.Count; i = Interlocked.Increment(ref next))
                await SendAsync(requests[i], ct);
        });
        async Task<TimeSpan> Timed(Task work) { await work; return Stopwatch.GetElapsedTime(started); }
        var (storage, mail) = (Timed(storageWork), Timed(SmtpAsync(mails)));
        return (await storage, await mail);
    }

    private async Task SendAsync(StorageRequest request, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref _sequence);
        var table = _tableSet[(int)(n % _tableSet.Count)];
        var queue = _queueSet[(int)(n % _queueSet.Count)];
        switch (request.Op)
        {
            case StorageOp.PointRead:
                await table.GetEntityIfExistsAsync<TableEntity>(ReadPartition(table, n), $"r{n % RowsPerPartition}", cancellationToken: ct);
                break;
            case StorageOp.Query:
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ReadPartition(table, n)}");
                await foreach (var _ in table.QueryAsync<TableEntity>(filter, cancellationToken: ct)) { }
                break;
            case StorageOp.Transaction:
                var partition = $"t{n}";
                var size = (int)Math.Max(64, request.Bytes / Math.Max(1, request.Count) - 400);
                await table.SubmitTransactionAsync(Enumerable.Range(0, request.Count).Select(r =>
                    new TableTransactionAction(TableTransactionActionType.Add, Row(partition, $"r{r}", size))), ct);
                break;
            case StorageOp.EntityWrite:
                var row = Row($"w{n % 256}", $"r{n}", (int)Math.Max(64, request.Bytes - 300));
                await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
                _written.Enqueue((table, row.PartitionKey, row.RowKey));
                break;
            case StorageOp.EntityDelete:
                if (_written.TryDequeue(out var w)) await w.Table.DeleteEntityAsync(w.Partition, w.Row, ETag.All, ct);
                else await IgnoreMissingAsync(() => table.DeleteEntityAsync("none", $"r{n}", ETag.All, ct));
                break;
            case StorageOp.QueueSend:
                await queue.SendMessageAsync(new string('m', (int)Math.Max(16, request.Bytes * 3 / 4 - 120)), ct);
                break;
            case StorageOp.QueueReceive:
                foreach (var m in (await queue.ReceiveMessagesAsync(Math.Clamp(request.Count, 1, 32), TimeSpan.FromMinutes(5), ct)).Value)
                    _received.Enqueue((queue, m.MessageId, m.PopReceipt));
                break;
            case StorageOp.QueueDelete:
                if (!_received.TryDequeue(out var message))
                {
                    Interlocked.Increment(ref _extra); // the message this delete needs was not received yet: receive it now
                    foreach (var m in (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5), ct)).Value)
                        _received.Enqueue((queue, m.MessageId, m.PopReceipt));
                    if (!_received.TryDequeue(out message)) break;
                }
                await IgnoreMissingAsync(() => message.Queue.DeleteMessageAsync(message.Id, message.Receipt, ct));
                break;
            case StorageOp.QueueOther:
                await queue.GetPropertiesAsync(ct);
                break;
        }
    }

    private string ReadPartition(TableClient table, long n)
    {
        var t = _tableSet.IndexOf(table);
        var p = t + (int)(n / _tableSet.Count % (Partitions / _tableSet.Count)) * _tableSet.Count;
        return $"p{Math.Min(p, Partitions - 1)}";
    }

    private static TableEntity Row(string partition, string row, int size) => new(partition, row) { ["Json"] = new string('x', size) };

    private static async Task IgnoreMissingAsync(Func<Task<Response>> delete)
    {
        try { await delete(); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    /// <summary>The mails sent directly with MailKit on as many connections as the app's pool (Mail:Connections, 4).</summary>
    private async Task SmtpAsync(int sends)
    {
        if (sends == 0) return;
        const int connections = 4;
        var body = new string('x', 1200);
        var options = new ParallelOptions { MaxDegreeOfParallelism = connections };
        await Parallel.ForEachAsync(Enumerable.Range(0, connections), options, async (c, ct) =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", smtpPort, MailKit.Security.SecureSocketOptions.None, ct);
            for (var i = c; i < sends; i += connections)
            {
                var m = new MimeMessage { Subject = "【基准】直接发送" };
                m.From.Add(new MailboxAddress("区政府办公室", "noreply@qinghe.example.org"));
                m.To.Add(new MailboxAddress("", "floor@qinghe.example.org"));
                m.Body = new BodyBuilder { HtmlBody = "<p>" + body + "</p>", TextBody = body }.ToMessageBody();
                await client.SendAsync(m, ct);
            }
            await client.DisconnectAsync(true, ct);
        });
    }
}
