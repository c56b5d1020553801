using GovFunctions.Approvals;
using GovFunctions.Common;
using GovFunctions.Decisions;
using Decision = GovFunctions.Decisions.Decision;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// What each decision transition raises and names in its history: the events are what the service turns into messages (engine
/// starts, publication, supervision, the evaluation email), the reasons are the history's words.
/// </summary>
public class DecisionEventTests
{
    private static readonly DateTimeOffset Now = DecisionSamples.Now;
    private static readonly Organization.OrgChart Org = DecisionSamples.Org;

    [Fact]
    public void Register_IsADraft_TrimmedAndDeduplicated_AndRaisesRegistered()
    {
        var t = Decision.Register("dc-1", new DecisionIntake(" 标题 ", DecisionCategory.Other, " 概要 ", "housing", ["finance", "finance"],
            false, false, false, true, " 涉密 "), "gao-feng", Now);

        Assert.Equal(("标题", "概要", DecisionStatus.Draft, "涉密"), (t.Next.Title, t.Next.Summary, t.Next.Status, t.Next.ConfidentialReason));
        Assert.Equal(["finance"], t.Next.ConsultDepartmentIds);
        Assert.Equal("登记决策事项", t.Reason);
        Assert.Equal([new DecisionRegistered("dc-1")], t.Events);
    }

    [Fact]
    public void Submit_AsksTheEngineForTheLegalityReviewAndTheCountersignedConsultation()
    {
        var t = DecisionSamples.Draft(["finance", "education"]).Submit("L1", "C1", Org);

        var requests = t.Events.Cast<ReviewRequested>().Select(e => e.Request).ToList();
        Assert.Equal(["L1", "C1"], requests.Select(r => r.Id));
        Assert.All(requests, r =>
            Assert.Equal((Decision.ApprovalFeature, "dec-20260101-0001", true), (r.Feature, r.SubjectId, r.NotifyOutcome)));
        Assert.Equal((Decision.LegalityStep, StepKind.Single), (requests[0].Steps.Single().Name, requests[0].Steps.Single().Kind));
        Assert.Equal([Org.HeadOf(Org.LegalOffice.Id).Id], requests[0].Steps.Single().ApproverIds);
        Assert.Equal((Decision.ConsultationStep, StepKind.Countersign), (requests[1].Steps.Single().Name, requests[1].Steps.Single().Kind));
        Assert.Equal([Org.HeadOf("finance").Id, Org.HeadOf("education").Id], requests[1].Steps.Single().ApproverIds);
        Assert.Equal("提交合法性审查并征求相关部门意见（会签）", t.Reason);
    }

    [Fact]
    public void Resubmit_AfterOnlyTheConsultationFailed_AsksForTheConsultationAlone()
    {
        var failed = DecisionSamples.Draft(["finance"]).Submit("L1", "C1", Org).Next
            .Reviewed("L1", true, null).Next.Reviewed("C1", false, "区财政局：不同意").Next;

        var t = failed.Submit("", "C2", Org);

        Assert.Equal(["C2"], t.Events.Cast<ReviewRequested>().Select(e => e.Request.Id));
    }

    [Fact]
    public void Reviewed_NamesTheGateAndTheObjections_AndRaisesTheResult()
    {
        var submitted = DecisionSamples.Draft(["finance"]).Submit("L1", "C1", Org).Next;

        var legality = submitted.Reviewed("L1", true, null);
        var consultation = legality.Next.Reviewed("C1", false, "区财政局：资金来源不明确");

        Assert.Equal("区政府法制机构合法性审查：通过", legality.Reason);
        Assert.Equal("相关部门会签：未通过（区财政局：资金来源不明确）", consultation.Reason);
        Assert.Equal([new ReviewRecorded(submitted.Id, "C1", false)], consultation.Events);
    }

    [Fact]
    public void AgendaRefused_KeepsTheState_NamesEveryOpenGate_AndRaisesTheFlag_Art19()
    {
        var draft = DecisionSamples.Draft();
        var open = DecisionRules.OpenGates(draft, DecisionSamples.Today, DecisionSamples.MinimumCommentDays);

        var t = draft.AgendaRefusedFor(open);

        Assert.Same(draft, t.Next);
        Assert.StartsWith("拒绝排入会议议程并记录问责（第十九条）：legalityReview（", t.Reason);
        Assert.Equal(open, Assert.IsType<AgendaRefused>(Assert.Single(t.Events)).Gates);
        Assert.Throws<StateConflictException>(() => DecisionSamples.Ready().AgendaRefusedFor([]));
    }

    [Theory]
    [InlineData(MeetingResult.Adopted, false, true, true)]
    [InlineData(MeetingResult.Adopted, true, true, false)] // confidential: supervised, never published (Art. 40)
    [InlineData(MeetingResult.Amended, false, true, true)]
    [InlineData(MeetingResult.Rejected, false, false, false)]
    [InlineData(MeetingResult.Deferred, false, false, false)]
    public void Decided_RaisesWhetherItIsAdoptedAndPublic(MeetingResult result, bool confidential, bool adopted, bool isPublic)
    {
        var t = DecisionSamples.Scheduled(confidential).Decided(DecisionSamples.Outcome(result), Now, TimeSpan.FromDays(365),
            new Attendance(4, 7));

        Assert.Equal([new DecisionMade("dec-20260101-0001", result, adopted, isPublic)], t.Events);
        Assert.StartsWith($"区政府常务会议（{DecisionSamples.Today:yyyy-MM-dd}，出席 4/7）：{DecisionRules.ResultName(result)}", t.Reason);
        Assert.Equal(adopted && confidential, t.Reason.Contains("；依法不予公开：涉及国家秘密"));
    }

    [Fact]
    public void EvaluationOpenedIfDue_OpensOnlyOnceItFallsDue_AndRaisesTheReminder_Art18()
    {
        var adopted = DecisionSamples.Decided(MeetingResult.Adopted);

        Assert.Null(adopted.EvaluationOpenedIfDue(Now.AddDays(364)));
        var t = adopted.EvaluationOpenedIfDue(Now.AddDays(365))!;
        Assert.Equal(("开启实施后评估（第十八条）", Now.AddDays(365)), (t.Reason, t.Next.Evaluation!.OpenedAt));
        Assert.Equal([new EvaluationDue(adopted.Id)], t.Events);
        Assert.Null(t.Next.EvaluationOpenedIfDue(Now.AddDays(400)));
        Assert.Null(DecisionSamples.Decided(MeetingResult.Rejected).EvaluationOpenedIfDue(Now.AddDays(400)));
    }

    [Fact]
    public void Published_RaisesPublished_Once()
    {
        var t = DecisionSamples.Decided(MeetingResult.Adopted).Published(Now);

        Assert.Equal(("向社会公开（第四十条、第四十一条）", Now), (t.Reason, t.Next.PublishedAt));
        Assert.Equal([new DecisionPublished("dec-20260101-0001")], t.Events);
        Assert.Throws<StateConflictException>(() => t.Next.Published(Now));
    }

    [Fact]
    public void TheRecordSteps_NameWhatWasAdded_AndRaiseNothing()
    {
        var d = DecisionSamples.Draft();
        var evidence = d.WithEvidence(DecisionSamples.Evidence(EvidenceKind.ExpertAssessment));
        var comment = d.WithPublicComment(new PublicComment(DecisionSamples.Today, DecisionSamples.Today.AddDays(30), 3, "摘要", "全部采纳"));
        var hearing = d.WithHearing(new Hearing(DecisionSamples.Today, "居民代表", "赞成"));

        Assert.Equal("补充材料：专家论证评估（区发展研究中心）", evidence.Reason);
        Assert.Equal("公开征求意见 2026-03-10 至 2026-04-09，收到 3 条", comment.Reason);
        Assert.Equal("举行听证（2026-03-10）", hearing.Reason);
        Assert.All(new[] { evidence, comment, hearing }, t => Assert.Empty(t.Events));
    }
}
