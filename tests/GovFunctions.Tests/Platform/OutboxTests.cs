using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using GovFunctions.Common;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovFunctions.Tests.Platform;

/// <summary>No lost work between a table write and its queue message (the outbox), against Azurite.</summary>
public class OutboxTests : IAsyncLifetime
{
    public sealed record Memo(string Status);
    private const string Queue = "memo-routing";

    private readonly TestApp _app = TestApp.Create(services: s =>
    {
        s.AddSingleton<StorageQueueSender>();
        s.AddSingleton<SwitchableQueueSender>();
        s.AddSingleton<IQueueSender>(sp => sp.GetRequiredService<SwitchableQueueSender>());
    });

    private static readonly RecordKey M1 = RecordKey.Own("m1");
    private RecordStore<Memo> _store = null!;
    private SwitchableQueueSender Sender => _app.Get<SwitchableQueueSender>();
    private Outbox Outbox => _app.Get<Outbox>();

    public ValueTask InitializeAsync()
    {
        _store = new RecordStore<Memo>(_app.Storage, Outbox, "Memos");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private HistoryEntry Move(string? from, string to) => new(_app.Clock.GetUtcNow(), "system", "系统", from, to, null);

    private OutboundMessage Message(string subject) =>
        new(Queue, QueueEnvelope.Create("memo.route", subject, _app.Clock, new { step = 1 }));

    private async Task<List<QueueEnvelope>> DrainAsync()
    {
        var queue = await _app.Storage.QueueAsync(Queue);
        var all = new List<QueueEnvelope>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32)).Value;
            if (batch.Length == 0) return all;
            all.AddRange(batch.Select(m => QueueEnvelope.Parse(m.Body.ToString())));
        }
    }

    private async Task<int> IntentsAsync()
    {
        var table = await _app.Storage.TableAsync(Tables.Outbox);
        return await table.QueryAsync<TableEntity>().CountAsync();
    }

    [Fact]
    public async Task Commit_EnqueuesTheMessage_AndLeavesNoIntent()
    {
        await _store.CreateAsync(M1, new Memo("new"), Move(null, "new"), [Message("m1")]);

        var messages = await DrainAsync();
        Assert.Equal("m1", Assert.Single(messages).Subject);
        Assert.Equal(0, await IntentsAsync());
    }

    [Fact]
    public async Task Messages_AreBase64_AsTheQueueTriggerReadsThem()
    {
        await _store.CreateAsync(M1, new Memo("new"), Move(null, "new"), [Message("m1")]);

        var raw = new QueueClient(TestEnvironment.Storage, _app.Storage.QueueName(Queue)); // no decoding
        var peeked = Assert.Single((await raw.PeekMessagesAsync(5)).Value);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(peeked.Body.ToString()));
        Assert.Equal("m1", QueueEnvelope.Parse(json).Subject);
    }

    [Fact]
    public async Task EnqueueFails_RecordIsKept_AndTheSweeperRoutesItOnceAfterTheGrace()
    {
        Sender.Fail = true;
        await _store.CreateAsync(M1, new Memo("new"), Move(null, "new"), [Message("m1")]);
        Sender.Fail = false;

        Assert.Equal("new", (await _store.GetAsync(M1)).Value.Status);
        Assert.Empty(await DrainAsync());
        Assert.Equal(1, await IntentsAsync());

        Assert.Equal(new SweepResult(0, 0, 1), await Outbox.SweepAsync()); // within the grace: left to its writer
        Assert.Empty(await DrainAsync());

        _app.Clock.Advance(Outbox.Grace + TimeSpan.FromSeconds(1));
        Assert.Equal(new SweepResult(1, 0, 0), await Outbox.SweepAsync());
        Assert.Equal("m1", Assert.Single(await DrainAsync()).Subject);

        Assert.Equal(new SweepResult(0, 0, 0), await Outbox.SweepAsync()); // nothing twice
        Assert.Empty(await DrainAsync());
        Assert.Equal(0, await IntentsAsync());
    }

    [Fact]
    public async Task EnqueueFails_OnAnUpdate_TheSweeperRoutesTheUpdatesMessages()
    {
        var v1 = await _store.CreateAsync(M1, new Memo("new"), Move(null, "new"), [Message("created")]);
        Sender.Fail = true;
        await _store.UpdateAsync(v1, new Memo("sent"), Move("new", "sent"), [Message("updated"), Message("cc")]);
        Sender.Fail = false;
        _app.Clock.Advance(Outbox.Grace * 2);

        Assert.Equal(1, (await Outbox.SweepAsync()).Dispatched);
        Assert.Equal(["created", "updated", "cc"], (await DrainAsync()).Select(m => m.Subject));
    }

    [Fact]
    public async Task FailedTransaction_SendsNothing_AndTheSweeperDropsItsIntent()
    {
        var v1 = await _store.CreateAsync(M1, new Memo("new"), Move(null, "new"));
        await _store.UpdateAsync(v1, new Memo("sent"), Move("new", "sent"));

        await Assert.ThrowsAsync<StateConflictException>(() =>
            _store.UpdateAsync(v1, new Memo("stale"), Move("new", "stale"), [Message("stale")]));

        Assert.Empty(await DrainAsync());
        _app.Clock.Advance(Outbox.AbandonAfter + Outbox.Grace);
        Assert.Equal(new SweepResult(0, 1, 0), await Outbox.SweepAsync());
        Assert.Equal(0, await IntentsAsync());
        Assert.Empty(await DrainAsync());
    }

    /// <summary>The client retries a batch whose first attempt committed but whose answer was lost: the retry gets 412.</summary>
    private sealed class LostAnswerTable(TableClient inner) : TableClient
    {
        public override string Name => inner.Name;

        public override async Task<Azure.Response<IReadOnlyList<Azure.Response>>> SubmitTransactionAsync(
            IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
        {
            await inner.SubmitTransactionAsync(transactionActions, cancellationToken);
            throw new Azure.RequestFailedException(412, "the retry found the batch already applied (test)");
        }

        public override Task<Azure.NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey,
            IEnumerable<string>? select = null, CancellationToken cancellationToken = default) =>
            inner.GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
    }

    [Fact]
    public async Task ACommitWhoseAnswerWasLost_IsRecognisedByItsWitness_AndItsMessagesAreSent()
    {
        var table = await _store.TableAsync();
        var witness = new TableEntity("m9", "m9|history|000001") { ["ToState"] = "new" };
        var actions = new[] { new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("m9", "m9|record")), new TableTransactionAction(TableTransactionActionType.Add, witness) };

        var responses = await Outbox.CommitAsync(new LostAnswerTable(table), actions, witness, [Message("m9")]);

        Assert.Null(responses);
        Assert.Equal("m9", Assert.Single(await DrainAsync()).Subject);
        Assert.Equal(0, await IntentsAsync());
    }

    [Fact]
    public async Task AConflictThatWasNotOurs_StillFails()
    {
        var table = await _store.TableAsync();
        await table.AddEntityAsync(new TableEntity("m8", "m8|history|000001") { [Outbox.WitnessProperty] = "someone-else" });
        var witness = new TableEntity("m8", "m8|history|000001");
        var actions = new[] { new TableTransactionAction(TableTransactionActionType.Add, witness) };

        await Assert.ThrowsAsync<TableTransactionFailedException>(() => Outbox.CommitAsync(table, actions, witness, [Message("m8")]));
        Assert.Empty(await DrainAsync());
    }

    [Fact]
    public async Task IntentOfAChangeThatNeverCommitted_IsDroppedAfterTheAbandonTime_WithoutSending()
    {
        // What a writer that died between writing the intent and committing leaves behind.
        var outbox = await _app.Storage.TableAsync(Tables.Outbox);
        var records = await _store.TableAsync();
        await outbox.AddEntityAsync(new TableEntity("a", "a-orphan")
        {
            ["Table"] = records.Name, ["RecordPartition"] = "ghost", ["WitnessRowKey"] = "history|000001",
            ["Messages"] = "[]", ["CreatedAt"] = _app.Clock.GetUtcNow(),
        });

        _app.Clock.Advance(Outbox.Grace * 2);
        Assert.Equal(new SweepResult(0, 0, 1), await Outbox.SweepAsync()); // might still be committing
        _app.Clock.Advance(Outbox.AbandonAfter);
        Assert.Equal(new SweepResult(0, 1, 0), await Outbox.SweepAsync());
        Assert.Equal(0, await IntentsAsync());
        Assert.Equal(0, Sender.Sent);
    }
}
