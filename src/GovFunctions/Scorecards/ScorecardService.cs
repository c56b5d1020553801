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
/// the supervision counters (17 point reads a month) and the hotline counters (one query per day and shard), never a scan.
/// </summary>
public sealed partial class ScorecardService(OrganizationStore organization, SupervisionCounters supervision, HotlineCounters hotline,
    IOptions<HotlineOptions> hotlineOptions, IOptions<ScorecardOptions> options, ILogger<ScorecardService> log)
{
    public async Task<ScorecardView> ComputeAsync(ScorecardPeriod period, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var fromSupervision = await supervision.PeriodAsync(Scored(org).Select(d => d.Id),
            period.Months.Select(m => $"{m.Year:D4}-{m.Month:D2}").ToList(), ct);
        var calls = new Dictionary<string, CallCounts>();
        foreach (var (year, month) in period.Months)
            foreach (var (key, counts) in await hotline.MonthByKeyAsync(year, month, hotlineOptions.Value.Shards, ct))
                calls[key] = calls.GetValueOrDefault(key, CallCounts.Zero) + counts;
        var view = ViewOf(period, org, fromSupervision, calls, options.Value.Settings);
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
