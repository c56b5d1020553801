using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Leave;
using GovFunctions.Organization;

using static GovFunctions.Domain.Tests.SeedPeople;

namespace GovFunctions.Domain.Tests;

/// <summary>What each leave transition raises and records: the events the feature turns into messages, the history's reason.</summary>
public class LeaveTransitionTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly WorkingCalendar Calendar = Seeds.Calendar();
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private static LeaveApplication Application(string? actingPersonId = null) =>
        new(Now.AddDays(1), Now.AddDays(3), " 北京市 ", "13800138000", "参加市里培训", actingPersonId);

    private static Transition<LeaveRequest> Submit(string applicantId, string? actingPersonId = null,
        IEnumerable<LeaveRequest>? own = null) =>
        LeaveRequest.Submit(Application(actingPersonId), Org.Person(applicantId), Org, own ?? [], [], "ap-leave-1", Now);

    private static LeaveRequest Pending(string applicantId = Deputy, string? actingPersonId = null) =>
        Submit(applicantId, actingPersonId).Next;

    [Fact]
    public void Submit_ByADepartmentHead_IsPending_AndAsksTheEngineForTheChainOfArt75()
    {
        var t = Submit(EducationHead, EducationDeputyHead);

        Assert.Equal(LeaveStatus.Pending, t.Next.Status);
        Assert.Equal("北京市", t.Next.Destination);
        Assert.Equal("提交申请，审批流程：分管副区长审批 → 区长审批", t.Reason);
        var asked = Assert.IsType<LeaveApprovalAsked>(Assert.Single(t.Events));
        Assert.Equal((t.Next.Id, "ap-leave-1", LeaveRequest.Feature, t.Next.Id), (asked.LeaveId, asked.Approval.Id, asked.Approval.Feature,
            asked.Approval.SubjectId));
        Assert.Equal([Deputy, DistrictHead], asked.Approval.Steps.SelectMany(s => s.ApproverIds));
        Assert.Contains(asked.Approval.Facts, f => f.Label == "代为主持工作" && f.Value.Contains("叶明"));
        Assert.Equal(t.Next.TitleFor(Org.Person(EducationHead)), asked.Approval.Title);
    }

    [Fact]
    public void Submit_TheDistrictHeadsTravel_IsRecordedApproved_AndTellsTheOfficeAndLeaders_Art4()
    {
        var t = Submit(DistrictHead);

        Assert.Equal((LeaveStatus.Approved, null, Now), (t.Next.Status, t.Next.ApprovalId, t.Next.DecidedAt));
        Assert.Equal(ExecutiveDeputy, t.Next.ActingPersonId);
        Assert.Equal("区长出差（出访）备案，由常务副区长主持工作（第四条）", t.Reason);
        Assert.Equal(new LeaveApproved(t.Next.Id, OfficeInformsLeaders: true), Assert.Single(t.Events));
    }

    [Fact]
    public void Submit_ChecksTheRulesItself_AnOverlapIs400_AndStaffOutsideArt74And75Are422()
    {
        var first = Pending();
        var e = Assert.Throws<ValidationException>(() => Submit(Deputy, own: [first]));
        Assert.Contains(first.Id, e.Errors["start"][0]);
        Assert.Throws<RuleViolationException>(() => Submit("bai-xue"));
    }

    [Theory]
    [InlineData(Deputy, null, true)]                         // a leader: the office informs the other leaders (Art. 74)
    [InlineData(EducationHead, EducationDeputyHead, false)] // a department head: the office alone is told (Art. 75)
    public void Decide_Approved_RaisesLeaveApproved_NamingWhetherTheLeadersAreInformed(string applicantId, string? acting, bool leaders)
    {
        var t = Pending(applicantId, acting).Decide(true, Org.Person(applicantId), Now.AddHours(1));

        Assert.Equal("审批通过", t.Reason);
        Assert.Equal(new LeaveApproved(t.Next.Id, leaders), Assert.Single(t.Events));
    }

    [Fact]
    public void Decide_Rejected_RaisesLeaveRejected()
    {
        var t = Pending().Decide(false, Org.Person(Deputy), Now.AddHours(1));

        Assert.Equal(("审批未通过", LeaveStatus.Rejected), (t.Reason, t.Next.Status));
        Assert.IsType<LeaveRejected>(Assert.Single(t.Events));
    }

    [Theory]
    [InlineData(ApprovalStatus.Approved, LeaveStatus.Approved, "审批通过")]
    [InlineData(ApprovalStatus.Rejected, LeaveStatus.Rejected, "审批未通过")]
    [InlineData(ApprovalStatus.Withdrawn, LeaveStatus.Withdrawn, "申请人撤回")]
    public void ApprovalEnded_OfAPendingRequest_TakesTheOutcome(ApprovalStatus outcome, LeaveStatus status, string reason)
    {
        var t = Pending().ApprovalEnded(outcome, Org.Person(Deputy), Now.AddHours(1))!;

        Assert.Equal((status, reason, Now.AddHours(1)), (t.Next.Status, t.Reason, t.Next.DecidedAt));
    }

    [Fact]
    public void ApprovalEnded_OfARequestNoLongerPending_IsNothingToDo()
    {
        var withdrawn = Pending().Withdraw(Now).Next;

        Assert.Null(withdrawn.ApprovalEnded(ApprovalStatus.Withdrawn, Org.Person(Deputy), Now.AddMinutes(1)));
        Assert.Null(withdrawn.ApprovalEnded(ApprovalStatus.Approved, Org.Person(Deputy), Now.AddMinutes(1)));
    }

    [Fact]
    public void Withdraw_RaisesLeaveWithdrawn_WithTheApplicantsReason()
    {
        var t = Pending().Withdraw(Now);

        Assert.Equal("申请人撤回", t.Reason);
        Assert.IsType<LeaveWithdrawn>(Assert.Single(t.Events));
    }

    [Theory]
    [InlineData("  培训结束，提前返岗  ", "销假：培训结束，提前返岗")]
    [InlineData(null, "销假")]
    [InlineData("   ", "销假")]
    public void Return_RaisesLeaveReturned_AndQuotesTheNote(string? note, string reason)
    {
        var t = Approved().Return(Now.AddDays(2), note);

        Assert.Equal(reason, t.Reason);
        Assert.Equal(new LeaveReturned(t.Next.Id), Assert.Single(t.Events));
    }

    [Fact]
    public void RequireApplicant_RefusesAnyoneElse()
    {
        Pending().RequireApplicant(Org.Person(Deputy));
        Assert.Throws<AccessDeniedException>(() => Pending().RequireApplicant(Org.Person(DistrictHead)));
    }

    // ---- ChaseReturn: the leave ends Wednesday 2026-09-30, before the National Day week -----------------------------

    private static LeaveRequest EndingBeforeNationalDay() =>
        Approved() with { Start = T("2026-09-28T09:00:00+08:00"), End = T("2026-09-30T17:30:00+08:00") };

    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s);

    private static LeaveRequest Approved() => Pending().Decide(true, Org.Person(Deputy), Now.AddHours(1)).Next;

    [Fact]
    public void ChaseReturn_BeforeTheWorkingDayAfterTheEnd_IsNothingDue()
    {
        Assert.Null(EndingBeforeNationalDay().ChaseReturn(Calendar, T("2026-10-07T09:00:00+08:00"))); // still the holiday
    }

    [Fact]
    public void ChaseReturn_OnTheWorkingDayAfter_RemindsTheOfficial_ThenADayLaterTellsTheOffice_EachOnce()
    {
        var reminded = EndingBeforeNationalDay().ChaseReturn(Calendar, T("2026-10-08T09:00:00+08:00"))!;
        Assert.Equal(("提醒销假", LeaveStatus.Approved), (reminded.Reason, reminded.Next.Status));
        Assert.IsType<ReturnReminded>(Assert.Single(reminded.Events));
        Assert.Null(reminded.Next.ChaseReturn(Calendar, T("2026-10-08T15:00:00+08:00"))); // the same day again: nothing

        var told = reminded.Next.ChaseReturn(Calendar, T("2026-10-09T09:00:00+08:00"))!;
        Assert.Equal("逾期未销假，已告知区政府办公室", told.Reason);
        Assert.IsType<OfficeToldNotReturned>(Assert.Single(told.Events));
        Assert.Null(told.Next.ChaseReturn(Calendar, T("2026-10-12T09:00:00+08:00")));
    }

    [Fact]
    public void ChaseReturn_ARunMissedUntilTheOfficesDay_TellsTheOffice()
    {
        var t = EndingBeforeNationalDay().ChaseReturn(Calendar, T("2026-10-09T09:00:00+08:00"))!;

        Assert.IsType<OfficeToldNotReturned>(Assert.Single(t.Events));
    }

    [Fact]
    public void ChaseReturn_OfALeaveReportedBack_IsNothingDue()
    {
        var returned = EndingBeforeNationalDay().Return(T("2026-09-30T18:00:00+08:00"), null).Next;

        Assert.Null(returned.ChaseReturn(Calendar, T("2026-10-09T09:00:00+08:00")));
    }
}
