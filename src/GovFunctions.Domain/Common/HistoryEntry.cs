namespace GovFunctions.Common;

/// <summary>One immutable line of a record's audit trail: who moved it, when, from which state to which, and why.</summary>
public sealed record HistoryEntry(
    DateTimeOffset At,
    string ActorId,
    string ActorName,
    string? FromState,
    string ToState,
    string? Reason);

/// <summary>Who is acting: a person of the organization, or the system itself (timers, routers).</summary>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor System = new("system", "系统");
}
