using GovFunctions.Common;
using GovFunctions.Hotline;
using GovFunctions.Organization;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The closed loop of a district-head hotline call (Art. 37): assigned → replied → called back (satisfied closes, unsatisfied
/// reopens to the same department); escalated → instructed by the leader; one extension; the overdue marks of Art. 32.
/// Pure records: every refused transition is a state conflict.
/// </summary>
public class HotlineCallTests
{
    private static readonly OrgChart Org = Seeds.Organization();

    /// <summary>The head of the handling department (urban management), who asks for an extension.</summary>
    private static readonly Person Requester = Org.HeadOf("urban-management");

    private static readonly DateTimeOffset Received = DateTimeOffset.Parse("2026-11-25T10:00:00+08:00");
    private static readonly DateTimeOffset Due = DateTimeOffset.Parse("2026-12-14T17:30:00+08:00");
    private static readonly DateTimeOffset NewDue = DateTimeOffset.Parse("2026-12-31T17:30:00+08:00");

    private static HotlineCall Call(CallStatus status, Disposition disposition = Disposition.Assign) =>
        new("hc-20261125-01", "张先生", "13812345678", Received, CallCategory.Complaint, "幸福路小区门口的路灯坏了一个星期。",
            "幸福路12号", "cao-xiaowen", disposition, disposition == Disposition.Answered ? "已转告" : null, status);

    private static HotlineCall Assigned() =>
        Call(CallStatus.Assigned) with { DepartmentId = "urban-management", DueAt = Due, ApprovalId = "ap-reply-1" };

    private static HotlineCall Escalated(string? departmentId = null) =>
        Call(CallStatus.Escalated, Disposition.Escalate) with { DepartmentId = departmentId, EscalatedToId = "wang-lijuan", ApprovalId = "ap-instr-1" };

    private static HotlineCall Replied() => Assigned().Replied("已于12月1日修复", Due.AddDays(-3)).Next;

    private static HotlineCall Closed() => Call(CallStatus.Closed, Disposition.Answered) with { ClosedAt = Received };

    private static ExtensionRequest Extension(string approvalId = "ap-ext-1") =>
        new(approvalId, 5, "需协调供电部门更换线路", "lin-tao");

    /// <summary>A call in each state other than the given ones.</summary>
    private static TheoryData<CallStatus> StatesOtherThan(params CallStatus[] allowed) =>
        new(Enum.GetValues<CallStatus>().Except(allowed));

    private static HotlineCall InState(CallStatus s) => s switch
    {
        CallStatus.Assigned => Assigned(),
        CallStatus.Escalated => Escalated(),
        CallStatus.Replied => Replied(),
        _ => Closed(),
    };

    public static TheoryData<CallStatus> NotAssigned => StatesOtherThan(CallStatus.Assigned);
    public static TheoryData<CallStatus> NotReplied => StatesOtherThan(CallStatus.Replied);
    public static TheoryData<CallStatus> NotEscalated => StatesOtherThan(CallStatus.Escalated);

    // ---- basics -------------------------------------------------------------------------------------------------------

    [Fact]
    public void IsOpen_UntilClosed()
    {
        Assert.True(Assigned().IsOpen);
        Assert.True(Escalated().IsOpen);
        Assert.True(Replied().IsOpen);
        Assert.False(Closed().IsOpen);
    }

    [Theory]
    [InlineData(CallStatus.Closed, "closed")]
    [InlineData(CallStatus.Assigned, "assigned")]
    [InlineData(CallStatus.Escalated, "escalated")]
    [InlineData(CallStatus.Replied, "replied")]
    public void StateName_IsTheLowerCaseStatus(CallStatus status, string name) =>
        Assert.Equal(name, HotlineCall.NameOf(status));

    // ---- Replied ------------------------------------------------------------------------------------------------------

    [Fact]
    public void Replied_BeforeTheDeadline_IsOnTime_AndClearsTheReplyTask()
    {
        var at = Due.AddDays(-1);
        var replied = Assigned().Replied("已修复", at).Next;

        Assert.Equal(CallStatus.Replied, replied.Status);
        Assert.Equal("已修复", replied.Reply);
        Assert.Equal(at, replied.RepliedAt);
        Assert.True(replied.RepliedOnTime);
        Assert.Null(replied.ApprovalId);
        Assert.Equal("urban-management", replied.DepartmentId);
        Assert.Equal(Due, replied.DueAt);
        Assert.True(replied.IsOpen); // the call-back is still to come
    }

    [Fact]
    public void Replied_AtTheDeadlineItself_IsOnTime() =>
        Assert.True(Assigned().Replied("已修复", Due).Next.RepliedOnTime);

    [Fact]
    public void Replied_AfterTheDeadline_IsLate()
    {
        Assert.False(Assigned().Replied("已修复", Due.AddSeconds(1)).Next.RepliedOnTime);
        Assert.False(Assigned().Replied("已修复", Due.AddDays(3)).Next.RepliedOnTime);
    }

    [Fact]
    public void Replied_WithoutADeadline_IsOnTime() =>
        Assert.True((Assigned() with { DueAt = null }).Replied("已修复", Due.AddDays(100)).Next.RepliedOnTime);

    [Theory]
    [MemberData(nameof(NotAssigned))]
    public void Replied_OnlyFromAssigned_OtherwiseAStateConflict(CallStatus status) =>
        Assert.Throws<StateConflictException>(() => InState(status).Replied("已修复", Due).Next);

    // ---- CalledBack ---------------------------------------------------------------------------------------------------

    [Fact]
    public void CalledBack_Satisfied_ClosesTheCall()
    {
        var at = Due.AddDays(-1);
        var closed = Replied().CalledBack(true, "群众表示满意", at, NewDue, null, Org).Next;

        Assert.Equal(CallStatus.Closed, closed.Status);
        Assert.False(closed.IsOpen);
        Assert.True(closed.Satisfied);
        Assert.Equal("群众表示满意", closed.CallbackNote);
        Assert.Equal(at, closed.ClosedAt);
        Assert.Equal(0, closed.Reopened);
        Assert.Equal(Due, closed.DueAt);            // the deadline that was met stays on record
        Assert.Equal("已于12月1日修复", closed.Reply); // and so does the reply
        Assert.True(closed.RepliedOnTime);
    }

    [Fact]
    public void CalledBack_Unsatisfied_ReopensToTheSameDepartment_WithANewDeadline_AndClearsTheReply()
    {
        var replied = Replied() with { OverdueRemindedAt = Due.AddDays(1), AccountableAt = Due.AddDays(8) };
        var reopened = replied.CalledBack(false, "路灯仍不亮", Due.AddDays(-1), NewDue, "ap-reply-2", Org).Next;

        Assert.Equal(CallStatus.Assigned, reopened.Status);
        Assert.True(reopened.IsOpen);
        Assert.False(reopened.Satisfied);
        Assert.Equal("路灯仍不亮", reopened.CallbackNote);
        Assert.Equal(1, reopened.Reopened);
        Assert.Equal("urban-management", reopened.DepartmentId);
        Assert.Equal(NewDue, reopened.DueAt);
        Assert.Equal("ap-reply-2", reopened.ApprovalId);
        Assert.Null(reopened.Reply);
        Assert.Null(reopened.RepliedAt);
        Assert.Null(reopened.RepliedOnTime);
        Assert.Null(reopened.ClosedAt);
        Assert.Null(reopened.OverdueRemindedAt); // a new round of reminders for the new deadline
        Assert.Null(reopened.AccountableAt);
    }

    [Fact]
    public void CalledBack_UnsatisfiedTwice_CountsBothReopenings_ThenSatisfiedCloses()
    {
        var call = Replied()
            .CalledBack(false, "仍未修好", Due, NewDue, "ap-reply-2", Org).Next
            .Replied("已更换灯具", NewDue.AddDays(-5)).Next
            .CalledBack(false, "又坏了", NewDue.AddDays(-4), NewDue.AddDays(10), "ap-reply-3", Org).Next;
        Assert.Equal(2, call.Reopened);
        Assert.Equal(CallStatus.Assigned, call.Status);

        var closed = call.Replied("已彻底修复", NewDue).Next.CalledBack(true, null, NewDue.AddDays(1), NewDue.AddDays(20), null, Org).Next;
        Assert.Equal(CallStatus.Closed, closed.Status);
        Assert.True(closed.Satisfied);
        Assert.Equal(2, closed.Reopened);
    }

    [Theory]
    [MemberData(nameof(NotReplied))]
    public void CalledBack_OnlyFromReplied_OtherwiseAStateConflict(CallStatus status)
    {
        Assert.Throws<StateConflictException>(() => InState(status).CalledBack(true, null, Due, NewDue, null, Org).Next);
        Assert.Throws<StateConflictException>(() => InState(status).CalledBack(false, null, Due, NewDue, "ap-x", Org).Next);
    }

    // ---- Instructed (Art. 37: 重大、疑难问题 … 按领导指示意见处理) -------------------------------------------------------

    [Fact]
    public void Instructed_FromEscalated_AssignsTheCallAsTheLeaderSays_Art37()
    {
        var instructed = Escalated().Instructed("请城管局三日内修复并回复", "wang-lijuan", "urban-management", Due, "ap-reply-9", Org).Next;

        Assert.Equal(CallStatus.Assigned, instructed.Status);
        Assert.Equal("请城管局三日内修复并回复", instructed.Instruction);
        Assert.Equal("wang-lijuan", instructed.InstructedById);
        Assert.Equal("urban-management", instructed.DepartmentId);
        Assert.Equal(Due, instructed.DueAt);
        Assert.Equal("ap-reply-9", instructed.ApprovalId);
        Assert.Equal(Disposition.Escalate, instructed.Disposition); // how the call was handled stays on record
        Assert.Equal("wang-lijuan", instructed.EscalatedToId);
    }

    [Fact]
    public void Instructed_ToAnotherDepartment_ReplacesTheOneTheMatterWasEscalatedWith() =>
        Assert.Equal("housing", Escalated("urban-management").Instructed("由住建局牵头", "wang-lijuan", "housing", Due, "ap-9", Org).Next.DepartmentId);

    [Theory]
    [MemberData(nameof(NotEscalated))]
    public void Instructed_OnlyFromEscalated_OtherwiseAStateConflict(CallStatus status) =>
        Assert.Throws<StateConflictException>(() => InState(status).Instructed("请办理", "wang-lijuan", "housing", Due, "ap-9", Org).Next);

    // ---- extension -----------------------------------------------------------------------------------------------------

    [Fact]
    public void RequestExtension_WhileAssigned_IsPending()
    {
        var pending = Assigned().RequestExtension(Requester, Extension(), Org).Next;
        Assert.Equal(Extension(), pending.PendingExtension);
        Assert.False(pending.Extended);
        Assert.Equal(Due, pending.DueAt);
        Assert.Equal(CallStatus.Assigned, pending.Status);
    }

    [Fact]
    public void RequestExtension_AgainWhilePending_IsAStateConflict() =>
        Assert.Throws<StateConflictException>(() => Assigned().RequestExtension(Requester, Extension(), Org).Next.RequestExtension(Requester, Extension("ap-ext-2"), Org).Next);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RequestExtension_AfterTheOneExtensionWasDecided_IsAStateConflict(bool approved) =>
        Assert.Throws<StateConflictException>(() =>
            Assigned().RequestExtension(Requester, Extension(), Org).Next.ExtensionDecided(approved, NewDue).Next.RequestExtension(Requester, Extension("ap-ext-2"), Org).Next);

    [Fact]
    public void RequestExtension_AfterAReopening_IsStillRefused_OncePerCall()
    {
        var reopened = Assigned().RequestExtension(Requester, Extension(), Org).Next.ExtensionDecided(true, NewDue).Next
            .Replied("已修复", NewDue).Next.CalledBack(false, "仍未修好", NewDue, NewDue.AddDays(20), "ap-reply-2", Org).Next;
        Assert.Throws<StateConflictException>(() => reopened.RequestExtension(Requester, Extension("ap-ext-2"), Org).Next);
    }

    [Theory]
    [MemberData(nameof(NotAssigned))]
    public void RequestExtension_OnlyWhileAssigned_OtherwiseAStateConflict(CallStatus status)
    {
        var call = InState(status);
        Assert.Throws<StateConflictException>(() => call.RequestExtension(Requester with { DepartmentId = call.DepartmentId }, Extension(), Org));
    }

    [Fact]
    public void ExtensionDecided_Approved_MovesTheDeadline_AndUsesTheOneExtension()
    {
        var decided = Assigned().RequestExtension(Requester, Extension(), Org).Next.ExtensionDecided(true, NewDue).Next;
        Assert.Equal(NewDue, decided.DueAt);
        Assert.True(decided.Extended);
        Assert.Null(decided.PendingExtension);
        Assert.Equal(CallStatus.Assigned, decided.Status);
    }

    [Fact]
    public void ExtensionDecided_Rejected_KeepsTheDeadline_ButStillUsesTheOneExtension()
    {
        var decided = Assigned().RequestExtension(Requester, Extension(), Org).Next.ExtensionDecided(false, NewDue).Next;
        Assert.Equal(Due, decided.DueAt);
        Assert.True(decided.Extended);
        Assert.Null(decided.PendingExtension);
    }

    [Fact]
    public void ExtensionDecided_AfterTheDepartmentAlreadyReplied_DoesNotMoveTheDeadline()
    {
        var replied = Assigned().RequestExtension(Requester, Extension(), Org).Next.Replied("已修复", Due.AddDays(-1)).Next;
        var decided = replied.ExtensionDecided(true, NewDue).Next;
        Assert.Equal(Due, decided.DueAt);
        Assert.Equal(CallStatus.Replied, decided.Status);
        Assert.True(decided.Extended);
    }

    [Fact]
    public void ExtensionDecided_WithNothingPending_IsAStateConflict()
    {
        Assert.Throws<StateConflictException>(() => Assigned().ExtensionDecided(true, NewDue).Next);
        Assert.Throws<StateConflictException>(() =>
            Assigned().RequestExtension(Requester, Extension(), Org).Next.ExtensionDecided(true, NewDue).Next.ExtensionDecided(true, NewDue.AddDays(5)).Next);
    }

    // ---- overdue marks (Art. 32) ---------------------------------------------------------------------------------------

    [Fact]
    public void MarkOverdueReminded_Once_Art32()
    {
        var at = Due.AddDays(1);
        var reminded = Assigned().MarkOverdueReminded(at).Next;
        Assert.Equal(at, reminded.OverdueRemindedAt);
        Assert.Throws<StateConflictException>(() => reminded.MarkOverdueReminded(at.AddDays(1)).Next);
    }

    [Fact]
    public void MarkAccountable_Once_Art32()
    {
        var at = Due.AddDays(8);
        var accountable = Assigned().MarkOverdueReminded(Due.AddDays(1)).Next.MarkAccountable(at).Next;
        Assert.Equal(at, accountable.AccountableAt);
        Assert.Equal(Due.AddDays(1), accountable.OverdueRemindedAt);
        Assert.Throws<StateConflictException>(() => accountable.MarkAccountable(at.AddDays(1)).Next);
    }

    [Theory]
    [MemberData(nameof(NotAssigned))]
    public void OverdueMarks_OnlyWhileAssigned_OtherwiseAStateConflict(CallStatus status)
    {
        Assert.Throws<StateConflictException>(() => InState(status).MarkOverdueReminded(Due.AddDays(1)).Next);
        Assert.Throws<StateConflictException>(() => InState(status).MarkAccountable(Due.AddDays(8)).Next);
    }

    [Fact]
    public void StateConflicts_AreBilingual()
    {
        var e = Assert.Throws<StateConflictException>(() => Closed().Replied("x", Due).Next);
        Assert.Contains("只有已交办的来电可以答复", e.Message);
        Assert.Contains("only an assigned call can be replied to", e.Message);
    }

    // ---- transitions: the history's reason and the events each one raises (issue 9) ---------------------------------------

    private static CallIntake Intake(Disposition disposition, string? departmentId = null, string? location = " 幸福路12号 ") =>
        new(" 张先生 ", "13812345678", Received, CallCategory.Complaint, " 幸福路小区门口的路灯坏了一个星期。 ", location, disposition,
            disposition == Disposition.Answered ? " 已转告 " : null, departmentId);

    [Fact]
    public void Receive_Answered_IsClosedAtOnce_Trimmed_AndStartsNoTask()
    {
        var t = HotlineCall.Receive("c1", Intake(Disposition.Answered), "cao-xiaowen", [], Received.AddMinutes(3), Due, "ap-1", Org);

        Assert.Equal((CallStatus.Closed, Received.AddMinutes(3), "已转告"), (t.Next.Status, t.Next.ClosedAt, t.Next.Answer));
        Assert.Equal(("张先生", "幸福路12号", "幸福路小区门口的路灯坏了一个星期。"), (t.Next.CallerName, t.Next.Location, t.Next.Content));
        Assert.Null(t.Next.ApprovalId);
        Assert.Equal("当场答复并办结", t.Reason);
        Assert.Equal([new CallRecorded("c1", Disposition.Answered)], t.Events);
    }

    [Fact]
    public void Receive_Assign_GivesTheDepartmentItsDeadline_AndAsksItForTheReply()
    {
        var t = HotlineCall.Receive("c1", Intake(Disposition.Assign, "urban-management"), "cao-xiaowen", ["c0"], Received, Due, "ap-1", Org);

        Assert.Equal((CallStatus.Assigned, "urban-management", Due, "ap-1"), (t.Next.Status, t.Next.DepartmentId, t.Next.DueAt, t.Next.ApprovalId));
        Assert.Equal(["c0"], t.Next.LinkedCallIds);
        Assert.Equal("交办区城市管理局，期限 2026-12-14 17:30；与 c0 为同一问题", t.Reason);
        Assert.Equal([new CallRecorded("c1", Disposition.Assign), new ReplyRequested("c1", "ap-1", Org)], t.Events);
    }

    [Fact]
    public void Receive_Escalate_WithoutADepartment_GoesToTheDistrictHead_Art37()
    {
        var t = HotlineCall.Receive("c1", Intake(Disposition.Escalate), "cao-xiaowen", [], Received, Due, "ap-1", Org);

        Assert.Equal((CallStatus.Escalated, Org.DistrictHead.Id, null), (t.Next.Status, t.Next.EscalatedToId, t.Next.DueAt));
        Assert.Equal($"重大、疑难问题，上报{Org.DistrictHead.DisplayName}批示（第三十七条）", t.Reason);
        Assert.Equal(new InstructionRequested("c1", "ap-1", Org.DistrictHead.Id, Org), t.Events[1]);
    }

    [Fact]
    public void Replied_Late_SaysSoInItsReason_AndRaisesTheReply()
    {
        var t = Assigned().Replied("已修复", Due.AddDays(1));
        Assert.Equal("部门答复：已修复（超期）", t.Reason);
        Assert.Equal([new CallReplied(Assigned().Id, false)], t.Events);
        Assert.Equal("部门答复：已修复", Assigned().Replied("已修复", Due).Reason);
    }

    [Fact]
    public void Instructed_AsksTheNamedDepartmentForItsReply()
    {
        var t = Escalated().Instructed("请住建局办理", "wang-lijuan", "housing", Due, "ap-9", Org);
        Assert.Equal("领导批示：请住建局办理；交办区住房和城乡建设局，期限 2026-12-14 17:30", t.Reason);
        Assert.Equal([new ReplyRequested(Escalated().Id, "ap-9", Org)], t.Events);
    }

    [Fact]
    public void CalledBack_Unsatisfied_AsksTheDepartmentAgain_Satisfied_OnlyCloses()
    {
        var reopened = Replied().CalledBack(false, "路灯仍不亮", Due, NewDue, "ap-reply-2", Org);
        Assert.Equal("回访：不满意，重新交办区城市管理局（路灯仍不亮）", reopened.Reason);
        Assert.Equal([new ReplyRequested(Replied().Id, "ap-reply-2", Org)], reopened.Events);

        var closed = Replied().CalledBack(true, "", Due, NewDue, null, Org);
        Assert.Equal("回访：满意，办结", closed.Reason);
        Assert.Equal([new CallClosed(Replied().Id)], closed.Events);
        Assert.Throws<ArgumentNullException>(() => Replied().CalledBack(false, null, Due, NewDue, null, Org));
    }

    [Fact]
    public void RequestExtension_AsksTheOffice_OnlyFromTheHandlingDepartment()
    {
        var t = Assigned().RequestExtension(Requester, Extension(), Org);
        Assert.Equal("申请延期5个工作日：需协调供电部门更换线路", t.Reason);
        Assert.Equal([new CallExtensionRequested(Assigned().Id, "ap-ext-1", Org)], t.Events);
        Assert.Throws<AccessDeniedException>(() => Assigned().RequestExtension(Org.HeadOf("housing"), Extension(), Org));
    }

    [Fact]
    public void ExtensionDecided_NamesTheNewDeadline_OrTheRefusal()
    {
        var pending = Assigned().RequestExtension(Requester, Extension(), Org).Next;
        var approved = pending.ExtensionDecided(true, NewDue);
        Assert.Equal("延期获批，新期限 2026-12-31 17:30", approved.Reason);
        Assert.Equal([new CallExtensionDecided(Assigned().Id, true)], approved.Events);
        Assert.Equal("延期未获批准", pending.ExtensionDecided(false, NewDue).Reason);
    }

    [Fact]
    public void OverdueMarks_RaiseTheirMails_TheReminderOncePerRound_Art32()
    {
        var reminded = (Assigned() with { Reopened = 2 }).MarkOverdueReminded(Due.AddDays(1));
        Assert.Equal("逾期催办，抄送分管领导", reminded.Reason);
        Assert.Equal([new OverdueReminded(Assigned().Id, 2)], reminded.Events);

        var accountable = reminded.Next.MarkAccountable(Due.AddDays(8));
        Assert.Equal("逾期未办结，列入问责清单（第三十二条）", accountable.Reason);
        Assert.Equal([new MarkedAccountable(Assigned().Id)], accountable.Events);
    }

    [Fact]
    public void StateName_IsTheStatusName() => Assert.Equal("replied", Replied().StateName);
}
