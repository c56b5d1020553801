using System.Text.Json;
using Azure.Data.Tables;
using GovFunctions.Calendar;
using GovFunctions.Hotline;
using GovFunctions.Organization;
using GovFunctions.Platform;
using GovFunctions.Platform.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Benchmarks;

/// <summary>
/// Issues 4 and 15. (1) Calls recorded through the same function the host calls (JSON body, identity, validation,
/// same-issue lookup, the call's transaction with its counters), against raw TableClient transactions of the same rows at
/// the same concurrency on emulators of their own: throughput, p50/p95 and the process's CPU per call, each side three
/// times, interleaved, after a warm-up that lasts until the JIT has settled. (2) With the month's calls stored, the month's
/// figures from the counters against the best scan of the month's calls, each three times, alternating; both must give the
/// same figures, and count every call recorded. The calls are spread over the current month as the benchmark's clock gives
/// it (<see cref="BenchPeriod"/>).
/// </summary>
public sealed class HotlineBenchmark(BenchSettings settings, int calls, int monthCalls, int concurrency)
{
    public const string Name = "hotline";

    public async Task<BenchReport> RunAsync()
    {
        StorageLog.EnterScope();
        await using var app = new BenchApp(settings);
        await app.SeedAsync();
        var org = await app.Get<OrganizationStore>().OrganizationAsync();
        var storage = app.Get<StorageClients>();
        var functions = app.Create<HotlineFunctions>();
        var hotline = app.Get<HotlineService>();
        var operatorEmail = org.People.First(p => p.Role == Role.HotlineOperator).Email;
        var callsTable = await storage.TableAsync(Tables.HotlineCalls);
        await storage.TableAsync(Tables.HotlineOpen);

        const int warmBatch = 100, maxWarmBatches = 40; // a warm-up of 4,000 calls at most
        var maxWarmUp = settings.WarmUp ? warmBatch * maxWarmBatches : 1;
        var profiled = settings.WarmUp ? Math.Min(calls, 300) : 3;
        var total = Math.Max(monthCalls, maxWarmUp + settings.Repeats * calls + profiled + 1);
        var period = BenchPeriod.Of(app.Clock);
        var bodies = new HotlineBodies(period, total);
        var failures = new List<string>();
        var recorded = 0;

        async Task RecordAsync(int i, Latencies? latencies)
        {
            var request = Request(operatorEmail, bodies[i]);
            var result = latencies is null ? await functions.RecordCall(request)
                : await latencies.TimeAsync("app", () => functions.RecordCall(request));
            if (result is not CreatedResult) throw new InvalidOperationException($"call {i} was answered {result.GetType().Name}");
            Interlocked.Increment(ref recorded);
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
        Task RecordManyAsync(int from, int count, Latencies? latencies) =>
            Parallel.ForEachAsync(Enumerable.Range(from, count), parallel, async (i, _) => await RecordAsync(i, latencies));

        // A busy line: calls assigned and still open, in the index every new call is compared with (the same-issue check).
        var open = app.Get<HotlineOpenCalls>();
        var department = org.Departments.First().Id;
        var openCalls = settings.WarmUp ? 1000 : 10;
        await Parallel.ForEachAsync(Enumerable.Range(0, openCalls), parallel, async (j, ct) =>
        {
            var at = period.At(j, openCalls);
            await open.AddAsync(new HotlineCall(HotlineIds.New(at, j % hotline.Options.Shards), "", "", at, (CallCategory)(j % 5),
                j % 2 == 0 ? $"第{j % 997}号小区门口路灯不亮，晚上出行不便。" : $"反映第{j % 997}号小区周边道路积水，请求疏通。", $"第{j % 997}号小区",
                "operator", Disposition.Assign, null, CallStatus.Assigned)
            { DepartmentId = department, DueAt = at.AddDays(10) }, ct);
        });

        // Warm-up (JIT until it settles, connections, the caches of the organization and the counters), outside every measurement.
        // Timed and logged as the measured runs are (the storage log listens to every request), so that the path warmed is the
        // path measured.
        var floorTable = new TableServiceClient(settings.FloorStorage).GetTableClient(app.Prefix + "HotlineFloor");
        await floorTable.CreateIfNotExistsAsync();
        using var appLog = new StorageLog(storage.TableService.Uri.Port, storage.QueueService.Uri.Port);
        using var floorLog = new StorageLog(floorTable.Uri.Port, floorTable.Uri.Port);
        var next = 0;
        var warmBatches = await WarmUp.UntilSettledAsync(async _ =>
        {
            var count = settings.WarmUp ? warmBatch : 1;
            await RecordManyAsync(next, count, new Latencies());
            next += count;
        }, maxBatches: settings.WarmUp ? maxWarmBatches : 1);
        var rows = await RowsOfAsync(callsTable, (await FirstCallAsync(callsTable)));
        var floorCalls = 0;
        Task FloorManyAsync(int count, Latencies? latencies) =>
            Parallel.ForEachAsync(Enumerable.Range(0, count), parallel, async (_, ct) =>
            {
                var i = Interlocked.Increment(ref floorCalls);
                var actions = rows.Select(r => Counter(r)
                    ? new TableTransactionAction(TableTransactionActionType.UpsertReplace, Copy(r, $"p{i % 400}", r.RowKey))
                    : new TableTransactionAction(TableTransactionActionType.Add, Copy(r, $"p{i % 400}", $"{i}|{r.RowKey}"))).ToList();
                if (latencies is null) await floorTable.SubmitTransactionAsync(actions, ct);
                else await latencies.TimeAsync("floor", () => floorTable.SubmitTransactionAsync(actions, ct));
            });
        var floorWarmBatches = await WarmUp.UntilSettledAsync(_ => FloorManyAsync(settings.WarmUp ? warmBatch : 1, new Latencies()),
            maxBatches: settings.WarmUp ? maxWarmBatches : 1);

        // (1) Recording: the function's path against the floor, each repeat in four slices, app, floor, floor, app (a drift of
        // the machine's load over a repeat falls on both sides alike); each side's figures are the sums of its two slices.
        var appRuns = new List<Side>();
        var floorRuns = new List<Side>();
        var half = Math.Max(1, calls / 2);
        for (var r = 0; r < settings.Repeats; r++)
        {
            var latencies = new Latencies();
            var (a, f, aRequests, fRequests, aCompiled, fCompiled) = (default(Measured), default(Measured), 0, 0, 0L, 0L);
            async Task AppSliceAsync()
            {
                appLog.Take();
                var jit = WarmUp.Compiled;
                a += await Measured.OfAsync(() => RecordManyAsync(next, half, latencies));
                (aCompiled, aRequests, next) = (aCompiled + WarmUp.Compiled - jit, aRequests + appLog.Take().Count, next + half);
            }
            async Task FloorSliceAsync()
            {
                floorLog.Take();
                var jit = WarmUp.Compiled;
                f += await Measured.OfAsync(() => FloorManyAsync(half, latencies));
                (fCompiled, fRequests) = (fCompiled + WarmUp.Compiled - jit, fRequests + floorLog.Take().Count);
            }
            await AppSliceAsync();
            await FloorSliceAsync();
            await FloorSliceAsync();
            await AppSliceAsync();
            appRuns.Add(new Side(a, latencies.Of("app"), aRequests / (2.0 * half), aCompiled));
            floorRuns.Add(new Side(f, latencies.Of("floor"), fRequests / (2.0 * half), fCompiled));
        }
        var perSide = 2 * half; // the calls each side recorded per repeat

        var stored = next;
        var profile = await new HotlineProfile(app, operatorEmail, bodies, floorTable, rows).RunAsync(profiled, stored);
        Interlocked.Add(ref recorded, profile.Recorded);
        stored += profile.Recorded;

        // (2) The month's figures with the month's calls stored: counters against the best scan, alternating, once unmeasured.
        if (total > stored) await RecordManyAsync(stored, total - stored, null);
        var today = ChinaTime.Today(app.Clock);
        var (fromCounters, _) = await TimedAsync(() => hotline.MonthFiguresAsync(period.Year, period.Month));
        var (fromScan, _) = await TimedAsync(() => BestScanAsync(callsTable, period, hotline.Options.Shards, today));
        var (counterTimes, scanTimes) = (new List<double>(), new List<double>());
        for (var r = 0; r < settings.Repeats; r++)
        {
            var (counted, countTime) = await TimedAsync(() => hotline.MonthFiguresAsync(period.Year, period.Month));
            var (scanned, scanTime) = await TimedAsync(() => BestScanAsync(callsTable, period, hotline.Options.Shards, today));
            if (counted != fromCounters || scanned != fromScan) failures.Add($"repeat {r + 1}: the month's figures changed between reads");
            counterTimes.Add(countTime.TotalMilliseconds);
            scanTimes.Add(scanTime.TotalMilliseconds);
        }
        if (fromCounters != fromScan) failures.Add($"counters ({fromCounters}) differ from the scan ({fromScan})");
        if (fromCounters.Received != recorded) failures.Add($"counters count {fromCounters.Received} of the {recorded} calls recorded");

        IReadOnlyList<double> App(Func<Side, double> f) => appRuns.Select(f).ToList();
        IReadOnlyList<double> Floor(Func<Side, double> f) => floorRuns.Select(f).ToList();
        var figures = new List<Figure>
        {
            new("calls recorded per second", "calls/s", App(x => x.M.PerSecond(perSide)), Floor(x => x.M.PerSecond(perSide)),
                RatioAtLeast: 0.8),
            new("p50 latency of one call", "ms", App(x => x.Latency.P50), Floor(x => x.Latency.P50)),
            new("p95 latency of one call", "ms", App(x => x.Latency.P95), Floor(x => x.Latency.P95)),
            new("process CPU per call", "ms", App(x => x.M.CpuMsPer(perSide)), Floor(x => x.M.CpuMsPer(perSide)), RatioAtMost: 1.5),
            new("app's own CPU per call (app − raw SDK)", "ms",
                appRuns.Zip(floorRuns, (a, f) => a.M.CpuMsPer(perSide) - f.M.CpuMsPer(perSide)).ToList()),
            new("memory allocated per call", "KB", App(x => x.M.KbPer(perSide)), Floor(x => x.M.KbPer(perSide))),
            new("GC pause per call", "ms", App(x => x.M.GcMsPer(perSide)), Floor(x => x.M.GcMsPer(perSide))),
            new("storage requests per call", "requests", App(x => x.Requests), Floor(x => x.Requests)),
            new("methods the JIT compiled during the measured runs", "methods", App(x => x.Compiled), Floor(x => x.Compiled)),
            new($"month figures ({fromScan.Received} calls), counters against the best scan", "ms", counterTimes, scanTimes,
                RatioAtMost: 0.05),
        };
        figures.AddRange(profile.Figures);
        var notes = new List<string>
        {
            $"month {period.Year}-{period.Month:D2}, calls received {period.From:yyyy-MM-dd HH:mm} to {period.To:yyyy-MM-dd HH:mm} " +
                "(China time); " +
                $"{openCalls} open calls in the same-issue index",
            $"figures: counters {fromCounters.Received} received, {fromCounters.Closed} closed; " +
                $"scan {fromScan.Received} received, {fromScan.Closed} closed",
            $"warm-up until the JIT settled: {warmBatches} batches of the app's calls, {floorWarmBatches} of the floor's",
        };
        var parameters = $"calls={calls} monthCalls={total} concurrency={concurrency} repeats={settings.Repeats}";
        return new BenchReport(Name, parameters, app.Clock.GetUtcNow(), figures, failures, notes);
    }

    private sealed record Side(Measured M, (int Count, double P50, double P95) Latency, double Requests, long Compiled);

    private static async Task<(CallCounts, TimeSpan)> TimedAsync(Func<Task<CallCounts>> read)
    {
        CallCounts result = CallCounts.Zero;
        var m = await Measured.OfAsync(async () => result = await read());
        return (result, m.Wall);
    }

    /// <summary>
    /// What a careful engineer would write without counters: every partition of the month up to tomorrow (days × shards, as
    /// the counters read them) queried at once, 32 at a time, filtered on the server to the call records (history and counter
    /// rows have no <c>State</c>) and only the record's JSON selected; the figures counted from the calls as the counters count.
    /// </summary>
    private static async Task<CallCounts> BestScanAsync(TableClient table, BenchPeriod period, int shards, DateOnly today)
    {
        var partitions = HotlineCounters.PartitionsOf(period.Year, period.Month, shards, today);
        var total = CallCounts.Zero;
        var gate = new object();
        string[] select = ["Json"];
        await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (p, ct) =>
        {
            var counts = CallCounts.Zero;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {p} and State ge {""}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: select, cancellationToken: ct))
            {
                var call = JsonSerializer.Deserialize<HotlineCall>(row.GetString("Json"), Json.Options);
                counts += CallCounts.Of(call).Single(c => c.Key == CallCounts.All).Counts;
            }
            lock (gate) total += counts;
        });
        return total;
    }

    private static async Task<string> FirstCallAsync(TableClient table)
    {
        await foreach (var row in table.QueryAsync<TableEntity>(maxPerPage: 1))
            if (row.RowKey.EndsWith("|record", StringComparison.Ordinal)) return row.RowKey[..^"|record".Length];
        throw new InvalidOperationException("no calls stored");
    }

    /// <summary>
    /// The rows one recorded call's transaction wrote: its record, its history row, its row of the submitter's list ("mine"),
    /// its partition's counter row — the floor writes the same rows.
    /// </summary>
    private static async Task<List<TableEntity>> RowsOfAsync(TableClient table, string id)
    {
        var key = HotlineIds.KeyOf(id);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key.Partition}")))
            if (row.RowKey.StartsWith(key.Id, StringComparison.Ordinal) || row.RowKey == HotlineCounters.RowKey
                || (row.RowKey.StartsWith("mine|", StringComparison.Ordinal)
                    && row.RowKey.EndsWith("|" + key.Id, StringComparison.Ordinal)))
                rows.Add(row);
        return rows;
    }

    /// <summary>Rows the floor replaces in place (each call's transaction changes them): the counter row, and the list row.</summary>
    private static bool Counter(TableEntity row) => row.RowKey == HotlineCounters.RowKey;

    internal static TableEntity Copy(TableEntity source, string partition, string rowKey)
    {
        var copy = new TableEntity(partition, rowKey);
        foreach (var (k, v) in source) if (k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")) copy[k] = v;
        return copy;
    }

    internal static HttpRequest Request(string email, byte[] json)
    {
        var r = new DefaultHttpContext().Request;
        r.Method = "POST";
        r.Path = "/api/hotline/calls";
        r.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = email;
        r.ContentType = "application/json";
        r.Body = new MemoryStream(json, writable: false);
        r.ContentLength = json.Length;
        return r;
    }
}

/// <summary>
/// The month the calls fall in and the span they are spread over, from the clock: the current month (China time) from its
/// first day — or 29 days ago, the intake window being 30 days — to an hour ago; in the first hour of a month, the month before.
/// </summary>
public sealed record BenchPeriod(int Year, int Month, DateTimeOffset From, DateTimeOffset To)
{
    public static BenchPeriod Of(TimeProvider clock)
    {
        var now = ChinaTime.Now(clock);
        var to = now.AddHours(-1);
        var first = new DateTimeOffset(to.Year, to.Month, 1, 0, 0, 0, ChinaTime.Offset);
        var oldest = now.AddDays(-29);
        if (to - Max(first, oldest) < TimeSpan.FromMinutes(30))
        {
            to = first.AddMinutes(-1);
            first = first.AddMonths(-1);
        }
        return new BenchPeriod(first.Year, first.Month, Max(first, oldest), to);
    }

    public DateTimeOffset At(int i, int total) => From + (To - From) * (i / (double)Math.Max(1, total));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>The bodies of the benchmark's calls, made before any measurement (making them is the caller's work, not the app's).</summary>
public sealed class HotlineBodies(BenchPeriod period, int total)
{
    private readonly byte[][] _bodies = Enumerable.Range(0, total).Select(i => JsonSerializer.SerializeToUtf8Bytes(new
    {
        callerName = "市民" + i, callerPhone = $"138{i % 100000000:D8}", receivedAt = period.At(i, total),
        category = (i % 5) switch { 0 => "consultation", 1 => "complaint", 2 => "request", 3 => "suggestion", _ => "consultation" },
        content = $"来电反映第{i % 997}号小区的问题，请求有关部门尽快处理并答复。", location = $"第{i % 997}号小区",
        disposition = "answered", answer = "已按政策解答，来电人表示清楚。",
    }, Json.Options)).ToArray();

    public int Count => _bodies.Length;
    public byte[] this[int i] => _bodies[i];
}
