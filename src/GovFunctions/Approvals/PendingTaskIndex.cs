using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace GovFunctions.Approvals;

/// <summary>
/// The open-task index the reminder timer reads (one row per open task, sharded by the approval id's hash): written just
/// before the commit that creates the tasks and pruned after the commit that closes them, so a committed open task is
/// always indexed; an entry pointing at nothing an hour on belongs to a commit that never happened.
/// </summary>
public sealed class PendingTaskIndex(StorageClients storage, TimeProvider clock)
{
    public sealed record Entry(string ApprovalId, string TaskId, DateTimeOffset IndexedAt, string Partition, string Row);

    public async Task AddAsync(string approvalId, IEnumerable<ApprovalTask> tasks, CancellationToken ct)
    {
        var index = await storage.TableAsync(Tables.PendingTasks);
        foreach (var t in tasks)
            await index.UpsertEntityAsync(new TableEntity(Shard(approvalId), $"{approvalId}|{t.Id}")
            {
                ["ApprovalId"] = approvalId, ["TaskId"] = t.Id, ["IndexedAt"] = clock.GetUtcNow(),
            }, TableUpdateMode.Replace, ct);
    }

    public async Task RemoveAsync(string approvalId, IEnumerable<string> taskIds, CancellationToken ct)
    {
        var index = await storage.TableAsync(Tables.PendingTasks);
        foreach (var taskId in taskIds)
            try { await index.DeleteEntityAsync(Shard(approvalId), $"{approvalId}|{taskId}", ETag.All, ct); }
            catch (RequestFailedException e) when (e.Status == 404) { }
    }

    public async IAsyncEnumerable<Entry> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var index = await storage.TableAsync(Tables.PendingTasks);
        await foreach (var row in index.QueryAsync<TableEntity>(cancellationToken: ct))
            yield return new(row.GetString("ApprovalId"), row.GetString("TaskId"),
                row.GetDateTimeOffset("IndexedAt") ?? DateTimeOffset.MinValue, row.PartitionKey, row.RowKey);
    }

    public async Task DropAsync(Entry entry, CancellationToken ct)
    {
        var index = await storage.TableAsync(Tables.PendingTasks);
        try { await index.DeleteEntityAsync(entry.Partition, entry.Row, ETag.All, ct); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    private static string Shard(string approvalId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(approvalId)))[..1];
}
