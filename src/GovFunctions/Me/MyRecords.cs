using Azure.Data.Tables;

namespace GovFunctions.Me;

/// <summary>
/// "What I submitted" without a scan of records: each leave request, decision and call carries one small row naming its
/// submitter (<c>mine|{person}|{id}</c>), derived from the record by <see cref="RecordStore{T}.RowsOf"/> and upserted in the same
/// transaction as the record's creation and every later change, so its status never lags the record. A leave request's row is
/// in its applicant's partition (one partition query); a decision's or a call's is in the record's own partition, read by the
/// row-key range of the person, which returns these rows only, never the records' JSON.
/// </summary>
public sealed class MyRecords(StorageClients storage)
{
    private const string Prefix = "mine|";

    /// <summary>The row of <paramref name="s"/> in the partition of <paramref name="key"/>.</summary>
    public static IEnumerable<TableEntity> Rows(RecordKey key, Submission s) =>
    [
        new TableEntity(key.Partition, $"{Prefix}{s.PersonId}|{s.TrackingNumber}")
        {
            ["Kind"] = s.Kind.ToString(), ["TrackingNumber"] = s.TrackingNumber, ["Title"] = s.Title, ["StateName"] = s.State,
            ["StatusName"] = s.StatusName, ["SubmittedAt"] = s.SubmittedAt,
        },
    ];

    /// <summary>Everything the person submitted, newest first.</summary>
    public async Task<IReadOnlyList<Submission>> ForAsync(string personId, CancellationToken ct = default)
    {
        var (from, to) = ($"{Prefix}{personId}|", $"{Prefix}{personId}|~");
        var found = new List<Submission>();
        var tables = new[] { (Tables.LeaveRequests, true), (Tables.Decisions, false), (Tables.HotlineCalls, false) };
        foreach (var (table, ownPartition) in tables)
        {
            var filter = ownPartition
                ? TableClient.CreateQueryFilter($"PartitionKey eq {personId} and RowKey ge {from} and RowKey lt {to}")
                : TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {to}");
            var client = await storage.TableAsync(table);
            await foreach (var row in client.QueryAsync<TableEntity>(filter, cancellationToken: ct))
                found.Add(new Submission(Enum.Parse<SubmissionKind>(row.GetString("Kind")), personId, row.GetString("TrackingNumber"),
                    row.GetString("Title"), row.GetString("StateName"), row.GetString("StatusName"),
                    row.GetDateTimeOffset("SubmittedAt") ?? DateTimeOffset.MinValue));
        }
        return found.OrderByDescending(s => s.SubmittedAt).ThenBy(s => s.TrackingNumber, StringComparer.Ordinal).ToList();
    }
}
