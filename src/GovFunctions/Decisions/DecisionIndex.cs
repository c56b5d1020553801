using Azure.Data.Tables;
using GovFunctions.Reports;

namespace GovFunctions.Decisions;

/// <summary>What happened to a decision when: registered, adopted or published.</summary>
public enum DecisionMilestone { Registered, Adopted, Published }

/// <summary>A decision's milestone as the reports count it.</summary>
public sealed record DecisionEvent(string DecisionId, DecisionMilestone Milestone, DateTimeOffset At, string SponsorDepartmentId);

/// <summary>A decision still under way, as the reports count it: its state, its two review gates, an evaluation due (第十八条).</summary>
public sealed record DecisionEntry(string DecisionId, string SponsorDepartmentId, DecisionStatus Status, ReviewState Legality,
    ReviewState Consultation, bool EvaluationDue);

/// <summary>
/// The decisions' small index for the reports: a row per milestone in its month, and a row per decision still under way
/// (not yet decided, or adopted with its post-implementation evaluation open, 第十八条). Synced from the decision after every
/// change by an outbox message (<see cref="Family"/><c>.sync</c>), so a crash between the two heals on the message's retry.
/// </summary>
public sealed partial class DecisionIndex(StorageClients storage, DecisionRecords records, ILogger<DecisionIndex> log)
    : ReportIndexSync(Family)
{
    public const string Family = "decision-index";

    public static OutboundMessage SyncMessage(Decision d, TimeProvider clock) => Message(Family, d.Id, clock);

    protected override async Task SyncAsync(string id, CancellationToken ct)
    {
        var d = (await records.GetAsync(id, ct)).Value;
        var present = new List<TableEntity> { Milestone(d, DecisionMilestone.Registered, d.CreatedAt) };
        if (d.AdoptedAt is { } adopted) present.Add(Milestone(d, DecisionMilestone.Adopted, adopted));
        if (d.PublishedAt is { } published) present.Add(Milestone(d, DecisionMilestone.Published, published));
        var underWay = d.Status is DecisionStatus.Draft or DecisionStatus.InReview or DecisionStatus.Scheduled or DecisionStatus.Deferred
            || d.Evaluation is { Findings: null };
        if (underWay)
            present.Add(new TableEntity(ReportIndex.Open, d.Id)
            {
                ["SponsorDepartmentId"] = d.SponsorDepartmentId,
                ["Status"] = d.Status.ToString(),
                ["Legality"] = d.LegalityReview.State.ToString(),
                ["Consultation"] = d.Consultation.State.ToString(),
                ["EvaluationDue"] = d.Evaluation is { Findings: null },
            });
        var table = await storage.TableAsync(Tables.DecisionIndex);
        await ReportIndex.SyncAsync(table, present, underWay ? [] : [(ReportIndex.Open, d.Id)], ct);
        LogSynced(d.Id, Decision.StateName(d.Status));
    }

    /// <summary>The milestones reached during a span.</summary>
    public async Task<IReadOnlyList<DecisionEvent>> MilestonesAsync(DateTimeOffset start, DateTimeOffset end,
        CancellationToken ct = default)
    {
        var rows = await ReportIndex.RowsAsync(await storage.TableAsync(Tables.DecisionIndex), ReportIndex.Months(start, end), ct);
        return rows.Select(r => new DecisionEvent(r.GetString("DecisionId"), Enum.Parse<DecisionMilestone>(r.GetString("Milestone")),
                r.GetDateTimeOffset("At")!.Value, r.GetString("SponsorDepartmentId")))
            .Where(e => e.At >= start && e.At < end).ToList();
    }

    /// <summary>The decisions under way now.</summary>
    public async Task<IReadOnlyList<DecisionEntry>> UnderWayAsync(CancellationToken ct = default)
    {
        var rows = await ReportIndex.RowsAsync(await storage.TableAsync(Tables.DecisionIndex), [ReportIndex.Open], ct);
        return rows.Select(r => new DecisionEntry(r.RowKey, r.GetString("SponsorDepartmentId"),
            Enum.Parse<DecisionStatus>(r.GetString("Status")),
            Enum.Parse<ReviewState>(r.GetString("Legality")), Enum.Parse<ReviewState>(r.GetString("Consultation")),
            r.GetBoolean("EvaluationDue") == true)).ToList();
    }

    private static TableEntity Milestone(Decision d, DecisionMilestone m, DateTimeOffset at) =>
        new(ReportIndex.MonthOf(at), $"{m}|{d.Id}")
        {
            ["DecisionId"] = d.Id,
            ["Milestone"] = m.ToString(),
            ["At"] = at,
            ["SponsorDepartmentId"] = d.SponsorDepartmentId,
        };

    [LoggerMessage(5021, LogLevel.Information, "Decision index: decision {DecisionId} synced ({State})")]
    private partial void LogSynced(string decisionId, string state);
}
