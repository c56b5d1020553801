using GovFunctions.Approvals;
using GovFunctions.Common;
using GovFunctions.Hotline;
using GovFunctions.Platform.Mail;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GovFunctions.Tests.Hotline;

/// <summary>
/// The hotline on the transition pipeline (issue 9): a redelivered approval end changes a call once; the overdue timer's
/// reminder is committed with its mail through the outbox, so a failed enqueue is routed by the sweeper, exactly once.
/// </summary>
public class HotlinePipelineTests : IAsyncLifetime
{
    private TestApp App { get; set; } = null!;
    private QueuePump Pump { get; set; } = null!;
    private RecordingMailSender Mail => App.Get<RecordingMailSender>();
    private SwitchableQueueSender Sender => App.Get<SwitchableQueueSender>();
    private HotlineService Hotline => App.Get<HotlineService>();

    public async ValueTask InitializeAsync()
    {
        App = TestApp.Create(services: s =>
        {
            s.AddSingleton<SmtpMailSender>();
            s.AddSingleton<RecordingMailSender>();
            s.AddSingleton<IMailSender>(sp => sp.GetRequiredService<RecordingMailSender>());
            s.AddSingleton<StorageQueueSender>();
            s.AddSingleton<SwitchableQueueSender>();
            s.AddSingleton<IQueueSender>(sp => sp.GetRequiredService<SwitchableQueueSender>());
        }, now: DateTimeOffset.Parse("2026-11-24T09:00:00+08:00")); // a Tuesday, 09:00 in Beijing
        Pump = new QueuePump(App);
        await App.SeedAsync();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();

    /// <summary>A consultation assigned to housing (due Friday 27 November, 17:30), its reply task started.</summary>
    private async Task<string> AssignConsultationAsync()
    {
        var org = await App.Get<GovFunctions.Organization.OrganizationStore>().OrganizationAsync();
        var stored = await Hotline.RecordAsync(org.Person("deng-jia"), new CallIntake("李女士", "13900001234", App.Clock.GetUtcNow(),
            CallCategory.Consultation, "咨询老旧小区加装电梯补贴政策。", "东湖小区", Disposition.Assign, null, "housing"));
        await Pump.RunAsync();
        return stored.Id;
    }

    [Fact]
    public async Task AnApprovalEnd_DeliveredFiveTimesAtOnce_RecordsTheReplyOnce_AndMarksTheMessageHandled()
    {
        var id = await AssignConsultationAsync();
        var call = await Hotline.GetAsync(id);
        var approval = (await App.Get<ApprovalEngine>().FindAsync(call.Value.ApprovalId!))!.Value;
        var token = App.Get<ApprovalLinks>().TokenFor(approval.Id, approval.Tasks.Single(t => t.IsOpen));
        await ActivatorUtilities.CreateInstance<ApprovalFunctions>(App.Services).DecideApproval(Http.Request("POST", "approvals/" + token,
            form: new Dictionary<string, string> { ["action"] = "answer", ["answer"] = "已电话告知补贴标准。" }), token);
        await Pump.Handle(Queues.ApprovalRouting, await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.DecidedType));
        var ended = await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.CompletedType);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Pump.Handle(Queues.ApprovalRouting, ended)));
        await Pump.Handle(Queues.ApprovalRouting, ended); // and once more, later

        var replied = await Hotline.GetAsync(id);
        Assert.Equal((CallStatus.Replied, call.Version + 1), (replied.Value.Status, replied.Version));
        Assert.Single(await Hotline.HistoryAsync(id), h => h.Reason == "部门答复：已电话告知补贴标准。");
        Assert.True(await Hotline.Store.WasHandledAsync(replied.Key, QueueEnvelope.Parse(ended).Id));
    }

    [Fact]
    public async Task TheOverdueReminder_IsCommittedWithItsMail_WhoseFailedEnqueueTheSweeperRoutes_Once()
    {
        var id = await AssignConsultationAsync();
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-30T09:00:00+08:00")); // Monday, the working day after the deadline

        Sender.Fail = true;
        Assert.Equal(1, await Hotline.ChaseOverdueAsync());
        Sender.Fail = false;
        await Pump.RunAsync();
        Assert.DoesNotContain(Mail.Sent, m => m.Subject.StartsWith("【逾期催办】")); // the enqueue failed: the mail waits in the outbox
        Assert.NotNull((await Hotline.GetAsync(id)).Value.OverdueRemindedAt);       // but the reminder is on the record with it
        Assert.Equal(0, await Hotline.ChaseOverdueAsync());                          // so the next run does not remind again

        App.Clock.Advance(Outbox.Grace + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await App.Get<Outbox>().SweepAsync()).Dispatched);
        await Pump.RunAsync();
        Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【逾期催办】"));
        Assert.Single(await Hotline.HistoryAsync(id), h => h.Reason == "逾期催办，抄送分管领导" && h.ActorId == Actor.System.Id);
        Assert.Equal(1, (await Hotline.MonthFiguresAsync(2026, 11)).Overdue);
    }
}
