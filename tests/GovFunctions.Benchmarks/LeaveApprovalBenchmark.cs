using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using GovFunctions.Approvals;
using GovFunctions.Leave;
using GovFunctions.Organization;
using GovFunctions.Platform.Mail;
using GovFunctions.Platform.Storage;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace GovFunctions.Benchmarks;

/// <summary>
/// Issue 3's benchmark: N two-step leave requests (department head → supervising deputy → district head) end to end
/// through the same functions and services the host calls — submitted through the HTTP function, routed by queue
/// workers that receive, handle and delete as the host does, mailed through MailDev, and approved by simulated
/// approvers who follow the link in each email. Then the raw floor, in the same run: the same number of table reads and
/// writes, queue round trips and SMTP sends, done directly with the SDK clients and MailKit at the same concurrency.
/// </summary>
public sealed partial class LeaveApprovalBenchmark(int chains, int concurrency)
{
    public async Task<int> RunAsync()
    {
        var latencies = new Latencies();
        await using var app = new BenchApp(s =>
        {
            s.AddSingleton<SmtpMailSender>();
            s.AddSingleton<ObservedMailSender>();
            s.AddSingleton<IMailSender>(sp => sp.GetRequiredService<ObservedMailSender>());
        });
        await app.SeedAsync();
        var org = await app.Get<OrganizationStore>().OrganizationAsync();
        var storage = app.Get<StorageClients>();
        var tablePort = storage.TableService.Uri.Port;
        var queuePort = storage.QueueService.Uri.Port;

        var heads = org.People.Where(p => p.Role == Role.DepartmentHead && org.SupervisorOf(p.DepartmentId!).Id != org.DistrictHead.Id).ToList();
        var deputies = org.People.Where(p => p.Role == Role.DeputyDepartmentHead).ToDictionary(p => p.DepartmentId!);
        var applications = Enumerable.Range(0, chains).Select(i =>
        {
            var head = heads[i % heads.Count];
            var day = DateTimeOffset.Parse("2027-01-04T09:00:00+08:00").AddDays(2 * (i / heads.Count));
            return (head, body: $"start={Uri.EscapeDataString(day.ToString("O"))}&end={Uri.EscapeDataString(day.AddHours(8).ToString("O"))}&destination=%E5%8C%97%E4%BA%AC&contact=13800001111&actingPersonId={deputies[head.DepartmentId!].Id}");
        }).ToList();

        // Warm up connections, tables and queues so the run measures steady work, not first-call set-up.
        foreach (var t in new[] { Tables.LeaveRequests, Tables.Approvals, Tables.Outbox, Tables.MailLog, Tables.PendingTasks, Tables.LeaveAway }) await storage.TableAsync(t);
        foreach (var q in new[] { Queues.ApprovalRouting, Queues.Notifications }) await storage.QueueAsync(q);

        var tokens = Channel.CreateUnbounded<string>();
        var mail = app.Get<ObservedMailSender>();
        mail.OnSent = m =>
        {
            if (m.Subject.StartsWith("【待审批】", StringComparison.Ordinal))
                tokens.Writer.TryWrite(WebUtility.HtmlDecode(LinkPattern().Match(m.Html).Groups[1].Value));
        };
        var expectedMails = chains * 4L; // two tasks, the outcome to the applicant, the office's copy (Art. 75)

        using var counter = new StorageRequestCounter(tablePort, queuePort);
        using var cts = new CancellationTokenSource();
        var routing = app.Create<ApprovalRoutingFunctions>();
        var pages = app.Create<ApprovalFunctions>();
        var leaveFunctions = app.Create<LeaveFunctions>();
        long handledMessages = 0;

        var sw = Stopwatch.StartNew();
        var workers = new List<Task>
        {
            Worker(storage, Queues.ApprovalRouting, (body, type) => latencies.TimeAsync(type, () => routing.ApprovalRouter(body, cts.Token)), () => Interlocked.Increment(ref handledMessages), cts.Token),
            Worker(storage, Queues.Notifications, (body, type) => latencies.TimeAsync("mail " + type, () => routing.SendNotification(body, cts.Token)), () => Interlocked.Increment(ref handledMessages), cts.Token),
        };
        workers.AddRange(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            await foreach (var link in tokens.Reader.ReadAllAsync(cts.Token))
            {
                var token = link[(link.LastIndexOf('/') + 1)..];
                var request = Request("POST", "approvals/" + token, null, "action=approve&comment=%E5%90%8C%E6%84%8F");
                var result = await latencies.TimeAsync("decide (POST link)", () => pages.DecideApproval(request, token));
                if (result is Microsoft.AspNetCore.Mvc.ContentResult { StatusCode: not 200 } c) throw new InvalidOperationException($"decide answered {c.StatusCode}");
            }
        })));

        await Parallel.ForEachAsync(applications, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (a, _) =>
        {
            var result = await latencies.TimeAsync("submit (POST leave-requests)", () => leaveFunctions.SubmitLeave(Request("POST", "leave-requests", a.head.Email, a.body)));
            if (result is not Microsoft.AspNetCore.Mvc.CreatedResult) throw new InvalidOperationException("submit failed");
        });
        while (mail.Sent < expectedMails || !await DrainedAsync(storage))
        {
            if (workers.FirstOrDefault(w => w.IsFaulted) is { } failed) await failed;
            if (sw.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"only {mail.Sent} of {expectedMails} mails after 10 minutes");
            await Task.Delay(20);
        }
        var pipeline = sw.Elapsed;
        cts.Cancel();
        try { await Task.WhenAll(workers); } catch (OperationCanceledException) { }

        var approved = 0;
        var leaveTable = await storage.TableAsync(Tables.LeaveRequests);
        await foreach (var row in leaveTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"State eq {"approved"}"))) approved++;
        if (approved != chains) throw new InvalidOperationException($"{approved} of {chains} requests approved");

        var (tableReads, tableWrites, smtpSends) = (counter.TableReads, counter.TableWrites, mail.Sent);
        counter.Dispose();
        var floor = await FloorAsync((int)tableReads, (int)tableWrites, (int)handledMessages, (int)smtpSends);

        Console.WriteLine($"## Leave approvals end to end: {chains} two-step chains, concurrency {concurrency}");
        Console.WriteLine();
        Console.WriteLine($"pipeline: {pipeline.TotalSeconds:F2} s, {chains / pipeline.TotalSeconds:F1} chains/s; all {chains} approved; {smtpSends} mails");
        Console.WriteLine($"work done: {tableReads} table reads, {tableWrites} table writes, {handledMessages} queue round trips, {smtpSends} SMTP sends");
        Console.WriteLine($"raw floor (same work, direct, the three kinds at once): {floor.Total.TotalSeconds:F2} s (tables {floor.Tables.TotalSeconds:F2} s, queues {floor.Queues.TotalSeconds:F2} s, SMTP {floor.Smtp.TotalSeconds:F2} s)");
        Console.WriteLine($"ratio pipeline / floor: {pipeline / floor.Total:F2}× (target ≤ 3×)");
        Console.WriteLine();
        Console.WriteLine("| step | n | p50 ms | p95 ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (step, n, p50, p95) in latencies.Summary()) Console.WriteLine($"| {step} | {n} | {p50:F1} | {p95:F1} |");
        return 0;
    }

    /// <summary>Receive, handle, delete — as the queue trigger does, with up to <c>concurrency</c> messages in hand.</summary>
    private Task Worker(StorageClients storage, string queueName, Func<string, string, Task> handle, Action handled, CancellationToken ct) => Task.Run(async () =>
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
                    handled();
                }, CancellationToken.None));
            if (inFlight.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
        }
    }, CancellationToken.None);

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

    public sealed record Floor(TimeSpan Total, TimeSpan Tables, TimeSpan Queues, TimeSpan Smtp);

    /// <summary>
    /// The same amount of storage and mail work, done directly with the SDK clients and MailKit, all three kinds at
    /// once as in the pipeline, each with the parallelism the pipeline gave it: tables 3 × concurrency (queue workers of
    /// both queues and the approvers), queue round trips 2 × concurrency (the two queue workers), SMTP the app's pool;
    /// spread over six tables and two queues, as the pipeline's work is. The floor runs against emulators of its own,
    /// started fresh beside the pipeline's (the in-memory emulators slow down as they fill), so neither side inherits
    /// the other's data.
    /// </summary>
    private async Task<Floor> FloorAsync(int reads, int writes, int roundTrips, int sends)
    {
        // As many tables and queues as the pipeline spreads its work over, so neither side works on bigger ones.
        var tableService = new TableServiceClient(BenchApp.FloorStorage);
        var queueService = new QueueServiceClient(BenchApp.FloorStorage);
        var tableSet = new List<TableClient>();
        for (var t = 0; t < 6; t++)
        {
            tableSet.Add(tableService.GetTableClient($"Floor{t}"));
            await tableSet[^1].CreateIfNotExistsAsync();
        }
        var queueSet = new List<QueueClient>();
        for (var q = 0; q < 2; q++)
        {
            queueSet.Add(queueService.GetQueueClient($"floor{q}"));
            await queueSet[^1].CreateIfNotExistsAsync();
        }
        var payload = new string('x', 1200);
        var total = Stopwatch.StartNew();

        var tables = Timed(async () =>
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = 3 * concurrency };
            await Parallel.ForEachAsync(Enumerable.Range(0, writes), options, async (i, ct) =>
                await tableSet[i % tableSet.Count].UpsertEntityAsync(new TableEntity($"p{i % 64}", $"r{i}") { ["Json"] = payload }, TableUpdateMode.Replace, ct));
            await Parallel.ForEachAsync(Enumerable.Range(0, reads), options, async (i, ct) =>
            {
                var row = i % Math.Max(writes, 1);
                await tableSet[row % tableSet.Count].GetEntityIfExistsAsync<TableEntity>($"p{row % 64}", $"r{row}", cancellationToken: ct);
            });
        });

        var queues = Timed(async () =>
        {
            var message = new string('m', 400);
            var received = 0;
            var sender = Parallel.ForEachAsync(Enumerable.Range(0, roundTrips), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
                async (i, ct) => await queueSet[i % queueSet.Count].SendMessageAsync(message, ct));
            var receivers = Parallel.ForEachAsync(Enumerable.Range(0, 2 * concurrency), new ParallelOptions { MaxDegreeOfParallelism = 2 * concurrency }, async (w, ct) =>
            {
                var queue = queueSet[w % queueSet.Count];
                while (Volatile.Read(ref received) < roundTrips)
                {
                    var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), ct)).Value;
                    if (batch.Length == 0) { await Task.Delay(10, ct); continue; }
                    foreach (var m in batch)
                    {
                        await DeleteAsync(queue, m.MessageId, m.PopReceipt);
                        Interlocked.Increment(ref received);
                    }
                }
            });
            await Task.WhenAll(sender, receivers);
        });

        var smtp = Timed(async () =>
        {
            const int connections = 4; // the app's SMTP pool size (Mail:Connections)
            await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = connections }, async (c, ct) =>
            {
                using var client = new SmtpClient();
                await client.ConnectAsync("127.0.0.1", BenchApp.FloorSmtpPort, MailKit.Security.SecureSocketOptions.None, ct);
                for (var i = c; i < sends; i += connections)
                {
                    var m = new MimeMessage { Subject = "【基准】直接发送" };
                    m.From.Add(new MailboxAddress("区政府办公室", "noreply@qinghe.example.org"));
                    m.To.Add(new MailboxAddress("", "floor@qinghe.example.org"));
                    m.Body = new BodyBuilder { HtmlBody = "<p>" + payload + "</p>", TextBody = payload }.ToMessageBody();
                    await client.SendAsync(m, ct);
                }
                await client.DisconnectAsync(true, ct);
            });
        });

        await Task.WhenAll(tables, queues, smtp);
        return new Floor(total.Elapsed, tables.Result, queues.Result, smtp.Result);
    }

    private static async Task<TimeSpan> Timed(Func<Task> work)
    {
        var sw = Stopwatch.StartNew();
        await Task.Run(work);
        return sw.Elapsed;
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
