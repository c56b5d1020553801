using Azure.Data.Tables;

namespace GovFunctions.Platform.Storage;

/// <summary>
/// What <see cref="RecordStore{T}.ApplyAsync"/> did: the record as it now stands, and the transition committed (null: none).
/// </summary>
public sealed record Applied<T>(Stored<T> Record, Transition<T>? Transition)
{
    public bool Changed => Transition is not null;
}

/// <summary>
/// The one way a record changes, for HTTP commands, queue handlers and timers alike: read the record, ask the domain for a
/// <see cref="Transition{T}"/>, commit it with the ETag together with its history row, the handled-message marker and the
/// messages its events become (through the outbox); on a conflict read again and re-apply, so a queue handler never fails
/// toward poison because another change won the race.
/// </summary>
public sealed partial class RecordStore<T>
{
    /// <summary>Attempts before a conflict reaches the caller (HTTP 409; a queue message's next delivery).</summary>
    public const int Attempts = 10;

    /// <summary>The feature's one mapping of its domain events to queue messages (emails, engine steps, follow-ups).</summary>
    public Func<T, IDomainEvent, IEnumerable<OutboundMessage>> MessagesOf { get; init; } =
        (_, e) => throw new InvalidOperationException($"no messages are defined for {e.GetType().Name}");

    /// <summary>Creates a record from its domain factory's transition.</summary>
    public Task<Stored<T>> CreateAsync(RecordKey key, Transition<T> first, Actor actor, string? handledMessageId = null,
        IEnumerable<TableTransactionAction>? extra = null, CancellationToken ct = default) =>
        CommitAsync(key, null, first.Next, HistoryOf(actor, null, first), MessagesFor(first), handledMessageId, extra, ct);

    /// <param name="change">The domain operation on the current state: a transition, or null when there is nothing to do
    /// (e.g. a timer found nothing due). It is called again on the fresh state after a conflict, so its rules are re-checked.</param>
    /// <param name="handledMessageId">The queue message (or timer occurrence) this change handles: once it is marked, the change
    /// is not applied again.</param>
    /// <param name="extra">Further rows in the record's partition committed with it (an index or a counter row, read afresh on
    /// each attempt and guarded by its own ETag).</param>
    public Task<Applied<T>> ApplyAsync(RecordKey key, Actor actor, Func<Stored<T>, Transition<T>?> change,
        string? handledMessageId = null, Func<Stored<T>, Transition<T>, Task<IEnumerable<TableTransactionAction>>>? extra = null,
        CancellationToken ct = default) =>
        ApplyLookingUpAsync(key, actor, s => Task.FromResult(change(s)), handledMessageId, extra, ct);

    /// <summary>The same, for a change that must look something up first (e.g. who acts for an absent approver).</summary>
    public async Task<Applied<T>> ApplyLookingUpAsync(RecordKey key, Actor actor, Func<Stored<T>, Task<Transition<T>?>> change,
        string? handledMessageId = null, Func<Stored<T>, Transition<T>, Task<IEnumerable<TableTransactionAction>>>? extra = null,
        CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetAsync(key, ct);
            if (handledMessageId is not null && await WasHandledAsync(key, handledMessageId, ct)) return new(current, null);
            var transition = await change(current);
            if (transition is null) return new(current, null);
            try
            {
                var rows = extra is null ? null : await extra(current, transition); // read again on each attempt, as the record is
                var committed = await CommitAsync(key, current, transition.Next, HistoryOf(actor, current, transition),
                    MessagesFor(transition), handledMessageId, rows, ct);
                return new(committed, transition);
            }
            catch (StateConflictException) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 8) * Math.Min(1 << attempt, 32)), ct); // ≤ 256 ms
            }
        }
    }

    /// <summary>
    /// A timer's pass over records: each record's action is the same <see cref="ApplyAsync(RecordKey, Actor, Func{Stored{T}, Transition{T}?}, string?, Func{Stored{T}, Transition{T}, Task{IEnumerable{TableTransactionAction}}}?, CancellationToken)"/>
    /// call an HTTP command makes (its messages through the outbox), re-checked on the fresh state when it conflicts; a record
    /// refused by its rules or still changing after every attempt is logged and left to the next run, never stopping the pass.
    /// </summary>
    /// <returns>How many records changed.</returns>
    /// <param name="extra">The rows each change commits with its record, as for ApplyAsync (e.g. a scorecard counter).</param>
    public async Task<int> SweepAsync(IEnumerable<RecordKey> keys, Actor actor, Func<Stored<T>, Transition<T>?> change,
        Microsoft.Extensions.Logging.ILogger log, string timer, CancellationToken ct = default,
        Func<Stored<T>, Transition<T>, Task<IEnumerable<TableTransactionAction>>>? extra = null)
    {
        var changed = 0;
        foreach (var key in keys)
            try
            {
                if ((await ApplyAsync(key, actor, change, extra: extra, ct: ct)).Changed) changed++;
            }
            catch (StateConflictException e) // refused by its rules now, or changed by others on every attempt
            {
                TimerLog.NotChanged(log, timer, tableName, key.Partition, key.Id, e.Message);
            }
            catch (NotFoundException)
            {
                TimerLog.Dangling(log, tableName, key.Partition, key.Id);
            }
        TimerLog.Swept(log, timer, changed);
        return changed;
    }

    /// <summary>
    /// Records of any partition whose record row matches a filter on its stored columns (<c>State</c>, <c>Version</c>), built
    /// with <see cref="TableClient.CreateQueryFilter(System.FormattableString)"/>; history rows never match, lacking them.
    /// </summary>
    public async IAsyncEnumerable<Stored<T>> WhereAsync(string filter,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var table = await TableAsync();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            if (row.RowKey.EndsWith("|record", StringComparison.Ordinal))
                yield return await ToStoredAsync(table, new RecordKey(row.PartitionKey, row.RowKey[..^"|record".Length]), row, ct);
    }

    private HistoryEntry HistoryOf(Actor actor, Stored<T>? from, Transition<T> t) =>
        new(outbox.Clock.GetUtcNow(), actor.Id, actor.Name, from is null ? null : StateOf(from.Value), StateOf(t.Next), t.Reason);

    private List<OutboundMessage> MessagesFor(Transition<T> t) => t.Events.SelectMany(e => MessagesOf(t.Next, e)).ToList();

    private static string StateOf(T value) => value is IStateful s ? s.StateName
        : throw new InvalidOperationException($"{typeof(T).Name} must name its state (IStateful) to change through the pipeline");
}
