using GovFunctions.Reports;

namespace GovFunctions.Tests.Reports;

/// <summary>Chart inputs shaped like the reports': by department, and by day of a month.</summary>
internal static class ReportChartSamples
{
    public static ReportChartData ByDepartment(IReadOnlyList<string> departments) => new(
        "青禾区 12345热线 2026年11月 各部门来电量与按时办结率",
        departments,
        [.. departments.Select((_, i) => (double)(12 + (i * 37 % 90)))],
        [.. departments.Select((_, i) => i == 3 ? (double?)null : 78 + (i * 13 % 22))]);

    public static ReportChartData ByDay(int days) => new(
        "青禾区 12345热线 2026年11月 每日来电量与按时办结率",
        [.. Enumerable.Range(1, days).Select(d => $"11-{d:00}")],
        [.. Enumerable.Range(1, days).Select(d => (double)(40 + (d * 17 % 60)))],
        [.. Enumerable.Range(1, days).Select(d => (double?)(85 + (d * 7 % 15)))]);
}
