using Azure.Data.Tables;
using GovFunctions.Decisions;
using GovFunctions.Legal;

namespace GovFunctions.Scorecards;

/// <summary>
/// The scorecard counters of the decision procedure (第十九条: agenda refusals and their accountability flags against the
/// decisions put on an agenda) and of the normative documents (第二十一条: filed with the district on time), kept as tally rows
/// in each record's own partition — a decision and a document each have their own — in the same transaction as the change
/// they count (<see cref="ProcedureCounts"/> says what each change adds).
/// </summary>
public sealed class ProcedureCounters(StorageClients storage, TimeProvider clock)
{
    public const string Prefix = "tally|";

    /// <summary>The extra rows of a decision's change, for <c>RecordStore.ApplyAsync</c>.</summary>
    public async Task<IEnumerable<TableTransactionAction>> DecisionRowsAsync(Stored<Decision> current, Transition<Decision> t)
    {
        var deltas = ProcedureCounts.Decision(current.Value, t, clock.GetUtcNow());
        return deltas.Count == 0 ? []
            : await TallyRows.ActionsAsync(await storage.TableAsync(Tables.Decisions), current.Key.Partition, Prefix, deltas,
                current.Value.SponsorDepartmentId, CancellationToken.None);
    }

    /// <summary>The extra rows of a normative document's change, for <c>RecordStore.ApplyAsync</c> and the filing timer's sweep.</summary>
    public async Task<IEnumerable<TableTransactionAction>> DocumentRowsAsync(Stored<NormativeDocument> current,
        Transition<NormativeDocument> t)
    {
        var deltas = ProcedureCounts.Document(current.Value, t.Next);
        return deltas.Count == 0 ? []
            : await TallyRows.ActionsAsync(await storage.TableAsync(Tables.NormativeDocuments), current.Key.Partition, Prefix, deltas,
                current.Value.IssuingDepartmentId, CancellationToken.None);
    }

    /// <summary>A period's tallies per department: one query on each of the two tables, in parallel.</summary>
    public async Task<IReadOnlyDictionary<string, Dictionary<Measure, Tally>>> PeriodAsync(IReadOnlyList<string> months,
        CancellationToken ct = default)
    {
        var reads = await Task.WhenAll(new[] { Tables.Decisions, Tables.NormativeDocuments }.Select(async name =>
            await TallyRows.PeriodAsync(await storage.TableAsync(name), Prefix, months, ct)));
        var sums = new Dictionary<string, Dictionary<Measure, Tally>>();
        foreach (var (department, measures) in reads.SelectMany(r => r))
        {
            if (!sums.TryGetValue(department, out var into)) sums[department] = into = [];
            foreach (var (m, tally) in measures) into[m] = into.GetValueOrDefault(m) + tally;
        }
        return sums;
    }
}
