using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using GovFunctions.Platform.Storage;
using GovFunctions.Records;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Records;

/// <summary>
/// The tamper-evident history (Art. 19, 32): rows edited, deleted, reordered or inserted directly in Azurite are each
/// reported; an untouched store reports nothing; rows from before the chain are "unchained", not tampered.
/// </summary>
public class HistoryChainTests : AppTest
{
    private const string OfficeClerk = "sun-huimin";

    private RecordVerifier Verifier => App.Get<RecordVerifier>();
    private static RecordKind ApprovalKind => RecordVerifier.KindNamed("approval");

    /// <summary>A department head's leave through both approvals: the approval record has a history of several rows.</summary>
    private async Task<(string LeaveId, string ApprovalId, TableClient Table, string Partition)> ApprovedLeaveAsync()
    {
        var leaveId = await SubmitLeaveAsync("wu-jianping", actingPersonId: "ye-ming");
        await Pump.RunAsync();
        await ApproveAsync(leaveId, "chen-siyuan");
        await ApproveAsync(leaveId, "lin-jianguo");
        var approvalId = (await LeaveAsync(leaveId)).ApprovalId!;
        return (leaveId, approvalId, await App.Storage.TableAsync(Tables.Approvals), ApprovalKind.KeyOf(approvalId).Partition);
    }

    private async Task<RecordVerification> VerifyApprovalAsync(string approvalId) =>
        (await Verifier.VerifyAsync(ApprovalKind, approvalId))!;

    private static string Row(string id, int version) => RecordStore.HistoryRow(id, version);

    [Fact]
    public async Task AnUntouchedStore_IsIntact_AndVerifyAllReportsNothing()
    {
        var (leaveId, approvalId, _, _) = await ApprovedLeaveAsync();

        var approval = await VerifyApprovalAsync(approvalId);
        Assert.Equal(ChainState.Intact, approval.State);
        Assert.True(approval.Rows >= 3, $"the approval has {approval.Rows} history rows");
        Assert.Empty(approval.Broken);
        Assert.Equal(ChainState.Intact, (await Verifier.VerifyAsync(RecordVerifier.KindNamed("leave"), leaveId))!.State);

        var broken = new List<RecordVerification>();
        var summary = await Verifier.VerifyAllAsync(broken.Add);
        Assert.Empty(broken);
        Assert.Equal(0, summary.Tampered);
        Assert.True(summary.Intact >= 2);
        Assert.Equal(summary.Records, summary.Intact);
    }

    [Fact]
    public async Task AnEditedRow_IsReportedEdited()
    {
        var (_, approvalId, table, partition) = await ApprovedLeaveAsync();
        var row = (await table.GetEntityAsync<TableEntity>(partition, Row(approvalId, 2))).Value;
        row["Reason"] = "改过的理由";
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var result = await VerifyApprovalAsync(approvalId);
        Assert.Equal(ChainState.Tampered, result.State);
        Assert.Equal([new BrokenRow(Row(approvalId, 2), RowProblem.Edited)], result.Broken);
    }

    [Fact]
    public async Task AnEditedRowWhoseHashWasRecomputed_IsStillReported_ByTheNextRowsLink()
    {
        var (_, approvalId, table, partition) = await ApprovedLeaveAsync();
        var row = (await table.GetEntityAsync<TableEntity>(partition, Row(approvalId, 2))).Value;
        row["ActorName"] = "别人";
        row[HistoryChain.HashProperty] = HistoryChain.HashOf(partition, approvalId, 2,
            new(row.GetDateTimeOffset("At")!.Value, row.GetString("ActorId"), "别人", row.GetString("FromState"), row.GetString("ToState"),
                row.GetString("Reason")), row.GetString(HistoryChain.RecordHashProperty), row.GetString(HistoryChain.PrevHashProperty));
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var result = await VerifyApprovalAsync(approvalId);
        Assert.Equal(ChainState.Tampered, result.State);
        Assert.Contains(new BrokenRow(Row(approvalId, 2), RowProblem.Edited), result.Broken);
    }

    [Fact]
    public async Task ADeletedMiddleRow_AndADeletedLastRow_AreReportedMissing()
    {
        var (_, approvalId, table, partition) = await ApprovedLeaveAsync();
        var rows = (await VerifyApprovalAsync(approvalId)).Rows;
        await table.DeleteEntityAsync(partition, Row(approvalId, 2), ETag.All);
        Assert.Equal([new BrokenRow(Row(approvalId, 2), RowProblem.Missing)], (await VerifyApprovalAsync(approvalId)).Broken);

        await table.DeleteEntityAsync(partition, Row(approvalId, rows), ETag.All);
        var result = await VerifyApprovalAsync(approvalId);
        Assert.Equal(ChainState.Tampered, result.State);
        Assert.Equal([new BrokenRow(Row(approvalId, 2), RowProblem.Missing), new BrokenRow(Row(approvalId, rows), RowProblem.Missing)],
            result.Broken);
    }

    [Fact]
    public async Task TwoRowsSwapped_AreReportedReordered()
    {
        var (_, approvalId, table, partition) = await ApprovedLeaveAsync();
        var second = (await table.GetEntityAsync<TableEntity>(partition, Row(approvalId, 2))).Value;
        var third = (await table.GetEntityAsync<TableEntity>(partition, Row(approvalId, 3))).Value;
        await table.UpsertEntityAsync(new TableEntity(third) { PartitionKey = partition, RowKey = second.RowKey }, TableUpdateMode.Replace);
        await table.UpsertEntityAsync(new TableEntity(second) { PartitionKey = partition, RowKey = third.RowKey }, TableUpdateMode.Replace);

        var result = await VerifyApprovalAsync(approvalId);
        Assert.Equal(ChainState.Tampered, result.State);
        Assert.Equal([new BrokenRow(Row(approvalId, 2), RowProblem.Reordered), new BrokenRow(Row(approvalId, 3), RowProblem.Reordered)],
            result.Broken);
    }

    [Fact]
    public async Task ARowInsertedOutOfOrder_IsReported()
    {
        var (_, approvalId, table, partition) = await ApprovedLeaveAsync();
        var copy = (await table.GetEntityAsync<TableEntity>(partition, Row(approvalId, 2))).Value;
        var inserted = Row(approvalId, 2) + "a";
        await table.AddEntityAsync(new TableEntity(copy) { PartitionKey = partition, RowKey = inserted, ["Reason"] = "补记" });

        var result = await VerifyApprovalAsync(approvalId);
        Assert.Equal(ChainState.Tampered, result.State);
        Assert.Equal([new BrokenRow(inserted, RowProblem.Reordered)], result.Broken);
    }

    [Fact]
    public async Task AnEditedRecordRow_IsReported_AndVerifyAllNamesIt()
    {
        var (_, approvalId, table, partition) = await ApprovedLeaveAsync();
        var record = (await table.GetEntityAsync<TableEntity>(partition, RecordStore.RecordRow(approvalId))).Value;
        record["Json"] = RecordStore.JsonOf(record).Replace("approved", "rejected");
        await table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace);

        Assert.Equal([new BrokenRow(RecordStore.RecordRow(approvalId), RowProblem.Edited)], (await VerifyApprovalAsync(approvalId)).Broken);
        var broken = new List<RecordVerification>();
        var summary = await Verifier.VerifyAllAsync(broken.Add);
        Assert.Equal(1, summary.Tampered);
        Assert.Equal(("approval", approvalId), (Assert.Single(broken).Kind, broken[0].Id));
    }

    [Fact]
    public async Task RowsWrittenBeforeTheChain_AreUnchained_NotTampered_AndStaySoAfterANewChange()
    {
        var (leaveId, _, _, _) = await ApprovedLeaveAsync();
        var leaveKind = RecordVerifier.KindNamed("leave");
        var key = leaveKind.KeyOf(leaveId);
        var table = await App.Storage.TableAsync(Tables.LeaveRequests);
        string[] chain = [HistoryChain.HashProperty, HistoryChain.PrevHashProperty, HistoryChain.SeqProperty, HistoryChain.RecordHashProperty,
            HistoryChain.HeadProperty];
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key.Partition}")))
        {
            if (!chain.Any(row.ContainsKey)) continue;
            foreach (var p in chain) row.Remove(p); // as the rows were before this change
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        }
        Assert.Equal(ChainState.Unchained, (await Verifier.VerifyAsync(leaveKind, leaveId))!.State);

        var result = await Function<GovFunctions.Leave.LeaveFunctions>().ReturnFromLeave(
            Http.Request("POST", $"leave-requests/{leaveId}/return", EmailOf("wu-jianping"), json: new { }), leaveId);
        Assert.Equal(200, Http.StatusOf(result));
        var after = (await Verifier.VerifyAsync(leaveKind, leaveId))!;
        Assert.Equal(ChainState.Unchained, after.State);
        Assert.Empty(after.Broken);
    }

    [Fact]
    public async Task TheRoute_ServesTheOfficeOnly_AndNamesABadKind()
    {
        var (_, approvalId, _, _) = await ApprovedLeaveAsync();
        var functions = Function<RecordFunctions>();

        var ok = await functions.VerifyRecord(Http.Request("GET", "records/verify", EmailOf(OfficeClerk), query: $"kind=approval&id={approvalId}"));
        var view = Http.ValueOf<RecordVerification>(ok);
        Assert.Equal((ChainState.Intact, approvalId), (view.State, view.Id));
        var json = System.Text.Json.JsonSerializer.Serialize(view, GovFunctions.Platform.Json.Options);
        Assert.Contains("\"state\":\"intact\"", json);

        await Assert.ThrowsAsync<GovFunctions.Common.AccessDeniedException>(() =>
            functions.VerifyRecord(Http.Request("GET", "records/verify", EmailOf("wu-jianping"), query: $"kind=approval&id={approvalId}")));
        var bad = await Assert.ThrowsAsync<GovFunctions.Common.ValidationException>(() =>
            functions.VerifyRecord(Http.Request("GET", "records/verify", EmailOf(OfficeClerk), query: $"kind=memo&id={approvalId}")));
        Assert.Contains("kind", bad.Errors.Keys);
        await Assert.ThrowsAsync<GovFunctions.Common.NotFoundException>(() =>
            functions.VerifyRecord(Http.Request("GET", "records/verify", EmailOf(OfficeClerk), query: "kind=approval&id=a%23b")));
    }

    [Fact]
    public async Task TheVerifyCommand_ExitsZeroOnAnIntactStore_AndOneNamingTheRecordWhenTampered()
    {
        var (_, approvalId, table, partition) = await ApprovedLeaveAsync();
        var (exit, output) = await RunVerifyCommandAsync();
        Assert.True(exit == 0, output);
        Assert.Contains("0 tampered", output);

        await table.DeleteEntityAsync(partition, Row(approvalId, 2), ETag.All);
        (exit, output) = await RunVerifyCommandAsync();
        Assert.Equal(1, exit);
        Assert.Contains($"approval {approvalId}: tampered, {Row(approvalId, 2)} missing", output);
    }

    private async Task<(int Exit, string Output)> RunVerifyCommandAsync()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "src", "GovFunctions", "bin", here.Parent!.Name, here.Name, "GovFunctions.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "verify"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["AzureWebJobsStorage"] = TestEnvironment.Storage;
        start.Environment["Storage__Prefix"] = App.Prefix;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
