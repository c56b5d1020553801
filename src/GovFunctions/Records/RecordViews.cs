namespace GovFunctions.Records;

/// <summary>One line of a record's history on the wire: who moved it, when, from which state to which, and why.</summary>
public sealed record HistoryEntryView(DateTimeOffset At, string ActorId, string ActorName, string? FromState, string ToState,
    string? Reason)
{
    public static HistoryEntryView From(HistoryEntry h) => new(h.At, h.ActorId, h.ActorName, h.FromState, h.ToState, h.Reason);

    public static IReadOnlyList<HistoryEntryView> List(IEnumerable<HistoryEntry> history) => history.Select(From).ToList();

    /// <summary>The history when it was read; none (left out of the JSON) when it was not.</summary>
    public static IReadOnlyList<HistoryEntryView>? ListOrNull(IEnumerable<HistoryEntry>? history) => history is null ? null : List(history);
}
