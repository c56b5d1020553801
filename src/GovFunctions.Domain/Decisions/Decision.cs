using GovFunctions.Approvals;
namespace GovFunctions.Decisions;

/// <summary>The matters Art. 15 requires to be decided collectively, and "other".</summary>
public enum DecisionCategory { DevelopmentPlanBudget, MacroControlReform, LivelihoodStability, LargeFundUse, MajorProject, SocialManagement, Other }

public enum DecisionStatus { Draft, InReview, Scheduled, Adopted, Amended, Rejected, Deferred }

/// <summary>A gate's progress when it is an approval run through the engine (legality review, consultation).</summary>
public enum ReviewState { NotStarted, Pending, Passed, Failed }

public enum MeetingType { Plenary, Executive }

public enum MeetingResult { Adopted, Rejected, Amended, Deferred }

public enum EvidenceKind { Research, ExpertAssessment, LegalAnalysis, LowerLevelOpinions }

/// <summary>What the sponsor typed.</summary>
public sealed record DecisionIntake(
    string? Title,
    DecisionCategory? Category,
    string? Summary,
    string? SponsorDepartmentId,
    List<string>? ConsultDepartmentIds,
    bool TouchesLowerLevels,
    bool PublicInterest,
    bool HearingRequired,
    bool Confidential,
    string? ConfidentialReason);

/// <summary>A piece of evidence (Art. 16, 17): research, an expert assessment, a legal analysis, lower levels' opinions.</summary>
public sealed record Evidence(EvidenceKind Kind, string Summary, string By, DateOnly Date, string RecordedById);

/// <summary>Public comment (Art. 17): the period, how many comments, what they said, and why any were not adopted.</summary>
public sealed record PublicComment(DateOnly Start, DateOnly End, int Comments, string Summary, string? ReasonsNotAdopted);

/// <summary>A hearing (Art. 17): when, who took part, what was said.</summary>
public sealed record Hearing(DateOnly Date, string Participants, string TranscriptSummary);

public sealed record Review(ReviewState State, string? ApprovalId = null, string? Comment = null)
{
    public static readonly Review NotStarted = new(ReviewState.NotStarted);
}

/// <summary>The meeting's outcome as data: meeting, date, who attended (quorum), the result and the minutes.</summary>
public sealed record MeetingOutcome(MeetingType Meeting, DateOnly Date, IReadOnlyList<string> AttendeeIds, MeetingResult Result, string Minutes, string RecordedById);

/// <summary>Post-implementation evaluation (Art. 18).</summary>
public sealed record Evaluation(DateTimeOffset OpenedAt, string? Findings = null, string? RecordedById = null, DateTimeOffset? RecordedAt = null);

/// <summary>
/// A major administrative decision (重大行政决策, Art. 5, 15–19): its gates, its meeting, its publication (Art. 40–41)
/// and its evaluation (Art. 18). Every operation returns a <see cref="Transition{T}"/> (next state, the history's reason,
/// events); illegal moves throw <see cref="StateConflictException"/>; what the rules refuse is decided by
/// <see cref="DecisionRules"/>, each refusal naming its article.
/// </summary>
public sealed record Decision(
    string Id,
    string Title,
    DecisionCategory Category,
    string Summary,
    string SponsorDepartmentId,
    IReadOnlyList<string> ConsultDepartmentIds,
    bool TouchesLowerLevels,
    bool PublicInterest,
    bool HearingRequired,
    bool Confidential,
    string? ConfidentialReason,
    string CreatedById,
    DateTimeOffset CreatedAt,
    DecisionStatus Status) : IStateful
{
    /// <summary>The feature name its approvals carry (stored with every approval: never renamed).</summary>
    public const string ApprovalFeature = "decision";

    public const string LegalityStep = "区政府法制机构合法性审查";
    public const string ConsultationStep = "相关部门会签";

    public Review LegalityReview { get; init; } = Review.NotStarted;
    public Review Consultation { get; init; } = Review.NotStarted;
    public IReadOnlyList<Evidence> Evidence { get; init; } = [];
    public PublicComment? PublicComment { get; init; }
    public Hearing? Hearing { get; init; }
    public MeetingType? ScheduledMeeting { get; init; }
    public DateOnly? ScheduledDate { get; init; }
    public MeetingOutcome? Outcome { get; init; }
    public DateTimeOffset? AdoptedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? EvaluationDueAt { get; init; }
    public Evaluation? Evaluation { get; init; }

    public static string StateName(DecisionStatus s) => s switch
    {
        DecisionStatus.InReview => "inReview",
        _ => s.ToString().ToLowerInvariant(),
    };

    string IStateful.StateName => StateName(Status);

    public bool IsAdopted => Status is DecisionStatus.Adopted or DecisionStatus.Amended;

    /// <summary>The first state (登记), from an intake <see cref="DecisionRules.Validate"/> has checked.</summary>
    public static Transition<Decision> Register(string id, DecisionIntake i, string createdById, DateTimeOffset now) =>
        Transition<Decision>.To(new Decision(id, i.Title!.Trim(), i.Category!.Value, i.Summary!.Trim(), i.SponsorDepartmentId!,
            (i.ConsultDepartmentIds ?? []).Distinct().ToList(), i.TouchesLowerLevels, i.PublicInterest, i.HearingRequired,
            i.Confidential, i.Confidential ? i.ConfidentialReason!.Trim() : null, createdById, now, DecisionStatus.Draft),
            "登记决策事项", new DecisionRegistered(id));

    /// <summary>
    /// Submitted: the legality review (when not passed yet) and the consultations (when an id is given and not passed yet)
    /// start, again after a failed round; each round is an approval asked of the engine (<see cref="ReviewRequested"/>).
    /// </summary>
    public Transition<Decision> Submit(string legalityApprovalId, string? consultationApprovalId, OrgChart org)
    {
        if (Status is not (DecisionStatus.Draft or DecisionStatus.InReview or DecisionStatus.Deferred)
            || LegalityReview.State == ReviewState.Pending || Consultation.State == ReviewState.Pending)
            throw Conflict("只有草稿或审查未通过的决策事项可以提交审查", "only a draft, or a decision whose review failed, can be submitted");
        var events = new List<IDomainEvent>();
        var legality = LegalityReview;
        if (legality.State != ReviewState.Passed)
        {
            legality = new Review(ReviewState.Pending, legalityApprovalId);
            events.Add(new ReviewRequested(Id, Request(org, legalityApprovalId, "合法性审查",
                new StepSpec(LegalityStep, StepKind.Single, [org.HeadOf(org.LegalOffice.Id).Id]))));
        }
        var consultation = Consultation;
        if (consultationApprovalId is not null && consultation.State != ReviewState.Passed)
        {
            consultation = new Review(ReviewState.Pending, consultationApprovalId);
            events.Add(new ReviewRequested(Id, Request(org, consultationApprovalId, "征求相关部门意见",
                new StepSpec(ConsultationStep, StepKind.Countersign, ConsultDepartmentIds.Select(x => org.HeadOf(x).Id).ToList()))));
        }
        return new(this with { Status = DecisionStatus.InReview, LegalityReview = legality, Consultation = consultation },
            "提交合法性审查" + (consultationApprovalId is null ? "" : "并征求相关部门意见（会签）"), events);
    }

    public bool NeedsLegalityRound => LegalityReview.State != ReviewState.Passed;
    public bool NeedsConsultationRound => ConsultDepartmentIds.Count > 0 && Consultation.State != ReviewState.Passed;

    /// <summary>A gate's approval ended; <paramref name="comment"/> gathers the objections, if any.</summary>
    public Transition<Decision> Reviewed(string approvalId, bool passed, string? comment)
    {
        var outcome = (passed ? "通过" : "未通过") + (comment is null ? "" : $"（{comment}）");
        var state = passed ? ReviewState.Passed : ReviewState.Failed;
        var done = new ReviewRecorded(Id, approvalId, passed);
        if (LegalityReview.ApprovalId == approvalId && LegalityReview.State == ReviewState.Pending)
            return Transition<Decision>.To(this with { LegalityReview = LegalityReview with { State = state, Comment = comment } },
                $"{LegalityStep}：{outcome}", done);
        if (Consultation.ApprovalId == approvalId && Consultation.State == ReviewState.Pending)
            return Transition<Decision>.To(this with { Consultation = Consultation with { State = state, Comment = comment } },
                $"{ConsultationStep}：{outcome}", done);
        throw Conflict("该审查结果已记录", "this review's result is already recorded");
    }

    /// <summary>The most evidence entries a decision keeps: with every text at its maximum the record still fits one table row.</summary>
    public const int MaxEvidence = 30;

    public Transition<Decision> WithEvidence(Evidence evidence) =>
        !Editable ? throw NotEditable()
        : Evidence.Count >= MaxEvidence ? throw ValidationException.For("evidence", $"每项决策最多登记{MaxEvidence}份论证材料，请合并后补充",
            $"a decision keeps at most {MaxEvidence} evidence entries")
        : Transition<Decision>.To(this with { Evidence = [.. Evidence, evidence] },
            $"补充材料：{DecisionRules.EvidenceName(evidence.Kind)}（{evidence.By}）");

    public Transition<Decision> WithPublicComment(PublicComment c) => Editable
        ? Transition<Decision>.To(this with { PublicComment = c }, $"公开征求意见 {c.Start:yyyy-MM-dd} 至 {c.End:yyyy-MM-dd}，收到 {c.Comments} 条")
        : throw NotEditable();

    public Transition<Decision> WithHearing(Hearing hearing) => Editable
        ? Transition<Decision>.To(this with { Hearing = hearing }, $"举行听证（{hearing.Date:yyyy-MM-dd}）")
        : throw NotEditable();

    /// <summary>The refused attempt to put it on an agenda, in its history: the state stays, the open gates are named (Art. 19).</summary>
    public Transition<Decision> AgendaRefusedFor(IReadOnlyList<OpenGate> open) => open.Count > 0
        ? Transition<Decision>.To(this,
            $"拒绝排入会议议程并记录问责（第十九条）：{string.Join("；", open.Select(g => $"{g.Gate}（{g.Article}）"))}",
            new AgendaRefused(Id, open))
        : throw Conflict("各项前置程序均已完成", "no gate is open");

    public Transition<Decision> Schedule(MeetingType meeting, DateOnly date) =>
        Status is DecisionStatus.InReview or DecisionStatus.Deferred or DecisionStatus.Scheduled
            ? Transition<Decision>.To(this with { Status = DecisionStatus.Scheduled, ScheduledMeeting = meeting, ScheduledDate = date },
                $"排入{DecisionRules.MeetingName(meeting)}议程（{date:yyyy-MM-dd}）", new DecisionScheduled(Id, meeting, date))
            : throw Conflict("该决策事项不能排入会议议程", "this decision cannot be put on an agenda now");

    /// <summary>The meeting's outcome; an adopted decision is published unless confidential and its implementation supervised.</summary>
    public Transition<Decision> Decided(MeetingOutcome outcome, DateTimeOffset now, TimeSpan evaluationAfter, Attendance attendance)
    {
        if (Status != DecisionStatus.Scheduled)
            throw Conflict("只有已排入会议议程的决策事项可以记录会议结果", "only a scheduled decision takes a meeting outcome");
        var next = outcome.Result switch
        {
            MeetingResult.Adopted or MeetingResult.Amended => this with
            {
                Status = outcome.Result == MeetingResult.Adopted ? DecisionStatus.Adopted : DecisionStatus.Amended,
                Outcome = outcome,
                AdoptedAt = now,
                EvaluationDueAt = now + evaluationAfter,
            },
            MeetingResult.Rejected => this with { Status = DecisionStatus.Rejected, Outcome = outcome },
            _ => this with { Status = DecisionStatus.Deferred, Outcome = outcome, ScheduledMeeting = null, ScheduledDate = null },
        };
        var reason = $"{DecisionRules.MeetingName(outcome.Meeting)}（{outcome.Date:yyyy-MM-dd}，"
            + $"出席 {attendance.Present}/{attendance.Members}）："
            + DecisionRules.ResultName(outcome.Result)
            + (next.IsAdopted && next.Confidential ? $"；依法不予公开：{next.ConfidentialReason}" : "");
        return Transition<Decision>.To(next, reason,
            new DecisionMade(Id, outcome.Result, next.IsAdopted, DecisionRules.PublicEntryOf(next) is not null));
    }

    /// <summary>Published (Art. 40–41), once.</summary>
    public Transition<Decision> Published(DateTimeOffset at) =>
        IsAdopted && !Confidential && PublishedAt is null
            ? Transition<Decision>.To(this with { PublishedAt = at }, "向社会公开（第四十条、第四十一条）", new DecisionPublished(Id))
            : throw Conflict("该决策事项不能公开", "this decision is not to be published");

    public Transition<Decision> EvaluationOpened(DateTimeOffset at) =>
        !IsAdopted ? throw Conflict("决策尚未通过，无需评估", "only an adopted decision is evaluated")
        : Evaluation is not null ? throw Conflict("评估已开启", "the evaluation is already open")
        : Transition<Decision>.To(this with { Evaluation = new Evaluation(at) }, "开启实施后评估（第十八条）", new EvaluationDue(Id));

    /// <summary>The evaluation timer's step: opens the evaluation once it falls due, else nothing (null).</summary>
    public Transition<Decision>? EvaluationOpenedIfDue(DateTimeOffset now) =>
        IsAdopted && Evaluation is null && EvaluationDueAt is { } due && due <= now ? EvaluationOpened(now) : null;

    public Transition<Decision> EvaluationRecorded(string findings, string by, DateTimeOffset at) => Evaluation is { Findings: null } e
        ? Transition<Decision>.To(this with { Evaluation = e with { Findings = findings, RecordedById = by, RecordedAt = at } },
            "记录实施后评估结论（第十八条）", new EvaluationFindingsRecorded(Id))
        : throw Conflict("评估尚未开启或已记录", "no evaluation is open for findings");

    private ApprovalRequest Request(OrgChart org, string approvalId, string what, StepSpec step) =>
        new(approvalId, ApprovalFeature, Id, $"{what}：{Title}", CreatedById, DecisionRules.Facts(org, this), [step], [])
        {
            NotifyOutcome = true,
        };

    private bool Editable =>
        Status is DecisionStatus.Draft or DecisionStatus.InReview or DecisionStatus.Deferred or DecisionStatus.Scheduled;

    private static StateConflictException NotEditable() => Conflict("决策已作出，不能再补充论证材料", "the decision is made; its record is closed");

    private static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}
