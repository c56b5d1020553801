using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Leave;
using GovFunctions.Organization;
using GovFunctions.Platform.Mail;
using GovFunctions.Platform.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovFunctions.Benchmarks;

/// <summary>
/// Issues 3 and 15: N two-step leave requests (department head → supervising deputy → district head) end to end through
/// the same functions and services the host calls — submitted through the HTTP function, routed by queue workers that
/// receive, handle and delete as the host does, mailed through MailDev, and approved by simulated approvers who follow the
/// link in each email. Then its floor, in the same repeat: every storage request the pipeline sent, sent again directly
/// with the SDK clients as many at a time as the pipeline had in flight on average (<see cref="StorageReplay"/>), and as many
/// SMTP sends through MailKit.
/// Three repeats, alternating; wall time, chains per second, p50/p95 of each step and the process's CPU per chain.
/// The leave days come from the benchmark's clock: from a week after today.
/// </summary>
public sealed partial class LeaveApprovalBenchmark(BenchSettings settings, int chains, int concurrency)
{
    public const string Name = "leave";
    private const string Submit = "submit (POST leave-requests)";

    private sealed record Run(Measured Measured, Latencies Latencies, IReadOnlyList<StorageRequest> Requests, int Peak, double MeanInFlight,
        long Mails)
    {
        /// <summary>The floor sends as many requests at a time as the pipeline had in flight on average.</summary>
        public int Lanes => Math.Max(1, (int)Math.Round(MeanInFlight));
    }

    public async Task<BenchReport> RunAsync()
    {
        StorageLog.EnterScope();
        await using var app = new BenchApp(settings, s =>
        {
            s.AddSingleton<SmtpMailSender>();
            s.AddSingleton<ObservedMailSender>();
            s.AddSingleton<IMailSender>(sp => sp.GetRequiredService<ObservedMailSender>());
        });
        await app.SeedAsync();
        var org = await app.Get<OrganizationStore>().OrganizationAsync();
        var storage = app.Get<StorageClients>();

        var heads = org.People
            .Where(p => p.Role == Role.DepartmentHead && org.SupervisorOf(p.DepartmentId!).Id != org.DistrictHead.Id).ToList();
        var deputies = org.People.Where(p => p.Role == Role.DeputyDepartmentHead).ToDictionary(p => p.DepartmentId!);
        var firstDay = ChinaTime.At(ChinaTime.Today(app.Clock).AddDays(7), new TimeOnly(9, 0));
        (Person head, string body) Application(int i)
        {
            var head = heads[i % heads.Count];
            var day = firstDay.AddDays(2 * (i / heads.Count));
            return (head, $"start={Uri.EscapeDataString(day.ToString("O"))}&end={Uri.EscapeDataString(day.AddHours(8).ToString("O"))}" +
                $"&destination=%E5%8C%97%E4%BA%AC&contact=13800001111&actingPersonId={deputies[head.DepartmentId!].Id}");
        }

        // Warm up connections, tables and queues so the run measures steady work, not first-call set-up.
        foreach (var t in new[] { Tables.LeaveRequests, Tables.Approvals, Tables.Outbox, Tables.MailLog, Tables.PendingTasks, Tables.LeaveAway })
            await storage.TableAsync(t);
        foreach (var q in new[] { Queues.ApprovalRouting, Queues.Notifications }) await storage.QueueAsync(q);
        var floor = new StorageReplay(settings.FloorStorage, app.Prefix, settings.FloorSmtpPort);
        await floor.PrepareAsync();

        using var log = new StorageLog(storage.TableService.Uri.Port, storage.QueueService.Uri.Port);
        // Warm-up, both sides, in batches of 25 chains until the JIT has settled (tier-1 recompilation is no part of a chain's
        // cost; batches of 8 never settled within 15).
        var warmUp = 0;
        var batch = Math.Min(chains, 25);
        var warmBatches = !settings.WarmUp ? 0 : await WarmUp.UntilSettledAsync(async _ =>
        {
            var warm = await PipelineAsync(app, log, Enumerable.Range(warmUp, batch).Select(Application).ToList());
            await floor.ReplayAsync(warm.Requests, warm.Lanes, (int)warm.Mails);
            warmUp += batch;
        }, maxBatches: 12);

        var runs = new List<(Run App, Measured Floor)>();
        var floorParts = new List<string>();
        var (appCompiled, floorCompiled) = (new List<double>(), new List<double>());
        for (var r = 0; r < settings.Repeats; r++)
        {
            var jit = WarmUp.Compiled;
            var run = await PipelineAsync(app, log, Enumerable.Range(warmUp + r * chains, chains).Select(Application).ToList());
            appCompiled.Add(WarmUp.Compiled - jit);
            jit = WarmUp.Compiled;
            var parts = (Storage: TimeSpan.Zero, Mail: TimeSpan.Zero);
            var replayed = await Measured.OfAsync(async () => parts = await floor.ReplayAsync(run.Requests, run.Lanes, (int)run.Mails));
            floorCompiled.Add(WarmUp.Compiled - jit);
            runs.Add((run, replayed));
            floorParts.Add($"{parts.Storage.TotalSeconds:F1} s storage ({run.Lanes} at a time), {parts.Mail.TotalSeconds:F1} s mail");
        }

        var failures = new List<string>();
        var approved = 0;
        var leaveTable = await storage.TableAsync(Tables.LeaveRequests);
        await foreach (var _ in leaveTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"State eq {"approved"}"), select: ["PartitionKey"]))
            approved++;
        var expected = warmUp + settings.Repeats * chains;
        if (approved != expected) failures.Add($"{approved} of {expected} requests approved");
        if (runs.FirstOrDefault(x => x.App.Mails != chains * 4L) is { App: { } missing })
            failures.Add($"{missing.Mails} of {chains * 4} mails sent in a repeat");

        IReadOnlyList<double> App(Func<Run, double> f) => runs.Select(x => f(x.App)).ToList();
        IReadOnlyList<double> Floor(Func<Measured, double> f) => runs.Select(x => f(x.Floor)).ToList();
        var figures = new List<Figure>
        {
            new("chains approved end to end per second", "chains/s", App(x => x.Measured.PerSecond(chains)), Floor(m => m.PerSecond(chains)),
                RatioAtLeast: 1 / 3.0),
            new("wall time of the repeat", "s", App(x => x.Measured.Wall.TotalSeconds), Floor(m => m.Wall.TotalSeconds), RatioAtMost: 3),
            new("p50 latency of a submit", "ms", App(x => x.Latencies.Of(Submit).P50)),
            new("p95 latency of a submit", "ms", App(x => x.Latencies.Of(Submit).P95)),
            new("process CPU per chain", "ms", App(x => x.Measured.CpuMsPer(chains)), Floor(m => m.CpuMsPer(chains)), RatioAtMost: 1.5),
            new("app's own CPU per chain (app − raw SDK)", "ms",
                runs.Select(x => x.App.Measured.CpuMsPer(chains) - x.Floor.CpuMsPer(chains)).ToList()),
            new("memory allocated per chain", "KB", App(x => x.Measured.KbPer(chains)), Floor(m => m.KbPer(chains))),
            new("GC pause per chain", "ms", App(x => x.Measured.GcMsPer(chains)), Floor(m => m.GcMsPer(chains))),
            new("storage requests per chain (replayed by the floor)", "requests", App(x => x.Requests.Count / (double)chains)),
            new("storage requests in flight, peak", "requests", App(x => x.Peak)),
            new("storage requests in flight, mean (the floor's concurrency)", "requests", App(x => x.MeanInFlight)),
            new("methods the JIT compiled during the measured runs", "methods", appCompiled, floorCompiled),
        };
        var notes = new List<string>
        {
            $"leave days from {firstDay:yyyy-MM-dd}; {concurrency} submitters, approvers and handlers per queue",
            "requests per chain by kind: " +
                string.Join(", ", runs[0].App.Requests.GroupBy(q => q.Op).Select(g => $"{g.Key} {g.Count() / (double)chains:F1}")),
            $"floor receives added because a delete came before its message: {floor.ExtraRequests}",
            "floor repeats: " + string.Join("; ", floorParts),
            $"warm-up until the JIT settled: {warmBatches} batches of {batch} chains, both sides",
        };
        foreach (var (step, n, p50, p95) in runs[^1].App.Latencies.Summary())
            notes.Add($"last repeat, {step}: n {n}, p50 {p50:F1} ms, p95 {p95:F1} ms");
        var parameters = $"chains={chains} concurrency={concurrency} repeats={settings.Repeats}";
        return new BenchReport(Name, parameters, app.Clock.GetUtcNow(), figures, failures, notes);
    }

    /// <summary>One repeat: the applications submitted, routed, mailed and approved until both queues are empty.</summary>
    private async Task<Run> PipelineAsync(BenchApp app, StorageLog log, IReadOnlyList<(Person head, string body)> applications)
    {
        var storage = app.Get<StorageClients>();
        var latencies = new Latencies();
        var tokens = Channel.CreateUnbounded<string>();
        var mail = app.Get<ObservedMailSender>();
        var mailsBefore = mail.Sent;
        mail.OnSent = m =>
        {
            if (m.Subject.StartsWith("【待审批】", StringComparison.Ordinal))
                tokens.Writer.TryWrite(WebUtility.HtmlDecode(LinkPattern().Match(m.Html).Groups[1].Value));
        };
        var expectedMails = mailsBefore + applications.Count * 4L; // two tasks, the outcome to the applicant, the office's copy (Art. 75)

        using var cts = new CancellationTokenSource();
        var routing = app.Create<ApprovalRoutingFunctions>();
        var pages = app.Create<ApprovalFunctions>();
        var leaveFunctions = app.Create<LeaveFunctions>();
        var workers = new List<Task>();
        log.Take();
        var measured = await Measured.OfAsync(async () =>
        {
            workers.Add(Worker(storage, Queues.ApprovalRouting,
                (body, type) => latencies.TimeAsync(type, () => routing.ApprovalRouter(body, cts.Token)), cts.Token));
            workers.Add(Worker(storage, Queues.Notifications,
                (body, type) => latencies.TimeAsync("mail " + type, () => routing.SendNotification(body, cts.Token)), cts.Token));
            workers.AddRange(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                await foreach (var link in tokens.Reader.ReadAllAsync(cts.Token))
                {
                    var token = link[(link.LastIndexOf('/') + 1)..];
                    var request = Request("POST", "approvals/" + token, null, "action=approve&comment=%E5%90%8C%E6%84%8F");
                    var result = await latencies.TimeAsync("decide (POST link)", () => pages.DecideApproval(request, token));
                    if (result is Microsoft.AspNetCore.Mvc.ContentResult { StatusCode: not 200 } c)
                        throw new InvalidOperationException($"decide answered {c.StatusCode}");
                }
            })));
            await Parallel.ForEachAsync(applications, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (a, _) =>
            {
                var request = Request("POST", "leave-requests", a.head.Email, a.body);
                var result = await latencies.TimeAsync(Submit, () => leaveFunctions.SubmitLeave(request));
                if (result is not Microsoft.AspNetCore.Mvc.CreatedResult) throw new InvalidOperationException("submit failed");
            });
            var started = Stopwatch.StartNew();
            while (mail.Sent < expectedMails || !await DrainedAsync(storage))
            {
                if (workers.FirstOrDefault(w => w.IsFaulted) is { } failed) await failed;
                if (started.Elapsed > TimeSpan.FromMinutes(10))
                    throw new TimeoutException($"only {mail.Sent - mailsBefore} of {expectedMails - mailsBefore} mails after 10 minutes");
                await Task.Delay(20);
            }
        });
        var (peak, mean) = (log.Peak, log.MeanInFlight);
        var requests = log.Take();
        cts.Cancel();
        try { await Task.WhenAll(workers); } catch (OperationCanceledException) { }
        return new Run(measured, latencies, requests, peak, mean, mail.Sent - mailsBefore);
    }

    /// <summary>Receive, handle, delete — as the queue trigger does, with up to <c>concurrency</c> messages in hand.</summary>
    private Task Worker(StorageClients storage, string queueName, Func<string, string, Task> handle, CancellationToken ct) =>
        Task.Run(() => ReceiveLoopAsync(storage, queueName, handle, ct), CancellationToken.None);

    private async Task ReceiveLoopAsync(StorageClients storage, string queueName, Func<string, string, Task> handle, CancellationToken ct)
    {
        var queue = await storage.QueueAsync(queueName);
        using var slots = new SemaphoreSlim(concurrency);
        var inFlight = new List<Task>();
        while (!ct.IsCancellationRequested)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            var free = Math.Min(32, concurrency - inFlight.Count);
            var batch = free <= 0 ? [] : (await queue.ReceiveMessagesAsync(free, TimeSpan.FromMinutes(2), ct)).Value;
            if (batch.Length == 0) { await Task.Delay(10, ct); continue; }
            foreach (var m in batch)
                inFlight.Add(Task.Run(async () =>
                {
                    var body = m.Body.ToString();
                    await handle(body, QueueEnvelope.Parse(body).Type);
                    await DeleteAsync(queue, m.MessageId, m.PopReceipt);
                }, CancellationToken.None));
            if (inFlight.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
        }
    }

    /// <summary>Under load the client may retry a delete whose first attempt succeeded; the 404 of the retry is success.</summary>
    private static async Task DeleteAsync(QueueClient queue, string id, string popReceipt)
    {
        try { await queue.DeleteMessageAsync(id, popReceipt, CancellationToken.None); }
        catch (Azure.RequestFailedException e) when (e.Status == 404) { }
    }

    private static async Task<bool> DrainedAsync(StorageClients storage)
    {
        foreach (var q in new[] { Queues.ApprovalRouting, Queues.Notifications })
            if ((await (await storage.QueueAsync(q)).GetPropertiesAsync()).Value.ApproximateMessagesCount > 0) return false;
        return true;
    }

    private static HttpRequest Request(string method, string path, string? email, string? form)
    {
        var context = new DefaultHttpContext();
        var r = context.Request;
        r.Method = method;
        r.Path = "/api/" + path;
        if (email is not null) r.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = email;
        if (form is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(form);
            r.ContentType = "application/x-www-form-urlencoded";
            r.Body = new MemoryStream(bytes);
            r.ContentLength = bytes.Length;
        }
        return r;
    }

    [GeneratedRegex("href=\"(http[^\"]+/api/approvals/[^\"]+)\"")]
    private static partial Regex LinkPattern();
}
