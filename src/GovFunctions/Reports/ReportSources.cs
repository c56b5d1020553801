using Azure.Data.Tables;
using GovFunctions.Accountability;
using GovFunctions.Approvals;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;

namespace GovFunctions.Reports;

/// <summary>An open approval task, as the report lists it.</summary>
public sealed record PendingTask(string ApprovalId, string Title, string Feature, string ApproverId, DateTimeOffset Since, int Reminders);

/// <summary>
/// Everything one run of reports reads, once for all recipients, from the aggregates and the small indexes: the hotline
/// counters of the period and the one before, the open supervised items, the pending-task index, the away index, and for a
/// month the scorecards and the accountability list; the hotline's further figures (by category, overdue now) and same-issue
/// link rows from the same counter partitions; the decisions', filings' and duty logs' small indexes
/// (<see cref="ReportOfficeSources"/>); the away index for this week and next. No record table is scanned.
/// </summary>
public sealed record ReportSnapshot(
    ReportPeriod Period,
    DateTimeOffset Now,
    OrgChart Org,
    WorkingCalendar Calendar,
    IReadOnlyDictionary<string, CallCounts> Calls,
    IReadOnlyDictionary<string, CallCounts> PreviousCalls,
    IReadOnlyList<SupervisedItemView> OpenItems,
    IReadOnlyList<PendingTask> Pending,
    IReadOnlyList<Absence> Away,
    ScorecardView? Scorecards,
    IReadOnlyList<AccountabilityEntry> Accountability,
    IReadOnlyDictionary<string, CallFigures> CallFigures,
    IReadOnlyList<ClusterLink> ClusterLinks,
    DecisionFigures Decisions,
    DutyFigures Duty);

public sealed class ReportSources(StorageClients storage, OrganizationStore organization, HotlineCounters hotline,
    IOptions<HotlineOptions> hotlineOptions,
    SupervisionService supervision, SupervisionQueries supervisionViews, ApprovalEngine engine, AwayIndex away, ScorecardService scorecards,
    AccountabilityService accountability, ReportOfficeSources office, TimeProvider clock)
{
    private static readonly string[] OpenStates = ["assigned", "acknowledged", "inProgress", "completed"];

    public async Task<ReportSnapshot> LoadAsync(ReportPeriod period, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var calendar = await organization.CalendarAsync(ct);
        var now = clock.GetUtcNow();
        var shards = hotlineOptions.Value.Shards;
        var calls = hotline.PeriodAsync(period.First, period.Last, shards, links: true, ct);
        var previous = hotline.RangeByKeyAsync(period.Previous.First, period.Previous.Last, shards, ct);

        var open = new List<SupervisedItemView>();
        foreach (var state in OpenStates)
            await foreach (var item in supervision.Store.WhereAsync(TableClient.CreateQueryFilter($"State eq {state}"), ct))
                open.Add(supervisionViews.View(item.Value, org, calendar));

        var pending = new List<PendingTask>();
        var index = await storage.TableAsync(Tables.PendingTasks);
        await foreach (var row in index.QueryAsync<TableEntity>(cancellationToken: ct))
        {
            var stored = await engine.FindAsync(row.GetString("ApprovalId"), ct);
            var task = stored?.Value.Tasks.SingleOrDefault(t => t.Id == row.GetString("TaskId"));
            if (stored is null || task is null || !task.IsOpen || !stored.Value.IsPending) continue;
            pending.Add(new PendingTask(stored.Id, stored.Value.Request.Title, stored.Value.Request.Feature, task.ApproverId,
                task.CreatedAt, task.Reminders));
        }

        var (thisWeek, _) = AwayWeeks(now);
        var absences = await away.AbsencesAsync(ChinaTime.StartOf(thisWeek.First), ChinaTime.StartOf(thisWeek.First.AddDays(14)), ct);
        ScorecardView? cards = null;
        IReadOnlyList<AccountabilityEntry> entries = [];
        if (period.Kind == ReportKind.Monthly)
        {
            cards = await scorecards.ComputeAsync(new ScorecardPeriod(period.First.Year, period.First.Month), ct);
            entries = await accountability.MonthAsync(period.First.Year, period.First.Month, ct);
        }
        var hotlinePeriod = await calls;
        return new ReportSnapshot(period, now, org, calendar, hotlinePeriod.Counts, await previous, open,
            pending.OrderBy(p => p.Since).ToList(), absences, cards, entries, hotlinePeriod.Figures, hotlinePeriod.Links,
            await office.DecisionsAsync(period, ct), await office.DutyAsync(period, ct));
    }

    /// <summary>The week a report is sent in and the next (Monday to Sunday, Beijing): who is away then (第七十四条、第七十五条).</summary>
    public static (ReportPeriod ThisWeek, ReportPeriod NextWeek) AwayWeeks(DateTimeOffset now)
    {
        var thisWeek = ReportPeriod.Week(ChinaTime.DateOf(now));
        return (thisWeek, ReportPeriod.Week(thisWeek.First.AddDays(7)));
    }
}
