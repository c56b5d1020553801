using System.Globalization;
using GovFunctions.Hotline;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;
using static GovFunctions.Reports.ReportFormat;

namespace GovFunctions.Reports;

/// <summary>One table of a report: its section, title, header and rows (all text, as shown).</summary>
public sealed record ReportTable(string Section, string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

public sealed record ReportContent(
    ReportPeriod Period, ReportScope Scope, string ScopeTitle, IReadOnlyList<ReportTable> Tables, ReportChartData Chart);

/// <summary>
/// Builds a recipient's report from the run's snapshot, each section limited to the scope, modelled on the 12345 通报:
/// the hotline, supervision, pending approvals, who is away, and for a month the scorecards and the accountability list.
/// Caller phone numbers and proposers never enter it: no field that holds them is read.
/// </summary>
public static class ReportBuilder
{
    public static ReportContent Build(ReportSnapshot s, ReportScope scope, ScorecardSettings settings)
    {
        var departments = s.Org.Departments.Where(d => scope.Covers(d.Id) && d.Kind != DepartmentKind.Office).ToList();
        var title = scope.WholeDistrict ? $"{s.Org.District.Name}全区"
            : scope.Name.StartsWith("portfolio:", StringComparison.Ordinal) ? $"{s.Org.Person(scope.Name[10..]).DisplayName}分管领域"
            : s.Org.FindDepartment(scope.DepartmentIds[0])?.Name ?? scope.Name;
        var tables = new List<ReportTable>();
        tables.AddRange(Hotline(s, scope, departments, settings));
        tables.AddRange(Supervision(s, scope));
        tables.AddRange(ReportOfficeSections.Decisions(s, scope));
        tables.Add(Approvals(s, scope));
        tables.Add(Away(s, scope));
        tables.AddRange(ReportOfficeSections.Duty(s, scope));
        if (s.Scorecards is { } cards) tables.Add(Scorecards(cards, scope));
        if (s.Period.Kind == ReportKind.Monthly) tables.Add(Accountability(s, scope));

        var byDept = departments.Select(d => (d.Name, Counts: s.Calls.GetValueOrDefault(d.Id, CallCounts.Zero)))
            .Where(x => x.Counts.Received > 0).ToList();
        // The report's one chart: hotline calls (bars) and replies on time in % (line) per department of the scope.
        var chart = new ReportChartData($"{s.Period.ChineseName} 各部门热线来电量与按时办结率",
            byDept.Select(x => x.Name).ToList(),
            byDept.Select(x => (double)x.Counts.Received).ToList(),
            byDept.Select(x => Share(x.Counts.ClosedOnTime, x.Counts.Closed)).ToList());
        return new ReportContent(s.Period, scope, title, tables, chart);
    }

    private static IEnumerable<ReportTable> Hotline(
        ReportSnapshot s, ReportScope scope, IReadOnlyList<Department> departments, ScorecardSettings settings)
    {
        CallCounts Sum(IReadOnlyDictionary<string, CallCounts> calls) => scope.WholeDistrict
            ? calls.GetValueOrDefault(CallCounts.All, CallCounts.Zero)
            : departments.Aggregate(CallCounts.Zero, (total, d) => total + calls.GetValueOrDefault(d.Id, CallCounts.Zero));
        var (now, before) = (Sum(s.Calls), Sum(s.PreviousCalls));
        var figures = scope.WholeDistrict
            ? s.CallFigures.GetValueOrDefault(CallCounts.All, CallFigures.Zero)
            : departments.Aggregate(CallFigures.Zero, (total, d) => total + s.CallFigures.GetValueOrDefault(d.Id, CallFigures.Zero));
        IReadOnlyList<string> Row(string item, long a, long b) => [item, N(a), N(b), Change(a, b)];
        yield return new ReportTable("热线", "区长热线办理概况", ["项目", "本期", "上期", "环比"],
        [
            Row("来电总量", now.Received, before.Received),
            Row("即时答复", now.AnsweredAtOnce, before.AnsweredAtOnce),
            Row("转办交办", now.Assigned, before.Assigned),
            Row("已办结", now.Closed, before.Closed),
            Row("按时办结", now.ClosedOnTime, before.ClosedOnTime),
            Row("回访满意", now.Satisfied, before.Satisfied),
            Row("重办", now.Unsatisfied, before.Unsatisfied),
            Row("逾期", now.Overdue, before.Overdue),
            [$"当前逾期未办结（本期来电，第三十二条）", N(figures.OverdueNow), "", ""],
            ["按时办结率", P(Share(now.ClosedOnTime, now.Closed)), P(Share(before.ClosedOnTime, before.Closed)), ""],
            ["回访满意率", P(Share(now.Satisfied, now.Satisfied + now.Unsatisfied)),
                P(Share(before.Satisfied, before.Satisfied + before.Unsatisfied)), ""],
        ]);
        foreach (var table in ReportHotlineSections.Tables(s, scope, figures)) yield return table;

        var minSatisfaction = settings.Minimums.GetValueOrDefault(Measure.HotlineSatisfaction, 85);
        var minOnTime = settings.Minimums.GetValueOrDefault(Measure.HotlineRepliedOnTime, 92);
        var rows = departments.Select(d => (d, c: s.Calls.GetValueOrDefault(d.Id, CallCounts.Zero))).Where(x => x.c.Received > 0)
            .OrderByDescending(x => x.c.Received)
            .Select(x =>
            {
                var onTime = Share(x.c.ClosedOnTime, x.c.Closed);
                var satisfied = Share(x.c.Satisfied, x.c.Satisfied + x.c.Unsatisfied);
                var below = onTime < minOnTime || satisfied < minSatisfaction;
                var overdueNow = s.CallFigures.GetValueOrDefault(x.d.Id, CallFigures.Zero).OverdueNow;
                return (IReadOnlyList<string>)[x.d.Name, N(x.c.Received), P(onTime), P(satisfied), N(x.c.Unsatisfied), N(overdueNow),
                    below ? "低于标准，请整改" : ""];
            }).ToList();
        yield return new ReportTable("热线", "各部门办理情况",
            ["部门", "来电", "按时办结率", "满意率", "重办", "当前逾期", "评价"], rows);
    }

    private static IEnumerable<ReportTable> Supervision(ReportSnapshot s, ReportScope scope)
    {
        var items = s.OpenItems.Where(i => scope.Covers(i.OwnerDepartmentId) || i.CoDepartmentIds.Any(scope.Covers)).ToList();
        yield return new ReportTable("督查督办", "督办事项亮灯情况", ["灯色", "事项数"],
            Enum.GetValues<WarningColor>()
                .Select(c => (IReadOnlyList<string>)[SupervisionClock.NameOf(c), N(items.Count(i => i.Color == c))]).ToList());
        yield return new ReportTable("督查督办", "逾期事项", ["事项", "牵头单位", "逾期工作日", "分管领导"],
            items.Where(i => i.Color == WarningColor.Red).OrderBy(i => i.WorkingDaysLeft)
                .Select(i => (IReadOnlyList<string>)[i.Title, i.OwnerDepartmentName, N(-i.WorkingDaysLeft),
                    i.SupervisingLeaderName]).ToList());
    }

    private static ReportTable Approvals(ReportSnapshot s, ReportScope scope)
    {
        var today = ChinaTime.DateOf(s.Now);
        return new ReportTable("审批", "待办审批（按等待时间）", ["事项", "审批人", "已等待工作日", "催办次数"],
            s.Pending.Where(p => InScope(s.Org.FindPerson(p.ApproverId), scope))
                .Select(p => (IReadOnlyList<string>)[p.Title, s.Org.FindPerson(p.ApproverId)?.DisplayName ?? p.ApproverId,
                    N(s.Calendar.WorkingDaysBetween(ChinaTime.DateOf(p.Since), today)), N(p.Reminders)]).ToList());
    }

    /// <summary>Who is away in the week the report goes out and the next, and who acts for them (第七十四条、第七十五条).</summary>
    private static ReportTable Away(ReportSnapshot s, ReportScope scope)
    {
        var (thisWeek, nextWeek) = ReportSources.AwayWeeks(s.Now);
        string Weeks(Approvals.Absence a) => (a.Start < nextWeek.Start, a.End > nextWeek.Start) switch
        {
            (true, true) => "本周、下周",
            (true, false) => "本周",
            _ => "下周",
        };
        return new("请假外出", "本周和下周请假外出（第七十四、七十五条）", ["人员", "周次", "起止时间", "代理人"],
            s.Away.Where(a => InScope(s.Org.FindPerson(a.PersonId), scope) && a.End > thisWeek.Start && a.Start < nextWeek.End)
                .Select(a => Row(NameOf(s.Org, a.PersonId), Weeks(a),
                    $"{a.Start.ToChina():M月d日 HH:mm}—{a.End.ToChina():M月d日 HH:mm}", NameOf(s.Org, a.ActingPersonId))).ToList());
    }

    private static ReportTable Scorecards(ScorecardView cards, ReportScope scope) =>
        new("绩效考评", "部门绩效考评（第二十九、三十一条）", ["排名", "部门", "综合得分", "红黑榜"],
            cards.Departments.Where(d => scope.Covers(d.DepartmentId))
                .Select(d => (IReadOnlyList<string>)[d.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—", d.Name,
                    d.Score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—",
                    cards.RedList.Contains(d.DepartmentId) ? "红榜"
                        : cards.BlackList.Contains(d.DepartmentId) ? "黑榜"
                        : ""]).ToList());

    private static ReportTable Accountability(ReportSnapshot s, ReportScope scope) =>
        new("问责", "本月问责清单（第三十二条）", ["事项", "依据", "责任人", "问责建议"],
            s.Accountability.Where(e => InScope(s.Org.FindPerson(e.ResponsiblePersonId), scope))
                .Select(e => (IReadOnlyList<string>)[e.Title, e.Article,
                    s.Org.FindPerson(e.ResponsiblePersonId)?.DisplayName ?? e.ResponsiblePersonId,
                    e.State switch
                    {
                        GovFunctions.Accountability.ProposalState.Proposed => "已提出",
                        GovFunctions.Accountability.ProposalState.NotProposed => "逾期未提出，对主管部门负责人问责",
                        _ => $"待提出（{e.ProposalDueAt.ToChina():M月d日}前）",
                    }]).ToList());
}
