using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Legal;
using GovFunctions.Organization;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Decisions;

/// <summary>
/// The decision and legal flows on the record pipeline: a redelivered queue message changes nothing, a refusal is a transition
/// of the decision itself, and a timer's change sends its mail through the outbox exactly once.
/// </summary>
public class DecisionPipelineTests : AppTest
{
    private DecisionService Decisions => App.Get<DecisionService>();

    private async Task<Person> PersonAsync(string id) => (await App.Get<OrganizationStore>().OrganizationAsync()).Person(id);

    private async Task<string> DecisionAsync() =>
        (await Decisions.CreateAsync(await PersonAsync("ma-zhiqiang"), new DecisionIntake("老旧小区改造计划", DecisionCategory.SocialManagement,
            "事项概要", "dev-reform", [], false, false, false, false, null))).Id;

    [Fact]
    public async Task AReviewsEnd_DeliveredTwice_IsRecordedOnce()
    {
        var id = await DecisionAsync();
        await Decisions.SubmitAsync(await PersonAsync("ma-zhiqiang"), id);
        await Pump.RunAsync();
        var approvalId = (await Decisions.GetAsync(id)).Value.LegalityReview.ApprovalId!;
        Assert.Equal(200, Http.StatusOf(await DecideAsync(await TokenAsync(approvalId, "zheng-wenbo"), "approve")));
        await Pump.Handle(Queues.ApprovalRouting, await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.DecidedType));
        var completed = await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.CompletedType);

        await Pump.Handle(Queues.ApprovalRouting, completed);
        await Pump.Handle(Queues.ApprovalRouting, completed); // redelivered

        Assert.Equal(ReviewState.Passed, (await Decisions.GetAsync(id)).Value.LegalityReview.State);
        Assert.Single(await Decisions.HistoryAsync(id), h => h.Reason == "区政府法制机构合法性审查：通过");
    }

    [Fact]
    public async Task ARefusedPlaceOnTheAgenda_IsATransitionOfTheDecision_ByTheCaller_EveryTime_Art19()
    {
        var id = await DecisionAsync();
        var office = await PersonAsync("sun-huimin");

        for (var i = 0; i < 2; i++, App.Clock.Advance(TimeSpan.FromMinutes(1))) // each attempt its own accountability row
            await Assert.ThrowsAsync<RuleViolationException>(() =>
                Decisions.ScheduleAsync(office, id,
                    new ScheduleIntake(MeetingType.Executive, DateOnly.FromDateTime(App.Clock.GetUtcNow().Date.AddDays(7)))));

        var refusals = (await Decisions.HistoryAsync(id)).Where(h => h.Reason!.StartsWith("拒绝排入会议议程并记录问责（第十九条）：legalityReview")).ToList();
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, h => Assert.Equal(("sun-huimin", "draft", "draft"), (h.ActorId, h.FromState, h.ToState)));
        var flags = await App.Storage.TableAsync(Tables.Accountability);
        Assert.Equal(2, flags.Query<TableEntity>().Count(r => r.GetString("SubjectId") == id));
        Assert.Equal(DecisionStatus.Draft, (await Decisions.GetAsync(id)).Value.Status);
    }

    [Fact]
    public async Task AReconsiderationReminder_ByTheTimerRunTwice_IsOneMailThroughTheOutbox_AndOneHistoryLine()
    {
        var cases = App.Get<ReconsiderationService>();
        var id = (await cases.AcceptAsync(await PersonAsync("qin-hao"),
            new ReconsiderationIntake("张某", "区市场监督管理局", "撤销行政处罚决定", App.Clock.GetUtcNow()))).Id;
        App.Clock.SetUtcNow((await cases.GetAsync(id)).Value.DeadlineAt.AddDays(-9));

        Assert.Equal(1, await cases.RemindDeadlinesAsync());
        Assert.Equal(0, await cases.RemindDeadlinesAsync());
        await Pump.RunAsync();

        Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【复议期限提醒】"));
        Assert.Single(await cases.HistoryAsync(id), h => h.Reason == "复议期限届满前10日提醒");
    }
}
