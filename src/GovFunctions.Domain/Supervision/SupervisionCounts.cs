using GovFunctions.Scorecards;

namespace GovFunctions.Supervision;

/// <summary>One count a change adds to its owner department's month (Beijing), for the scorecards (Art. 29, 31).</summary>
public sealed record CountDelta(string Month, Measure Measure, int Met, int Of);

/// <summary>
/// What each supervision change adds to the scorecard tallies, counted in the same transaction as the change; and the
/// same figures recounted from the records alone, which the tests compare with the counters. Each item counts once toward
/// completion on time: when completed (on time or late), or when it first went red, whichever came first. Each progress
/// report due counts once: when the owner sent it, or when it was found missed. Proposals (Art. 31) count their completion
/// a second time under their own measure.
/// </summary>
public static class SupervisionCounts
{
    public static string MonthOf(DateTimeOffset at) => $"{at.ToChina():yyyy-MM}";

    public static IReadOnlyList<CountDelta> Delta(SupervisedItem before, SupervisedItem after, DateTimeOffset now, WorkingCalendar calendar,
        SupervisionThresholds t)
    {
        var month = MonthOf(now);
        var deltas = new List<CountDelta>();
        if (before.AcknowledgedAt is null && after.AcknowledgedAt is { } ack)
            deltas.Add(new(month, Measure.AcknowledgedInTime,
                ack <= calendar.DeadlineAfter(before.RegisteredAt, t.AcknowledgeWithinWorkingDays) ? 1 : 0, 1));

        if (OwnerReports(after) > OwnerReports(before) && after.LatestOwnerReport is { } report)
        {
            var due = SupervisionClock.NextReportDue(before, calendar);
            if (!before.WasWarned($"yellow-report:{OwnerReports(before)}"))
                deltas.Add(new(month, Measure.ReportsOnTime, report.At <= SupervisionClock.DeadlineOf(due, calendar) ? 1 : 0, 1));
        }
        foreach (var w in after.Warnings.Skip(before.Warnings.Count).Where(w => w.Stage == WarningStage.YellowReport))
            deltas.Add(new(month, Measure.ReportsOnTime, 0, 1));

        var wasCounted = Counted(before);
        if (!wasCounted && after.Warnings.Skip(before.Warnings.Count).Any(w => w.Stage == WarningStage.Red))
            deltas.AddRange(Completion(after, month, met: false));
        else if (!wasCounted && before.Completions.Count == 0 && after.Completions.Count > 0)
            deltas.AddRange(Completion(after, month, OnTime(after.Completions[0], after, calendar)));
        return deltas;
    }

    private static int OwnerReports(SupervisedItem item) => SupervisionClock.ReportPeriod(item);

    private static bool OnTime(CompletionReport c, SupervisedItem item, WorkingCalendar calendar) =>
        c.At <= SupervisionClock.DeadlineOf(c.DueDate ?? item.DueDate, calendar);

    private static bool Counted(SupervisedItem item) => item.Completions.Count > 0 || item.Warnings.Any(w => w.Stage == WarningStage.Red);

    private static IEnumerable<CountDelta> Completion(SupervisedItem item, string month, bool met)
    {
        yield return new(month, Measure.SupervisionOnTime, met ? 1 : 0, 1);
        if (item.Source == SupervisionSource.Proposal) yield return new(month, Measure.ProposalsAnsweredInTime, met ? 1 : 0, 1);
    }

    /// <summary>The same figures from the items' final records alone (a brute-force recount, for tests and audits).</summary>
    public static IReadOnlyList<CountDelta> Recount(SupervisedItem item, WorkingCalendar calendar, SupervisionThresholds t)
    {
        var deltas = new List<CountDelta>();
        if (item.AcknowledgedAt is { } ack)
            deltas.Add(new(MonthOf(ack), Measure.AcknowledgedInTime,
                ack <= calendar.DeadlineAfter(item.RegisteredAt, t.AcknowledgeWithinWorkingDays) ? 1 : 0, 1));

        var since = item.RegisteredAt;
        var missed = item.Warnings.Where(w => w.Stage == WarningStage.YellowReport).ToList();
        deltas.AddRange(missed.Select(w => new CountDelta(MonthOf(w.At), Measure.ReportsOnTime, 0, 1)));
        foreach (var (report, period) in item.Progress.Where(p => p.DepartmentId == item.OwnerDepartmentId).Select((r, n) => (r, n)))
        {
            var due = SupervisionClock.NextReportDue(since, item.Cadence, calendar);
            if (missed.All(w => w.Key != $"yellow-report:{period}"))
                deltas.Add(new(MonthOf(report.At), Measure.ReportsOnTime,
                    report.At <= SupervisionClock.DeadlineOf(due, calendar) ? 1 : 0, 1));
            since = report.At;
        }

        var red = item.Warnings.FirstOrDefault(w => w.Stage == WarningStage.Red);
        var first = item.Completions.FirstOrDefault();
        if (red is not null && (first is null || red.At < first.At)) deltas.AddRange(Completion(item, MonthOf(red.At), met: false));
        else if (first is not null)
            deltas.AddRange(Completion(item, MonthOf(first.At), OnTime(first, item, calendar)));
        return deltas;
    }

    /// <summary>Sums deltas into tallies per month and measure.</summary>
    public static Dictionary<(string Month, Measure Measure), Tally> Sum(IEnumerable<CountDelta> deltas) =>
        deltas.GroupBy(d => (d.Month, d.Measure)).ToDictionary(g => g.Key, g => new Tally(g.Sum(d => d.Met), g.Sum(d => d.Of)));
}
