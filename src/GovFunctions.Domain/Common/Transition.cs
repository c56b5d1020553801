namespace GovFunctions.Common;

/// <summary>Something a record's change raises, for the feature to turn into messages (emails, engine steps).</summary>
public interface IDomainEvent;

/// <summary>A record whose history names its states.</summary>
public interface IStateful
{
    string StateName { get; }
}

/// <summary>
/// What a domain operation returns, including the factory of a record's first state: the next state, the reason the
/// history gives, and the events it raises. Services never build states themselves; illegal moves throw.
/// </summary>
public sealed record Transition<T>(T Next, string Reason, IReadOnlyList<IDomainEvent> Events)
{
    public static Transition<T> To(T next, string reason, params IDomainEvent[] events) => new(next, reason, events);
}
