namespace GovFunctions.Calendar;

public enum DayKind { Holiday, AdjustedWorkday }

/// <summary>A day the State Council's holiday notice names: a public holiday, or a weekend made a workday (调休).</summary>
public sealed record CalendarDay(DateOnly Date, DayKind Kind, string Name);

/// <summary>The office's working hours on a working day, as intervals in China Standard Time.</summary>
public sealed record OfficeHours(IReadOnlyList<(TimeOnly Start, TimeOnly End)> Intervals)
{
    /// <summary>08:30–12:00 and 14:00–17:30, the usual hours of a district government office.</summary>
    public static readonly OfficeHours Standard = new([(new(8, 30), new(12, 0)), (new(14, 0), new(17, 30))]);

    public TimeOnly Close => Intervals[^1].End;
}

/// <summary>
/// The working-day clock: weekends are rest days unless the holiday notice makes them workdays (调休),
/// weekdays are workdays unless they are public holidays. Years the calendar holds no notice for fall back
/// to the weekend rule; <see cref="Covers"/> tells which years are known.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly Dictionary<DateOnly, CalendarDay> _days;
    private readonly HashSet<int> _years;

    public WorkingCalendar(IEnumerable<CalendarDay> days, OfficeHours? hours = null)
    {
        _days = [];
        foreach (var day in days)
        {
            if (_days.TryGetValue(day.Date, out var existing) && existing.Kind != day.Kind)
                throw new ArgumentException($"{day.Date:yyyy-MM-dd} is listed both as a holiday and as a workday.");
            _days[day.Date] = day;
        }
        _years = _days.Keys.Select(d => d.Year).ToHashSet();
        Hours = hours ?? OfficeHours.Standard;
    }

    public OfficeHours Hours { get; }

    public IEnumerable<int> Years => _years.Order();

    public bool Covers(int year) => _years.Contains(year);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_days.TryGetValue(date, out var day)) return day.Kind == DayKind.AdjustedWorkday;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    public bool IsWorkingDay(DateTimeOffset instant) => IsWorkingDay(ChinaTime.DateOf(instant));

    public string? NameOf(DateOnly date) => _days.TryGetValue(date, out var day) ? day.Name : null;

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        var d = date.AddDays(1);
        while (!IsWorkingDay(d)) d = d.AddDays(1);
        return d;
    }

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="date"/> (the day itself not counted);
    /// with 0, the day itself if it is a working day, else the next one.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (days == 0) return IsWorkingDay(date) ? date : NextWorkingDay(date);
        var d = date;
        for (var i = 0; i < days; i++) d = NextWorkingDay(d);
        return d;
    }

    /// <summary>
    /// A deadline of N working days counted from an instant: the close of office on the N-th working day after
    /// the day it arrived. With 0 ("the same day"), today's close, or the next working day's when it arrived
    /// after hours or on a rest day.
    /// </summary>
    public DateTimeOffset DeadlineAfter(DateTimeOffset received, int workingDays)
    {
        var date = ChinaTime.DateOf(received);
        if (workingDays == 0)
        {
            var sameDay = IsWorkingDay(date) && ChinaTime.TimeOf(received) < Hours.Close;
            return ChinaTime.At(sameDay ? date : NextWorkingDay(date), Hours.Close);
        }
        return ChinaTime.At(AddWorkingDays(date, workingDays), Hours.Close);
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when to is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from) return -WorkingDaysBetween(to, from);
        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }

    /// <summary>Office time elapsed between two instants: only working days, only within office hours.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return TimeSpan.Zero;
        var total = TimeSpan.Zero;
        for (var date = ChinaTime.DateOf(from); date <= ChinaTime.DateOf(to); date = date.AddDays(1))
        {
            if (!IsWorkingDay(date)) continue;
            foreach (var (start, end) in Hours.Intervals)
            {
                var a = Max(ChinaTime.At(date, start), from);
                var b = Min(ChinaTime.At(date, end), to);
                if (b > a) total += b - a;
            }
        }
        return total;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
