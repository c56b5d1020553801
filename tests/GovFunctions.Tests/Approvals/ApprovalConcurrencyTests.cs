using GovFunctions.Approvals;
using GovFunctions.Notifications;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Approvals;

/// <summary>At-least-once delivery and races: one task, one email, one history row, one winner.</summary>
public class ApprovalConcurrencyTests : AppTest
{
    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    public async Task StartDeliveredManyTimesAtOnce_YieldsOneTaskOneEmailOneHistoryRow(int deliveries)
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        var start = await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.StartType);

        await Task.WhenAll(Enumerable.Range(0, deliveries).Select(_ => Task.Run(() => Pump.Handle(Queues.ApprovalRouting, start))));
        // The duplicates' notifications too, each delivered many times at once.
        var notifications = await App.Storage.QueueAsync(Queues.Notifications);
        var pending = (await notifications.ReceiveMessagesAsync(32)).Value;
        Assert.Single(pending);
        await Task.WhenAll(Enumerable.Range(0, deliveries).Select(_ => Task.Run(async () =>
        {
            try { await Pump.Handle(Queues.Notifications, pending[0].Body.ToString()); }
            catch (MailInFlightException) { } // the host would retry it later; by then it is sent
        })));
        await Pump.Handle(Queues.Notifications, pending[0].Body.ToString()); // a late redelivery
        await notifications.DeleteMessageAsync(pending[0].MessageId, pending[0].PopReceipt);
        await Pump.RunAsync();

        var approval = await ApprovalOfAsync(id);
        Assert.Single(approval.Tasks);
        Assert.Single(Mail.To(EmailOf("lin-jianguo")));
        Assert.Single(await Engine.Store.HistoryAsync(ApprovalEngine.KeyOf(approval.Id)));
    }

    [Fact]
    public async Task DecidedDeliveredTwice_AdvancesOnce()
    {
        var id = await SubmitLeaveAsync("wu-jianping", actingPersonId: "ye-ming");
        await Pump.RunAsync();
        await DecideAsync(await TokenForAsync(id, "chen-siyuan"), "approve");
        var decided = await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.DecidedType);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Pump.Handle(Queues.ApprovalRouting, decided))));
        await Pump.RunAsync();

        var approval = await ApprovalOfAsync(id);
        Assert.Equal(1, approval.CurrentStep);
        Assert.Single(approval.Tasks, t => t.Step == 1);
        Assert.Single(Mail.To(EmailOf("lin-jianguo")));
        Assert.Equal(3, (await Engine.Store.HistoryAsync(ApprovalEngine.KeyOf(approval.Id))).Count); // started, decided, advanced
    }

    [Fact]
    public async Task ApproveAndRejectClickedAtTheSameMoment_ExactlyOneWins()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        var token = await TokenForAsync(id, "lin-jianguo");

        var results = await Task.WhenAll(
            Task.Run(() => DecideAsync(token, "approve")), Task.Run(() => DecideAsync(token, "reject", "时间冲突")),
            Task.Run(() => DecideAsync(token, "approve")), Task.Run(() => DecideAsync(token, "reject", "时间冲突")));
        await Pump.RunAsync();

        Assert.Equal(1, results.Count(r => Http.StatusOf(r) == 200));
        Assert.Equal(3, results.Count(r => Http.StatusOf(r) == 409));
        var task = Assert.Single((await ApprovalOfAsync(id)).Tasks);
        Assert.NotEqual(ApprovalTaskStatus.Open, task.Status);
        Assert.Single(Mail.To(EmailOf("chen-siyuan")), m => m.Subject.StartsWith("【审批结果】"));
    }

    [Fact]
    public async Task CompletionDeliveredTwice_ChangesTheLeaveOnce()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        await DecideAsync(await TokenForAsync(id, "lin-jianguo"), "approve");
        await Pump.Handle(Queues.ApprovalRouting, await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.DecidedType));
        var completed = await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.CompletedType);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => Pump.Handle(Queues.ApprovalRouting, completed))));
        await Pump.RunAsync();

        Assert.Equal(["pending", "approved"], (await Leave.HistoryAsync(id)).Select(h => h.ToState));
        Assert.Single(Mail.To("office@qinghe.example.org"));
    }

    [Fact]
    public async Task ACompletionWrittenBeforeTheSubjectContract_IsStillTakenByTheFeature()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        await DecideAsync(await TokenForAsync(id, "lin-jianguo"), "approve");
        await Pump.Handle(Queues.ApprovalRouting, await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.DecidedType));
        var completed = QueueEnvelope.Parse(await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.CompletedType));

        // The type a message in flight across the upgrade still carries: the feature named itself.
        await Pump.Handle(Queues.ApprovalRouting, (completed with { Type = "leave.approval-completed" }).Serialize());
        await Pump.RunAsync();

        Assert.Equal(["pending", "approved"], (await Leave.HistoryAsync(id)).Select(h => h.ToState));
    }

    [Fact]
    public async Task AnApprovalOfAFeatureThatTakesNone_IsRefusedTowardPoison_NotDropped()
    {
        var request = new ApprovalRequest(ApprovalEngine.NewId(), "no-such-feature", "x1", "测试", "chen-siyuan", [],
            [new StepSpec("审批", StepKind.Single, ["lin-jianguo"])], []);
        await App.Get<ApprovalEngine>().WithdrawAsync(request, Common.Actor.System);
        var ended = QueueEnvelope.Create(ApprovalEngine.CompletedType, request.Id, App.Clock);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => Pump.Handle(Queues.ApprovalRouting, ended.Serialize()));

        Assert.Contains("no-such-feature", e.Message);
    }
}
