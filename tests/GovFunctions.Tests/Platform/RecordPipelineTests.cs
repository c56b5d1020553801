using GovFunctions.Common;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovFunctions.Tests.Platform;

/// <summary>
/// The one way a record changes (RecordStore.ApplyAsync): domain transitions committed with history, handled-message
/// idempotency, in-process retry on conflict, and events turned into messages through the outbox — against Azurite.
/// </summary>
public class RecordPipelineTests : IAsyncLifetime
{
    private const string Queue = "counter-routing";

    public sealed record Counted(string Id, int Count) : IDomainEvent;

    /// <summary>A record with one guarded transition, the shape every feature's domain has.</summary>
    public sealed record Tally(int Count, bool Closed) : IStateful
    {
        public string StateName => Closed ? "closed" : "open";

        public static Transition<Tally> Open() => Transition<Tally>.To(new Tally(0, false), "开始计数");

        public Transition<Tally> Add(string id) => Closed
            ? throw new StateConflictException(Bilingual.Text("已关闭", "closed"))
            : Transition<Tally>.To(this with { Count = Count + 1 }, $"加一（{Count + 1}）", new Counted(id, Count + 1));

        public Transition<Tally> Close() => Transition<Tally>.To(this with { Closed = true }, "关闭");
    }

    private readonly TestApp _app = TestApp.Create(services: s =>
    {
        s.AddSingleton<StorageQueueSender>();
        s.AddSingleton<SwitchableQueueSender>();
        s.AddSingleton<IQueueSender>(sp => sp.GetRequiredService<SwitchableQueueSender>());
    });

    private static readonly RecordKey T1 = RecordKey.Own("t1");
    private static readonly Actor Clerk = new("sun-huimin", "孙慧敏");
    private RecordStore<Tally> _store = null!;
    private SwitchableQueueSender Sender => _app.Get<SwitchableQueueSender>();

    public async ValueTask InitializeAsync()
    {
        _store = new RecordStore<Tally>(_app.Storage, _app.Get<Outbox>(), "Tallies")
        {
            MessagesOf = (tally, e) => e is Counted c ? [new OutboundMessage(Queue, QueueEnvelope.Create("tally.counted", c.Id, _app.Clock, c))] : [],
        };
        await _store.CreateAsync(T1, Tally.Open(), Clerk);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<List<QueueEnvelope>> DrainAsync()
    {
        var queue = await _app.Storage.QueueAsync(Queue);
        var all = new List<QueueEnvelope>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } batch)
            all.AddRange(batch.Select(m => QueueEnvelope.Parse(m.Body.ToString())));
        return all;
    }

    [Fact]
    public async Task Apply_CommitsTheTransition_WithItsHistory_AndItsEventsAsMessages()
    {
        var applied = await _store.ApplyAsync(T1, Clerk, s => s.Value.Add("t1"));

        Assert.True(applied.Changed);
        Assert.Equal((1, 2), (applied.Record.Value.Count, applied.Record.Version));
        var history = await _store.HistoryAsync(T1);
        Assert.Equal([(null, "open", "开始计数"), ("open", "open", "加一（1）")], history.Select(h => (h.FromState, h.ToState, h.Reason)));
        Assert.Equal("孙慧敏", history[1].ActorName);
        var message = Assert.Single(await DrainAsync());
        Assert.Equal(("tally.counted", 1), (message.Type, message.DataAs<Counted>().Count));
    }

    [Fact]
    public async Task TheSameHandledMessage_IsAppliedOnce_EvenDeliveredTenTimesAtOnce()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _store.ApplyAsync(T1, Actor.System, s => s.Value.Add("t1"), "msg-1")));

        Assert.Single(results, r => r.Changed);
        Assert.Equal(1, (await _store.GetAsync(T1)).Value.Count);
        Assert.Single(await DrainAsync());
        Assert.False((await _store.ApplyAsync(T1, Actor.System, s => s.Value.Add("t1"), "msg-1")).Changed);
    }

    [Fact]
    public async Task ConcurrentChanges_AreRetriedInProcess_AndAllLand()
    {
        // Before the pipeline a handler committed once: the loser of each race threw and its message waited for redelivery.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => _store.ApplyAsync(T1, Actor.System, s => s.Value.Add("t1"), $"msg-{i}")));

        var stored = await _store.GetAsync(T1);
        Assert.Equal((8, 9), (stored.Value.Count, stored.Version));
        Assert.Equal(Enumerable.Range(1, 8), (await DrainAsync()).Select(m => m.DataAs<Counted>().Count).Order());
    }

    [Fact]
    public async Task ARetryReChecksTheRules_AgainstTheFreshState()
    {
        var closing = _store.ApplyAsync(T1, Clerk, s => s.Value.Close());
        var adds = Enumerable.Range(0, 4).Select(i => Record(_store.ApplyAsync(T1, Clerk, s => s.Value.Add("t1")))).ToList();
        await closing;
        var outcomes = await Task.WhenAll(adds);

        var final = (await _store.GetAsync(T1)).Value;
        Assert.True(final.Closed);
        Assert.Equal(final.Count, outcomes.Count(o => o is null)); // every add that landed, landed before the close
        Assert.All(outcomes.Where(o => o is not null), o => Assert.IsType<StateConflictException>(o));
    }

    private static async Task<Exception?> Record(Task task)
    {
        try { await task; return null; }
        catch (Exception e) { return e; }
    }

    [Fact]
    public async Task NothingToDo_CommitsNothing()
    {
        var applied = await _store.ApplyAsync(T1, Actor.System, _ => null);
        Assert.False(applied.Changed);
        Assert.Equal(1, (await _store.GetAsync(T1)).Version);
        Assert.Single(await _store.HistoryAsync(T1));
    }

    [Fact]
    public async Task ATimersChange_WhoseEnqueueFails_IsRoutedByTheSweeper()
    {
        Sender.Fail = true;
        await _store.ApplyAsync(T1, Actor.System, s => s.Value.Add("t1"), "timer:2026-11-25");
        Sender.Fail = false;
        Assert.Empty(await DrainAsync());

        _app.Clock.Advance(Outbox.Grace + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await _app.Get<Outbox>().SweepAsync()).Dispatched);
        Assert.Single(await DrainAsync());
    }

    [Fact]
    public async Task ARefusedTransition_WritesNothing()
    {
        await _store.ApplyAsync(T1, Clerk, s => s.Value.Close());
        await Assert.ThrowsAsync<StateConflictException>(() => _store.ApplyAsync(T1, Clerk, s => s.Value.Add("t1"), "msg-x"));
        Assert.Equal(2, (await _store.GetAsync(T1)).Version);
        Assert.False(await _store.WasHandledAsync(T1, "msg-x"));
    }

    [Fact]
    public async Task ATimersSweep_ChangesEachDueRecord_SkipsWhatIsGoneOrNotDue_AndEveryChangeGoesOutThroughTheOutbox()
    {
        var t2 = RecordKey.Own("t2");
        await _store.CreateAsync(t2, Tally.Open(), Clerk);
        await _store.ApplyAsync(t2, Clerk, s => s.Value.Close());
        var log = new ListLogger();

        var changed = await _store.SweepAsync([T1, t2, RecordKey.Own("gone")], Actor.System,
            s => s.Value.Closed ? null : s.Value.Add(s.Id), log, "tally-timer");

        Assert.Equal(1, changed);
        Assert.Equal(1, (await _store.GetAsync(T1)).Value.Count);
        Assert.Equal(2, (await _store.GetAsync(t2)).Version); // not due: nothing written
        Assert.Equal("t1", Assert.Single(await DrainAsync()).Subject);
        Assert.Contains(log.Lines, l => l.Contains("gone") && l.Contains("points at no record"));
        Assert.Contains(log.Lines, l => l.Contains("tally-timer: 1 record(s) changed"));
    }

    [Fact]
    public async Task ATimersSweep_GoesOnPastARecordThatRefusesTheChange_AndLogsIt()
    {
        var t2 = RecordKey.Own("t2");
        await _store.CreateAsync(t2, Tally.Open(), Clerk);
        await _store.ApplyAsync(T1, Clerk, s => s.Value.Close());
        var log = new ListLogger();

        var changed = await _store.SweepAsync([T1, t2], Actor.System, s => s.Value.Add(s.Id), log, "tally-timer");

        Assert.Equal(1, changed); // t1 refused (closed), t2 still counted
        Assert.Equal(1, (await _store.GetAsync(t2)).Value.Count);
        Assert.Contains(log.Lines, l => l.Contains("t1") && l.Contains("not changed"));
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception));
        }
    }
}
