using GovFunctions.Common;
using GovFunctions.Decisions;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The decision's state machine: submission to the legality review and consultation (Art. 15, 17), review results, the
/// meeting's agenda and outcome (Art. 5), publication (Art. 40–41) and the post-implementation evaluation (Art. 18).
/// Every refusal is a <see cref="StateConflictException"/>.
/// </summary>
public class DecisionTransitionTests
{
    private static readonly DateTimeOffset Now = DecisionSamples.Now;
    private static readonly DateOnly Today = DecisionSamples.Today;
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    /// <summary>Submits the way the service does: a new approval only for a round that is still needed.</summary>
    private static Decision SubmitLikeTheService(Decision d, string legalityId, string consultationId) =>
        d.Submit(d.NeedsLegalityRound ? legalityId : "", d.NeedsConsultationRound ? consultationId : null, DecisionSamples.Org).Next;

    private static Decision InStatus(DecisionStatus status) => DecisionSamples.Ready() with { Status = status };

    // ---- submission (Art. 15, 17) -----------------------------------------------------------------------------------

    [Fact]
    public void Submit_FromDraft_StartsTheLegalityReviewAndTheConsultation_Art15Art17()
    {
        var draft = DecisionSamples.Draft(["finance", "education"]);
        Assert.True(draft.NeedsLegalityRound);
        Assert.True(draft.NeedsConsultationRound);

        var d = SubmitLikeTheService(draft, "L1", "C1");

        Assert.Equal(DecisionStatus.InReview, d.Status);
        Assert.Equal(new Review(ReviewState.Pending, "L1"), d.LegalityReview);
        Assert.Equal(new Review(ReviewState.Pending, "C1"), d.Consultation);
    }

    [Fact]
    public void Submit_FromDraftWithNoDepartmentsToConsult_StartsOnlyTheLegalityReview_Art15Art17()
    {
        var draft = DecisionSamples.Draft([]);
        Assert.False(draft.NeedsConsultationRound);

        var d = SubmitLikeTheService(draft, "L1", "C1");

        Assert.Equal(DecisionStatus.InReview, d.Status);
        Assert.Equal(new Review(ReviewState.Pending, "L1"), d.LegalityReview);
        Assert.Equal(Review.NotStarted, d.Consultation);
    }

    [Fact]
    public void Submit_WhileTheLegalityReviewIsPending_IsRefused_Art15()
    {
        var d = SubmitLikeTheService(DecisionSamples.Draft(["finance"]), "L1", "C1").Reviewed("C1", true, null).Next;

        Assert.Throws<StateConflictException>(() => d.Submit("L2", null, DecisionSamples.Org).Next);
    }

    [Fact]
    public void Submit_WhileTheConsultationIsPending_IsRefused_Art17()
    {
        var d = SubmitLikeTheService(DecisionSamples.Draft(["finance"]), "L1", "C1").Reviewed("L1", true, null).Next;

        Assert.Throws<StateConflictException>(() => d.Submit("", "C2", DecisionSamples.Org).Next);
    }

    [Fact]
    public void Resubmit_AfterAFailedConsultation_KeepsThePassedLegalityReview_Art17()
    {
        var failed = SubmitLikeTheService(DecisionSamples.Draft(["finance"]), "L1", "C1")
            .Reviewed("L1", true, "合法").Next
            .Reviewed("C1", false, "区财政局：资金来源未落实").Next;
        Assert.False(failed.NeedsLegalityRound);
        Assert.True(failed.NeedsConsultationRound);

        var again = SubmitLikeTheService(failed, "L2", "C2");

        Assert.Equal(DecisionStatus.InReview, again.Status);
        Assert.Equal(new Review(ReviewState.Passed, "L1", "合法"), again.LegalityReview);
        Assert.Equal(new Review(ReviewState.Pending, "C2"), again.Consultation);
    }

    [Fact]
    public void Resubmit_EvenWithALegalityApprovalId_KeepsThePassedLegalityReview_Art15()
    {
        var failed = SubmitLikeTheService(DecisionSamples.Draft(["finance"]), "L1", "C1").Reviewed("L1", true, null).Next.Reviewed("C1", false, "不同意").Next;

        var again = failed.Submit("L2", "C2", DecisionSamples.Org).Next;

        Assert.Equal(new Review(ReviewState.Passed, "L1"), again.LegalityReview);
        Assert.Equal(new Review(ReviewState.Pending, "C2"), again.Consultation);
    }

    [Fact]
    public void Resubmit_AfterAFailedLegalityReview_StartsANewReviewAndKeepsThePassedConsultation_Art15()
    {
        var failed = SubmitLikeTheService(DecisionSamples.Draft(["finance"]), "L1", "C1")
            .Reviewed("C1", true, null).Next
            .Reviewed("L1", false, "与上位法抵触").Next;

        var again = SubmitLikeTheService(failed, "L2", "C2");

        Assert.Equal(new Review(ReviewState.Pending, "L2"), again.LegalityReview);
        Assert.Equal(new Review(ReviewState.Passed, "C1"), again.Consultation);
    }

    [Fact]
    public void Submit_AfterADeferral_GoesBackToReview_Art5()
    {
        var deferred = DecisionSamples.Decided(MeetingResult.Deferred);

        var d = deferred.Submit("L2", null, DecisionSamples.Org).Next;

        Assert.Equal(DecisionStatus.InReview, d.Status);
        Assert.Equal(ReviewState.Passed, d.LegalityReview.State);
    }

    [Theory]
    [InlineData(DecisionStatus.Scheduled)]
    [InlineData(DecisionStatus.Adopted)]
    [InlineData(DecisionStatus.Amended)]
    [InlineData(DecisionStatus.Rejected)]
    public void Submit_FromAScheduledOrDecidedDecision_IsRefused(DecisionStatus status)
    {
        Assert.Throws<StateConflictException>(() => InStatus(status).Submit("L2", "C2", DecisionSamples.Org).Next);
    }

    // ---- review results ---------------------------------------------------------------------------------------------

    [Fact]
    public void Reviewed_Passed_RecordsTheLegalityReviewOfThatApproval_Art15()
    {
        var d = SubmitLikeTheService(DecisionSamples.Draft(["finance"]), "L1", "C1").Reviewed("L1", true, "合法").Next;

        Assert.Equal(new Review(ReviewState.Passed, "L1", "合法"), d.LegalityReview);
        Assert.Equal(new Review(ReviewState.Pending, "C1"), d.Consultation);
    }

    [Fact]
    public void Reviewed_Failed_RecordsTheConsultationsObjection_Art17()
    {
        var d = SubmitLikeTheService(DecisionSamples.Draft(["finance"]), "L1", "C1").Reviewed("C1", false, "区财政局：资金来源未落实").Next;

        Assert.Equal(new Review(ReviewState.Failed, "C1", "区财政局：资金来源未落实"), d.Consultation);
        Assert.Equal(new Review(ReviewState.Pending, "L1"), d.LegalityReview);
    }

    [Fact]
    public void Reviewed_Failed_RecordsAFailedLegalityReview_Art15()
    {
        var d = SubmitLikeTheService(DecisionSamples.Draft([]), "L1", "C1").Reviewed("L1", false, "与上位法抵触").Next;

        Assert.Equal(new Review(ReviewState.Failed, "L1", "与上位法抵触"), d.LegalityReview);
    }

    [Fact]
    public void Reviewed_UnknownApproval_IsRefused()
    {
        var d = SubmitLikeTheService(DecisionSamples.Draft(["finance"]), "L1", "C1");

        Assert.Throws<StateConflictException>(() => d.Reviewed("X9", true, null).Next);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reviewed_ASecondResultForTheSameApproval_IsRefused(bool firstPassed)
    {
        var d = SubmitLikeTheService(DecisionSamples.Draft(["finance"]), "L1", "C1").Reviewed("L1", firstPassed, null).Next;

        Assert.Throws<StateConflictException>(() => d.Reviewed("L1", !firstPassed, null).Next);
        Assert.Throws<StateConflictException>(() => d.Reviewed("L1", firstPassed, null).Next);
    }

    [Fact]
    public void Reviewed_TheStaleApprovalOfAFailedRound_IsRefusedAfterResubmission()
    {
        var again = SubmitLikeTheService(DecisionSamples.Draft(["finance"]), "L1", "C1")
            .Reviewed("L1", true, null).Next.Reviewed("C1", false, "不同意").Next;
        again = SubmitLikeTheService(again, "L2", "C2");

        Assert.Throws<StateConflictException>(() => again.Reviewed("C1", true, null).Next);
        Assert.Equal(ReviewState.Passed, again.Reviewed("C2", true, null).Next.Consultation.State);
    }

    [Fact]
    public void Reviewed_BeforeAnySubmission_IsRefused()
    {
        Assert.Throws<StateConflictException>(() => DecisionSamples.Draft(["finance"]).Reviewed("L1", true, null).Next);
    }

    // ---- the meeting's agenda (Art. 5) ------------------------------------------------------------------------------

    [Theory]
    [InlineData(DecisionStatus.InReview)]
    [InlineData(DecisionStatus.Deferred)]
    [InlineData(DecisionStatus.Scheduled)]
    public void Schedule_FromReviewDeferralOrAnEarlierAgenda_PutsItOnTheMeeting_Art5(DecisionStatus status)
    {
        var d = InStatus(status).Schedule(MeetingType.Plenary, Today.AddDays(7)).Next;

        Assert.Equal(DecisionStatus.Scheduled, d.Status);
        Assert.Equal(MeetingType.Plenary, d.ScheduledMeeting);
        Assert.Equal(Today.AddDays(7), d.ScheduledDate);
    }

    [Theory]
    [InlineData(DecisionStatus.Draft)]
    [InlineData(DecisionStatus.Adopted)]
    [InlineData(DecisionStatus.Amended)]
    [InlineData(DecisionStatus.Rejected)]
    public void Schedule_FromADraftOrADecidedDecision_IsRefused_Art5(DecisionStatus status)
    {
        Assert.Throws<StateConflictException>(() => InStatus(status).Schedule(MeetingType.Executive, Today).Next);
    }

    [Fact]
    public void Schedule_AgainWhileScheduled_MovesTheMeeting_Art5()
    {
        var d = DecisionSamples.Scheduled().Schedule(MeetingType.Plenary, Today.AddDays(14)).Next;

        Assert.Equal(MeetingType.Plenary, d.ScheduledMeeting);
        Assert.Equal(Today.AddDays(14), d.ScheduledDate);
    }

    // ---- the meeting's outcome (Art. 5, 18) -------------------------------------------------------------------------

    [Theory]
    [InlineData(MeetingResult.Adopted, DecisionStatus.Adopted)]
    [InlineData(MeetingResult.Amended, DecisionStatus.Amended)]
    public void Decided_AdoptedOrAmended_SetsAdoptedAtAndTheEvaluationDueDate_Art5Art18(MeetingResult result, DecisionStatus expected)
    {
        var span = TimeSpan.FromDays(182) + TimeSpan.FromHours(3);
        var outcome = DecisionSamples.Outcome(result);

        var d = DecisionSamples.Scheduled().Decided(outcome, Now, span, DecisionSamples.Attended).Next;

        Assert.Equal(expected, d.Status);
        Assert.True(d.IsAdopted);
        Assert.Equal(outcome, d.Outcome);
        Assert.Equal(Now, d.AdoptedAt);
        Assert.Equal(Now + span, d.EvaluationDueAt);
        Assert.Null(d.PublishedAt);
        Assert.Null(d.Evaluation);
    }

    [Fact]
    public void Decided_Rejected_IsFinal_Art5()
    {
        var d = DecisionSamples.Decided(MeetingResult.Rejected);

        Assert.Equal(DecisionStatus.Rejected, d.Status);
        Assert.False(d.IsAdopted);
        Assert.Equal(MeetingResult.Rejected, d.Outcome?.Result);
        Assert.Null(d.AdoptedAt);
        Assert.Null(d.EvaluationDueAt);
        Assert.Throws<StateConflictException>(() => d.Submit("L2", "C2", DecisionSamples.Org).Next);
        Assert.Throws<StateConflictException>(() => d.Schedule(MeetingType.Executive, Today.AddDays(7)).Next);
        Assert.Throws<StateConflictException>(() => d.Decided(DecisionSamples.Outcome(MeetingResult.Adopted), Now, Year, DecisionSamples.Attended).Next);
        Assert.Throws<StateConflictException>(() => d.Published(Now).Next);
        Assert.Throws<StateConflictException>(() => d.EvaluationOpened(Now).Next);
        Assert.Throws<StateConflictException>(() => d.WithEvidence(DecisionSamples.Evidence(EvidenceKind.Research)).Next);
    }

    [Fact]
    public void Decided_Deferred_ClearsTheScheduleAndCanBeScheduledAgain_Art5()
    {
        var deferred = DecisionSamples.Decided(MeetingResult.Deferred);

        Assert.Equal(DecisionStatus.Deferred, deferred.Status);
        Assert.Null(deferred.ScheduledMeeting);
        Assert.Null(deferred.ScheduledDate);
        Assert.Null(deferred.AdoptedAt);
        Assert.Null(deferred.EvaluationDueAt);
        Assert.Equal(MeetingResult.Deferred, deferred.Outcome?.Result);
        Assert.Throws<StateConflictException>(() => deferred.Decided(DecisionSamples.Outcome(MeetingResult.Adopted), Now, Year, DecisionSamples.Attended).Next);

        var rescheduled = deferred.Schedule(MeetingType.Plenary, Today.AddDays(30)).Next;
        Assert.Equal(DecisionStatus.Scheduled, rescheduled.Status);
        Assert.Equal(MeetingType.Plenary, rescheduled.ScheduledMeeting);

        var adopted = rescheduled.Decided(DecisionSamples.Outcome(MeetingResult.Adopted, MeetingType.Plenary), Now.AddDays(30), Year, DecisionSamples.Attended).Next;
        Assert.Equal(DecisionStatus.Adopted, adopted.Status);
        Assert.Equal(Now.AddDays(30), adopted.AdoptedAt);
        Assert.Equal(MeetingType.Plenary, adopted.Outcome?.Meeting);
    }

    [Theory]
    [InlineData(DecisionStatus.Draft)]
    [InlineData(DecisionStatus.InReview)]
    [InlineData(DecisionStatus.Deferred)]
    [InlineData(DecisionStatus.Adopted)]
    [InlineData(DecisionStatus.Amended)]
    [InlineData(DecisionStatus.Rejected)]
    public void Decided_WhenNotScheduled_IsRefused_Art5(DecisionStatus status)
    {
        Assert.Throws<StateConflictException>(() => InStatus(status).Decided(DecisionSamples.Outcome(MeetingResult.Adopted), Now, Year, DecisionSamples.Attended).Next);
    }

    [Fact]
    public void Decided_ASecondOutcomeAfterAdoption_IsRefused_Art5()
    {
        var adopted = DecisionSamples.Decided(MeetingResult.Adopted);

        Assert.Throws<StateConflictException>(() => adopted.Decided(DecisionSamples.Outcome(MeetingResult.Rejected), Now, Year, DecisionSamples.Attended).Next);
    }

    // ---- publication (Art. 40, 41) ----------------------------------------------------------------------------------

    [Theory]
    [InlineData(MeetingResult.Adopted)]
    [InlineData(MeetingResult.Amended)]
    public void Published_AnAdoptedDecision_RecordsWhen_Art40(MeetingResult result)
    {
        var d = DecisionSamples.Decided(result).Published(Now.AddHours(1)).Next;

        Assert.Equal(Now.AddHours(1), d.PublishedAt);
    }

    [Fact]
    public void Published_Twice_IsRefused_Art40()
    {
        var d = DecisionSamples.Decided(MeetingResult.Adopted).Published(Now.AddHours(1)).Next;

        Assert.Throws<StateConflictException>(() => d.Published(Now.AddHours(2)).Next);
    }

    [Theory]
    [InlineData(MeetingResult.Adopted)]
    [InlineData(MeetingResult.Amended)]
    public void Published_AConfidentialDecision_IsRefused_Art40(MeetingResult result)
    {
        var d = DecisionSamples.Decided(result, confidential: true);

        Assert.True(d.IsAdopted);
        Assert.Throws<StateConflictException>(() => d.Published(Now).Next);
    }

    [Theory]
    [InlineData(DecisionStatus.Draft)]
    [InlineData(DecisionStatus.InReview)]
    [InlineData(DecisionStatus.Scheduled)]
    [InlineData(DecisionStatus.Deferred)]
    [InlineData(DecisionStatus.Rejected)]
    public void Published_ADecisionNotAdopted_IsRefused_Art40(DecisionStatus status)
    {
        Assert.Throws<StateConflictException>(() => InStatus(status).Published(Now).Next);
    }

    // ---- post-implementation evaluation (Art. 18) -------------------------------------------------------------------

    [Fact]
    public void EvaluationOpened_OnAnAdoptedDecision_OpensIt_Art18()
    {
        var d = DecisionSamples.Decided(MeetingResult.Amended).EvaluationOpened(Now.AddDays(365)).Next;

        Assert.Equal(new Evaluation(Now.AddDays(365)), d.Evaluation);
    }

    [Fact]
    public void EvaluationOpened_Twice_IsRefused_Art18()
    {
        var d = DecisionSamples.Decided(MeetingResult.Adopted).EvaluationOpened(Now.AddDays(365)).Next;

        Assert.Throws<StateConflictException>(() => d.EvaluationOpened(Now.AddDays(366)).Next);
    }

    [Theory]
    [InlineData(DecisionStatus.Draft)]
    [InlineData(DecisionStatus.InReview)]
    [InlineData(DecisionStatus.Scheduled)]
    [InlineData(DecisionStatus.Deferred)]
    [InlineData(DecisionStatus.Rejected)]
    public void EvaluationOpened_OnADecisionNotAdopted_IsRefused_Art18(DecisionStatus status)
    {
        Assert.Throws<StateConflictException>(() => InStatus(status).EvaluationOpened(Now).Next);
    }

    [Fact]
    public void EvaluationRecorded_BeforeItIsOpened_IsRefused_Art18()
    {
        Assert.Throws<StateConflictException>(() =>
            DecisionSamples.Decided(MeetingResult.Adopted).EvaluationRecorded("已完成改造 120 个小区", DecisionSamples.Creator, Now).Next);
    }

    [Fact]
    public void EvaluationRecorded_OnceOpened_RecordsTheFindings_AndOnlyOnce_Art18()
    {
        var opened = DecisionSamples.Decided(MeetingResult.Adopted).EvaluationOpened(Now.AddDays(365)).Next;

        var recorded = opened.EvaluationRecorded("已完成改造 120 个小区", DecisionSamples.Creator, Now.AddDays(400)).Next;

        Assert.Equal(new Evaluation(Now.AddDays(365), "已完成改造 120 个小区", DecisionSamples.Creator, Now.AddDays(400)), recorded.Evaluation);
        Assert.Throws<StateConflictException>(() => recorded.EvaluationRecorded("改写结论", DecisionSamples.Creator, Now.AddDays(401)).Next);
    }

    // ---- the record closes at the decision (Art. 16, 17) ------------------------------------------------------------

    [Theory]
    [InlineData(DecisionStatus.Draft)]
    [InlineData(DecisionStatus.InReview)]
    [InlineData(DecisionStatus.Scheduled)]
    [InlineData(DecisionStatus.Deferred)]
    public void EvidencePublicCommentAndHearing_BeforeTheDecision_AreRecorded_Art16Art17(DecisionStatus status)
    {
        var d = InStatus(status) with { Evidence = [], PublicComment = null, Hearing = null };
        var comment = new PublicComment(Today.AddDays(-30), Today.AddDays(-1), 3, "赞成", "全部采纳");
        var hearing = new Hearing(Today, "居民代表", "同意");

        var next = d.WithEvidence(DecisionSamples.Evidence(EvidenceKind.Research)).Next
            .WithEvidence(DecisionSamples.Evidence(EvidenceKind.LegalAnalysis)).Next
            .WithPublicComment(comment).Next
            .WithHearing(hearing).Next;

        Assert.Equal([EvidenceKind.Research, EvidenceKind.LegalAnalysis], next.Evidence.Select(e => e.Kind));
        Assert.Equal(comment, next.PublicComment);
        Assert.Equal(hearing, next.Hearing);
        Assert.Equal(status, next.Status);
    }

    [Theory]
    [InlineData(MeetingResult.Adopted)]
    [InlineData(MeetingResult.Amended)]
    [InlineData(MeetingResult.Rejected)]
    public void EvidencePublicCommentAndHearing_AfterTheDecision_AreRefused_Art16Art17(MeetingResult result)
    {
        var d = DecisionSamples.Decided(result);

        Assert.Throws<StateConflictException>(() => d.WithEvidence(DecisionSamples.Evidence(EvidenceKind.ExpertAssessment)).Next);
        Assert.Throws<StateConflictException>(() => d.WithPublicComment(new PublicComment(Today.AddDays(-30), Today, 1, "补录", null)).Next);
        Assert.Throws<StateConflictException>(() => d.WithHearing(new Hearing(Today, "补开", "补录")).Next);
    }

    // ---- the whole path ---------------------------------------------------------------------------------------------

    [Fact]
    public void TheWholePath_DraftToEvaluation_ClosesEveryGateOnTheWay()
    {
        var d = DecisionSamples.Draft(["finance"], touchesLowerLevels: true, publicInterest: true, hearingRequired: true);
        d = SubmitLikeTheService(d, "L1", "C1").Reviewed("L1", true, null).Next.Reviewed("C1", true, null).Next;
        d = d.WithEvidence(DecisionSamples.Evidence(EvidenceKind.Research)).Next
            .WithEvidence(DecisionSamples.Evidence(EvidenceKind.ExpertAssessment)).Next
            .WithEvidence(DecisionSamples.Evidence(EvidenceKind.LowerLevelOpinions)).Next
            .WithPublicComment(new PublicComment(Today.AddDays(-31), Today.AddDays(-1), 5, "赞成", "全部采纳")).Next
            .WithHearing(new Hearing(Today.AddDays(-2), "居民代表", "同意")).Next;
        Assert.Empty(DecisionRules.OpenGates(d, Today, DecisionSamples.MinimumCommentDays));

        d = d.Schedule(MeetingType.Executive, Today).Next.Decided(DecisionSamples.Outcome(MeetingResult.Adopted), Now, Year, DecisionSamples.Attended).Next
            .Published(Now.AddMinutes(5)).Next.EvaluationOpened(Now + Year).Next.EvaluationRecorded("效果良好", DecisionSamples.Creator, Now + Year).Next;

        Assert.Equal(DecisionStatus.Adopted, d.Status);
        Assert.Equal("效果良好", d.Evaluation?.Findings);
    }
}
