using Azure.Data.Tables;
using GovFunctions.Accountability;
using GovFunctions.Approvals;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;

namespace GovFunctions.Reports;

/// <summary>An open approval task, as the report lists it.</summary>
public sealed record PendingTask(string ApprovalId, string Title, string Feature, string ApproverId, DateTimeOffset Since, int Reminders)
{
    public static PendingTask Of(Stored<Approval> approval, ApprovalTask task) =>
        new(approval.Id, approval.Value.Request.Title, approval.Value.Request.Feature, task.ApproverId, task.CreatedAt, task.Reminders);
}

/// <summary>
/// Everything one run of reports reads, once for all recipients, from the aggregates and the small indexes: the hotline
/// counters of the period and the one before, the open supervised items, the pending-task index, the away index, and for a
/// month the scorecards and the accountability list; the hotline's further figures (by category, overdue now) and same-issue
/// clusters from the same counter rows (one point read per day and shard; the month's scorecards take the month's counts read
/// here, not a second time); the decisions', filings' and duty logs' small indexes
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
    IReadOnlyList<ClusterCount> Clusters,
    DecisionFigures Decisions,
    DutyFigures Duty);

public sealed class ReportSources(StorageClients storage, OrganizationStore organization, HotlineCounters hotline,
    IOptions<HotlineOptions> hotlineOptions,
    SupervisionService supervision, SupervisionQueries supervisionViews, ApprovalEngine engine, AwayIndex away, ScorecardService scorecards,
    AccountabilityService accountability, ReportOfficeSources office, TimeProvider clock)
{
    /// <summary>The states of the supervised items a report lists (all but closed: an item completed awaits its verification).</summary>
    public static readonly IReadOnlyList<string> OpenStates = ["assigned", "acknowledged", "inProgress", "completed"];

    /// <summary>Approvals read at once for the pending-task index.</summary>
    private const int ParallelReads = 32;

    public async Task<ReportSnapshot> LoadAsync(ReportPeriod period, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var calendar = await organization.CalendarAsync(ct);
        var now = clock.GetUtcNow();
        var shards = hotlineOptions.Value.Shards;
        var calls = hotline.PeriodAsync(period.First, period.Last, shards, ct);
        var previous = hotline.RangeByKeyAsync(period.Previous.First, period.Previous.Last, shards, ct);
        var pending = PendingAsync(ct);

        var open = new List<SupervisedItemView>();
        var filter = TableClient.CreateQueryFilter(
            $"State eq {OpenStates[0]} or State eq {OpenStates[1]} or State eq {OpenStates[2]} or State eq {OpenStates[3]}");
        await foreach (var item in supervision.Store.WhereAsync(filter, ct)) // one pass over the table, not one per state
            open.Add(supervisionViews.View(item.Value, org, calendar));

        var (thisWeek, _) = AwayWeeks(now);
        var absences = await away.AbsencesAsync(ChinaTime.StartOf(thisWeek.First), ChinaTime.StartOf(thisWeek.First.AddDays(14)), ct);
        ScorecardView? cards = null;
        IReadOnlyList<AccountabilityEntry> entries = [];
        if (period.Kind == ReportKind.Monthly)
        {
            cards = await scorecards.ComputeAsync(new ScorecardPeriod(period.First.Year, period.First.Month), (await calls).Counts, ct);
            entries = await accountability.MonthAsync(period.First.Year, period.First.Month, ct);
        }
        var hotlinePeriod = await calls;
        return new ReportSnapshot(period, now, org, calendar, hotlinePeriod.Counts, await previous,
            open.OrderBy(i => i.Id, StringComparer.Ordinal).ToList(), await pending, absences, cards, entries, hotlinePeriod.Figures,
            hotlinePeriod.Clusters, await office.DecisionsAsync(period, ct), await office.DutyAsync(period, ct));
    }

    /// <summary>The week a report is sent in and the next (Monday to Sunday, Beijing): who is away then (第七十四条、第七十五条).</summary>
    public static (ReportPeriod ThisWeek, ReportPeriod NextWeek) AwayWeeks(DateTimeOffset now)
    {
        var thisWeek = ReportPeriod.Week(ChinaTime.DateOf(now));
        return (thisWeek, ReportPeriod.Week(thisWeek.First.AddDays(7)));
    }

    /// <summary>Open tasks, oldest first (ties by approval and approver, so two reads of the same tasks list them alike).</summary>
    public static IReadOnlyList<PendingTask> Oldest(IEnumerable<PendingTask> tasks) =>
        tasks.OrderBy(p => p.Since).ThenBy(p => p.ApprovalId, StringComparer.Ordinal).ThenBy(p => p.ApproverId, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The pending-task index, each approval it names read once, several at a time; an entry whose task is no longer open (its
    /// pruning still to come) is left out.
    /// </summary>
    private async Task<IReadOnlyList<PendingTask>> PendingAsync(CancellationToken ct)
    {
        var index = await storage.TableAsync(Tables.PendingTasks);
        var tasksOf = new Dictionary<string, HashSet<string>>();
        await foreach (var row in index.QueryAsync<TableEntity>(select: ["ApprovalId", "TaskId"], cancellationToken: ct))
            if (row.GetString("ApprovalId") is { } approvalId && row.GetString("TaskId") is { } taskId)
                (tasksOf.TryGetValue(approvalId, out var ids) ? ids : tasksOf[approvalId] = []).Add(taskId);

        var pending = new System.Collections.Concurrent.ConcurrentBag<PendingTask>();
        await Parallel.ForEachAsync(tasksOf, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct },
            async (entry, token) =>
            {
                if (await engine.FindAsync(entry.Key, token) is not { Value.IsPending: true } stored) return;
                foreach (var task in stored.Value.Tasks.Where(t => t.IsOpen && entry.Value.Contains(t.Id)))
                    pending.Add(PendingTask.Of(stored, task));
            });
        return Oldest(pending);
    }
}
