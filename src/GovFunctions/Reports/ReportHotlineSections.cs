using GovFunctions.Hotline;
using static GovFunctions.Reports.ReportFormat;

namespace GovFunctions.Reports;

/// <summary>
/// The hotline section's further tables, from the counter rows' figures and clusters: the period's calls by category, and
/// the three largest clusters of calls about the same issue (第三十七条), each limited to the scope.
/// </summary>
public static class ReportHotlineSections
{
    public const int Clusters = 3;

    public static IEnumerable<ReportTable> Tables(ReportSnapshot s, ReportScope scope, CallFigures figures)
    {
        var total = Enum.GetValues<CallCategory>().Sum(figures.Received);
        yield return new ReportTable("热线", "按类别统计", ["类别", "来电", "占比"],
            Enum.GetValues<CallCategory>().Select(c => Row(HotlineNotices.CategoryName(c), N(figures.Received(c)),
                P(Share(figures.Received(c), total)))).ToList());
        yield return new ReportTable("热线", "同一问题来电最多的三个问题（第三十七条）", ["类别", "地点", "重复来电"],
            LargestClusters(s.Clusters, scope)
                .Select(c => Row(HotlineNotices.CategoryName(c.Category), c.Place, N(c.Calls))).ToList());
    }

    /// <summary>A cluster of calls about one issue: its category and place, and its repeat calls in the period.</summary>
    public sealed record Cluster(CallCategory Category, string Place, long Calls);

    /// <summary>The largest clusters of the scope's repeat calls (largest first; ties by category, then place).</summary>
    public static IReadOnlyList<Cluster> LargestClusters(IEnumerable<ClusterCount> clusters, ReportScope scope) =>
        clusters.Where(l => scope.WholeDistrict || scope.Covers(l.DepartmentId))
            .GroupBy(l => (l.Category, l.Place))
            .Select(g => new Cluster(g.Key.Category, g.Key.Place, g.Sum(l => l.Calls)))
            .OrderByDescending(c => c.Calls).ThenBy(c => c.Category).ThenBy(c => c.Place, StringComparer.Ordinal)
            .Take(Clusters).ToList();
}
