using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Legal;
using GovFunctions.Organization;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The normative document (Art. 21) and the reconsideration (Art. 23) as transitions: each step's history reason and the
/// events the service turns into messages (engine starts, filing and deadline emails).
/// </summary>
public class LegalFlowTransitionTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly WorkingCalendar Calendar = Seeds.Calendar();
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T09:00:00+08:00");

    private static NormativeDocument Draft() =>
        NormativeDocument.Register("nd-1", new DocumentIntake(" 管理办法 ", " 内容 ", "finance", ["finance"], []), "huang-xiuying", Now).Next;

    private static NormativeDocument Published(DateTimeOffset due) =>
        Draft().SubmittedForReview("ap-1", Org, "huang-xiuying").Next.Reviewed("ap-1", true, null).Next.Published(Now, due).Next;

    [Fact]
    public void Document_Register_SubmitAndReview_NameEachStep_AndAskTheLegalOffice_Art21()
    {
        var first = NormativeDocument.Register("nd-1", new DocumentIntake(" 管理办法 ", " 内容 ", "finance", null, null), "u", Now);
        Assert.Equal(("管理办法", DocumentStatus.Draft, "登记规范性文件"), (first.Next.Title, first.Next.Status, first.Reason));

        var submitted = first.Next.SubmittedForReview("ap-1", Org, "u");
        var request = Assert.IsType<LegalReviewRequested>(Assert.Single(submitted.Events)).Request;
        Assert.Equal(("ap-1", NormativeDocument.ApprovalFeature, "nd-1", "规范性文件发布前审核：管理办法"),
            (request.Id, request.Feature, request.SubjectId, request.Title));
        Assert.Equal([Org.HeadOf(Org.LegalOffice.Id).Id], request.Steps.Single().ApproverIds);
        Assert.Equal("提交区政府法制机构审核（第二十一条）", submitted.Reason);

        Assert.Equal("法制审核未通过：与上位法抵触", submitted.Next.Reviewed("ap-1", false, "与上位法抵触").Reason);
        Assert.Null(submitted.Next.ReviewEnded("ap-other", true, null));
        Assert.Equal(DocumentStatus.Reviewed, submitted.Next.ReviewEnded("ap-1", true, null)!.Next.Status);
    }

    [Fact]
    public void Document_Publish_AndFile_NameTheDeadline_AndWhetherOnTime()
    {
        var due = Now.AddDays(20);
        var reviewed = Draft().SubmittedForReview("ap-1", Org, "u").Next.Reviewed("ap-1", true, null).Next;

        var published = reviewed.Published(Now, due);

        Assert.Equal($"发布，须于 {due.ToChina():yyyy-MM-dd} 前报区政府备案", published.Reason);
        Assert.Equal("报区政府备案", published.Next.Filed(due).Reason);
        Assert.Equal("逾期报区政府备案", published.Next.Filed(due.AddSeconds(1)).Reason);
    }

    [Fact]
    public void Document_FilingChased_RemindsInTheLastWorkingDays_FlagsLate_AndOtherwiseDoesNothing()
    {
        var due = Calendar.DeadlineAfter(Now, 15);
        var d = Published(due);

        Assert.Null(d.FilingChased(Now, Calendar, 3)); // weeks ahead
        var reminded = d.FilingChased(due.AddDays(-1), Calendar, 3)!;
        Assert.Equal("提醒报区政府备案", reminded.Reason);
        Assert.Equal([new FilingReminderDue("nd-1")], reminded.Events);
        Assert.Null(reminded.Next.FilingChased(due.AddHours(-1), Calendar, 3)); // once

        Assert.True(reminded.Next.IsLateUnflagged(due.AddDays(1)));
        var late = reminded.Next.FilingChased(due.AddDays(1), Calendar, 3)!;
        Assert.Equal("逾期未报备案，列入问责清单", late.Reason);
        Assert.Equal([new FilingLate("nd-1")], late.Events);
        Assert.Null(late.Next.FilingChased(due.AddDays(2), Calendar, 3));
        Assert.False(late.Next.IsLateUnflagged(due.AddDays(2)));
    }

    private static Reconsideration Accepted() =>
        Reconsideration.Accept("rc-1", new ReconsiderationIntake(" 张某 ", "区市场监督管理局", "撤销处罚", Now), "qin-hao", 60).Next;

    [Fact]
    public void Reconsideration_Accept_NamesTheStatutoryDeadline_Art23()
    {
        var t = Reconsideration.Accept("rc-1", new ReconsiderationIntake(" 张某 ", "区市场监督管理局", "撤销处罚", Now), "qin-hao", 60);

        Assert.Equal(("张某", ReconsiderationStatus.Accepted), (t.Next.Applicant, t.Next.Status));
        Assert.Equal($"区政府法制机构受理，法定期限至 {t.Next.DeadlineAt.ToChina():yyyy-MM-dd}（第二十三条）", t.Reason);
        Assert.Equal([new CaseAccepted("rc-1")], t.Events);
    }

    [Fact]
    public void Reconsideration_Proposal_GoesToTheExecutiveDeputyThenTheDistrictHead_AndAReturnComesBack()
    {
        var t = Accepted().Proposed("维持", "ap-s", Org, "qin-hao");

        var request = Assert.IsType<SignOffRequested>(Assert.Single(t.Events)).Request;
        Assert.Equal([Org.ExecutiveDeputy.Id, Org.DistrictHead.Id], request.Steps.Select(s => s.ApproverIds.Single()));
        Assert.Equal(new Fact("复议决定意见", "维持"), request.Facts[^1]);
        Assert.Equal("提出复议决定意见，报常务副区长、区长审批签发", t.Reason);

        var returned = t.Next.ApprovalEnded("ap-s", false, "事实不清", Now, 30)!;
        Assert.Equal(("签批未通过，退回法制机构：事实不清", ReconsiderationStatus.Accepted), (returned.Reason, returned.Next.Status));
        var decided = t.Next.ApprovalEnded("ap-s", true, null, Now, 30)!;
        Assert.Equal(("常务副区长、区长审批签发，复议决定作出", ReconsiderationStatus.Decided), (decided.Reason, decided.Next.Status));
        Assert.Null(decided.Next.ApprovalEnded("ap-s", true, null, Now, 30));
    }

    [Fact]
    public void Reconsideration_AGrantedExtension_MovesTheDeadline_AndTheRemindersStartAgain()
    {
        var asked = Accepted().ExtensionRequested("ap-x", "案情复杂", 30, Org, "qin-hao");
        var request = Assert.IsType<ExtensionApprovalRequested>(Assert.Single(asked.Events)).Request;
        Assert.Equal([Org.DistrictHead.Id], request.Steps.Single().ApproverIds);
        Assert.Equal("申请延长复议期限30日：案情复杂", asked.Reason);

        var reminded = asked.Next.Reminded([10, 3], ChinaTime.DateOf(asked.Next.DeadlineAt).AddDays(-5))!;
        Assert.Equal("复议期限届满前10日提醒", reminded.Reason);
        Assert.Equal([10], reminded.Next.RemindedDaysBefore);
        Assert.Equal([new DeadlineNear("rc-1", 10, asked.Next.DeadlineAt)], reminded.Events);
        Assert.Null(reminded.Next.Reminded([10, 3], ChinaTime.DateOf(asked.Next.DeadlineAt).AddDays(-5)));

        var granted = reminded.Next.ApprovalEnded("ap-x", true, null, Now, 30)!;
        Assert.Equal(("区长批准延长复议期限", asked.Next.DeadlineAt.AddDays(30)), (granted.Reason, granted.Next.DeadlineAt));
        Assert.Empty(granted.Next.RemindedDaysBefore);
        var refused = reminded.Next.ApprovalEnded("ap-x", false, null, Now, 30)!;
        Assert.Equal("延期未获批准", refused.Reason);
        Assert.Equal([10], refused.Next.RemindedDaysBefore);
    }
}
