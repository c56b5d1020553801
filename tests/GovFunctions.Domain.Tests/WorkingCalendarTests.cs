using GovFunctions.Calendar;

namespace GovFunctions.Domain.Tests;

/// <summary>The working-day clock against the State Council's 2026 holiday notice (seeds/calendar/2026.json).</summary>
public class WorkingCalendarTests
{
    private static readonly WorkingCalendar Calendar = Seeds.Calendar();

    private static DateOnly D(string s) => DateOnly.Parse(s);
    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s);

    [Theory]
    [InlineData("2026-01-01", false)] // 元旦
    [InlineData("2026-01-02", false)] // 元旦 (Friday)
    [InlineData("2026-01-04", true)]  // Sunday made a workday (调休)
    [InlineData("2026-02-14", true)]  // Saturday made a workday before 春节
    [InlineData("2026-02-16", false)] // 春节 (Monday)
    [InlineData("2026-02-23", false)] // last day of 春节 (Monday)
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]  // Saturday made a workday after 春节
    [InlineData("2026-04-06", false)] // 清明 (Monday)
    [InlineData("2026-05-05", false)] // 劳动节 (Tuesday)
    [InlineData("2026-05-09", true)]  // Saturday made a workday
    [InlineData("2026-06-19", false)] // 端午 (Friday)
    [InlineData("2026-09-20", true)]  // Sunday made a workday before 国庆
    [InlineData("2026-09-25", false)] // 中秋 (Friday)
    [InlineData("2026-10-07", false)] // 国庆 (Wednesday)
    [InlineData("2026-10-08", true)]
    [InlineData("2026-10-10", true)]  // Saturday made a workday after 国庆
    [InlineData("2026-11-21", false)] // an ordinary Saturday
    [InlineData("2026-11-25", true)]  // an ordinary Wednesday
    public void IsWorkingDay_Follows_TheHolidayNotice(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(D(date)));

    [Theory]
    [InlineData("2026-09-30", 1, "2026-10-08")] // over the National Day week
    [InlineData("2026-10-08", 2, "2026-10-10")] // into the adjusted Saturday
    [InlineData("2026-02-13", 1, "2026-02-14")] // Friday → adjusted Saturday
    [InlineData("2026-02-14", 1, "2026-02-24")] // over 春节
    [InlineData("2026-12-31", 1, "2027-01-01")] // beyond the notice: weekend rule only
    [InlineData("2026-04-03", 3, "2026-04-09")] // over 清明
    [InlineData("2026-11-20", 13, "2026-12-09")] // a 12345 complaint limit in ordinary weeks
    [InlineData("2026-02-15", 0, "2026-02-24")] // zero days from a holiday: the next working day
    [InlineData("2026-11-25", 0, "2026-11-25")] // zero days from a working day: that day
    public void AddWorkingDays_SkipsHolidaysAndCountsAdjustedWorkdays(string from, int days, string expected) =>
        Assert.Equal(D(expected), Calendar.AddWorkingDays(D(from), days));

    [Fact]
    public void AddWorkingDays_ThirteenDaysOverNationalDay_SkipsTheWeekAndCountsBothAdjustedDays()
    {
        // 9/18 (Fri) + 13: 9/20 (Sun, workday), 9/21–24, 9/28–30, 10/8, 10/9, 10/10 (Sat, workday), 10/12, 10/13.
        Assert.Equal(D("2026-10-13"), Calendar.AddWorkingDays(D("2026-09-18"), 13));
    }

    [Fact]
    public void DeadlineAfter_IsTheCloseOfOfficeOnTheNthWorkingDay_InChinaStandardTime()
    {
        var deadline = Calendar.DeadlineAfter(T("2026-09-30T10:00:00+08:00"), 3);
        Assert.Equal(T("2026-10-10T17:30:00+08:00"), deadline);
        Assert.Equal(TimeSpan.FromHours(8), deadline.Offset);
    }

    [Fact]
    public void DeadlineAfter_ReadsTheDayInChinaTime_NotUtc()
    {
        // 2026-10-07T20:00Z is 2026-10-08 04:00 in Beijing: a working day, so one working day later is 10-09.
        Assert.Equal(T("2026-10-09T17:30:00+08:00"), Calendar.DeadlineAfter(T("2026-10-07T20:00:00Z"), 1));
    }

    [Theory]
    [InlineData("2026-11-25T10:00:00+08:00", "2026-11-25T17:30:00+08:00")] // during hours: today
    [InlineData("2026-11-25T18:00:00+08:00", "2026-11-26T17:30:00+08:00")] // after hours: next working day
    [InlineData("2026-10-03T09:00:00+08:00", "2026-10-08T17:30:00+08:00")] // on a holiday: first day back
    public void DeadlineAfter_ZeroDays_IsTheSameWorkingDay(string received, string expected) =>
        Assert.Equal(T(expected), Calendar.DeadlineAfter(T(received), 0));

    [Fact]
    public void WorkingTimeBetween_CountsOnlyOfficeHoursOnWorkingDays()
    {
        // Fri 2/13 17:00 → Tue 2/24 09:00: half an hour on Friday, the whole adjusted Saturday 2/14 (7 h),
        // nothing over 春节, half an hour on Tuesday morning.
        Assert.Equal(TimeSpan.FromHours(8), Calendar.WorkingTimeBetween(T("2026-02-13T17:00:00+08:00"), T("2026-02-24T09:00:00+08:00")));
    }

    [Fact]
    public void WorkingTimeBetween_SkipsTheLunchBreak()
    {
        Assert.Equal(TimeSpan.FromHours(1), Calendar.WorkingTimeBetween(T("2026-11-25T11:30:00+08:00"), T("2026-11-25T14:30:00+08:00")));
    }

    [Fact]
    public void WorkingTimeBetween_IsZeroWhenToIsNotAfterFrom()
    {
        Assert.Equal(TimeSpan.Zero, Calendar.WorkingTimeBetween(T("2026-11-25T15:00:00+08:00"), T("2026-11-25T10:00:00+08:00")));
    }

    [Fact]
    public void WorkingDaysBetween_IsSignedAndSkipsHolidays()
    {
        Assert.Equal(1, Calendar.WorkingDaysBetween(D("2026-09-30"), D("2026-10-08")));
        Assert.Equal(-1, Calendar.WorkingDaysBetween(D("2026-10-08"), D("2026-09-30")));
    }

    [Fact]
    public void Calendar_Covers2026_AndNamesItsDays()
    {
        Assert.True(Calendar.Covers(2026));
        Assert.False(Calendar.Covers(2030));
        Assert.Equal("春节", Calendar.NameOf(D("2026-02-17")));
        Assert.Equal("国庆节调休上班", Calendar.NameOf(D("2026-10-10")));
    }

    [Fact]
    public void Calendar_RefusesADayListedBothAsHolidayAndWorkday()
    {
        var day = D("2026-03-02");
        Assert.Throws<ArgumentException>(() => new WorkingCalendar(
            [new CalendarDay(day, DayKind.Holiday, "x"), new CalendarDay(day, DayKind.AdjustedWorkday, "y")]));
    }

    [Fact]
    public void ChinaTime_DayBoundaryIsMidnightInBeijing()
    {
        Assert.Equal(D("2026-11-26"), ChinaTime.DateOf(T("2026-11-25T16:00:00Z")));
        Assert.Equal(D("2026-11-25"), ChinaTime.DateOf(T("2026-11-25T15:59:59Z")));
    }
}
