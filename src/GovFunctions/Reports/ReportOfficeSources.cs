using Azure.Data.Tables;
using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Legal;

namespace GovFunctions.Reports;

/// <summary>A normative document published and awaiting its filing (第二十一条): late once its due time has passed.</summary>
public sealed record PendingFiling(string DocumentId, string Title, string IssuingDepartmentId, DateTimeOffset? FilingDueAt);

/// <summary>A reconsideration not yet decided, with its statutory deadline (第二十三条). The applicant is not carried.</summary>
public sealed record OpenReconsideration(string CaseId, string Respondent, DateTimeOffset AcceptedAt, DateTimeOffset DeadlineAt,
    ReconsiderationStatus Status, bool Extended);

/// <summary>The decisions section's data: the period's milestones, the decisions under way, filings and reconsiderations.</summary>
public sealed record DecisionFigures(IReadOnlyList<DecisionEvent> Milestones, IReadOnlyList<DecisionEntry> UnderWay,
    IReadOnlyList<PendingFiling> Filings, IReadOnlyList<OpenReconsideration> Reconsiderations)
{
    public static readonly DecisionFigures None = new([], [], [], []);
}

/// <summary>The duty section's data (第七十六条): the logs that came in during the period, and those with an open instruction.</summary>
public sealed record DutyFigures(IReadOnlyList<DutyLogEntry> Logs, IReadOnlyList<DutyLogEntry> Open)
{
    public static readonly DutyFigures None = new([], []);
}

/// <summary>
/// The office's part of a report run, read once from small indexes: the decisions' index (<see cref="DecisionIndex"/>), the
/// pending filings (<c>PendingFilings</c>, each document then read), the open reconsiderations (found by their state column, as
/// the deadline timer finds them: a handful a year), and the duty logs' index (<see cref="DutyIndex"/>).
/// </summary>
public sealed class ReportOfficeSources(StorageClients storage, DecisionIndex decisions, NormativeDocumentService documents,
    ReconsiderationService reconsiderations, DutyIndex duty)
{
    public async Task<DecisionFigures> DecisionsAsync(ReportPeriod period, CancellationToken ct = default)
    {
        var filings = new List<PendingFiling>();
        var index = await storage.TableAsync(Tables.PendingFilings);
        await foreach (var row in index.QueryAsync<TableEntity>(cancellationToken: ct))
            if (await documents.Store.FindAsync(RecordKey.Own(row.RowKey), ct) is { Value: { Status: DocumentStatus.Published } d })
                filings.Add(new PendingFiling(d.Id, d.Title, d.IssuingDepartmentId, d.FilingDueAt));
        var open = new List<OpenReconsideration>();
        await foreach (var s in reconsiderations.Store.WhereAsync(TableClient.CreateQueryFilter($"State ne {"decided"}"), ct))
            open.Add(new OpenReconsideration(s.Id, s.Value.Respondent, s.Value.AcceptedAt, s.Value.DeadlineAt, s.Value.Status,
                s.Value.Extended));
        return new DecisionFigures(await decisions.MilestonesAsync(period.Start, period.End, ct), await decisions.UnderWayAsync(ct),
            filings.OrderBy(f => f.FilingDueAt).ToList(), open.OrderBy(r => r.DeadlineAt).ToList());
    }

    public async Task<DutyFigures> DutyAsync(ReportPeriod period, CancellationToken ct = default) =>
        new(await duty.ReceivedAsync(period.Start, period.End, ct), await duty.OpenAsync(ct));
}
