using Azure.Data.Tables;

namespace GovFunctions.Platform.Storage;

/// <summary>
/// The accountability list (问责清单, Art. 19, 32): one row per listing, PartitionKey = the month listed (Beijing),
/// RowKey = <c>{kind}|{subject}[|{occurrence}]</c>. Writing is an upsert, so listing the same thing twice changes nothing.
/// </summary>
public sealed class AccountabilityList(StorageClients storage, TimeProvider clock)
{
    public async Task AddAsync(string kind, string subjectId, string article, IDictionary<string, object?> details,
        string? occurrence = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var row = new TableEntity($"{now.ToChina():yyyy-MM}", occurrence is null ? $"{kind}|{subjectId}" : $"{kind}|{subjectId}|{occurrence}")
        {
            ["Kind"] = kind, ["SubjectId"] = subjectId, ["Article"] = article, ["ListedAt"] = now,
        };
        foreach (var (k, v) in details) row[k] = v;
        await (await storage.TableAsync(Tables.Accountability)).UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
    }

    public async Task<IReadOnlyList<TableEntity>> MonthAsync(int year, int month, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.Accountability);
        var rows = new List<TableEntity>();
        await foreach (var r in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {$"{year:D4}-{month:D2}"}"), cancellationToken: ct))
            rows.Add(r);
        return rows;
    }
}
