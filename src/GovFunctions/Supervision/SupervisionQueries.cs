using Azure.Data.Tables;

namespace GovFunctions.Supervision;

/// <summary>The filters of <c>GET /api/supervision/items</c> (API.md).</summary>
public sealed record SupervisionFilter(string? Department, string? Leader, SupervisionStatus? Status, WarningColor? Color,
    SupervisionSource? Source, DateOnly? DueBefore)
{
    /// <summary>Reads the query string; a value that is not one of the names is a 400 naming its parameter.</summary>
    public static SupervisionFilter From(Microsoft.AspNetCore.Http.IQueryCollection q)
    {
        var errors = new FieldErrors();
        T? Named<T>(string key) where T : struct, Enum
        {
            var text = q[key].ToString();
            if (text.Length == 0) return null;
            var match = Enum.GetValues<T>().Where(v => string.Equals(Platform.Json.Name(v), text, StringComparison.Ordinal)).ToList();
            if (match.Count == 1) return match[0];
            errors.Add(key, $"{key} 的取值无效",
                $"{key} must be one of {string.Join(", ", Enum.GetValues<T>().Select(v => Platform.Json.Name(v)))}");
            return null;
        }
        DateOnly? dueBefore = null;
        if (q["dueBefore"].ToString() is { Length: > 0 } d)
        {
            if (Platform.Http.IntakeConverters.TryParseDate(d, out var parsed)) dueBefore = parsed;
            else errors.Add("dueBefore", "日期格式应为 yyyy-MM-dd", "dueBefore must be a date yyyy-MM-dd");
        }
        var filter = new SupervisionFilter(Blank(q["department"]), Blank(q["leader"]), Named<SupervisionStatus>("status"),
            Named<WarningColor>("color"), Named<SupervisionSource>("source"), dueBefore);
        errors.ThrowIfAny();
        return filter;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Reads items within the caller's scope (API.md, "Scoped"); the light is computed from the due date when read.</summary>
public sealed partial class SupervisionQueries(SupervisionService supervision, OrganizationStore organization,
    IOptions<SupervisionOptions> options, TimeProvider clock, ILogger<SupervisionQueries> log)
{
    public async Task<SupervisedItemDetailView> GetAsync(Person caller, string id, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var stored = await supervision.GetAsync(id, ct);
        if (!SupervisionRules.CanSee(caller, org, stored.Value))
            throw new AccessDeniedException(Bilingual.Text("该督办事项不在您的职责范围内",
                "this item is outside your scope"));
        var item = stored.Value;
        return SupervisedItemDetailView.From(View(item, org, await organization.CalendarAsync(ct)), item,
            await supervision.Store.HistoryAsync(stored.Key, ct));
    }

    public async Task<IReadOnlyList<SupervisedItemView>> ListAsync(Person caller, SupervisionFilter filter, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        if (!SupervisionRules.HasScope(caller, org))
            throw new AccessDeniedException(Bilingual.Text("您无权查看督办事项", "you have no supervision scope"));
        var calendar = await organization.CalendarAsync(ct);
        // Only record rows carry State; a status filter is applied by storage.
        var query = filter.Status is { } s
            ? TableClient.CreateQueryFilter($"State eq {SupervisedItem.NameOf(s)}")
            : TableClient.CreateQueryFilter($"State ge {""}");
        var items = new List<SupervisedItemView>();
        await foreach (var stored in supervision.Store.WhereAsync(query, ct))
        {
            var item = stored.Value;
            if (!SupervisionRules.CanSee(caller, org, item) || !Matches(item, filter)) continue;
            var view = View(item, org, calendar);
            if (filter.Color is { } c && view.Color != c) continue;
            items.Add(view);
        }
        LogListed(caller.Id, items.Count);
        return items.OrderByDescending(i => i.Color).ThenBy(i => i.DueDate).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
    }

    private static bool Matches(SupervisedItem item, SupervisionFilter f) =>
        (f.Department is null || item.Involves(f.Department))
        && (f.Leader is null || item.SupervisingLeaderId == f.Leader)
        && (f.Source is null || item.Source == f.Source)
        && (f.DueBefore is null || item.DueDate < f.DueBefore);

    public SupervisedItemView View(SupervisedItem item, OrgChart org, WorkingCalendar calendar)
    {
        var now = clock.GetUtcNow();
        var color = SupervisionClock.Color(item, now, calendar, options.Value.Thresholds);
        return new SupervisedItemView(item.Id, item.Title, item.Source, item.SourceId, item.OwnerDepartmentId,
            org.FindDepartment(item.OwnerDepartmentId)?.Name ?? item.OwnerDepartmentId, item.CoDepartmentIds, item.SupervisingLeaderId,
            org.FindPerson(item.SupervisingLeaderId)?.DisplayName ?? item.SupervisingLeaderId, item.DueDate, item.OriginalDueDate,
            item.Cadence, item.StateName, StatusNames.Of(item.Status), color, SupervisionClock.NameOf(color),
            item.LatestOwnerReport?.Percent ?? 0, SupervisionClock.ExpectedPercent(item, now, calendar),
            item.IsOpen ? SupervisionClock.NextReportDue(item, calendar) : null, SupervisionClock.WorkingDaysLeft(item, now, calendar),
            item.Proposer, item.RegisteredAt.ToChina(), item.AcknowledgedAt?.ToChina(), MilestoneView.List(item.Milestones));
    }

    [LoggerMessage(1011, LogLevel.Debug, "{PersonId} listed {Count} supervised items")]
    private partial void LogListed(string personId, int count);
}
