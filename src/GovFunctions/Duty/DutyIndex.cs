using Azure.Data.Tables;
using GovFunctions.Reports;

namespace GovFunctions.Duty;

/// <summary>A duty log as the reports list it (Art. 76): no content, only what came in from whom, when, and where it stands.</summary>
public sealed record DutyLogEntry(string Id, DutyLogKind Kind, string Source, DateTimeOffset ReceivedAt, string LeaderOnDutyId,
    DutyLogStatus Status, DateTimeOffset? InstructedAt);

/// <summary>
/// The duty logs' small index for the reports (第七十六条): one row per log in the month it came in, and one per log whose
/// instruction is still open (awaiting the leader on duty, or instructed and not yet carried out). Synced from the log after
/// every change by an outbox message (<see cref="Family"/><c>.sync</c>), so a crash between the two heals on the message's retry.
/// </summary>
public sealed partial class DutyIndex(StorageClients storage, DutyService duty, ILogger<DutyIndex> log) : ReportIndexSync(Family)
{
    public const string Family = "duty-index";

    public static OutboundMessage SyncMessage(DutyLog l, TimeProvider clock) => Message(Family, l.Id, clock);

    protected override async Task SyncAsync(string id, CancellationToken ct)
    {
        var l = (await duty.GetAsync(id, ct)).Value;
        var open = l.Status != DutyLogStatus.CarriedOut;
        var table = await storage.TableAsync(Tables.DutyIndex);
        var month = Row(ReportIndex.MonthOf(l.ReceivedAt), l);
        TableEntity[] rows = open ? [month, Row(ReportIndex.Open, l)] : [month];
        await ReportIndex.SyncAsync(table, rows, open ? [] : [(ReportIndex.Open, l.Id)], ct);
        LogSynced(l.Id, DutyLog.StateName(l.Status));
    }

    /// <summary>The logs that came in during a span.</summary>
    public async Task<IReadOnlyList<DutyLogEntry>> ReceivedAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.DutyIndex);
        return (await ReportIndex.RowsAsync(table, ReportIndex.Months(start, end), ct)).Select(Entry)
            .Where(e => e.ReceivedAt >= start && e.ReceivedAt < end).OrderBy(e => e.ReceivedAt).ToList();
    }

    /// <summary>The logs whose instruction is open now, oldest first.</summary>
    public async Task<IReadOnlyList<DutyLogEntry>> OpenAsync(CancellationToken ct = default)
    {
        var table = await storage.TableAsync(Tables.DutyIndex);
        return (await ReportIndex.RowsAsync(table, [ReportIndex.Open], ct)).Select(Entry).OrderBy(e => e.ReceivedAt).ToList();
    }

    private static TableEntity Row(string partition, DutyLog l) => new(partition, l.Id)
    {
        ["Kind"] = l.Kind.ToString(),
        ["Source"] = l.Source,
        ["ReceivedAt"] = l.ReceivedAt,
        ["LeaderOnDutyId"] = l.LeaderOnDutyId,
        ["Status"] = l.Status.ToString(),
        ["InstructedAt"] = l.InstructedAt,
    };

    private static DutyLogEntry Entry(TableEntity row) => new(row.RowKey, Enum.Parse<DutyLogKind>(row.GetString("Kind")),
        row.GetString("Source"), row.GetDateTimeOffset("ReceivedAt")!.Value, row.GetString("LeaderOnDutyId"),
        Enum.Parse<DutyLogStatus>(row.GetString("Status")), row.GetDateTimeOffset("InstructedAt"));

    [LoggerMessage(3111, LogLevel.Information, "Duty index: log {LogId} synced ({Status})")]
    private partial void LogSynced(string logId, string status);
}
