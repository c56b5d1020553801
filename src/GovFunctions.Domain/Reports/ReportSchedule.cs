using System.Globalization;

namespace GovFunctions.Reports;

public enum ReportKind { Weekly, Monthly }

/// <summary>A report's period: an ISO week (<c>2026-W48</c>, Monday to Sunday) or a month (<c>2026-11</c>), in Beijing.</summary>
public sealed record ReportPeriod(ReportKind Kind, DateOnly First, DateOnly Last)
{
    public string Name => Kind == ReportKind.Weekly
        ? $"{ISOWeek.GetYear(First.ToDateTime(TimeOnly.MinValue)):D4}-W{ISOWeek.GetWeekOfYear(First.ToDateTime(TimeOnly.MinValue)):D2}"
        : $"{First:yyyy-MM}";

    public string ChineseName => Kind == ReportKind.Weekly
        ? $"{First:yyyy年M月d日}至{Last:M月d日}"
        : $"{First:yyyy年M月}";

    public DateTimeOffset Start => ChinaTime.StartOf(First);
    public DateTimeOffset End => ChinaTime.StartOf(Last.AddDays(1));

    public ReportPeriod Previous => Kind == ReportKind.Weekly
        ? Week(First.AddDays(-7))
        : Month(First.AddMonths(-1));

    public static ReportPeriod Week(DateOnly anyDay)
    {
        var monday = anyDay.AddDays(-(((int)anyDay.DayOfWeek + 6) % 7));
        return new(ReportKind.Weekly, monday, monday.AddDays(6));
    }

    public static ReportPeriod Month(DateOnly anyDay)
    {
        var first = new DateOnly(anyDay.Year, anyDay.Month, 1);
        return new(ReportKind.Monthly, first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>Reads <c>2026-W48</c> or <c>2026-11</c>; anything else is a 400 naming <c>period</c>.</summary>
    public static ReportPeriod Parse(ReportKind kind, string? text)
    {
        var t = text?.Trim() ?? "";
        if (kind == ReportKind.Weekly && t.Length == 8 && t[4..6] == "-W"
            && int.TryParse(t[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100
            && int.TryParse(t[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w >= 1 && w <= ISOWeek.GetWeeksInYear(y))
            return Week(DateOnly.FromDateTime(ISOWeek.ToDateTime(y, w, DayOfWeek.Monday)));
        if (kind == ReportKind.Monthly
            && DateOnly.TryParseExact(t + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            && m.Year is >= 2000 and <= 2100)
            return Month(m);
        throw ValidationException.For("period",
            kind == ReportKind.Weekly ? "周报期间格式应为 2026-W48" : "月报期间格式应为 2026-11",
            kind == ReportKind.Weekly ? "period must be an ISO week such as 2026-W48" : "period must be a month such as 2026-11");
    }
}

/// <summary>What a report covers (API.md): the district, a leader's portfolio (分管), or one department.</summary>
public sealed record ReportScope(string Name, IReadOnlyList<string> DepartmentIds, bool WholeDistrict)
{
    public static ReportScope District(OrgChart org) => new("district", org.Departments.Select(d => d.Id).ToList(), true);

    public static ReportScope Portfolio(Person leader) => new($"portfolio:{leader.Id}", leader.SupervisedDepartmentIds, false);

    public static ReportScope Department(string departmentId) => new($"department:{departmentId}", [departmentId], false);

    public bool Covers(string? departmentId) => WholeDistrict || departmentId is not null && DepartmentIds.Contains(departmentId);
}

/// <summary>
/// When reports go out and to whom. Weekly: Monday 08:30 Beijing for the previous Monday–Sunday, or the first working day
/// after a Monday that is a holiday. Monthly: 09:00 on the first working day of the month, for the previous month.
/// Recipients: the district head and the office director the whole district; each deputy and assistant head their
/// portfolio; each department head their department.
/// </summary>
public static class ReportSchedule
{
    public static readonly TimeOnly WeeklyAt = new(8, 30);
    public static readonly TimeOnly MonthlyAt = new(9, 0);

    /// <summary>When the report of a period is due to be sent.</summary>
    public static DateTimeOffset SendAt(ReportPeriod period, WorkingCalendar calendar) => period.Kind == ReportKind.Weekly
        ? ChinaTime.At(calendar.AddWorkingDays(period.Last.AddDays(1), 0), WeeklyAt)
        : ChinaTime.At(calendar.AddWorkingDays(period.Last.AddDays(1), 0), MonthlyAt);

    /// <summary>The last complete period of a kind whose send time has come, or null when the newest one's has not yet.</summary>
    public static ReportPeriod? Due(ReportKind kind, DateTimeOffset now, WorkingCalendar calendar)
    {
        var today = ChinaTime.DateOf(now);
        var current = kind == ReportKind.Weekly ? ReportPeriod.Week(today) : ReportPeriod.Month(today);
        for (var p = current.Previous; p.Last >= today.AddDays(-62); p = p.Previous)
            if (SendAt(p, calendar) <= now) return p;
        return null;
    }

    public static ReportScope ScopeOf(Person p, OrgChart org) => p.Role switch
    {
        Role.DistrictHead or Role.OfficeDirector => ReportScope.District(org),
        Role.ExecutiveDeputyHead or Role.DeputyHead or Role.AssistantHead => ReportScope.Portfolio(p),
        Role.DepartmentHead when p.DepartmentId is not null => ReportScope.Department(p.DepartmentId),
        _ => throw new AccessDeniedException(Bilingual.Text("您没有报表范围", "you receive no reports")),
    };

    public static IReadOnlyList<(Person Recipient, ReportScope Scope)> Recipients(OrgChart org) =>
        org.People.Where(p => p.Role is Role.DistrictHead or Role.OfficeDirector or Role.ExecutiveDeputyHead or Role.DeputyHead
                or Role.AssistantHead || p.Role == Role.DepartmentHead && p.DepartmentId is not null)
            .Select(p => (p, ScopeOf(p, org))).ToList();

    /// <summary>Whether a caller may read a scope: their own, or any narrower one inside it.</summary>
    public static bool MayRead(Person caller, ReportScope requested, OrgChart org)
    {
        var own = ScopeOf(caller, org);
        return own.WholeDistrict || !requested.WholeDistrict && requested.DepartmentIds.All(own.DepartmentIds.Contains);
    }

    public static ReportScope ParseScope(string? text, Person caller, OrgChart org)
    {
        if (string.IsNullOrWhiteSpace(text)) return ScopeOf(caller, org);
        if (text == "district") return ReportScope.District(org);
        if (text.StartsWith("portfolio:", StringComparison.Ordinal) && org.FindPerson(text[10..]) is { IsLeader: true } leader)
            return ReportScope.Portfolio(leader);
        if (text.StartsWith("department:", StringComparison.Ordinal) && org.FindDepartment(text[11..]) is { } d)
            return ReportScope.Department(d.Id);
        throw ValidationException.For("scope", "范围应为 district、portfolio:{领导} 或 department:{部门}",
            "scope must be district, portfolio:{leaderId} or department:{departmentId}");
    }
}
