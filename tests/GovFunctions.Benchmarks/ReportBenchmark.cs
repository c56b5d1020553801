using System.Diagnostics;
using System.Text;
using GovFunctions.Calendar;
using GovFunctions.Organization;
using GovFunctions.Platform.Mail;
using GovFunctions.Reports;
using GovFunctions.Scorecards;
using Microsoft.Extensions.Options;

namespace GovFunctions.Benchmarks;

/// <summary>
/// Issue 11, "reads aggregates, not scans". A month of hotline calls (and a twentieth of that the month before), supervised
/// items and approvals, seeded through the app's own stores (<see cref="ReportSeeding"/>). Then, in one run, each side three
/// times, alternating: every recipient's monthly report read from the aggregates, rendered and sent to the app's MailDev by
/// the app's <see cref="ReportSender"/>, against the same reports computed by the careful scan of the records
/// (<see cref="ReportScan"/>), rendered and sent to the floor's MailDev. Both snapshots must give every recipient the same
/// report tables and chart, and count every call seeded. Figures: both times and their ratio, the snapshot reads alone, and
/// the peak memory of the app's run against 256 MB.
/// </summary>
public sealed class ReportBenchmark(BenchSettings settings, int calls, int items, int approvals, int concurrency = 32)
{
    public const string Name = "reports";
    public const double PeakBudgetMb = 256;

    /// <summary>Issue 11's speed goal, set at 100,000 calls.</summary>
    public static readonly GoalAtSize SpeedGoal = new(0.05, 100_000, "calls", "issue 11");

    public async Task<BenchReport> RunAsync()
    {
        var now = settings.Clock.GetUtcNow();
        var clock = new WalkingClock(now);
        await using var app = new BenchApp(settings with { Clock = clock });
        await using var floor = new BenchApp(settings with
        {
            Clock = clock,
            Storage = settings.FloorStorage,
            SmtpPort = settings.FloorSmtpPort,
        });
        await app.SeedAsync();
        var org = await app.Get<OrganizationStore>().OrganizationAsync();
        var month = ChinaTime.DateOf(now).AddMonths(-1);
        var period = ReportPeriod.Parse(ReportKind.Monthly, $"{month:yyyy-MM}");
        var failures = new List<string>();

        var setup = Stopwatch.StartNew();
        var seeding = new ReportSeeding(app, clock, concurrency);
        var previousCalls = Math.Max(1, calls / 20);
        var callsSeeded = Task.Run(async () =>
        {
            await seeding.CallsAsync(period, calls, 0);
            await seeding.CallsAsync(period.Previous, previousCalls, calls);
        });
        await seeding.ItemsAsync(items, now, 60);
        await seeding.ApprovalsAsync(approvals, now, 30);
        await callsSeeded;
        setup.Stop();

        var sources = app.Get<ReportSources>();
        var scan = new ReportScan(app);
        var sender = app.Get<ReportSender>();
        var mail = floor.Get<IMailSender>();
        var recipients = ReportSchedule.Recipients(org);
        var cardSettings = app.Get<IOptions<ScorecardOptions>>().Value.Settings;

        // The work of each side checked once, before any measurement: the same tables for every recipient, every call counted.
        var fromAggregates = await sources.LoadAsync(period);
        var fromScan = await scan.LoadAsync(period);
        foreach (var (recipient, scope) in recipients)
        {
            var a = Text(ReportBuilder.Build(fromAggregates, scope, cardSettings));
            var s = Text(ReportBuilder.Build(fromScan, scope, cardSettings));
            if (a != s) failures.Add($"{recipient.Id}: the aggregates' report differs from the scan's at \"{FirstDifference(a, s)}\"");
        }
        var agree = failures.Count == 0;
        var received = fromAggregates.Calls.GetValueOrDefault(Hotline.CallCounts.All)?.Received ?? 0;
        if (received != calls) failures.Add($"the month's counters count {received} calls of the {calls} seeded");
        if (fromScan.Pending.Count != approvals) failures.Add($"the scan finds {fromScan.Pending.Count} pending tasks of {approvals}");
        if (fromAggregates.Pending.Count != approvals)
            failures.Add($"the index finds {fromAggregates.Pending.Count} pending tasks of {approvals}");

        var (sent, scanned, peak, scanPeak) = (new List<double>(), new List<double>(), 0.0, 0.0);
        var (sentCpu, scannedCpu) = (new List<double>(), new List<double>());
        var (readAggregates, readScan) = (new List<double>(), new List<double>());
        for (var r = 0; r < settings.Repeats; r++)
        {
            clock.MoveTo(now.AddSeconds(r + 1)); // each resend is its own (keyed by the time it was asked for)
            PeakMemory.Reset();
            var count = 0;
            var run = await Measured.OfAsync(async () => count = await sender.SendAsync(period, null, resend: true));
            sent.Add(run.Wall.TotalMilliseconds);
            sentCpu.Add(run.Cpu.TotalMilliseconds);
            peak = Math.Max(peak, PeakMemory.Mb());
            if (count != recipients.Count) failures.Add($"run {r + 1}: {count} reports sent of {recipients.Count}");
            PeakMemory.Reset();
            var scanRun = await Measured.OfAsync(() => ScanAndSendAsync(scan, period, org, recipients, cardSettings, mail));
            scanned.Add(scanRun.Wall.TotalMilliseconds);
            scannedCpu.Add(scanRun.Cpu.TotalMilliseconds);
            scanPeak = Math.Max(scanPeak, PeakMemory.Mb());
            readAggregates.Add((await Measured.OfAsync(() => sources.LoadAsync(period))).Wall.TotalMilliseconds);
            readScan.Add((await Measured.OfAsync(() => scan.LoadAsync(period))).Wall.TotalMilliseconds);
        }
        // The budget is the report run's, as a worker runs the timer: in a process of its own, over the same seeded tables.
        var own = await ReportRun.InChildAsync(settings, app.Prefix, period, now.AddSeconds(settings.Repeats + 1));
        if (own.Sent != recipients.Count) failures.Add($"the run in a process of its own sent {own.Sent} reports of {recipients.Count}");

        return new BenchReport(Name, $"calls={calls} items={items} approvals={approvals} concurrency={concurrency}", now,
        [
            new Figure($"all {recipients.Count} monthly reports read, rendered and sent: aggregates vs the scan", "ms", sent, scanned,
                RatioAtMost: SpeedGoal.At(calls)),
            new Figure("the run's snapshot alone: aggregates vs the scan", "ms", readAggregates, readScan,
                RatioAtMost: SpeedGoal.At(calls)),
            new Figure($"process CPU of the {recipients.Count} reports: aggregates vs the scan", "ms", sentCpu, scannedCpu),
            new Figure("peak memory of the run in a process of its own (start-up included) vs its budget", "MB", [own.PeakMb],
                [PeakBudgetMb], RatioAtMost: 1),
            new Figure("the run in a process of its own (start-up and first calls included)", "ms", [own.Ms]),
            new Figure("peak memory of this process over the app's run (both apps and the seeding's caches held)", "MB", [peak]),
            new Figure("peak memory of this process over the scan's run", "MB", [scanPeak]),
            new Figure("setup: the month seeded through the app's stores", "s", [setup.Elapsed.TotalSeconds]),
        ], failures,
        [
            $"month {period.Name}: {calls} calls (and {previousCalls} the month before), {items} supervised items, " +
                $"{approvals} approvals; " +
                $"seeded through the app's stores in {setup.Elapsed.TotalSeconds:F0} s",
            $"{recipients.Count} recipients; the snapshots agree on every report: {agree}; " +
                $"open items {fromAggregates.OpenItems.Count}, pending tasks {fromAggregates.Pending.Count}, calls {received}",
            "peak memory: the resident high-water mark (VmHWM); of the process of its own from its start, of this process over each " +
                "run (reset before it, after a collection that returns the free heap)",
            $"the process of its own (tables {app.Prefix}*): {own.Line}",
            SpeedGoal.Note(calls),
        ]);
    }

    /// <summary>The scan's side of a run: the snapshot from the records, then every recipient's report built, rendered and sent.</summary>
    private static async Task ScanAndSendAsync(ReportScan scan, ReportPeriod period, OrgChart org,
        IReadOnlyList<(Person Recipient, ReportScope Scope)> recipients, ScorecardSettings settings, IMailSender mail)
    {
        var snapshot = await scan.LoadAsync(period);
        foreach (var (recipient, scope) in recipients)
            await mail.SendAsync(ReportRenderer.Mail(ReportBuilder.Build(snapshot, scope, settings), org,
                [new MailAddress(recipient.Email, recipient.Name)], []));
    }

    /// <summary>A report's tables and chart as text, one line per row: what two reports must agree on.</summary>
    private static string Text(ReportContent c)
    {
        var text = new StringBuilder().AppendLine(c.ScopeTitle);
        foreach (var t in c.Tables)
        {
            text.Append(t.Section).Append(" / ").Append(t.Title).Append(": ").AppendJoin(" | ", t.Header).AppendLine();
            foreach (var row in t.Rows) text.AppendJoin(" | ", row).AppendLine();
        }
        text.Append("chart: ").AppendJoin(",", c.Chart.Categories).Append(" / ").AppendJoin(",", c.Chart.Bars).Append(" / ")
            .AppendJoin(",", c.Chart.LinePercent ?? []);
        return text.ToString();
    }

    private static string FirstDifference(string a, string b)
    {
        var (x, y) = (a.Split('\n'), b.Split('\n'));
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++) if (x[i] != y[i]) return $"{x[i].Trim()}\" against \"{y[i].Trim()}";
        return "the number of lines";
    }
}
