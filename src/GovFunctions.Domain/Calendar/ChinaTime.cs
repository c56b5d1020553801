using System.Globalization;

namespace GovFunctions.Calendar;

/// <summary>China Standard Time (UTC+8, no daylight saving): the one zone every deadline and day boundary uses.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset ToChina(this DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static TimeOnly TimeOf(DateTimeOffset instant) => TimeOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);

    public static DateTimeOffset StartOf(DateOnly date) => At(date, TimeOnly.MinValue);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(Offset);

    /// <summary>
    /// The one way a time is written for a person, on pages and in emails: <c>2026年12月18日 17:30</c>, China Standard Time.
    /// </summary>
    public static string Text(DateTimeOffset instant) => instant.ToChina().ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A day as a person reads it: <c>2026年12月18日</c>.</summary>
    public static string Text(DateOnly date) => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>The China day of an instant, as a person reads it: <c>2026年12月18日</c>.</summary>
    public static string DayText(DateTimeOffset instant) => Text(DateOf(instant));

    /// <summary>A time within the year, for subjects and short lists: <c>12月18日 17:30</c>.</summary>
    public static string ShortText(DateTimeOffset instant) => instant.ToChina().ToString("M月d日 HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A span as a title shows it: within one day <c>12月9日 09:00—12:00</c> (the day alone when it ends at midnight),
    /// over several days <c>12月9日—12月11日</c>.
    /// </summary>
    public static string SpanText(DateTimeOffset start, DateTimeOffset end)
    {
        var (first, last) = (DateOf(start), DateOf(end.AddTicks(-1)));
        var day = first.ToString("M月d日", CultureInfo.InvariantCulture);
        if (first != last) return $"{day}—{last.ToString("M月d日", CultureInfo.InvariantCulture)}";
        return TimeOf(end) == TimeOnly.MinValue ? day : $"{day} {TimeOf(start):HH\\:mm}—{TimeOf(end):HH\\:mm}";
    }
}
