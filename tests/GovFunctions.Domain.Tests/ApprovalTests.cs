using GovFunctions.Approvals;
using GovFunctions.Common;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The approval engine's state machine: 单签, 会签 and 或签 steps, advancing through a chain, withdrawal, link expiry and
/// reminders (催办). Pure records: no storage, no queues.
/// </summary>
public class ApprovalTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    // ---- builders -------------------------------------------------------------------------------------------------

    private static StepSpec Single(string approver) => new("单签", StepKind.Single, [approver]);
    private static StepSpec Countersign(params string[] approvers) => new("会签", StepKind.Countersign, approvers);
    private static StepSpec OrSign(params string[] approvers) => new("或签", StepKind.OrSign, approvers);

    private static ApprovalRequest Request(params StepSpec[] steps) =>
        new("ap0001", "leave", "wu-jianping.20260302.a1b2c3", "请假：吴建平", "wu-jianping", [], steps, ["sun-huimin"]);

    private static ApprovalTask NewTask(string id, int step, string approver, DateTimeOffset? expiresAt = null) =>
        new(id, step, approver, approver, null, "nonce-" + id, "hash-" + id, Now, expiresAt ?? Now.AddDays(7));

    /// <summary>Opens the request with one task per approver of its first step, ids "s0-{approver}".</summary>
    private static Approval Started(params StepSpec[] steps) =>
        Approval.Open(Request(steps), TasksFor(steps[0], 0), Now).Next;

    private static List<ApprovalTask> TasksFor(StepSpec spec, int step) =>
        spec.ApproverIds.Select(a => NewTask($"s{step}-{a}", step, a)).ToList();

    private static ApprovalTask TaskOf(Approval a, string id) => a.Task(id);

    // ---- single step ----------------------------------------------------------------------------------------------

    [Fact]
    public void SingleStep_Approved_OutcomeIsApproved_ButTheApprovalStaysPendingUntilAdvanced()
    {
        var a = Started(Single("lin-jianguo")).Decide("s0-lin-jianguo", Decision.Approve, "  同意  ", Now.AddHours(1)).Next;

        Assert.Equal(StepOutcome.Approved, a.CurrentOutcome());
        Assert.Equal(ApprovalStatus.Pending, a.Status);
        var task = TaskOf(a, "s0-lin-jianguo");
        Assert.Equal(ApprovalTaskStatus.Approved, task.Status);
        Assert.Equal(Now.AddHours(1), task.DecidedAt);
        Assert.Equal("同意", task.Comment);
    }

    [Fact]
    public void SingleStep_AdvanceAfterTheLastStepApproved_CompletesTheApproval()
    {
        var a = Started(Single("lin-jianguo")).Decide("s0-lin-jianguo", Decision.Approve, null, Now.AddHours(1)).Next;
        Assert.True(a.IsLastStep);

        var done = a.Advance([], Now.AddHours(2)).Next;

        Assert.Equal(ApprovalStatus.Approved, done.Status);
        Assert.False(done.IsPending);
        Assert.Equal(Now.AddHours(2), done.CompletedAt);
        Assert.Equal(0, done.CurrentStep);
        Assert.Equal(ApprovalTaskStatus.Approved, TaskOf(done, "s0-lin-jianguo").Status);
    }

    [Fact]
    public void SingleStep_Rejected_AdvanceEndsTheApprovalRejected()
    {
        var a = Started(Single("lin-jianguo")).Decide("s0-lin-jianguo", Decision.Reject, "时间冲突", Now.AddHours(1)).Next;
        Assert.Equal(StepOutcome.Rejected, a.CurrentOutcome());

        var done = a.Advance([], Now.AddHours(2)).Next;

        Assert.Equal(ApprovalStatus.Rejected, done.Status);
        Assert.Equal(Now.AddHours(2), done.CompletedAt);
    }

    [Fact]
    public void Decide_WithABlankComment_StoresNoComment()
    {
        var a = Started(Single("lin-jianguo")).Decide("s0-lin-jianguo", Decision.Approve, "   ", Now.AddHours(1)).Next;
        Assert.Null(TaskOf(a, "s0-lin-jianguo").Comment);
    }

    // ---- chains of steps (Art. 75: supervising deputy, then the district head) --------------------------------------

    [Fact]
    public void TwoSteps_AdvanceAfterStep1_OpensStep2WithTheGivenTasks_AndKeepsStep1Decided_Art75()
    {
        var a = Started(Single("chen-siyuan"), Single("lin-jianguo"))
            .Decide("s0-chen-siyuan", Decision.Approve, "同意", Now.AddHours(1)).Next;
        Assert.False(a.IsLastStep);
        var step2 = NewTask("s1-lin-jianguo", 1, "lin-jianguo");

        var next = a.Advance([step2], Now.AddHours(2)).Next;

        Assert.Equal(ApprovalStatus.Pending, next.Status);
        Assert.Null(next.CompletedAt);
        Assert.Equal(1, next.CurrentStep);
        Assert.Equal("lin-jianguo", Assert.Single(next.Step.ApproverIds));
        Assert.Equal([step2], next.CurrentTasks.ToList());
        Assert.Equal([step2], next.OpenTasks.ToList());
        var first = TaskOf(next, "s0-chen-siyuan");
        Assert.Equal(ApprovalTaskStatus.Approved, first.Status); // decided tasks are never cancelled
        Assert.Equal("同意", first.Comment);
        Assert.Equal(StepOutcome.Open, next.CurrentOutcome());
    }

    [Fact]
    public void TwoSteps_BothApproved_CompletesApproved_Art75()
    {
        var a = Started(Single("chen-siyuan"), Single("lin-jianguo"))
            .Decide("s0-chen-siyuan", Decision.Approve, null, Now.AddHours(1)).Next
            .Advance([NewTask("s1-lin-jianguo", 1, "lin-jianguo")], Now.AddHours(1)).Next
            .Decide("s1-lin-jianguo", Decision.Approve, null, Now.AddHours(2)).Next
            .Advance([], Now.AddHours(2)).Next;

        Assert.Equal(ApprovalStatus.Approved, a.Status);
        Assert.All(a.Tasks, t => Assert.Equal(ApprovalTaskStatus.Approved, t.Status));
    }

    [Fact]
    public void TwoSteps_RejectedAtStep1_EndsRejected_WithoutOpeningStep2_Art75()
    {
        var done = Started(Single("chen-siyuan"), Single("lin-jianguo"))
            .Decide("s0-chen-siyuan", Decision.Reject, "不同意", Now.AddHours(1)).Next
            .Advance([], Now.AddHours(1)).Next;

        Assert.Equal(ApprovalStatus.Rejected, done.Status);
        Assert.Equal(0, done.CurrentStep);
        Assert.Single(done.Tasks);
    }

    [Fact]
    public void Advance_ToANextStep_WithoutItsTasks_IsRefused()
    {
        var a = Started(Single("chen-siyuan"), Single("lin-jianguo")).Decide("s0-chen-siyuan", Decision.Approve, null, Now).Next;

        Assert.Throws<ArgumentException>(() => a.Advance([], Now).Next);
        Assert.Throws<ArgumentException>(() => a.Advance([NewTask("wrong-step", 0, "lin-jianguo")], Now).Next);
        Assert.Throws<ArgumentException>(() => a.Advance([NewTask("skips-a-step", 2, "lin-jianguo")], Now).Next);
    }

    [Fact]
    public void Advance_WhileTheStepIsStillOpen_IsAStateConflict()
    {
        var a = Started(Single("chen-siyuan"), Single("lin-jianguo"));
        Assert.Throws<StateConflictException>(() => a.Advance([NewTask("s1-lin-jianguo", 1, "lin-jianguo")], Now).Next);
    }

    [Fact]
    public void Advance_AfterTheApprovalCompleted_IsAStateConflict()
    {
        var done = Started(Single("lin-jianguo")).Decide("s0-lin-jianguo", Decision.Approve, null, Now).Next.Advance([], Now).Next;
        Assert.Throws<StateConflictException>(() => done.Advance([], Now).Next);
    }

    // ---- 会签: every approver must approve --------------------------------------------------------------------------

    [Fact]
    public void Countersign_OneApprovalOfThree_LeavesTheStepOpen()
    {
        var a = Started(Countersign("zhou-minghua", "chen-siyuan", "wang-lijuan"))
            .Decide("s0-zhou-minghua", Decision.Approve, null, Now).Next;

        Assert.Equal(StepOutcome.Open, a.CurrentOutcome());
        Assert.Throws<StateConflictException>(() => a.Advance([], Now).Next);
    }

    [Fact]
    public void Countersign_AllButOneApproved_IsStillOpen()
    {
        var a = Started(Countersign("zhou-minghua", "chen-siyuan", "wang-lijuan"))
            .Decide("s0-zhou-minghua", Decision.Approve, null, Now).Next
            .Decide("s0-chen-siyuan", Decision.Approve, null, Now).Next;

        Assert.Equal(StepOutcome.Open, a.CurrentOutcome());
    }

    [Fact]
    public void Countersign_EveryApproverApproved_IsApproved()
    {
        var a = Started(Countersign("zhou-minghua", "chen-siyuan", "wang-lijuan"))
            .Decide("s0-zhou-minghua", Decision.Approve, null, Now).Next
            .Decide("s0-chen-siyuan", Decision.Approve, null, Now).Next
            .Decide("s0-wang-lijuan", Decision.Approve, null, Now).Next;

        Assert.Equal(StepOutcome.Approved, a.CurrentOutcome());
        Assert.Equal(ApprovalStatus.Approved, a.Advance([], Now).Next.Status);
    }

    [Fact]
    public void Countersign_AnyRejection_RejectsTheStep_AndAdvanceCancelsTheStillOpenTasks()
    {
        var a = Started(Countersign("zhou-minghua", "chen-siyuan", "wang-lijuan"))
            .Decide("s0-zhou-minghua", Decision.Approve, null, Now).Next
            .Decide("s0-chen-siyuan", Decision.Reject, "不同意", Now.AddMinutes(5)).Next;
        Assert.Equal(StepOutcome.Rejected, a.CurrentOutcome());

        var done = a.Advance([], Now.AddMinutes(6)).Next;

        Assert.Equal(ApprovalStatus.Rejected, done.Status);
        Assert.Equal(ApprovalTaskStatus.Approved, TaskOf(done, "s0-zhou-minghua").Status);
        Assert.Equal(ApprovalTaskStatus.Rejected, TaskOf(done, "s0-chen-siyuan").Status);
        Assert.Equal(ApprovalTaskStatus.Cancelled, TaskOf(done, "s0-wang-lijuan").Status);
        Assert.Empty(done.OpenTasks);
    }

    [Fact]
    public void Countersign_TheFirstApproverRejecting_RejectsAtOnce()
    {
        var a = Started(Countersign("zhou-minghua", "chen-siyuan"))
            .Decide("s0-chen-siyuan", Decision.Reject, "资金来源不明确", Now).Next;
        Assert.Equal(StepOutcome.Rejected, a.CurrentOutcome());
    }

    // ---- 或签: the first answer decides ------------------------------------------------------------------------------

    [Fact]
    public void OrSign_TheFirstApprovalDecidesTheStep()
    {
        var a = Started(OrSign("zhou-minghua", "chen-siyuan")).Decide("s0-chen-siyuan", Decision.Approve, null, Now).Next;

        Assert.Equal(StepOutcome.Approved, a.CurrentOutcome());
        var done = a.Advance([], Now).Next;
        Assert.Equal(ApprovalStatus.Approved, done.Status);
        Assert.Equal(ApprovalTaskStatus.Cancelled, TaskOf(done, "s0-zhou-minghua").Status);
    }

    [Theory]
    [InlineData(Decision.Approve, Decision.Approve)]
    [InlineData(Decision.Approve, Decision.Reject)]
    [InlineData(Decision.Reject, Decision.Approve)]
    public void OrSign_ASecondApproverAnsweringBeforeTheStepAdvances_IsAStateConflict(Decision first, Decision second)
    {
        var a = Started(OrSign("zhou-minghua", "chen-siyuan")).Decide("s0-chen-siyuan", first, "意见", Now).Next;
        var outcome = a.CurrentOutcome();

        Assert.Throws<StateConflictException>(() => a.Decide("s0-zhou-minghua", second, "意见", Now.AddMinutes(1)).Next);
        Assert.True(TaskOf(a, "s0-zhou-minghua").IsOpen);
        Assert.Equal(outcome, a.CurrentOutcome());
    }

    [Fact]
    public void OrSign_ASecondApproverAnsweringAfterTheStepAdvanced_IsAStateConflict()
    {
        var a = Started(OrSign("zhou-minghua", "chen-siyuan"), Single("lin-jianguo"))
            .Decide("s0-chen-siyuan", Decision.Approve, null, Now).Next
            .Advance([NewTask("s1-lin-jianguo", 1, "lin-jianguo")], Now).Next;

        Assert.Throws<StateConflictException>(() => a.Decide("s0-zhou-minghua", Decision.Approve, null, Now).Next);
    }

    // ---- guards on Decide ---------------------------------------------------------------------------------------------

    [Fact]
    public void Decide_TheSameTaskTwice_IsAStateConflict()
    {
        var a = Started(Single("lin-jianguo")).Decide("s0-lin-jianguo", Decision.Approve, null, Now).Next;

        Assert.Throws<StateConflictException>(() => a.Decide("s0-lin-jianguo", Decision.Approve, null, Now).Next);
        Assert.Throws<StateConflictException>(() => a.Decide("s0-lin-jianguo", Decision.Reject, null, Now).Next);
    }

    [Fact]
    public void Decide_AnOpenTaskOfALaterStep_IsAStateConflict()
    {
        // A step-2 task stored ahead of its step (e.g. a router that crashed between creating tasks and advancing).
        var request = Request(Single("chen-siyuan"), Single("lin-jianguo"));
        var a = new Approval(request, ApprovalStatus.Pending, 0,
            [NewTask("s0-chen-siyuan", 0, "chen-siyuan"), NewTask("s1-lin-jianguo", 1, "lin-jianguo")], Now);

        Assert.Throws<StateConflictException>(() => a.Decide("s1-lin-jianguo", Decision.Approve, null, Now).Next);
    }

    [Fact]
    public void Decide_AnOpenTaskOfAnEarlierStep_IsAStateConflict()
    {
        var request = Request(OrSign("zhou-minghua", "chen-siyuan"), Single("lin-jianguo"));
        var a = new Approval(request, ApprovalStatus.Pending, 1,
            [NewTask("s0-zhou-minghua", 0, "zhou-minghua"), NewTask("s1-lin-jianguo", 1, "lin-jianguo")], Now);

        Assert.Throws<StateConflictException>(() => a.Decide("s0-zhou-minghua", Decision.Approve, null, Now).Next);
    }

    [Theory]
    [InlineData(ApprovalStatus.Approved)]
    [InlineData(ApprovalStatus.Rejected)]
    [InlineData(ApprovalStatus.Withdrawn)]
    public void Decide_OnAnApprovalNoLongerPending_IsAStateConflict_EvenWithATaskLeftOpen(ApprovalStatus status)
    {
        // Defence in depth: a finished approval whose task record was never closed (e.g. a partial write) decides nothing.
        var a = new Approval(Request(Single("lin-jianguo")), status, 0, [NewTask("t", 0, "lin-jianguo")], Now, Now);

        Assert.Throws<StateConflictException>(() => a.Decide("t", Decision.Approve, null, Now).Next);
    }

    [Theory]
    [InlineData(0L)]                     // at the instant the link expires
    [InlineData(1L)]                     // a tick later
    [InlineData(TimeSpan.TicksPerDay)]   // a day later
    public void Decide_AtOrAfterTheLinkExpires_IsGone(long ticksAfterExpiry)
    {
        var expires = Now.AddDays(7);
        var a = Approval.Open(Request(Single("lin-jianguo")), [NewTask("t", 0, "lin-jianguo", expires)], Now).Next;

        Assert.Throws<GoneException>(() => a.Decide("t", Decision.Approve, null, expires.AddTicks(ticksAfterExpiry)).Next);
    }

    [Fact]
    public void Decide_JustBeforeTheLinkExpires_IsAccepted()
    {
        var expires = Now.AddDays(7);
        var a = Approval.Open(Request(Single("lin-jianguo")), [NewTask("t", 0, "lin-jianguo", expires)], Now).Next;

        var decided = a.Decide("t", Decision.Approve, null, expires.AddTicks(-1)).Next;

        Assert.Equal(ApprovalTaskStatus.Approved, decided.Task("t").Status);
    }

    [Fact]
    public void Decide_AnUnknownTask_IsNotFound()
    {
        Assert.Throws<NotFoundException>(() => Started(Single("lin-jianguo")).Decide("nope", Decision.Approve, null, Now).Next);
    }

    // ---- withdrawal ------------------------------------------------------------------------------------------------

    [Fact]
    public void Withdraw_WhilePending_CancelsTheOpenTasks_KeepsTheDecidedOnes_AndEndsWithdrawn()
    {
        var a = Started(Countersign("zhou-minghua", "chen-siyuan", "wang-lijuan"))
            .Decide("s0-zhou-minghua", Decision.Approve, null, Now).Next;

        var w = a.Withdraw(Now.AddHours(1)).Next;

        Assert.Equal(ApprovalStatus.Withdrawn, w.Status);
        Assert.Equal(Now.AddHours(1), w.CompletedAt);
        Assert.Equal(ApprovalTaskStatus.Approved, TaskOf(w, "s0-zhou-minghua").Status);
        Assert.Equal(ApprovalTaskStatus.Cancelled, TaskOf(w, "s0-chen-siyuan").Status);
        Assert.Equal(ApprovalTaskStatus.Cancelled, TaskOf(w, "s0-wang-lijuan").Status);
        Assert.Empty(w.OpenTasks);
    }

    [Fact]
    public void Withdraw_ThenDecide_IsAStateConflict()
    {
        var w = Started(Single("lin-jianguo")).Withdraw(Now).Next;
        Assert.Throws<StateConflictException>(() => w.Decide("s0-lin-jianguo", Decision.Approve, null, Now).Next);
    }

    [Theory]
    [InlineData(Decision.Approve)]
    [InlineData(Decision.Reject)]
    public void Withdraw_AfterTheFinalDecision_IsAStateConflict(Decision decision)
    {
        var done = Started(Single("lin-jianguo")).Decide("s0-lin-jianguo", decision, "意见", Now).Next.Advance([], Now).Next;
        Assert.Throws<StateConflictException>(() => done.Withdraw(Now.AddHours(1)).Next);
    }

    [Fact]
    public void Withdraw_Twice_IsAStateConflict()
    {
        var w = Started(Single("lin-jianguo")).Withdraw(Now).Next;
        Assert.Throws<StateConflictException>(() => w.Withdraw(Now).Next);
    }

    [Fact]
    public void WithdrawnBeforeRouting_HasNoTasksAndIsClosed()
    {
        var w = Approval.WithdrawnBeforeRouting(Request(Single("lin-jianguo")), Now).Next;
        Assert.Equal(ApprovalStatus.Withdrawn, w.Status);
        Assert.Empty(w.Tasks);
        Assert.Throws<StateConflictException>(() => w.Withdraw(Now).Next);
    }

    // ---- reminders (催办) ---------------------------------------------------------------------------------------------

    [Fact]
    public void Remind_CountsTheReminder_WithoutAlertingTheOfficeUnlessAsked()
    {
        var a = Started(Single("lin-jianguo"))
            .Remind("s0-lin-jianguo", Now.AddDays(1), alertOffice: false).Next
            .Remind("s0-lin-jianguo", Now.AddDays(2), alertOffice: false).Next;

        var t = TaskOf(a, "s0-lin-jianguo");
        Assert.Equal(2, t.Reminders);
        Assert.Equal(Now.AddDays(2), t.LastRemindedAt);
        Assert.False(t.OfficeAlerted);
        Assert.True(t.IsOpen);
    }

    [Fact]
    public void Remind_WithOfficeAlert_SetsOfficeAlerted_AndALaterPlainReminderKeepsIt()
    {
        var alerted = Started(Single("lin-jianguo")).Remind("s0-lin-jianguo", Now.AddDays(3), alertOffice: true).Next;
        Assert.True(TaskOf(alerted, "s0-lin-jianguo").OfficeAlerted);
        Assert.Equal(1, TaskOf(alerted, "s0-lin-jianguo").Reminders);

        var again = alerted.Remind("s0-lin-jianguo", Now.AddDays(4), alertOffice: false).Next;
        Assert.True(TaskOf(again, "s0-lin-jianguo").OfficeAlerted);
        Assert.Equal(2, TaskOf(again, "s0-lin-jianguo").Reminders);
    }

    [Fact]
    public void Remind_OnlyTouchesTheRemindedTask()
    {
        var a = Started(Countersign("zhou-minghua", "chen-siyuan")).Remind("s0-chen-siyuan", Now, alertOffice: true).Next;

        Assert.Equal(0, TaskOf(a, "s0-zhou-minghua").Reminders);
        Assert.False(TaskOf(a, "s0-zhou-minghua").OfficeAlerted);
    }

    [Fact]
    public void Remind_ADecidedTask_IsAStateConflict()
    {
        var a = Started(Single("lin-jianguo")).Decide("s0-lin-jianguo", Decision.Approve, null, Now).Next;
        Assert.Throws<StateConflictException>(() => a.Remind("s0-lin-jianguo", Now, alertOffice: false).Next);
    }

    // ---- opening ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Open_StartsPendingAtTheFirstStep()
    {
        var a = Started(Single("chen-siyuan"), Single("lin-jianguo"));

        Assert.Equal(ApprovalStatus.Pending, a.Status);
        Assert.Equal(0, a.CurrentStep);
        Assert.Equal(Now, a.CreatedAt);
        Assert.Null(a.CompletedAt);
        Assert.Equal("ap0001", a.Id);
        Assert.Equal(StepOutcome.Open, a.CurrentOutcome());
    }

    [Fact]
    public void Open_WithAStepThatHasNoApprover_IsRefused()
    {
        var request = Request(Single("chen-siyuan"), new StepSpec("区长审批", StepKind.Single, []));
        Assert.Throws<ArgumentException>(() => Approval.Open(request, [NewTask("t", 0, "chen-siyuan")], Now).Next);
    }

    [Fact]
    public void Open_WithoutAnyStep_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Approval.Open(Request(), [], Now).Next);
    }
}
