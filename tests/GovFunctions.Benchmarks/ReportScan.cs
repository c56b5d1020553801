using System.Collections.Concurrent;
using Azure.Data.Tables;
using GovFunctions.Accountability;
using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Organization;
using GovFunctions.Platform.Storage;
using GovFunctions.Reports;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;
using Microsoft.Extensions.Options;

namespace GovFunctions.Benchmarks;

/// <summary>
/// The same <see cref="ReportSnapshot"/> as <see cref="ReportSources"/> fills from the aggregates, filled by scanning the
/// records as a careful engineer would without them: every query filtered on the server to the record rows it needs, only
/// the columns needed selected, the partitions read in parallel, each table read once per run. One method per field of the
/// snapshot: a new field is one more method here and one more argument in <see cref="LoadAsync"/>.
/// </summary>
public sealed class ReportScan(BenchApp app)
{
    /// <summary>Partitions read at once.</summary>
    public const int Parallel = 32;

    private static readonly string[] JsonOnly = ["Json"];

    public async Task<ReportSnapshot> LoadAsync(ReportPeriod period, CancellationToken ct = default)
    {
        var organization = app.Get<OrganizationStore>();
        var org = await organization.OrganizationAsync(ct);
        var calendar = await organization.CalendarAsync(ct);
        var now = app.Clock.GetUtcNow();
        var previous = CallsAsync(period.Previous.First, period.Previous.Last, ct);
        var items = ItemsAsync(org, ct);
        var pending = PendingAsync(ct);
        var away = AwayAsync(now, now.AddDays(14), ct);
        var monthly = period.Kind == ReportKind.Monthly;
        var entries = monthly ? AccountabilityAsync(period, ct) : Task.FromResult<IReadOnlyList<AccountabilityEntry>>([]);
        var hotline = await HotlineAsync(app, period.First, period.Last, ct);
        var cards = monthly ? Scorecards(period, org, calendar, await items, hotline.Counts) : null;
        // The decisions and duty sections read the same small indexes on both sides: this benchmark seeds no decisions or logs.
        var office = app.Get<ReportOfficeSources>();
        return new ReportSnapshot(period, now, org, calendar, hotline.Counts, (await previous).Counts,
            OpenItems(await items, org, calendar), await pending, await away, cards, await entries, hotline.Figures, hotline.Clusters,
            await office.DecisionsAsync(period, ct), await office.DutyAsync(period, ct));
    }

    /// <summary>The hotline figures under every key, counted from the calls received from one day to another.</summary>
    public async Task<HotlinePeriod> CallsAsync(DateOnly first, DateOnly last, CancellationToken ct = default) =>
        await HotlineAsync(app, first, last, ct);

    /// <summary>The counts alone (<see cref="HotlineAsync"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, CallCounts>> CallsAsync(BenchApp app, DateOnly first, DateOnly last,
        CancellationToken ct = default) => (await HotlineAsync(app, first, last, ct)).Counts;

    /// <summary>
    /// Every call partition of the days (days × shards, up to tomorrow, as the counters read them) queried at once, filtered on
    /// the server to the call records (history and counter rows have no <c>State</c>), only the record's JSON selected; each
    /// call counted by the same <see cref="CallCounts.Of"/> the app's transactions apply to the counters.
    /// </summary>
    public static async Task<HotlinePeriod> HotlineAsync(BenchApp app, DateOnly first, DateOnly last, CancellationToken ct = default)
    {
        var table = await app.Get<StorageClients>().TableAsync(Tables.HotlineCalls);
        var shards = app.Get<IOptions<HotlineOptions>>().Value.Shards;
        var totals = new Dictionary<string, CallCounts>();
        var figures = new Dictionary<string, CallFigures>();
        var clusters = new Dictionary<(CallCategory, string, string?), long>();
        await System.Threading.Tasks.Parallel.ForEachAsync(HotlineCounters.PartitionsOf(first, last, shards, ChinaTime.Today(app.Clock)),
            Options(ct), async (p, token) =>
        {
            var counts = new Dictionary<string, CallCounts>();
            var found = new Dictionary<string, CallFigures>();
            var linked = new List<ClusterLink>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {p} and State ge {""}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: JsonOnly, cancellationToken: token))
            {
                var call = StoredJson.Get<HotlineCall>(row, "Json");
                foreach (var (key, c) in CallCounts.Of(call)) counts[key] = counts.GetValueOrDefault(key, CallCounts.Zero) + c;
                foreach (var (key, f) in CallFigures.Of(call)) found[key] = found.GetValueOrDefault(key, CallFigures.Zero) + f;
                if (call is not null && ClusterLink.Of(call) is { } link) linked.Add(link);
            }
            lock (totals)
            {
                foreach (var (key, c) in counts) totals[key] = totals.GetValueOrDefault(key, CallCounts.Zero) + c;
                foreach (var (key, f) in found) figures[key] = figures.GetValueOrDefault(key, CallFigures.Zero) + f;
                foreach (var l in linked)
                    clusters[(l.Category, l.Place, l.DepartmentId)] = clusters.GetValueOrDefault((l.Category, l.Place, l.DepartmentId)) + 1;
            }
        });
        return new HotlinePeriod(totals, figures, clusters.Select(c => new ClusterCount(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value))
            .ToList());
    }

    /// <summary>Every supervised item, one query per department partition in parallel, the record rows only.</summary>
    public async Task<IReadOnlyList<SupervisedItem>> ItemsAsync(OrgChart org, CancellationToken ct = default) =>
        await ItemsAsync(app.Get<SupervisionService>().Store, org.Departments.Select(d => d.Id), ct);

    public static async Task<IReadOnlyList<SupervisedItem>> ItemsAsync(RecordStore<SupervisedItem> store, IEnumerable<string> partitions,
        CancellationToken ct = default)
    {
        var items = new ConcurrentBag<SupervisedItem>();
        await System.Threading.Tasks.Parallel.ForEachAsync(partitions, Options(ct), async (dept, token) =>
        {
            await foreach (var item in store.WhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {dept} and State ge {""}"), token))
                items.Add(item.Value);
        });
        return [.. items];
    }

    /// <summary>The items a report lists (<see cref="ReportSources.OpenStates"/>) as it shows them, in its order (by id).</summary>
    public IReadOnlyList<SupervisedItemView> OpenItems(IReadOnlyList<SupervisedItem> items, OrgChart org, WorkingCalendar calendar)
    {
        var views = app.Get<SupervisionQueries>();
        return items.Where(i => ReportSources.OpenStates.Contains(i.StateName)).OrderBy(i => i.Id, StringComparer.Ordinal)
            .Select(i => views.View(i, org, calendar)).ToList();
    }

    /// <summary>A month's supervision tallies per department, each item recounted from its reports as the counters count it.</summary>
    public static Dictionary<string, IReadOnlyDictionary<Measure, Tally>> SupervisionTallies(IEnumerable<SupervisedItem> items,
        string month, WorkingCalendar calendar, SupervisionThresholds thresholds)
    {
        var sums = new Dictionary<string, Dictionary<Measure, Tally>>();
        foreach (var item in items)
            foreach (var d in SupervisionCounts.Recount(item, calendar, thresholds).Where(d => d.Month == month))
            {
                var dept = sums.TryGetValue(item.OwnerDepartmentId, out var s) ? s : sums[item.OwnerDepartmentId] = [];
                dept[d.Measure] = dept.GetValueOrDefault(d.Measure) + new Tally(d.Met, d.Of);
            }
        return sums.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<Measure, Tally>)s.Value);
    }

    /// <summary>The open approval tasks, from the pending approvals' records (one query over the record rows), oldest first.</summary>
    public async Task<IReadOnlyList<PendingTask>> PendingAsync(CancellationToken ct = default)
    {
        var store = app.Get<ApprovalEngine>().Store;
        var pending = new List<PendingTask>();
        var filter = TableClient.CreateQueryFilter($"State eq {Approval.StateName(ApprovalStatus.Pending)}");
        await foreach (var approval in store.WhereAsync(filter, ct))
            pending.AddRange(approval.Value.Tasks.Where(t => t.IsOpen).Select(t => PendingTask.Of(approval, t)));
        return ReportSources.Oldest(pending);
    }

    /// <summary>Who is away in the window, from the leave records (approved, or returned after they began).</summary>
    public async Task<IReadOnlyList<Absence>> AwayAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var store = app.Get<LeaveRecords>().Store;
        var away = new List<Absence>();
        var filter = TableClient.CreateQueryFilter(
            $"State eq {LeaveRequest.StateName(LeaveStatus.Approved)} or State eq {LeaveRequest.StateName(LeaveStatus.Returned)}");
        await foreach (var leave in store.WhereAsync(filter, ct))
            if (AwayIndex.AbsenceOf(leave.Value) is { } a && a.Start < to && a.End > from) away.Add(a);
        return away.OrderBy(a => a.Start).ToList();
    }

    /// <summary>The month's accountability list: its entries are records themselves, one partition per month, read as the app
    /// does.</summary>
    public Task<IReadOnlyList<AccountabilityEntry>> AccountabilityAsync(ReportPeriod period, CancellationToken ct = default) =>
        app.Get<AccountabilityService>().MonthAsync(period.First.Year, period.First.Month, ct);

    /// <summary>The month's scorecards from the scanned items and calls, composed by the app's own
    /// <see cref="ScorecardService.ViewOf"/>.</summary>
    public ScorecardView Scorecards(ReportPeriod period, OrgChart org, WorkingCalendar calendar, IReadOnlyList<SupervisedItem> items,
        IReadOnlyDictionary<string, CallCounts> calls)
    {
        var thresholds = app.Get<IOptions<SupervisionOptions>>().Value.Thresholds;
        var tallies = SupervisionTallies(items, $"{period.First:yyyy-MM}", calendar, thresholds);
        return ScorecardService.ViewOf(new ScorecardPeriod(period.First.Year, period.First.Month), org,
            tallies, calls, app.Get<IOptions<ScorecardOptions>>().Value.Settings);
    }

    private static ParallelOptions Options(CancellationToken ct) => new() { MaxDegreeOfParallelism = Parallel, CancellationToken = ct };
}
