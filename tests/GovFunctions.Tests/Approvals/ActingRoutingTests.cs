using GovFunctions.Approvals;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Approvals;

/// <summary>Approvals addressed to someone on approved leave go to their acting person, and say so (Art. 4, 75).</summary>
public class ActingRoutingTests : AppTest
{
    [Fact]
    public async Task WhileTheDistrictHeadTravels_HisTasksGoToTheExecutiveDeputy_Art4()
    {
        await SubmitLeaveAsync("lin-jianguo", start: "2026-11-25T08:00:00+08:00", end: "2026-11-28T18:00:00+08:00");
        await Pump.RunAsync();

        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();

        var task = Assert.Single((await ApprovalOfAsync(id)).Tasks);
        Assert.Equal(("lin-jianguo", "zhou-minghua", "lin-jianguo"), (task.AddressedToId, task.ApproverId, task.OnBehalfOfId));
        var mail = Assert.Single(Mail.To(EmailOf("zhou-minghua")), m => m.Subject.StartsWith("【待审批】"));
        Assert.Contains("代为审批", mail.Text);
        Assert.Contains("林建国", mail.Text);
        Assert.DoesNotContain(Mail.To(EmailOf("lin-jianguo")), m => m.Subject.StartsWith("【待审批】"));

        var token = await TokenForAsync(id, "zhou-minghua");
        Assert.Contains("代为审批", ((ContentResult)await ShowAsync(token)).Content);
        await ApproveAsync(id, "zhou-minghua");
        var history = await Engine.Store.HistoryAsync(ApprovalEngine.KeyOf((await ApprovalOfAsync(id)).Id));
        Assert.Contains(history, h => h.ActorId == "zhou-minghua" && h.ActorName.Contains("代林建国"));
    }

    [Fact]
    public async Task ADeputyOnLeave_WithANamedActingPerson_HasTheirTasksRoutedThere_Art75()
    {
        // Chen (deputy head) is away 11-25..11-28 and names Wang to act; Chen's leave is approved by the district head.
        var chens = await SubmitLeaveAsync("chen-siyuan", start: "2026-11-25T08:00:00+08:00", end: "2026-11-28T18:00:00+08:00", actingPersonId: "wang-lijuan");
        await Pump.RunAsync();
        await ApproveAsync(chens, "lin-jianguo");

        // The education head (Chen's portfolio) asks for leave: step 1 is addressed to Chen, goes to Wang.
        var id = await SubmitLeaveAsync("wu-jianping", actingPersonId: "ye-ming");
        await Pump.RunAsync();

        var task = Assert.Single((await ApprovalOfAsync(id)).Tasks);
        Assert.Equal(("chen-siyuan", "wang-lijuan"), (task.AddressedToId, task.ApproverId));
        Assert.Single(Mail.To(EmailOf("wang-lijuan")), m => m.Subject.StartsWith("【待审批】") && m.Text.Contains("陈思远"));
    }

    [Fact]
    public async Task AfterTheLeaveEnds_TasksGoToThePersonAgain()
    {
        await SubmitLeaveAsync("lin-jianguo", start: "2026-11-25T08:00:00+08:00", end: "2026-11-25T18:00:00+08:00");
        await Pump.RunAsync();
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-26T09:00:00+08:00"));

        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();

        var task = Assert.Single((await ApprovalOfAsync(id)).Tasks);
        Assert.Equal("lin-jianguo", task.ApproverId);
        Assert.Null(task.OnBehalfOfId);
    }

    [Fact]
    public async Task APendingLeave_DoesNotRerouteTasks_OnlyAnApprovedOne()
    {
        await SubmitLeaveAsync("chen-siyuan", start: "2026-11-25T08:00:00+08:00", end: "2026-11-28T18:00:00+08:00", actingPersonId: "wang-lijuan");
        await Pump.RunAsync(); // pending with the district head

        var id = await SubmitLeaveAsync("wu-jianping", start: "2026-12-10T09:00:00+08:00", end: "2026-12-11T17:30:00+08:00", actingPersonId: "ye-ming");
        await Pump.RunAsync();

        Assert.Equal("chen-siyuan", Assert.Single((await ApprovalOfAsync(id)).Tasks).ApproverId);
    }

    [Fact]
    public async Task TheExecutiveDeputysOwnLeave_WhileTheDistrictHeadTravels_StaysWithTheDistrictHead()
    {
        await SubmitLeaveAsync("lin-jianguo", start: "2026-11-25T08:00:00+08:00", end: "2026-11-28T18:00:00+08:00");
        await Pump.RunAsync();

        var id = await SubmitLeaveAsync("zhou-minghua", start: "2026-12-10T09:00:00+08:00", end: "2026-12-11T17:30:00+08:00");
        await Pump.RunAsync();

        var task = Assert.Single((await ApprovalOfAsync(id)).Tasks);
        Assert.Equal(("lin-jianguo", null), (task.ApproverId, task.OnBehalfOfId)); // never approves his own leave
    }

    [Fact]
    public async Task NobodyDecidesTwoStepsOfOneChain_EvenAsActingPerson()
    {
        // The finance bureau is in the executive deputy's portfolio; while the district head travels the executive deputy
        // acts for him, but having decided step 1 he may not decide step 2 as well.
        await SubmitLeaveAsync("lin-jianguo", start: "2026-11-25T08:00:00+08:00", end: "2026-11-28T18:00:00+08:00");
        await Pump.RunAsync();
        var id = await SubmitLeaveAsync("huang-xiuying", start: "2026-12-10T09:00:00+08:00", end: "2026-12-11T17:30:00+08:00", actingPersonId: "jiang-hui");
        await Pump.RunAsync();
        await ApproveAsync(id, "zhou-minghua");

        var second = Assert.Single((await ApprovalOfAsync(id)).Tasks, t => t.Step == 1);
        Assert.Equal("lin-jianguo", second.ApproverId);
    }
}
