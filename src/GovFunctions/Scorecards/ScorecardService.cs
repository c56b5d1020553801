using System.Globalization;
using GovFunctions.Hotline;
using GovFunctions.Supervision;

namespace GovFunctions.Scorecards;

/// <summary>A scorecard period: a month (yyyy-MM) or, for the annual white paper of Art. 29, a year (yyyy).</summary>
public sealed record ScorecardPeriod(int Year, int? Month)
{
    public string Name => Month is { } m ? $"{Year:D4}-{m:D2}" : $"{Year:D4}";

    public IReadOnlyList<(int Year, int Month)> Months =>
        Month is { } m ? [(Year, m)] : Enumerable.Range(1, 12).Select(x => (Year, x)).ToList();
}

/// <summary>The scorecards answer of API.md, with the measures keyed by their camelCase names.</summary>
public sealed record ScorecardView(string? Month, string? Year, IReadOnlyList<DepartmentScoreView> Departments,
    IReadOnlyList<string> RedList, IReadOnlyList<string> BlackList, IReadOnlyList<BelowMinimumView> BelowMinimum);

public sealed record DepartmentScoreView(string DepartmentId, string Name, IReadOnlyDictionary<string, double?> Measures,
    IReadOnlyDictionary<string, Tally> Counts, double? Score, int? Rank);

public sealed record BelowMinimumView(string DepartmentId, string Measure, double Value, double Minimum);

/// <summary>
/// Department scorecards (Art. 29, 31) from the aggregates kept in the same transactions as the records they count:
/// the supervision counters and the decision-procedure (第十九条) and normative-document (第二十一条) counters (one query per
/// table), and the hotline counters (one point read per day and shard), never a scan.
/// </summary>
public sealed partial class ScorecardService(OrganizationStore organization, SupervisionCounters supervision, HotlineCounters hotline,
    ProcedureCounters procedure, IOptions<HotlineOptions> hotlineOptions, IOptions<ScorecardOptions> options, ILogger<ScorecardService> log)
{
    public Task<ScorecardView> ComputeAsync(ScorecardPeriod period, CancellationToken ct = default) => ComputeAsync(period, null, ct);

    /// <param name="hotlineCounts">The period's hotline counts when the caller has read them already (a report); else read here.</param>
    public async Task<ScorecardView> ComputeAsync(ScorecardPeriod period, IReadOnlyDictionary<string, CallCounts>? hotlineCounts,
        CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var months = period.Months.Select(m => $"{m.Year:D4}-{m.Month:D2}").ToList();
        var (first, last) = (new DateOnly(period.Months[0].Year, period.Months[0].Month, 1),
            new DateOnly(period.Months[^1].Year, period.Months[^1].Month, 1).AddMonths(1).AddDays(-1));
        // The three sources at once, each in as few requests as it can: one range query per department for the supervision
        // tallies, one query per table for the procedure tallies, the hotline's counter rows once for the whole period (one
        // point read per day and shard), not a month at a time.
        var fromSupervisionRead = supervision.PeriodAsync(Scored(org).Select(d => d.Id), months, ct);
        var fromProcedureRead = procedure.PeriodAsync(months, ct); // Art. 19 and Art. 21
        var calls = hotlineCounts ?? await hotline.RangeByKeyAsync(first, last, hotlineOptions.Value.Shards, ct);
        var (fromSupervision, fromProcedure) = (await fromSupervisionRead, await fromProcedureRead);
        var tallies = fromSupervision.ToDictionary(kv => kv.Key, kv =>
        {
            var all = new Dictionary<Measure, Tally>(kv.Value);
            foreach (var (m, t) in fromProcedure.GetValueOrDefault(kv.Key) ?? []) all[m] = t;
            return (IReadOnlyDictionary<Measure, Tally>)all;
        });
        var view = ViewOf(period, org, tallies, calls, options.Value.Settings);
        LogComputed(period.Name, view.Departments.Count(d => d.Rank is not null));
        return view;
    }

    /// <summary>The departments scored: all but the office.</summary>
    private static List<Department> Scored(OrgChart org) => org.Departments.Where(d => d.Kind != DepartmentKind.Office).ToList();

    /// <summary>
    /// The scorecards of a period from its tallies: the supervision tallies per department and the hotline figures per key,
    /// however they were read (the counters here; a recount of the records in the report benchmark).
    /// </summary>
    public static ScorecardView ViewOf(ScorecardPeriod period, OrgChart org,
        IReadOnlyDictionary<string, IReadOnlyDictionary<Measure, Tally>> fromSupervision, IReadOnlyDictionary<string, CallCounts> calls,
        ScorecardSettings settings)
    {
        var set = ScorecardSet.Compute(Scored(org).Select(d =>
        {
            var tallies = new Dictionary<Measure, Tally>(fromSupervision.GetValueOrDefault(d.Id) ?? new Dictionary<Measure, Tally>());
            if (calls.TryGetValue(d.Id, out var c))
            {
                tallies[Measure.HotlineRepliedOnTime] = new Tally((int)c.ClosedOnTime, (int)c.Closed);
                tallies[Measure.HotlineSatisfaction] = new Tally((int)c.Satisfied, (int)(c.Satisfied + c.Unsatisfied));
                tallies[Measure.HotlineReopened] = new Tally((int)c.Unsatisfied, (int)c.Closed);
            }
            return (d.Id, d.Name, (IReadOnlyDictionary<Measure, Tally>)tallies);
        }), settings);
        return new ScorecardView(period.Month is null ? null : period.Name, period.Month is null ? period.Name : null,
            set.Departments.Select(d => new DepartmentScoreView(d.DepartmentId, d.Name,
                Enum.GetValues<Measure>().ToDictionary(MeasureNames.Key, m => d.Tallies.TryGetValue(m, out var t) ? t.Percent : null),
                d.Tallies.ToDictionary(t => MeasureNames.Key(t.Key), t => t.Value), d.Score, d.Rank)).ToList(),
            set.RedList, set.BlackList,
            set.BelowMinimum.Select(b => new BelowMinimumView(b.DepartmentId, MeasureNames.Key(b.Measure), b.Value, b.Minimum)).ToList());
    }

    /// <summary>The scorecards as CSV for Excel, one row per department.</summary>
    public static byte[] Csv(ScorecardView view) => CsvFile.Write(
        [.. new[] { "期间", "部门编号", "部门" }, .. Enum.GetValues<Measure>().Select(MeasureNames.Chinese),
            "综合得分", "排名", "榜单"],
        view.Departments.Select(d => (IReadOnlyList<string?>)[
            view.Month ?? view.Year, d.DepartmentId, d.Name,
            .. Enum.GetValues<Measure>().Select(m => d.Measures[MeasureNames.Key(m)]?.ToString("0.0", CultureInfo.InvariantCulture)),
            d.Score?.ToString("0.0", CultureInfo.InvariantCulture), d.Rank?.ToString(CultureInfo.InvariantCulture),
            view.RedList.Contains(d.DepartmentId) ? "红榜" : view.BlackList.Contains(d.DepartmentId) ? "黑榜" : null,
        ]));

    [LoggerMessage(1201, LogLevel.Information, "Scorecards for {Period}: {Ranked} departments ranked")]
    private partial void LogComputed(string period, int ranked);
}
