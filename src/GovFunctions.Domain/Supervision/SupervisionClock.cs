namespace GovFunctions.Supervision;

/// <summary>Thresholds of the three-colour sheet and of Art. 32, all in working days (settings).</summary>
public sealed record SupervisionThresholds(
    int BlueWithinWorkingDays = 3,
    int ReportLateWorkingDays = 1,
    int BehindPoints = 20,
    int AccountabilityAfterWorkingDays = 5,
    int AcknowledgeWithinWorkingDays = 1);

/// <summary>
/// The lights and warnings of a supervised item on the working-day clock, computed from the item and the time; nothing
/// here is stored. A due date means the close of office on that day.
/// </summary>
public static class SupervisionClock
{
    public static string NameOf(WarningStage stage) => stage switch
    {
        WarningStage.AcknowledgeReminder => "签收提醒",
        WarningStage.Blue => "蓝色提醒（临近期限）",
        WarningStage.YellowReport => "黄色预警（未按时报送进展）",
        WarningStage.YellowBehind => "黄色预警（进度滞后于序时进度）",
        WarningStage.Red => "红色督办（已逾期）",
        _ => "列入问责名单（第三十二条）",
    };

    public static string NameOf(WarningColor color) => color switch
    {
        WarningColor.Green => "绿灯",
        WarningColor.Blue => "蓝灯",
        WarningColor.Yellow => "黄灯",
        _ => "红灯",
    };

    public static DateTimeOffset DeadlineOf(DateOnly due, WorkingCalendar calendar) => ChinaTime.At(due, calendar.Hours.Close);

    public static bool IsPastDue(SupervisedItem item, DateTimeOffset now, WorkingCalendar calendar) =>
        item.IsOpen && now > DeadlineOf(item.DueDate, calendar);

    /// <summary>Which reporting period the item is in: the number of progress reports the owner has sent.</summary>
    public static int ReportPeriod(SupervisedItem item) => item.Progress.Count(p => p.DepartmentId == item.OwnerDepartmentId);

    /// <summary>When the next progress report is due: a cadence after the owner's last report, or after registration.</summary>
    public static DateOnly NextReportDue(SupervisedItem item, WorkingCalendar calendar) =>
        NextReportDue(item.LatestOwnerReport?.At ?? item.RegisteredAt, item.Cadence, calendar);

    public static DateOnly NextReportDue(DateTimeOffset after, ProgressCadence cadence, WorkingCalendar calendar)
    {
        var since = ChinaTime.DateOf(after);
        return cadence switch
        {
            ProgressCadence.Weekly => calendar.AddWorkingDays(since, 5),
            ProgressCadence.Biweekly => calendar.AddWorkingDays(since, 10),
            _ => calendar.AddWorkingDays(since.AddMonths(1), 0),
        };
    }

    /// <summary>The report due before the item's own due date that is late by the threshold, if one is.</summary>
    public static DateOnly? MissedReport(SupervisedItem item, DateTimeOffset now, WorkingCalendar calendar, SupervisionThresholds t)
    {
        if (!item.IsOpen) return null;
        var due = NextReportDue(item, calendar);
        return due < item.DueDate && calendar.WorkingDaysBetween(due, ChinaTime.DateOf(now)) >= t.ReportLateWorkingDays ? due : null;
    }

    /// <summary>序时进度: the share of the period's working days elapsed, in percent.</summary>
    public static int ExpectedPercent(SupervisedItem item, DateTimeOffset now, WorkingCalendar calendar)
    {
        var start = ChinaTime.DateOf(item.RegisteredAt);
        var total = calendar.WorkingDaysBetween(start, item.DueDate);
        if (total <= 0) return 100;
        var elapsed = Math.Clamp(calendar.WorkingDaysBetween(start, ChinaTime.DateOf(now)), 0, total);
        return elapsed * 100 / total;
    }

    public static bool IsBehind(SupervisedItem item, DateTimeOffset now, WorkingCalendar calendar, SupervisionThresholds t) =>
        item.IsOpen && ExpectedPercent(item, now, calendar) - (item.LatestOwnerReport?.Percent ?? 0) > t.BehindPoints;

    /// <summary>Working days from now to the due date (0 on the due date itself); negative once past it.</summary>
    public static int WorkingDaysLeft(SupervisedItem item, DateTimeOffset now, WorkingCalendar calendar) =>
        calendar.WorkingDaysBetween(ChinaTime.DateOf(now), item.DueDate);

    /// <summary>
    /// The light as read (API.md): red past due; yellow a report missed or behind 序时进度; blue 0–3 working days left.
    /// </summary>
    public static WarningColor Color(SupervisedItem item, DateTimeOffset now, WorkingCalendar calendar, SupervisionThresholds t)
    {
        if (!item.IsOpen) return WarningColor.Green;
        if (IsPastDue(item, now, calendar)) return WarningColor.Red;
        if (MissedReport(item, now, calendar, t) is not null || IsBehind(item, now, calendar, t)) return WarningColor.Yellow;
        return WorkingDaysLeft(item, now, calendar) <= t.BlueWithinWorkingDays ? WarningColor.Blue : WarningColor.Green;
    }

    /// <summary>Every warning due now that was not sent before, each keyed by its stage and the occurrence it is for.</summary>
    public static IReadOnlyList<(WarningStage Stage, string Key)> WarningsDue(SupervisedItem item, DateTimeOffset now,
        WorkingCalendar calendar, SupervisionThresholds t)
    {
        var due = new List<(WarningStage, string)>();
        if (!item.IsOpen) return due;
        var dueKey = item.DueDate.ToString("yyyy-MM-dd");
        if (item.Status == SupervisionStatus.Assigned
            && now > calendar.DeadlineAfter(item.RegisteredAt, t.AcknowledgeWithinWorkingDays))
            due.Add((WarningStage.AcknowledgeReminder, "acknowledge"));
        if (IsPastDue(item, now, calendar))
        {
            due.Add((WarningStage.Red, $"red:{dueKey}"));
            if (calendar.WorkingDaysBetween(item.DueDate, ChinaTime.DateOf(now)) >= t.AccountabilityAfterWorkingDays)
                due.Add((WarningStage.Accountability, $"accountability:{dueKey}"));
        }
        else
        {
            if (WorkingDaysLeft(item, now, calendar) <= t.BlueWithinWorkingDays) due.Add((WarningStage.Blue, $"blue:{dueKey}"));
            var report = ReportPeriod(item); // the n-th report period: a report due date can recur, a period cannot
            if (MissedReport(item, now, calendar, t) is not null) due.Add((WarningStage.YellowReport, $"yellow-report:{report}"));
            if (IsBehind(item, now, calendar, t)) due.Add((WarningStage.YellowBehind, $"yellow-behind:{report}"));
        }
        return due.Where(d => !item.WasWarned(d.Item2)).ToList();
    }
}
