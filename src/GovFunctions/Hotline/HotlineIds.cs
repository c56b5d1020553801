namespace GovFunctions.Hotline;

/// <summary>
/// Call ids carry their partition: <c>{yyyyMMdd}-{shard}-{random}</c>, the day being the day the call came in (Beijing).
/// Spreading each day over shards keeps any one partition far below Table Storage's per-partition limits even for a
/// city-size 12345 line.
/// </summary>
public static partial class HotlineIds
{
    public static string Partition(DateOnly day, int shard) => $"{day:yyyyMMdd}-{shard:D2}";

    public static string New(DateTimeOffset receivedAt, int shard) =>
        $"{Partition(ChinaTime.DateOf(receivedAt), shard)}-{Ids.Random(4)}";

    /// <summary>The call's key; an id not of the form <c>{yyyyMMdd}-{shard}-{8 hex}</c> gives a key no record has (404).</summary>
    public static RecordKey KeyOf(string id) =>
        IdPattern().IsMatch(id ?? "") ? new(id![..11], id) : new("", id ?? "");

    [System.Text.RegularExpressions.GeneratedRegex("^[0-9]{8}-[0-9]{2}-[0-9a-f]{8}$")]
    private static partial System.Text.RegularExpressions.Regex IdPattern();
}
