using System.Diagnostics;
using System.Text.Json;
using Azure.Data.Tables;
using GovFunctions.Hotline;
using GovFunctions.Organization;
using GovFunctions.Platform;
using GovFunctions.Platform.Storage;
using Microsoft.AspNetCore.Http;

namespace GovFunctions.Benchmarks;

/// <summary>
/// Issue 4's benchmark. (1) Calls recorded through the same function the host calls (JSON body, identity, validation,
/// same-issue lookup, the call's transaction with its counters), against raw TableClient transactions of equal entities
/// (the same rows, the same sizes) in the same run, each side on fresh emulators of its own: throughput ratio and p95.
/// (2) With the month's calls stored, the month's figures read from the counters against a full scan of the month's
/// calls: time ratio and peak managed memory of each, and that both give the same figures.
/// </summary>
public sealed class HotlineBenchmark(int calls, int monthCalls, int concurrency)
{
    public async Task<int> RunAsync()
    {
        await using var app = new BenchApp();
        await app.SeedAsync();
        var org = await app.Get<OrganizationStore>().OrganizationAsync();
        var storage = app.Get<StorageClients>();
        var functions = app.Create<HotlineFunctions>();
        var hotline = app.Get<HotlineService>();
        var operatorEmail = org.People.First(p => p.Role == Role.HotlineOperator).Email;
        await storage.TableAsync(Tables.HotlineCalls);
        await storage.TableAsync(Tables.HotlineOpen);

        var start = DateTimeOffset.Parse("2026-11-01T08:00:00+08:00");
        var span = DateTimeOffset.UtcNow - start - TimeSpan.FromHours(1);
        string Body(int i) => JsonSerializer.Serialize(new
        {
            callerName = "市民" + i, callerPhone = $"138{i % 100000000:D8}", receivedAt = start + span * (i / (double)monthCalls),
            category = (i % 5) switch { 0 => "consultation", 1 => "complaint", 2 => "request", 3 => "suggestion", _ => "consultation" },
            content = $"来电反映第{i % 997}号小区的问题，请求有关部门尽快处理并答复。", location = $"第{i % 997}号小区",
            disposition = "answered", answer = "已按政策解答，来电人表示清楚。",
        }, Json.Options);

        // (1) Recording throughput: the function's path, then the raw floor on its own emulator.
        var latencies = new Latencies();
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
            await latencies.TimeAsync("record (POST hotline/calls)", () => functions.RecordCall(Request(operatorEmail, Body(i)))));
        var recorded = sw.Elapsed;

        var sample = (await hotline.Store.InPartitionAsync((await FirstPartitionAsync(storage)), default)).First();
        var rows = await RowsOfAsync(storage, sample.Key);
        var floorTable = new TableServiceClient(BenchApp.FloorStorage).GetTableClient("HotlineFloor");
        await floorTable.CreateIfNotExistsAsync();
        sw.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
            await latencies.TimeAsync("raw transaction of equal entities", async () =>
            {
                var partition = $"p{i % 400}";
                await floorTable.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(
                    r.RowKey.StartsWith(HotlineCounters.RowPrefix, StringComparison.Ordinal) ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add,
                    Copy(r, partition, r.RowKey.StartsWith(HotlineCounters.RowPrefix, StringComparison.Ordinal) ? r.RowKey : $"{i}|{r.RowKey}"))), ct);
            }));
        var raw = sw.Elapsed;

        Console.WriteLine($"## Hotline: {calls} calls recorded, concurrency {concurrency}");
        Console.WriteLine();
        Console.WriteLine($"recorded through the function: {recorded.TotalSeconds:F2} s, {calls / recorded.TotalSeconds:F0} calls/s");
        Console.WriteLine($"raw transactions of the same {rows.Count} rows per call: {raw.TotalSeconds:F2} s, {calls / raw.TotalSeconds:F0} calls/s");
        Console.WriteLine($"throughput ratio function / raw: {raw / recorded:F2} (goal ≥ 0.8)");
        Console.WriteLine();
        Console.WriteLine("| step | n | p50 ms | p95 ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (step, n, p50, p95) in latencies.Summary()) Console.WriteLine($"| {step} | {n} | {p50:F1} | {p95:F1} |");

        // (2) The month's figures with monthCalls stored: counters against a full scan.
        if (monthCalls > calls)
            await Parallel.ForEachAsync(Enumerable.Range(calls, monthCalls - calls), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) =>
                await functions.RecordCall(Request(operatorEmail, Body(i))));

        var (fromCounters, counterTime, counterPeak) = await MeasureAsync(() => hotline.MonthFiguresAsync(2026, 11));
        var (fromScan, scanTime, scanPeak) = await MeasureAsync(() => ScanMonthAsync(storage));
        Console.WriteLine();
        Console.WriteLine($"## Month figures with {fromScan.Received} calls stored (November 2026)");
        Console.WriteLine();
        Console.WriteLine($"counters: {counterTime.TotalMilliseconds:F0} ms, peak managed memory +{counterPeak / 1048576.0:F1} MB");
        Console.WriteLine($"full scan of the month: {scanTime.TotalMilliseconds:F0} ms, peak managed memory +{scanPeak / 1048576.0:F1} MB");
        Console.WriteLine($"ratio scan / counters: {scanTime / counterTime:F1}× (goal ≥ 20×)");
        Console.WriteLine($"same figures: {fromCounters == fromScan} (received {fromCounters.Received}, closed {fromCounters.Closed}, on time {fromCounters.ClosedOnTime})");
        return fromCounters == fromScan ? 0 : 1;
    }

    private static async Task<(CallCounts, TimeSpan, long)> MeasureAsync(Func<Task<CallCounts>> read)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(true);
        long peak = baseline;
        using var cts = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested) { peak = Math.Max(peak, GC.GetTotalMemory(false)); await Task.Delay(5); }
        });
        var sw = Stopwatch.StartNew();
        var result = await read();
        var elapsed = sw.Elapsed;
        peak = Math.Max(peak, GC.GetTotalMemory(false));
        cts.Cancel();
        await sampler;
        return (result, elapsed, peak - baseline);
    }

    /// <summary>What a report without counters would do: read every row of the month's calls and count them.</summary>
    private static async Task<CallCounts> ScanMonthAsync(StorageClients storage)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        var total = CallCounts.Zero;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"20261101"} and PartitionKey lt {"20261201"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
            if (row.RowKey.EndsWith("|record", StringComparison.Ordinal))
                total += CallCounts.Of(JsonSerializer.Deserialize<HotlineCall>(row.GetString("Json"), Json.Options)).Single(c => c.Key == CallCounts.All).Counts;
        return total;
    }

    private static async Task<string> FirstPartitionAsync(StorageClients storage)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        await foreach (var row in table.QueryAsync<TableEntity>(maxPerPage: 1)) return row.PartitionKey;
        throw new InvalidOperationException("no calls stored");
    }

    /// <summary>The rows one recorded call wrote: its record, its history row, its counter row.</summary>
    private static async Task<List<TableEntity>> RowsOfAsync(StorageClients storage, RecordKey key)
    {
        var table = await storage.TableAsync(Tables.HotlineCalls);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key.Partition}")))
            if (row.RowKey.StartsWith(key.Id, StringComparison.Ordinal) || row.RowKey == HotlineCounters.RowPrefix + CallCounts.All) rows.Add(row);
        return rows;
    }

    private static TableEntity Copy(TableEntity source, string partition, string rowKey)
    {
        var copy = new TableEntity(partition, rowKey);
        foreach (var (k, v) in source) if (k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) copy[k] = v;
        return copy;
    }

    private static HttpRequest Request(string email, string json)
    {
        var r = new DefaultHttpContext().Request;
        r.Method = "POST";
        r.Path = "/api/hotline/calls";
        r.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = email;
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        r.ContentType = "application/json";
        r.Body = new MemoryStream(bytes);
        r.ContentLength = bytes.Length;
        return r;
    }
}
