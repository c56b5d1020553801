namespace GovFunctions.Supervision;

/// <summary>
/// The supervision board (督办亮灯台账, Art. 30, 32): the open items the caller may see (API.md, "Scoped": the office and the
/// district head all, a deputy their portfolio 分管, a department head their department, anyone else 403), each with the
/// light of the three-colour rules on the working-day clock as read now, grouped by owner department in the org chart's order.
/// </summary>
public sealed class SupervisionBoard(SupervisionQueries queries, OrganizationStore organization, IOptions<SiteOptions> site,
    TimeProvider clock)
{
    public async Task<SupervisionBoardView> BuildAsync(Person caller, SupervisionFilter filter, CancellationToken ct = default)
    {
        var items = await queries.ListAsync(caller, filter, ct); // 403 for anyone without a scope
        var org = await organization.OrganizationAsync(ct);
        var shown = items.Where(i => filter.Status is not null || i.Status is "assigned" or "acknowledged" or "inProgress").ToList();
        var order = org.Departments.Select((d, n) => (d.Id, n)).ToDictionary(x => x.Id, x => x.n);
        var departments = shown.GroupBy(i => i.OwnerDepartmentId)
            .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new BoardDepartmentView(g.Key, g.First().OwnerDepartmentName, g.Select(Item).ToList())).ToList();
        var lights = Enum.GetValues<WarningColor>().Reverse()
            .Select(c => new BoardLightView(Platform.Json.Name(c), SupervisionClock.NameOf(c), shown.Count(i => i.Color == c))).ToList();
        return new SupervisionBoardView(ChinaTime.Text(clock.GetUtcNow()), lights, departments, FilterOf(filter, org));
    }

    /// <summary>The source's Chinese name (督办来源), for the board's filter and the registration form.</summary>
    public static string SourceName(SupervisionSource s) => s switch
    {
        SupervisionSource.Decision => "重大行政决策（第三十条）",
        SupervisionSource.Instruction => "领导批示",
        SupervisionSource.Deployment => "重点工作部署、重大投资项目（第三十条）",
        SupervisionSource.Proposal => "人大代表建议、政协提案（第三十一条）",
        _ => "败诉（被撤销）案件整改（第二十四条）",
    };

    private BoardItemView Item(SupervisedItemView i) => new(i.Id, i.Title, Platform.Json.Name(i.Color), i.ColorName, i.Status,
        i.StatusName, i.OwnerDepartmentName, i.SupervisingLeaderName, i.DueDate, ChinaTime.Text(i.DueDate),
        i.Percent, i.ExpectedPercent, i.Color == WarningColor.Red ? Math.Max(0, -i.WorkingDaysLeft) : 0,
        site.Value.Link($"supervision/items/{Uri.EscapeDataString(i.Id)}"));

    private static BoardFilterView FilterOf(SupervisionFilter f, OrgChart org)
    {
        static List<BoardChoiceView> Named<T>(T? chosen, Func<T, string> name) where T : struct, Enum =>
            Enum.GetValues<T>().Select(v => new BoardChoiceView(Platform.Json.Name(v), name(v), chosen is { } c && c.Equals(v))).ToList();
        return new BoardFilterView(
            org.Departments.Select(d => new BoardChoiceView(d.Id, d.Name, d.Id == f.Department)).ToList(),
            org.People.Where(p => p.IsLeader).Select(p => new BoardChoiceView(p.Id, p.DisplayName, p.Id == f.Leader)).ToList(),
            Named(f.Status, StatusNames.Of), Named(f.Color, SupervisionClock.NameOf), Named(f.Source, SourceName),
            f.DueBefore?.ToString("yyyy-MM-dd") ?? "");
    }
}
