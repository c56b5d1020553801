using Azure.Data.Tables;
using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Hotline;
using GovFunctions.Legal;
using GovFunctions.Organization;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Platform;

/// <summary>
/// Side rows are written only after every check has passed, and every timer survives a row that points at nothing: it logs
/// it, drops it (an index row) and goes on with the rest.
/// </summary>
public class DanglingRowTests : AppTest
{
    private const string Finance = "huang-xiuying";
    private NormativeDocumentService Documents => App.Get<NormativeDocumentService>();

    private async Task<Person> PersonAsync(string id) => (await App.Get<OrganizationStore>().OrganizationAsync()).Person(id);

    private async Task<List<TableEntity>> RowsAsync(string table) => (await App.Storage.TableAsync(table)).Query<TableEntity>().ToList();

    private async Task PutAsync(string table, TableEntity row) => await (await App.Storage.TableAsync(table)).UpsertEntityAsync(row);

    private async Task<string> PublishedDocumentAsync()
    {
        var issuer = await PersonAsync(Finance);
        var id = (await Documents.CreateAsync(issuer, new DocumentIntake("青禾区财政专项资金管理办法", "规范专项资金拨付。", "finance", [], []))).Id;
        await Documents.SubmitAsync(issuer, id);
        await Pump.RunAsync();
        var approvalId = (await Documents.GetAsync(id)).Value.LegalReview.ApprovalId!;
        await DecideAsync(await TokenAsync(approvalId, "zheng-wenbo"), "approve", "符合法律法规");
        await Pump.RunAsync();
        await Documents.PublishAsync(issuer, id);
        return id;
    }

    [Theory]
    [InlineData("does-not-exist")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("\n")]
    [InlineData("\u0085")]
    [InlineData("a/b")]
    public async Task PublishingADocumentThatDoesNotExist_Is404_AndLeavesNoIndexRow(string id)
    {
        var request = Http.Request("POST", $"normative-documents/{Uri.EscapeDataString(id)}/publish", EmailOf(Finance));
        await Assert.ThrowsAsync<NotFoundException>(() => Function<LegalFunctions>().PublishNormativeDocument(request, id));
        Assert.Empty(await RowsAsync(Tables.PendingFilings));
    }

    [Fact]
    public async Task PublishingAnIdLongerThanAKey_Is404_AndLeavesNoIndexRow()
    {
        var issuer = await PersonAsync(Finance);
        await Assert.ThrowsAsync<NotFoundException>(() => Documents.PublishAsync(issuer, new string('a', 600)));
        Assert.Empty(await RowsAsync(Tables.PendingFilings));
    }

    [Fact]
    public async Task PublishingAnotherDepartmentsDocument_Is403_AndLeavesNoIndexRow()
    {
        var id = (await Documents.CreateAsync(await PersonAsync(Finance), new DocumentIntake("办法", "内容", "finance", [], []))).Id;
        var housing = await PersonAsync("gao-feng");
        await Assert.ThrowsAsync<AccessDeniedException>(() => Documents.PublishAsync(housing, id));
        Assert.Empty(await RowsAsync(Tables.PendingFilings));
    }

    [Fact]
    public async Task LegalDeadlines_WithAFilingRowPointingAtNothing_DropsIt_AndStillRemindsTheRest()
    {
        var id = await PublishedDocumentAsync();
        await PutAsync(Tables.PendingFilings, new TableEntity("pending", "a-document-that-never-was")); // read before the real one
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-11T09:00:00+08:00")); // three working days before the filing deadline

        await Function<LegalFunctions>().LegalDeadlines(null!, CancellationToken.None);

        Assert.NotNull((await Documents.GetAsync(id)).Value.FilingRemindedAt);
        Assert.Equal([id], (await RowsAsync(Tables.PendingFilings)).Select(r => r.RowKey));
    }

    [Fact]
    public async Task DecisionEvaluations_WithAStrayRowInTheDecisionsTable_SkipsIt_AndStillOpensTheRest()
    {
        await PutAsync(Tables.Decisions, new TableEntity("a-decision-that-never-was", "stray") { ["State"] = "adopted" });
        Assert.Equal(0, await App.Get<DecisionService>().OpenEvaluationsAsync());
    }

    [Fact]
    public async Task ReconsiderationReminders_WithAStrayRow_SkipIt_AndStillRemindTheRest()
    {
        var clerk = await PersonAsync("qin-hao");
        var reconsiderations = App.Get<ReconsiderationService>();
        var id = (await reconsiderations.AcceptAsync(clerk, new ReconsiderationIntake("张某", "区市场监督管理局", "撤销处罚", App.Clock.GetUtcNow()))).Id;
        await PutAsync(Tables.Reconsiderations, new TableEntity("a-case-that-never-was", "stray") { ["State"] = "accepted" });
        App.Clock.Advance(TimeSpan.FromDays(55));

        Assert.Equal(1, await reconsiderations.RemindDeadlinesAsync());
        Assert.NotEmpty((await reconsiderations.GetAsync(id)).Value.RemindedDaysBefore);
    }

    [Fact]
    public async Task ApprovalReminders_DropATaskRowPointingAtNothing_EvenWithoutItsIndexTime()
    {
        await PutAsync(Tables.PendingTasks, new TableEntity("0", "ap-never|t1") { ["ApprovalId"] = "ap-never", ["TaskId"] = "t1" });
        await PutAsync(Tables.PendingTasks, new TableEntity("0", "ap-gone|t1")
        {
            ["ApprovalId"] = "ap-gone", ["TaskId"] = "t1", ["IndexedAt"] = App.Clock.GetUtcNow().AddHours(-2),
        });

        await App.Get<GovFunctions.Approvals.TaskReminders>().RemindAsync();

        Assert.Empty(await RowsAsync(Tables.PendingTasks));
    }

    [Fact]
    public async Task HotlineOverdue_DropsAnOpenCallRowPointingAtNothing()
    {
        var ghost = new HotlineCall("20261125-03-deadbeef", "", "", App.Clock.GetUtcNow(), CallCategory.Complaint, "路灯不亮", null,
            "cao-xiaowen", Disposition.Assign, null, CallStatus.Assigned);
        await App.Get<HotlineOpenCalls>().AddAsync(ghost, CancellationToken.None);

        await App.Get<HotlineService>().ChaseOverdueAsync();

        Assert.Empty(await RowsAsync(Tables.HotlineOpen));
    }

    [Fact]
    public async Task LeaveReturnReminders_DropAnAbsenceWhoseLeaveIsGone_AndStillRemindTheRest()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        await ApproveAsync(id, "lin-jianguo");
        await PutAsync(Tables.LeaveAway, new TableEntity("2026", "a-leave-that-never-was")
        {
            ["PersonId"] = "wang-lijuan", ["Start"] = DateTimeOffset.Parse("2026-12-01T09:00:00+08:00"),
            ["End"] = DateTimeOffset.Parse("2026-12-02T17:30:00+08:00"), ["ActingPersonId"] = null,
        });
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-04T10:00:00+08:00")); // the working day after the leave's last day

        Assert.Equal(1, await Leave.RemindReturnsAsync());
        Assert.Equal([id], (await RowsAsync(Tables.LeaveAway)).Select(r => r.RowKey));
        Assert.NotNull((await LeaveAsync(id)).ReturnReminderSentAt);
    }

    [Fact]
    public async Task OutboxSweep_SurvivesIntentsPointingAtNothingOrUnreadable_AndStillRoutesTheRest()
    {
        var outbox = await App.Storage.TableAsync(Tables.Outbox);
        var old = App.Clock.GetUtcNow().AddMinutes(-5);
        await outbox.AddEntityAsync(new TableEntity("0", "0-no-table") { ["CreatedAt"] = old });
        await outbox.AddEntityAsync(new TableEntity("0", "0-unreadable")
        {
            ["CreatedAt"] = old, ["Table"] = "no such table!", ["RecordPartition"] = "p", ["WitnessRowKey"] = "r",
        });

        var result = await App.Get<Outbox>().SweepAsync();

        Assert.Equal(0, result.Dispatched);
        App.Clock.Advance(Outbox.AbandonAfter);
        await App.Get<Outbox>().SweepAsync();
        Assert.Empty(await RowsAsync(Tables.Outbox));
    }
}
