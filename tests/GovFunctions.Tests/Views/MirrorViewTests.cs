using System.Text.Json;
using GovFunctions.Accountability;
using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Hotline;
using GovFunctions.Legal;
using GovFunctions.Records;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;

namespace GovFunctions.Tests.Views;

/// <summary>
/// Where a view stands in for a domain record that used to go on the wire as it was (issue 9), its JSON is the JSON that record
/// wrote, for records with every optional part filled in (the flow captures in this folder leave some out: an evaluation, a
/// granted extension, a completion's verification).
/// </summary>
public class MirrorViewTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-25T10:00:00+08:00");
    private static readonly DateOnly Day = new(2026, 11, 25);

    private static void Same(object before, object view) => Assert.Equal(Json(before), Json(view));

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), GovFunctions.Platform.Json.Options);

    [Fact]
    public void AFullDecision_WritesWhatTheDecisionRecordWrote()
    {
        var d = new Decision("d1", "计划", DecisionCategory.MajorProject, "概要", "dev-reform", ["finance"], true, true, true, true, "涉密",
            "ma-zhiqiang", At, DecisionStatus.Adopted)
        {
            LegalityReview = new Review(ReviewState.Passed, "ap1", "合法"), Consultation = new Review(ReviewState.Failed, "ap2", "反对"),
            Evidence = [new Evidence(EvidenceKind.ExpertAssessment, "论证", "专家组", Day, "ma-zhiqiang")],
            PublicComment = new PublicComment(Day, Day.AddDays(30), 3, "意见", null), Hearing = new Hearing(Day, "代表", "笔录"),
            ScheduledMeeting = MeetingType.Plenary, ScheduledDate = Day,
            Outcome = new MeetingOutcome(MeetingType.Plenary, Day, ["lin-jianguo"], MeetingResult.Amended, "纪要", "sun-huimin"),
            AdoptedAt = At, PublishedAt = At.AddHours(1), EvaluationDueAt = At.AddYears(1),
            Evaluation = new Evaluation(At.AddYears(1), "评估", "ma-zhiqiang", At.AddYears(1).AddDays(3)),
        };
        Same(d, DecisionRecordView.From(d));
        var entry = new PublicEntry("d1", "计划", DecisionCategory.Other, "概要", MeetingType.Executive, Day, MeetingResult.Adopted, At);
        Same(entry, PublicEntryView.From(entry));
    }

    [Fact]
    public void AFullDocumentAndReconsideration_WriteWhatTheirRecordsWrote()
    {
        var doc = new NormativeDocument("nd1", "办法", "内容", "finance", ["housing"], ["housing"], "huang-xiuying", At, DocumentStatus.Filed)
        {
            LegalReview = new Review(ReviewState.Passed, "ap1", "同意"), PublishedAt = At, FilingDueAt = At.AddDays(20),
            FiledAt = At.AddDays(21),
            FiledOnTime = false, FilingRemindedAt = At.AddDays(17), LateFlaggedAt = At.AddDays(21),
        };
        Same(doc, NormativeDocumentRecordView.From(doc));
        var r = new Reconsideration("rc1", "某公司", "某局", "撤销", At, "qin-hao", At.AddDays(60), ReconsiderationStatus.Decided)
        {
            Proposal = "维持", SignOffApprovalId = "ap3", ReturnedComment = "补充", DecidedAt = At.AddDays(50), Extended = true,
            ExtensionApprovalId = "ap4", ExtensionReason = "复杂", RemindedDaysBefore = [10, 3],
        };
        Same(r, ReconsiderationRecordView.From(r));
    }

    [Fact]
    public void TheSupervisionParts_HistoryCountsAndProposals_WriteWhatTheirRecordsWrote()
    {
        var progress = new ProgressReport(At, "education", "wu-jianping", "进展", 40, true);
        Same(progress, ProgressReportView.From(progress));
        var completion = new CompletionReport(At, "wu-jianping", "办结", false, "bai-xue", "缺材料") { DueDate = Day };
        Same(completion, CompletionReportView.From(completion));
        var extension = new Extension(Day, Day.AddDays(20), "受阻", "wu-jianping", At, "chen-siyuan", "ap5", ExtensionState.Granted, "同意");
        Same(extension, ExtensionView.Of(extension));
        var warning = new SentWarning(WarningStage.YellowBehind, "yellow:2026-11-25", At);
        Same(warning, SentWarningView.From(warning));
        Same(new[] { new Milestone("选址", Day) }, MilestoneView.List([new Milestone("选址", Day)]));

        var history = new HistoryEntry(At, "system", "系统", "assigned", "acknowledged", "签收");
        Same(history, HistoryEntryView.From(history));
        var counts = new CallCounts(9, 1, 2, 3, 4, 5, 4, 3, 1, 1, 1);
        Same(counts, CallCountsView.From(counts));
        var entry = new AccountabilityEntry("e1", "supervision", "s1", "事项", "第三十二条", "wu-jianping", "office", At, At.AddDays(10),
            ProposalState.Proposed)
        { Proposal = new AccountabilityProposal("sun-huimin", "通报", "逾期", At) };
        Same(entry.Proposal, AccountabilityEntryView.From(entry).Proposal!);
        var score = new DepartmentScoreView("housing", "区住建局", new Dictionary<string, double?> { ["hotlineSatisfaction"] = 75 },
            new Dictionary<string, Tally> { ["hotlineSatisfaction"] = new(3, 4), ["reportsOnTime"] = new(0, 0) }, 80.5, 2);
        Same(score, DepartmentScorecardView.From(score));
    }
}
