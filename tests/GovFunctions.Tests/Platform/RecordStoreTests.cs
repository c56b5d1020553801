using GovFunctions.Common;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Platform;

/// <summary>Records with ETags, immutable history and handled-message markers, against Azurite.</summary>
public class RecordStoreTests : IAsyncLifetime
{
    public sealed record Memo(string Title, string Status);

    private readonly TestApp _app = TestApp.Create();
    private static readonly RecordKey M1 = RecordKey.Own("m1");
    private RecordStore<Memo> _store = null!;

    public ValueTask InitializeAsync()
    {
        _store = new RecordStore<Memo>(_app.Storage, _app.Get<Outbox>(), "Memos");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private HistoryEntry Move(string? from, string to, string? why = null) =>
        new(_app.Clock.GetUtcNow(), "sun-huimin", "孙慧敏", from, to, why);

    [Fact]
    public async Task Create_ThenRead_ReturnsTheRecordAndItsHistory()
    {
        await _store.CreateAsync(M1, new Memo("周例会", "draft"), Move(null, "draft", "新建"));

        var stored = await _store.GetAsync(M1);
        Assert.Equal(new Memo("周例会", "draft"), stored.Value);
        var history = Assert.Single(await _store.HistoryAsync(M1));
        Assert.Equal((null, "draft", "孙慧敏", "新建"), (history.FromState, history.ToState, history.ActorName, history.Reason));
    }

    /// <summary>Issue 15: the record is serialized once, as UTF-8, and hashed over those bytes: the stored JSON and its hash are
    /// what <see cref="StoredJson.Serialize{T}"/> and <see cref="GovFunctions.Records.HistoryChain.Sha256"/> of it give, with CJK
    /// text, characters beyond the BMP, a lone surrogate and what JSON escapes.</summary>
    [Fact]
    public async Task Create_StoresTheRecordsJson_AndHashesExactlyThatText()
    {
        var memo = new Memo("周例会𠀀\"\\\n<" + '\ud800' + "尾", "draft");
        await _store.CreateAsync(M1, memo, Move(null, "draft"));

        var table = await _store.TableAsync();
        var record = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(M1.Partition, RecordStore.RecordRow(M1.Id))).Value;
        var history = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(M1.Partition, RecordStore.HistoryRow(M1.Id, 1))).Value;
        var json = StoredJson.Read(record, "Json");
        Assert.Equal(StoredJson.Serialize(memo), json);
        Assert.Equal(GovFunctions.Records.HistoryChain.Sha256(json),
            history.GetString(GovFunctions.Records.HistoryChain.RecordHashProperty));
    }

    [Fact]
    public async Task Create_Twice_IsAConflict()
    {
        await _store.CreateAsync(M1, new Memo("a", "draft"), Move(null, "draft"));
        await Assert.ThrowsAsync<StateConflictException>(() => _store.CreateAsync(M1, new Memo("b", "draft"), Move(null, "draft")));
        Assert.Equal("a", (await _store.GetAsync(M1)).Value.Title);
    }

    [Fact]
    public async Task Update_AppendsHistoryInOrder_AndNeverRewritesIt()
    {
        var v1 = await _store.CreateAsync(M1, new Memo("a", "draft"), Move(null, "draft"));
        var v2 = await _store.UpdateAsync(v1, v1.Value with { Status = "sent" }, Move("draft", "sent"));
        await _store.UpdateAsync(v2, v2.Value with { Status = "done" }, Move("sent", "done", "完成"));

        var history = await _store.HistoryAsync(M1);
        Assert.Equal(["draft", "sent", "done"], history.Select(h => h.ToState));
        Assert.Equal([null, "draft", "sent"], history.Select(h => h.FromState));
        Assert.Equal(3, (await _store.GetAsync(M1)).Version);
    }

    [Fact]
    public async Task Update_WithAStaleETag_IsAConflict_AndWritesNothing()
    {
        var v1 = await _store.CreateAsync(M1, new Memo("a", "draft"), Move(null, "draft"));
        await _store.UpdateAsync(v1, v1.Value with { Status = "sent" }, Move("draft", "sent"));

        await Assert.ThrowsAsync<StateConflictException>(() =>
            _store.UpdateAsync(v1, v1.Value with { Status = "cancelled" }, Move("draft", "cancelled")));

        Assert.Equal("sent", (await _store.GetAsync(M1)).Value.Status);
        Assert.Equal(2, (await _store.HistoryAsync(M1)).Count);
    }

    [Fact]
    public async Task TenConcurrentUpdatesFromOneVersion_ExactlyOneWins()
    {
        var v1 = await _store.CreateAsync(M1, new Memo("a", "draft"), Move(null, "draft"));
        var attempts = Enumerable.Range(0, 10).Select(async i =>
        {
            try { await _store.UpdateAsync(v1, v1.Value with { Status = $"s{i}" }, Move("draft", $"s{i}")); return true; }
            catch (StateConflictException) { return false; }
        });
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(ok => ok));
        Assert.Equal(2, (await _store.HistoryAsync(M1)).Count);
    }

    [Fact]
    public async Task HandledMessage_IsMarkedInTheSameTransaction_AndASecondDeliveryIsRefused()
    {
        var v1 = await _store.CreateAsync(M1, new Memo("a", "draft"), Move(null, "draft"));
        Assert.False(await _store.WasHandledAsync(M1, "msg-1"));
        var v2 = await _store.UpdateAsync(v1, v1.Value with { Status = "sent" }, Move("draft", "sent"), handledMessageId: "msg-1");
        Assert.True(await _store.WasHandledAsync(M1, "msg-1"));

        // The same message again, even against the fresh version: the marker row makes the transaction fail whole.
        await Assert.ThrowsAsync<StateConflictException>(() =>
            _store.UpdateAsync(v2, v2.Value with { Status = "twice" }, Move("sent", "twice"), handledMessageId: "msg-1"));
        Assert.Equal("sent", (await _store.GetAsync(M1)).Value.Status);
        Assert.Equal(2, (await _store.HistoryAsync(M1)).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a|b")]
    public async Task Find_WithAKeyStorageCannotHold_IsNotFound_NotAStorageError(string id)
    {
        Assert.Null(await _store.FindAsync(new RecordKey(id, id)));
        await Assert.ThrowsAsync<NotFoundException>(() => _store.GetAsync(new RecordKey(id, id)));
    }

    [Fact]
    public async Task ARecordLargerThanOneRow_ContinuesInPartRows_AndShrinksBackWithoutLeftovers()
    {
        var big = string.Concat(Enumerable.Repeat("𠀀", 90_000)); // 1 MB as the storage client sends it
        var v1 = await _store.CreateAsync(M1, new Memo(big, "draft"), Move(null, "draft"));
        Assert.Equal(new Memo(big, "draft"), (await _store.GetAsync(M1)).Value);
        Assert.True(v1.Parts > 0);

        await _store.UpdateAsync(await _store.GetAsync(M1), new Memo("短", "sent"), Move("draft", "sent"));
        var table = await _store.TableAsync();
        Assert.DoesNotContain(table.Query<Azure.Data.Tables.TableEntity>(), r => r.RowKey.Contains("|part|"));
        Assert.Equal(new Memo("短", "sent"), (await _store.GetAsync(M1)).Value);
        Assert.Single(await _store.InPartitionAsync(M1.Partition));
    }
}
