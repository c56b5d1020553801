using GovFunctions.Decisions;
using GovFunctions.Legal;
using GovFunctions.Supervision;

namespace GovFunctions.Scorecards;

/// <summary>
/// What the decision procedure (第十九条, Art. 19) and the normative documents (第二十一条, Art. 21) add to their department's
/// scorecard (Art. 29), counted change by change in the same transaction as the record; and the same figures recounted from
/// the records alone (their final state and history), which the tests compare with the counters.
/// </summary>
public static class ProcedureCounts
{
    /// <summary>
    /// 第十九条: each time the office puts a decision on a meeting's agenda counts once toward its sponsor's month — met when
    /// every gate had been passed (it is scheduled), not met when an open gate refused it and the refusal was flagged for
    /// accountability. Moving a scheduled decision to another meeting date is not a new submission.
    /// </summary>
    public static IReadOnlyList<CountDelta> Decision(Decision before, Transition<Decision> t, DateTimeOffset now)
    {
        var month = SupervisionCounts.MonthOf(now);
        var deltas = t.Events.OfType<AgendaRefused>().Select(_ => new CountDelta(month, Measure.DecisionCompliance, 0, 1)).ToList();
        if (before.Status != DecisionStatus.Scheduled && t.Next.Status == DecisionStatus.Scheduled)
            deltas.Add(new CountDelta(month, Measure.DecisionCompliance, 1, 1));
        return deltas;
    }

    /// <summary>
    /// The same from a decision's history alone (a brute-force recount): every refused attempt, every entry onto an agenda.
    /// </summary>
    public static IReadOnlyList<CountDelta> RecountDecision(IEnumerable<HistoryEntry> history) => history
        .SelectMany(h => h.Reason?.StartsWith(AgendaRefusedReason, StringComparison.Ordinal) == true ? [Compliance(h.At, 0)]
            : h.ToState == Scheduled && h.FromState != Scheduled ? [Compliance(h.At, 1)] : Array.Empty<CountDelta>())
        .ToList();

    private static CountDelta Compliance(DateTimeOffset at, int met) =>
        new(SupervisionCounts.MonthOf(at), Measure.DecisionCompliance, met, 1);

    /// <summary>How the history names a refused attempt (<see cref="Decisions.Decision.AgendaRefusedFor"/>).</summary>
    public const string AgendaRefusedReason = "拒绝排入会议议程";

    private const string Scheduled = "scheduled";

    /// <summary>
    /// 第二十一条: each published document counts once toward its issuing department — when it is filed with the district (met
    /// when by the deadline) or when the filing timer flags it late (not met), whichever comes first.
    /// </summary>
    public static IReadOnlyList<CountDelta> Document(NormativeDocument before, NormativeDocument after)
    {
        if (Settled(before) || !Settled(after)) return [];
        var at = after.LateFlaggedAt ?? after.FiledAt!.Value;
        return [new CountDelta(SupervisionCounts.MonthOf(at), Measure.NormativeFiledOnTime, after.FiledOnTime == true ? 1 : 0, 1)];
    }

    /// <summary>The same from a document's final record alone (a brute-force recount).</summary>
    public static IReadOnlyList<CountDelta> RecountDocument(NormativeDocument d)
    {
        if (d is { FiledAt: null, LateFlaggedAt: null }) return [];
        var filedFirst = d.FiledAt is { } filed && (d.LateFlaggedAt is not { } late || filed < late);
        var at = filedFirst ? d.FiledAt!.Value : d.LateFlaggedAt!.Value;
        var met = filedFirst && d.FiledOnTime == true ? 1 : 0;
        return [new CountDelta(SupervisionCounts.MonthOf(at), Measure.NormativeFiledOnTime, met, 1)];
    }

    private static bool Settled(NormativeDocument d) => d.FiledAt is not null || d.LateFlaggedAt is not null;
}
