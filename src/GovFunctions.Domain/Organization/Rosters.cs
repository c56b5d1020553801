namespace GovFunctions.Organization;

/// <summary>
/// Art. 37: the district head and deputies staff the district-head hotline themselves in turn. One shift a week
/// on a fixed weekday; the leaders rotate in the listed order from the first shift.
/// </summary>
public sealed record HotlineRoster(DayOfWeek Weekday, TimeOnly Start, TimeOnly End, DateOnly FirstDate, IReadOnlyList<string> Rotation)
{
    public IEnumerable<HotlineShift> ShiftsBetween(DateOnly from, DateOnly to)
    {
        var first = FirstDate;
        while (first.DayOfWeek != Weekday) first = first.AddDays(1);
        var start = from > first ? from : first;
        while (start.DayOfWeek != Weekday) start = start.AddDays(1);
        for (var d = start; d <= to; d = d.AddDays(7))
        {
            var index = (d.DayNumber - first.DayNumber) / 7 % Rotation.Count;
            yield return new HotlineShift(d, ChinaTime.At(d, Start), ChinaTime.At(d, End), Rotation[index]);
        }
    }
}

public sealed record HotlineShift(DateOnly Date, DateTimeOffset Start, DateTimeOffset End, string LeaderId);

/// <summary>
/// Art. 76: 24-hour duty with a leader on duty. Duty officers change daily at the shift-change time; the leader
/// on duty (带班领导) changes weekly at the same time on the weekday of the first date.
/// </summary>
public sealed record DutyRoster(TimeOnly ShiftChange, DateOnly FirstDate, IReadOnlyList<string> Officers, IReadOnlyList<string> Leaders)
{
    public DutyShift ShiftAt(DateTimeOffset instant)
    {
        var local = instant.ToChina();
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) < ShiftChange) day = day.AddDays(-1);
        var days = day.DayNumber - FirstDate.DayNumber;
        var officer = Officers[Mod(days, Officers.Count)];
        var leader = Leaders[Mod(FloorDiv(days, 7), Leaders.Count)];
        return new DutyShift(ChinaTime.At(day, ShiftChange), ChinaTime.At(day.AddDays(1), ShiftChange), officer, leader);
    }

    private static int Mod(int a, int n) => ((a % n) + n) % n;
    private static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);
}

public sealed record DutyShift(DateTimeOffset Start, DateTimeOffset End, string OfficerId, string LeaderId);
