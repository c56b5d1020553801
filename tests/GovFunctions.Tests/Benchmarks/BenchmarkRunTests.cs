using GovFunctions.Benchmarks;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Benchmarks;

/// <summary>
/// Every benchmark at a tiny size on the test emulators, on a clock set far from today (2031, a year the calendar has no
/// holidays for; the first minutes of a month, when the current month has no calls yet): a benchmark that depends on the
/// date, or whose work is wrong, fails here rather than in a user's hands.
/// </summary>
public class BenchmarkRunTests
{
    private static readonly DateTimeOffset FarFromToday = DateTimeOffset.Parse("2031-03-01T00:20:00+08:00");

    private static BenchSettings Settings(DateTimeOffset now) => new(
        TestEnvironment.Storage, TestEnvironment.SmtpPort, TestEnvironment.Storage, TestEnvironment.SmtpPort, TestEnvironment.SeedsDirectory,
        ShiftedClock.StartingAt(now),
        Path.Combine(Path.GetTempPath(), "gov-bench-" + Guid.NewGuid().ToString("N")), Repeats: 1, WarmUp: false);

    [Fact]
    public async Task HotlineBenchmark_TinyRunOnAFarDate_RecordsEveryCallAndCountersEqualTheScan()
    {
        var report = await new HotlineBenchmark(Settings(FarFromToday), calls: 12, monthCalls: 50, concurrency: 4).RunAsync();

        Assert.True(report.Correct, string.Join("; ", report.Failures));
        Assert.Contains("month 2031-02", report.Notes[0]);
        Assert.Contains("counters 50 received", report.Notes[1]);
        AssertMeasured(report, "calls recorded per second", "process CPU per call");
        var written = BenchReport.Read(report.Write(Settings(FarFromToday).OutputDirectory!));
        Assert.Equal(report.Figures.Count, written.Figures.Count);
    }

    [Fact]
    public async Task LeaveBenchmark_TinyRunOnAFarDate_ApprovesEveryChainAndTheFloorReplaysItsRequests()
    {
        var report = await new LeaveApprovalBenchmark(Settings(FarFromToday), chains: 5, concurrency: 4).RunAsync();

        Assert.True(report.Correct, string.Join("; ", report.Failures));
        Assert.Contains("leave days from 2031-03-08", report.Notes[0]);
        AssertMeasured(report, "chains approved end to end per second", "process CPU per chain");
    }

    [Fact]
    public async Task SupervisionBenchmark_TinyRunOnAFarDate_CountersEqualTheScanAndCountEveryCompletion()
    {
        var report = await new SupervisionBenchmark(Settings(FarFromToday), items: 20, concurrency: 4).RunAsync();

        Assert.True(report.Correct, string.Join("; ", report.Failures));
        Assert.Contains("20 items over", report.Notes[0]);
        Assert.Contains("the scan read 20 items", report.Notes[1]);
        AssertMeasured(report, "month scorecard from the counters vs the best scan", "peak working set of the run vs its budget");
    }

    [Fact]
    public async Task ReportBenchmark_TinyRunOnAFarDate_TheAggregatesAndTheScanGiveEveryRecipientTheSameReport()
    {
        var report = await new ReportBenchmark(Settings(FarFromToday), calls: 60, items: 12, approvals: 6, concurrency: 4).RunAsync();

        Assert.True(report.Correct, string.Join("; ", report.Failures));
        Assert.Contains("month 2031-02: 60 calls (and 3 the month before), 12 supervised items, 6 approvals", report.Notes[0]);
        Assert.Contains("the snapshots agree on every report: True", report.Notes[1]);
        Assert.Contains("pending tasks 6, calls 60", report.Notes[1]);
        AssertMeasured(report, report.Figures[0].Name, "the run's snapshot alone: aggregates vs the scan",
            "peak memory of the run in a process of its own (start-up included) vs its budget");
    }

    [Fact]
    public void BenchPeriod_InTheFirstHourOfAMonth_IsTheMonthBeforeWithinTheIntakeWindow()
    {
        var period = BenchPeriod.Of(ShiftedClock.StartingAt(FarFromToday));
        Assert.Equal((2031, 2), (period.Year, period.Month));
        Assert.True(period.From >= FarFromToday.AddDays(-30) && period.To < FarFromToday && period.To > period.From);

        var later = BenchPeriod.Of(ShiftedClock.StartingAt(DateTimeOffset.Parse("2031-03-20T10:00:00+08:00")));
        Assert.Equal((2031, 3, DateTimeOffset.Parse("2031-03-01T00:00:00+08:00")), (later.Year, later.Month, later.From));
    }

    private static void AssertMeasured(BenchReport report, params string[] names)
    {
        foreach (var name in names)
        {
            var figure = Assert.Single(report.Figures, f => f.Name == name);
            Assert.True(figure.Value > 0 && figure.Baseline > 0, $"{name}: {figure.Value} against {figure.Baseline}");
        }
    }
}
