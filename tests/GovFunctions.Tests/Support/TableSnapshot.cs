using Azure.Data.Tables;

namespace GovFunctions.Tests.Support;

/// <summary>Every row of a test app's tables (key and ETag), to show that a refused request wrote nothing.</summary>
public static class TableSnapshot
{
    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(TestApp app)
    {
        var rows = new Dictionary<string, string>();
        await foreach (var table in app.Storage.TableService.QueryAsync(t => t.Name.CompareTo(app.Prefix) >= 0
            && t.Name.CompareTo(app.Prefix + "~") < 0))
        {
            var client = app.Storage.TableService.GetTableClient(table.Name);
            await foreach (var row in client.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                rows[$"{table.Name[app.Prefix.Length..]}|{row.PartitionKey}|{row.RowKey}"] = row.ETag.ToString();
        }
        return rows;
    }

    /// <summary>What changed between two snapshots, one line per row; empty when nothing did.</summary>
    public static IReadOnlyList<string> Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        after.Where(r => !before.TryGetValue(r.Key, out var etag) || etag != r.Value).Select(r => "written " + r.Key)
            .Concat(before.Keys.Where(k => !after.ContainsKey(k)).Select(k => "deleted " + k))
            .ToList();
}
