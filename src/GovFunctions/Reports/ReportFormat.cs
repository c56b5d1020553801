using System.Globalization;

namespace GovFunctions.Reports;

/// <summary>How a report's figures are written, and who is in a scope: shared by its sections.</summary>
internal static class ReportFormat
{
    /// <summary>A person is in a scope by their department; the district's leaders are in the district's scope.</summary>
    public static bool InScope(Person? p, ReportScope scope) => p is not null && (scope.WholeDistrict || scope.Covers(p.DepartmentId));

    /// <summary>The leader whose portfolio a scope is (<c>portfolio:{id}</c>), else null.</summary>
    public static string? LeaderOf(ReportScope scope) =>
        scope.Name.StartsWith("portfolio:", StringComparison.Ordinal) ? scope.Name["portfolio:".Length..] : null;

    public static string NameOf(OrgChart org, string? personId) =>
        personId is null ? "" : org.FindPerson(personId)?.DisplayName ?? personId;

    public static double? Share(long met, long of) => of == 0 ? null : Math.Round(100.0 * met / of, 1);

    public static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    public static string P(double? p) => p is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Day(DateTimeOffset at) => $"{at.ToChina():yyyy-MM-dd}";

    public static string Change(long now, long before) =>
        before == 0 ? (now == 0 ? "持平" : "—") : $"{(now - before) * 100.0 / before:+0.0;-0.0;0.0}%";

    public static IReadOnlyList<string> Row(params string[] cells) => cells;
}
