using GovFunctions.Approvals;
using GovFunctions.Decisions;
using GovFunctions.Legal;
using GovFunctions.Organization;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Decisions;

/// <summary>
/// The legality review and the consultation of one decision end at the same moment: both results are recorded by the
/// handlers themselves (a conflict is retried in-process), none is left to the queue's visibility timeout.
/// </summary>
public class ConcurrentReviewTests : AppTest
{
    private DecisionService Decisions => App.Get<DecisionService>();

    [Theory]
    [InlineData("approve")]
    [InlineData("reject")] // the objection flow
    public async Task TwoReviewResultsDeliveredAtOnce_AreBothRecorded_WithoutAnExceptionEscapingTheHandler(string consulted)
    {
        var org = await App.Get<OrganizationStore>().OrganizationAsync();
        var sponsor = org.Person("ma-zhiqiang");
        for (var round = 0; round < 3; round++) // a race is a matter of timing: three in a row leave it no room
        {
            var id = (await Decisions.CreateAsync(sponsor, new DecisionIntake($"第{round + 1}项决策", DecisionCategory.SocialManagement, "事项概要",
                "dev-reform", ["finance"], false, false, false, false, null))).Id;
            await Decisions.SubmitAsync(sponsor, id);
            await Pump.RunAsync();
            var d = (await Decisions.GetAsync(id)).Value;
            var legal = await TokenAsync(d.LegalityReview.ApprovalId!, "zheng-wenbo");
            var consult = await TokenAsync(d.Consultation.ApprovalId!, "huang-xiuying");
            await Task.WhenAll(DecideAsync(legal, "approve"), DecideAsync(consult, consulted, "资金来源不明确"));
            await HandleAtOnceAsync(await Pump.TakeAllAsync(Queues.ApprovalRouting, ApprovalEngine.DecidedType, 2));

            await HandleAtOnceAsync(
                await Pump.TakeAllAsync(Queues.ApprovalRouting, ApprovalEngine.CompletedType, 2));

            d = (await Decisions.GetAsync(id)).Value;
            Assert.Equal(ReviewState.Passed, d.LegalityReview.State);
            Assert.Equal(consulted == "approve" ? ReviewState.Passed : ReviewState.Failed, d.Consultation.State);
            var history = await Decisions.HistoryAsync(id);
            Assert.Contains(history, h => h.Reason!.StartsWith("区政府法制机构合法性审查"));
            Assert.Contains(history, h => h.Reason!.StartsWith("相关部门会签"));
        }
        await Pump.RunAsync();
    }

    [Fact]
    public async Task AReconsiderationsExtensionAndSignOff_EndingAtOnce_AreBothRecorded()
    {
        var reconsiderations = App.Get<ReconsiderationService>();
        var clerk = (await App.Get<OrganizationStore>().OrganizationAsync()).Person("qin-hao");
        var id = (await reconsiderations.AcceptAsync(clerk,
            new ReconsiderationIntake("张某", "区市场监督管理局", "撤销行政处罚决定", App.Clock.GetUtcNow()))).Id;
        await reconsiderations.RequestExtensionAsync(clerk, id, "案情复杂");
        await reconsiderations.ProposeAsync(clerk, id, "维持原行政处罚决定");
        await Pump.RunAsync();
        var r = (await reconsiderations.GetAsync(id)).Value;
        Assert.Equal(200, Http.StatusOf(await DecideAsync(await TokenAsync(r.SignOffApprovalId!, "zhou-minghua"), "approve")));
        await Pump.RunAsync();

        await Task.WhenAll(DecideAsync(await TokenAsync(r.ExtensionApprovalId!, "lin-jianguo"), "approve"),
            DecideAsync(await TokenAsync(r.SignOffApprovalId!, "lin-jianguo"), "approve"));
        await HandleAtOnceAsync(await Pump.TakeAllAsync(Queues.ApprovalRouting, ApprovalEngine.DecidedType, 2));
        await HandleAtOnceAsync(
            await Pump.TakeAllAsync(Queues.ApprovalRouting, ApprovalEngine.CompletedType, 2));

        r = (await reconsiderations.GetAsync(id)).Value;
        Assert.Equal((true, ReconsiderationStatus.Decided), (r.Extended, r.Status));
    }

    private Task HandleAtOnceAsync(IReadOnlyList<string> messages) =>
        Task.WhenAll(messages.Select(m => Task.Run(() => Pump.Handle(Queues.ApprovalRouting, m))));
}
