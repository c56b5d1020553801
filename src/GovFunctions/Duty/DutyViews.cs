using GovFunctions.Records;

namespace GovFunctions.Duty;

/// <summary>
/// The answer of <c>POST /api/duty/logs</c>: the log's id, status (and its name, for the form) and the leader on duty it went to.
/// </summary>
public sealed record DutyLogCreatedView(string Id, string Status, string StatusName, string LeaderOnDutyId)
{
    public static DutyLogCreatedView From(Stored<DutyLog> stored) =>
        new(stored.Id, DutyLog.StateName(stored.Value.Status), StatusNames.Of(stored.Value.Status), stored.Value.LeaderOnDutyId);
}

/// <summary>A duty log with the leader's instruction, who carried it out, and its history (Art. 76).</summary>
public sealed record DutyLogView(string Id, DutyLogKind Kind, string Source, string Content, DateTimeOffset ReceivedAt, string ReceivedById,
    string LeaderOnDutyId, string Status, string? Instruction, string? InstructedById, DateTimeOffset? InstructedAt, string? CarriedOutById,
    string? CarriedOutNote, DateTimeOffset? CarriedOutAt, string? SupervisedItemId, IReadOnlyList<HistoryEntryView> History)
{
    public static DutyLogView From(DutyLog l, IEnumerable<HistoryEntry> history) => new(l.Id, l.Kind, l.Source, l.Content,
        l.ReceivedAt.ToChina(), l.ReceivedById, l.LeaderOnDutyId, DutyLog.StateName(l.Status), l.Instruction, l.InstructedById,
        l.InstructedAt?.ToChina(), l.CarriedOutById, l.CarriedOutNote, l.CarriedOutAt?.ToChina(), l.SupervisedItemId,
        HistoryEntryView.List(history));
}
