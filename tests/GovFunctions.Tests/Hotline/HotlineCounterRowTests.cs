using Azure.Data.Tables;
using GovFunctions.Hotline;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GovFunctions.Tests.Hotline;

/// <summary>
/// The hotline's counter row, one per call partition, against Azurite: each key one column, merged so a change keeps the
/// others; same-issue clusters counted in it (第三十七条) up to its capacity, a call past that still counted; a process that
/// knows an old ETag is refused (412) and reads the row again. The period's figures come from point reads of these rows.
/// </summary>
public class HotlineCounterRowTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-24T09:00:00+08:00");
    private static readonly DateOnly Day = new(2026, 11, 24);
    private static readonly string Partition = HotlineIds.Partition(Day, 3);

    private TestApp App { get; set; } = null!;

    public ValueTask InitializeAsync()
    {
        App = TestApp.Create(now: Now);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    private HotlineCounters NewProcess() => new(App.Storage, App.Clock, NullLogger<HotlineCounters>.Instance);

    private static HotlineCall Call(string department, string? place = null, bool linked = false) =>
        new HotlineCall($"{Partition}-{Guid.NewGuid().ToString("N")[..8]}", "", "", Now, CallCategory.Complaint,
            "反映小区门口路灯不亮。",
            place ?? "东湖小区", "operator", Disposition.Assign, null, CallStatus.Assigned)
        { DepartmentId = department, LinkedCallIds = linked ? ["20261124-03-00000000"] : [] };

    /// <summary>A new call's counter action, committed the way the call store commits it (with the call's own row).</summary>
    private async Task RecordAsync(HotlineCounters counters, HotlineCall call)
    {
        var table = await App.Storage.TableAsync(Tables.HotlineCalls);
        var actions = await counters.ActionsAsync(Partition, CallCounts.Delta(null, call), null, call, default);
        var response = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, call.Id + "|record")),
            .. actions.Select(a => a.Action),
        ]);
        counters.Committed(Partition, actions, response.Value.Skip(1).Select(r => r.Headers.ETag ?? default).ToList());
    }

    private Task<HotlinePeriod> PeriodAsync() => NewProcess().PeriodAsync(Day, Day, 16);

    [Theory]
    [InlineData("all")]
    [InlineData("urban-management")]
    [InlineData("a_b")]
    [InlineData("教育局")]
    public void AKeysColumn_IsAPropertyName_ThatGivesTheKeyBack(string key)
    {
        var column = HotlineCounters.ColumnOf(key);
        Assert.Matches("^K_[A-Za-z0-9_]+$", column);
        Assert.Equal(key, HotlineCounters.KeyOf(column));
    }

    [Fact]
    public async Task CallsOfTwoDepartments_InOnePartition_AreBothCounted_AChangeMergesOnlyItsColumns()
    {
        var counters = NewProcess();
        await RecordAsync(counters, Call("housing"));
        await RecordAsync(counters, Call("education"));
        await RecordAsync(counters, Call("housing"));

        var period = await PeriodAsync();
        Assert.Equal(3, period.Counts[CallCounts.All].Received);
        Assert.Equal(2, period.Counts["housing"].Received);
        Assert.Equal(1, period.Counts["education"].Received);
        Assert.Equal(3, period.Figures[CallCounts.All].Received(CallCategory.Complaint));
        Assert.Equal(2, (await NewProcess().MonthAsync(2026, 11, 16, "housing")).Received);
    }

    [Fact]
    public async Task AProcessWithAnOldETag_IsRefused_AndCountsRightOnceItForgetsTheRow()
    {
        var (a, b) = (NewProcess(), NewProcess());
        await RecordAsync(a, Call("housing"));
        await RecordAsync(b, Call("housing")); // b read the row a wrote; a still knows the ETag before b's change

        var stale = await Assert.ThrowsAsync<TableTransactionFailedException>(() => RecordAsync(a, Call("housing")));
        Assert.Equal(412, stale.Status);
        a.Forget(Partition);
        await RecordAsync(a, Call("housing"));

        Assert.Equal(3, (await PeriodAsync()).Counts["housing"].Received);
    }

    [Fact]
    public async Task RepeatCalls_AreCountedInTheirCluster_AndPastTheRowsCapacity_StillCountedWithoutOne()
    {
        var counters = NewProcess();
        await RecordAsync(counters, Call("housing", "东湖 小区", linked: true));
        await RecordAsync(counters, Call("housing", "东湖小区", linked: true)); // the same place once its whitespace is gone
        await RecordAsync(counters, Call("education", "东湖小区", linked: true)); // counted under its own department
        for (var i = 3; i < HotlineCounters.MaxClusterColumns; i++)
            await RecordAsync(counters, Call("housing", $"第{i}号楼", linked: true));

        var full = await PeriodAsync();
        Assert.Equal(HotlineCounters.MaxClusterColumns - 1, full.Clusters.Count);
        Assert.Equal(2, full.Clusters.Single(c => c is { Place: "东湖小区", DepartmentId: "housing" }).Calls);
        Assert.Equal(0, full.LinksNotClustered);

        await RecordAsync(counters, Call("housing", "又一处", linked: true)); // the last column
        await RecordAsync(counters, Call("housing", "再一处", linked: true)); // no room: counted, its cluster not kept
        await RecordAsync(counters, Call("housing", "东湖小区", linked: true)); // a cluster the row holds still grows

        var after = await PeriodAsync();
        Assert.Equal(HotlineCounters.MaxClusterColumns, after.Clusters.Count);
        Assert.Equal(1, after.LinksNotClustered);
        Assert.Equal(3, after.Clusters.Single(c => c is { Place: "东湖小区", DepartmentId: "housing" }).Calls);
        Assert.Equal(HotlineCounters.MaxClusterColumns + 3, after.Counts[CallCounts.All].Received);
    }
}
