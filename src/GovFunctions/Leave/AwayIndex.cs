using Azure;
using Azure.Data.Tables;
using GovFunctions.Approvals;

namespace GovFunctions.Leave;

/// <summary>
/// Who is away when: one row per approved leave per calendar year it touches (PartitionKey = year, RowKey = leave id),
/// kept in step with the leave record by <see cref="SyncAsync"/> — idempotent, driven by a queue message after every
/// change of a leave's status, so a crash between the record and the index heals on the message's retry.
/// </summary>
public sealed class AwayIndex(StorageClients storage)
{
    public async Task<IReadOnlyList<Absence>> AbsencesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.LeaveAway);
        var result = new Dictionary<string, Absence>();
        for (var year = ChinaTime.DateOf(from).Year; year <= ChinaTime.DateOf(to).Year; year++)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {year.ToString()} and Start lt {to} and End gt {from}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
                result[row.RowKey] = new Absence(row.GetString("PersonId"), row.GetDateTimeOffset("Start")!.Value,
                    row.GetDateTimeOffset("End")!.Value, row.GetString("ActingPersonId"), row.RowKey);
        }
        return result.Values.OrderBy(a => a.Start).ToList();
    }

    public Task<IReadOnlyList<Absence>> AbsencesAtAsync(DateTimeOffset at, CancellationToken ct = default) =>
        AbsencesAsync(at, at.AddTicks(1), ct);

    /// <summary>Drops an absence whose leave record is gone.</summary>
    public async Task DropAsync(Absence absence, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.LeaveAway);
        for (var year = ChinaTime.DateOf(absence.Start).Year; year <= ChinaTime.DateOf(absence.End).Year; year++)
            try { await table.DeleteEntityAsync(year.ToString(), absence.LeaveId, ETag.All, ct); }
            catch (RequestFailedException e) when (e.Status == 404) { }
    }

    /// <summary>Makes the index say what the record says: approved → away from start to end; returned → until the return; else not away.</summary>
    public async Task SyncAsync(LeaveRequest leave, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.LeaveAway);
        var years = Enumerable.Range(ChinaTime.DateOf(leave.Start).Year, ChinaTime.DateOf(leave.End).Year - ChinaTime.DateOf(leave.Start).Year + 1);
        var end = leave.Status == LeaveStatus.Returned && leave.ReturnedAt < leave.End ? leave.ReturnedAt.Value : leave.End;
        var away = leave.Status == LeaveStatus.Approved || (leave.Status == LeaveStatus.Returned && end > leave.Start);
        foreach (var year in years)
        {
            if (away)
                await table.UpsertEntityAsync(new TableEntity(year.ToString(), leave.Id)
                {
                    ["PersonId"] = leave.ApplicantId,
                    ["Start"] = leave.Start,
                    ["End"] = end,
                    ["ActingPersonId"] = leave.ActingPersonId,
                }, TableUpdateMode.Replace, ct);
            else
                try { await table.DeleteEntityAsync(year.ToString(), leave.Id, ETag.All, ct); }
                catch (RequestFailedException e) when (e.Status == 404) { }
        }
    }
}
