using System.Diagnostics;
using GovFunctions.Calendar;
using GovFunctions.Organization;
using GovFunctions.Platform.Storage;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;
using Microsoft.Extensions.Options;

namespace GovFunctions.Benchmarks;

/// <summary>
/// Issue 10. Supervised items spread over every department, each with a year of monthly progress reports and a third of
/// them completed and verified, all made through the app's own service on a clock that walks through the year (so the
/// scorecard counters are the ones its transactions wrote). Then one month's supervision scorecard from the counters
/// (one query on the tally rows' keys, not a point read per department) against the best full scan a careful engineer
/// would write (a server-side filter on the record rows, one query per department in parallel, each item recounted from
/// its reports); both must give the same
/// tallies. Each side is measured three times, alternating; the peak working set of the whole run is held to 256 MB.
/// </summary>
public sealed class SupervisionBenchmark(BenchSettings settings, int items, int concurrency)
{
    public const string Name = "supervision";
    public const double PeakBudgetMb = 256;

    /// <summary>Issue 10's speed goal, set at 5,000 items (the counters are 17 point reads whatever the items).</summary>
    public static readonly GoalAtSize SpeedGoal = new(0.05, 5_000, "items", "issue 10");

    private const int Months = 12;

    public async Task<BenchReport> RunAsync()
    {
        var clock = new WalkingClock(YearAgo(settings.Clock.GetUtcNow()));
        await using var app = new BenchApp(settings with { Clock = clock });
        await app.SeedAsync();
        var org = await app.Get<OrganizationStore>().OrganizationAsync();
        var calendar = await app.Get<OrganizationStore>().CalendarAsync();
        var service = app.Get<SupervisionService>();
        var office = org.Person("sun-huimin");
        var departments = org.Departments.Select(d => d.Id).ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
        var failures = new List<string>();

        // The year, through the service: registered and acknowledged in month 0, a report each month, a third completed
        // and verified in month 6.
        var ids = new string[items];
        clock.MoveTo(WorkingMorning(clock.GetUtcNow(), calendar));
        var setup = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, items), parallel, async (i, ct) =>
        {
            var dept = departments[i % departments.Count];
            var due = ChinaTime.DateOf(clock.GetUtcNow()).AddMonths(Months + 2);
            var item = await service.RegisterAsync(office, new SupervisionIntake($"第{i}项重点工作：推进老旧小区改造与民生实事落实",
                SupervisionSource.Deployment, null, dept, [], due, ProgressCadence.Monthly, null, null), ct);
            ids[i] = item.Id;
            await service.ActAsync(org.HeadOf(dept), item.Id, "acknowledge", new(null, null, false, null, null, null), ct);
        });
        for (var month = 1; month <= Months; month++)
        {
            clock.MoveTo(WorkingMorning(clock.Start.AddMonths(month), calendar));
            var m = month;
            await Parallel.ForEachAsync(Enumerable.Range(0, items), parallel, async (i, ct) =>
            {
                var head = org.HeadOf(departments[i % departments.Count]);
                if (i % 3 == 0 && m > 6) return; // completed
                await service.ActAsync(head, ids[i], "progress",
                    new($"第{m}月进展：已完成阶段性任务，正在推进下一阶段工作。", Math.Min(95, m * 8), m % 4 == 0, null, null, null), ct);
                if (i % 3 == 0 && m == 6)
                {
                    await service.ActAsync(head, ids[i], "complete", new("已按期完成全部任务，请予复核。", null, false, null, null, null), ct);
                    await service.ActAsync(office, ids[i], "verify", new(null, null, false, true, null, null), ct);
                }
            });
        }
        setup.Stop();

        var month6 = SupervisionCounts.MonthOf(WorkingMorning(clock.Start.AddMonths(6), calendar));
        var counters = app.Get<SupervisionCounters>();
        var thresholds = app.Get<IOptions<SupervisionOptions>>().Value.Thresholds;
        var aggregate = new List<double>();
        var scan = new List<double>();
        IReadOnlyDictionary<string, IReadOnlyDictionary<Measure, Tally>> fromCounters = new Dictionary<string, IReadOnlyDictionary<Measure, Tally>>();
        Dictionary<string, IReadOnlyDictionary<Measure, Tally>> fromScan = [];
        var scanned = 0;
        var (aggregateCpu, scanCpu) = (new List<double>(), new List<double>());
        for (var repeat = 0; repeat < settings.Repeats; repeat++)
        {
            var a = await Measured.OfAsync(async () => fromCounters = await counters.PeriodAsync(departments, [month6]));
            var b = await Measured.OfAsync(async () =>
                (fromScan, scanned) = await ScanAsync(service.Store, departments, month6, calendar, thresholds));
            aggregate.Add(a.Wall.TotalMilliseconds);
            scan.Add(b.Wall.TotalMilliseconds);
            aggregateCpu.Add(a.Cpu.TotalMilliseconds);
            scanCpu.Add(b.Cpu.TotalMilliseconds);
        }

        foreach (var dept in departments)
        {
            var a = fromCounters.GetValueOrDefault(dept) ?? new Dictionary<Measure, Tally>();
            var s = fromScan.GetValueOrDefault(dept) ?? new Dictionary<Measure, Tally>();
            foreach (var measure in a.Keys.Union(s.Keys))
                if (a.GetValueOrDefault(measure) != s.GetValueOrDefault(measure))
                    failures.Add($"{dept} {measure}: counters {a.GetValueOrDefault(measure)} but the scan {s.GetValueOrDefault(measure)}");
        }
        if (scanned != items) failures.Add($"the scan read {scanned} items of {items}");
        var completedOnTime = fromCounters.Values.Sum(d => d.GetValueOrDefault(Measure.SupervisionOnTime).Met);
        if (completedOnTime != (items + 2) / 3) failures.Add($"{completedOnTime} items completed on time in {month6}, not {(items + 2) / 3}");
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;

        return new BenchReport(Name, $"items={items} concurrency={concurrency}", settings.Clock.GetUtcNow(),
        [
            new Figure("month scorecard from the counters vs the best scan", "ms", aggregate, scan,
                RatioAtMost: SpeedGoal.At(items)),
            new Figure("process CPU of the month scorecard: counters vs the best scan", "ms", aggregateCpu, scanCpu),
            new Figure("peak working set of the run vs its budget", "MB", [peakMb], [PeakBudgetMb], RatioAtMost: 1),
        ], failures,
        [
            $"{items} items over {departments.Count} departments, {Months} monthly reports each, a third completed in {month6}; " +
            $"made through the service in {setup.Elapsed.TotalSeconds:F0} s",
            $"the scan read {scanned} items; counters and scan agree on {fromCounters.Count} departments",
            SpeedGoal.Note(items),
        ]);
    }

    /// <summary>The best full scan: the record rows only (a server-side filter on the column they alone carry), one query per
    /// department in parallel (<see cref="ReportScan.ItemsAsync(RecordStore{SupervisedItem}, IEnumerable{string}, CancellationToken)"/>),
    /// every item recounted from its reports with the same rules the counters apply.</summary>
    private static async Task<(Dictionary<string, IReadOnlyDictionary<Measure, Tally>>, int)> ScanAsync(
        RecordStore<SupervisedItem> store, IReadOnlyList<string> departments, string month, WorkingCalendar calendar,
        SupervisionThresholds thresholds)
    {
        var items = await ReportScan.ItemsAsync(store, departments);
        return (ReportScan.SupervisionTallies(items, month, calendar, thresholds), items.Count);
    }

    private static DateTimeOffset YearAgo(DateTimeOffset now) => now.AddMonths(-Months - 1);

    /// <summary>10:00 China time on the first working day from the given instant's date.</summary>
    private static DateTimeOffset WorkingMorning(DateTimeOffset at, WorkingCalendar calendar)
    {
        var day = ChinaTime.DateOf(at);
        while (!calendar.IsWorkingDay(day)) day = day.AddDays(1);
        return ChinaTime.At(day, new TimeOnly(10, 0));
    }
}
