using Azure;
using Azure.Data.Tables;
using GovFunctions.Approvals;

namespace GovFunctions.Leave;

/// <summary>
/// Who is away when: one row per approved leave per calendar year it touches (PartitionKey = year, RowKey = leave id),
/// kept in step with the leave record by <see cref="SyncAsync"/> — idempotent, driven by a queue message after every
/// change of a leave's status, so a crash between the record and the index heals on the message's retry.
/// </summary>
public sealed partial class AwayIndex(StorageClients storage, ILogger<AwayIndex> log)
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
        foreach (var year in YearsOf(absence.Start, absence.End)) await DeleteAsync(table, year, absence.LeaveId, ct);
    }

    /// <summary>
    /// Makes the index say what the record says: approved → away from start to end; returned → until the return; else not away.
    /// </summary>
    public async Task SyncAsync(LeaveRequest leave, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.LeaveAway);
        var absence = AbsenceOf(leave);
        foreach (var year in YearsOf(leave.Start, leave.End))
        {
            if (absence is not null)
                await table.UpsertEntityAsync(new TableEntity(year, leave.Id)
                {
                    ["PersonId"] = absence.PersonId,
                    ["Start"] = absence.Start,
                    ["End"] = absence.End,
                    ["ActingPersonId"] = absence.ActingPersonId,
                }, TableUpdateMode.Replace, ct);
            else
                await DeleteAsync(table, year, leave.Id, ct);
        }
    }

    /// <summary>What the index says of a leave: away from its start to its end (or its return, if earlier); null when not away.</summary>
    public static Absence? AbsenceOf(LeaveRequest leave)
    {
        var end = leave.Status == LeaveStatus.Returned && leave.ReturnedAt < leave.End ? leave.ReturnedAt.Value : leave.End;
        var away = leave.Status == LeaveStatus.Approved || (leave.Status == LeaveStatus.Returned && end > leave.Start);
        return away ? new Absence(leave.ApplicantId, leave.Start, end, leave.ActingPersonId, leave.Id) : null;
    }

    private static IEnumerable<string> YearsOf(DateTimeOffset start, DateTimeOffset end) =>
        Enumerable.Range(ChinaTime.DateOf(start).Year, ChinaTime.DateOf(end).Year - ChinaTime.DateOf(start).Year + 1)
            .Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task DeleteAsync(TableClient table, string year, string leaveId, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(year, leaveId, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            LogNotThere(year, leaveId); // not away that year already: what was asked
        }
    }

    [LoggerMessage(3031, LogLevel.Debug, "Away index: no row {Year}/{LeaveId} to delete")]
    private partial void LogNotThere(string year, string leaveId);
}
