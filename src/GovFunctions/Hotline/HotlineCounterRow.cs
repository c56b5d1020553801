using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace GovFunctions.Hotline;

/// <summary>One counter action of a call's transaction (its partition's row, merged or added) and the row after it.</summary>
public sealed record CounterAction(TableTransactionAction Action, PartitionCounters After);

/// <summary>What one key's column holds: the call counts and the further figures.</summary>
public sealed record CounterRow(CallCounts Counts, CallFigures Figures)
{
    public static readonly CounterRow Zero = new(CallCounts.Zero, CallFigures.Zero);

    /// <summary>The column's text: the counts (<see cref="CallCounts.Names"/>), the calls by category, and overdue now.</summary>
    public string ToText()
    {
        var text = new StringBuilder(64);
        foreach (var v in Counts.ToArray()) text.Append(v.ToString(CultureInfo.InvariantCulture)).Append(',');
        foreach (var v in Figures.ByCategory) text.Append(v.ToString(CultureInfo.InvariantCulture)).Append(',');
        return text.Append(Figures.OverdueNow.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    /// <summary>A column's text read back; numbers a shorter text lacks (a figure added since it was written) are 0.</summary>
    public static CounterRow Parse(string text)
    {
        var parts = text.Split(',');
        long At(int i) =>
            i < parts.Length && long.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0;
        var n = CallCounts.Names.Length;
        var categories = Enum.GetValues<CallCategory>().Length;
        return new(CallCounts.FromArray(Enumerable.Range(0, n).Select(At).ToArray()),
            new CallFigures(Enumerable.Range(n, categories).Select(At).ToArray(), At(n + categories)));
    }
}

/// <summary>A partition's counter row as this process knows it: its ETag, each key's column, each cluster's, the overflow.</summary>
public sealed record PartitionCounters(ETag ETag, ImmutableDictionary<string, CounterRow> Keys,
    ImmutableDictionary<string, ClusterCount> Clusters, long Overflow)
{
    public static readonly PartitionCounters Empty = new(default, ImmutableDictionary<string, CounterRow>.Empty,
        ImmutableDictionary<string, ClusterCount>.Empty, 0);

    public TableEntity ToRow(string partition)
    {
        var row = new TableEntity(partition, HotlineCounters.RowKey);
        foreach (var (key, r) in Keys) row[HotlineCounters.ColumnOf(key)] = r.ToText();
        foreach (var (column, c) in Clusters) row[column] = c.ToText();
        if (Overflow > 0) row[HotlineCounters.Overflow] = Overflow;
        return row;
    }

    public static PartitionCounters FromRow(TableEntity row)
    {
        var keys = ImmutableDictionary.CreateBuilder<string, CounterRow>();
        var clusters = ImmutableDictionary.CreateBuilder<string, ClusterCount>();
        foreach (var (column, value) in row)
            if (value is string text && HotlineCounters.KeyOf(column) is { } key) keys[key] = CounterRow.Parse(text);
            else if (value is string c && HotlineCounters.IsClusterColumn(column) && ClusterCount.Parse(c) is { } cluster)
                clusters[column] = cluster;
        return new(row.ETag, keys.ToImmutable(), clusters.ToImmutable(), row.GetInt64(HotlineCounters.Overflow) ?? 0);
    }
}

/// <summary>The counter rows of a period: counts and figures under every key ("all" and each department), and the clusters.</summary>
public sealed record HotlinePeriod(IReadOnlyDictionary<string, CallCounts> Counts, IReadOnlyDictionary<string, CallFigures> Figures,
    IReadOnlyList<ClusterCount> Clusters, long LinksNotClustered = 0);

/// <summary>
/// The figures the counter rows carry beside <see cref="CallCounts"/>, kept the same way (a call adds what its current state
/// gives, a change applies the difference): the calls received in each category, and the calls overdue now — assigned, not
/// yet replied, and reminded of their deadline this round (Art. 32).
/// </summary>
public sealed record CallFigures(IReadOnlyList<long> ByCategory, long OverdueNow)
{
    private static readonly CallCategory[] Categories = Enum.GetValues<CallCategory>();

    public static readonly CallFigures Zero = new(new long[Categories.Length], 0);

    public long Received(CallCategory category) => ByCategory[(int)category];

    /// <summary>The figures one call gives, under the keys its counts go to ("all", and its department once it has one).</summary>
    public static IEnumerable<(string Key, CallFigures Figures)> Of(HotlineCall? call)
    {
        if (call is null) yield break;
        var byCategory = new long[Categories.Length];
        byCategory[(int)call.Category] = 1;
        var f = new CallFigures(byCategory, IsOverdueNow(call) ? 1 : 0);
        yield return (CallCounts.All, f);
        if (call.DepartmentId is not null) yield return (call.DepartmentId, f);
    }

    public static bool IsOverdueNow(HotlineCall call) => call.Status == CallStatus.Assigned && call.OverdueRemindedAt is not null;

    /// <summary>The change to each key's figures when a call goes from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyDictionary<string, CallFigures> Delta(HotlineCall? before, HotlineCall after)
    {
        var delta = new Dictionary<string, CallFigures>();
        foreach (var (key, f) in Of(after)) delta[key] = delta.GetValueOrDefault(key, Zero) + f;
        foreach (var (key, f) in Of(before)) delta[key] = delta.GetValueOrDefault(key, Zero) - f;
        return delta.Where(d => !d.Value.IsZero).ToDictionary();
    }

    public bool IsZero => OverdueNow == 0 && ByCategory.All(v => v == 0);

    public static CallFigures operator +(CallFigures a, CallFigures b) =>
        new(a.ByCategory.Zip(b.ByCategory, (x, y) => x + y).ToArray(), a.OverdueNow + b.OverdueNow);

    public static CallFigures operator -(CallFigures a, CallFigures b) =>
        new(a.ByCategory.Zip(b.ByCategory, (x, y) => x - y).ToArray(), a.OverdueNow - b.OverdueNow);
}

/// <summary>
/// A call linked to the same issue as open calls when it came in (第三十七条, 同一问题): a repeat call. Same-issue calls share
/// their category and place (<see cref="HotlineRules.IsSameIssue"/>), so a cluster is named by those two (the place without
/// its whitespace, as the rule compares it) and counted under the new call's department at intake.
/// </summary>
public sealed record ClusterLink(string CallId, CallCategory Category, string Place, string? DepartmentId)
{
    public static ClusterLink? Of(HotlineCall call) => call.LinkedCallIds.Count == 0 ? null
        : new(call.Id, call.Category, PlaceOf(call.Location), call.DepartmentId);

    /// <summary>A place as the same-issue rule compares it: without whitespace.</summary>
    public static string PlaceOf(string? location) => string.Concat((location ?? "").Where(c => !char.IsWhiteSpace(c)));
}

/// <summary>
/// A cluster of calls about one issue in a partition or a period: its category, place and department at intake, and its repeat
/// calls (the first call not counted). Its column's text is <c>{calls}|{category}|{department}|{place}</c>.
/// </summary>
public sealed record ClusterCount(CallCategory Category, string Place, string? DepartmentId, long Calls)
{
    public string ToText() =>
        $"{Calls.ToString(CultureInfo.InvariantCulture)}|{Category}|{DepartmentId}|{Place}";

    public static ClusterCount? Parse(string text)
    {
        var parts = text.Split('|', 4);
        return parts.Length == 4 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var calls)
            && Enum.TryParse<CallCategory>(parts[1], out var category)
            ? new(category, parts[3], parts[2] == "" ? null : parts[2], calls)
            : null;
    }
}
