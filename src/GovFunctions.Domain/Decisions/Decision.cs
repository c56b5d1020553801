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
/// and its evaluation (Art. 18). Transitions check the state and throw <see cref="StateConflictException"/>; what the
/// rules refuse is decided by <see cref="DecisionRules"/>, each refusal naming its article.
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
    DecisionStatus Status)
{
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

    public bool IsAdopted => Status is DecisionStatus.Adopted or DecisionStatus.Amended;

    /// <summary>Submitted: the legality review and the consultations start (again, after a failed round).</summary>
    public Decision Submit(string legalityApprovalId, string? consultationApprovalId)
    {
        if (Status is not (DecisionStatus.Draft or DecisionStatus.InReview or DecisionStatus.Deferred)
            || LegalityReview.State == ReviewState.Pending || Consultation.State == ReviewState.Pending)
            throw Conflict("只有草稿或审查未通过的决策事项可以提交审查", "only a draft, or a decision whose review failed, can be submitted");
        return this with
        {
            Status = DecisionStatus.InReview,
            LegalityReview = LegalityReview.State == ReviewState.Passed ? LegalityReview : new Review(ReviewState.Pending, legalityApprovalId),
            Consultation = consultationApprovalId is null ? Consultation
                : Consultation.State == ReviewState.Passed ? Consultation : new Review(ReviewState.Pending, consultationApprovalId),
        };
    }

    public bool NeedsLegalityRound => LegalityReview.State != ReviewState.Passed;
    public bool NeedsConsultationRound => ConsultDepartmentIds.Count > 0 && Consultation.State != ReviewState.Passed;

    public Decision Reviewed(string approvalId, bool passed, string? comment)
    {
        if (LegalityReview.ApprovalId == approvalId && LegalityReview.State == ReviewState.Pending)
            return this with { LegalityReview = LegalityReview with { State = passed ? ReviewState.Passed : ReviewState.Failed, Comment = comment } };
        if (Consultation.ApprovalId == approvalId && Consultation.State == ReviewState.Pending)
            return this with { Consultation = Consultation with { State = passed ? ReviewState.Passed : ReviewState.Failed, Comment = comment } };
        throw Conflict("该审查结果已记录", "this review's result is already recorded");
    }

    /// <summary>The most evidence entries a decision keeps: with every text at its maximum the record still fits one table row.</summary>
    public const int MaxEvidence = 30;

    public Decision WithEvidence(Evidence evidence) =>
        !Editable ? throw NotEditable()
        : Evidence.Count >= MaxEvidence ? throw ValidationException.For("evidence", $"每项决策最多登记{MaxEvidence}份论证材料，请合并后补充",
            $"a decision keeps at most {MaxEvidence} evidence entries")
        : this with { Evidence = [.. Evidence, evidence] };

    public Decision WithPublicComment(PublicComment comment) => Editable ? this with { PublicComment = comment } : throw NotEditable();

    public Decision WithHearing(Hearing hearing) => Editable ? this with { Hearing = hearing } : throw NotEditable();

    public Decision Schedule(MeetingType meeting, DateOnly date) =>
        Status is DecisionStatus.InReview or DecisionStatus.Deferred or DecisionStatus.Scheduled
            ? this with { Status = DecisionStatus.Scheduled, ScheduledMeeting = meeting, ScheduledDate = date }
            : throw Conflict("该决策事项不能排入会议议程", "this decision cannot be put on an agenda now");

    public Decision Decided(MeetingOutcome outcome, DateTimeOffset now, TimeSpan evaluationAfter) => Status == DecisionStatus.Scheduled
        ? outcome.Result switch
        {
            MeetingResult.Adopted or MeetingResult.Amended => this with
            {
                Status = outcome.Result == MeetingResult.Adopted ? DecisionStatus.Adopted : DecisionStatus.Amended,
                Outcome = outcome, AdoptedAt = now, EvaluationDueAt = now + evaluationAfter,
            },
            MeetingResult.Rejected => this with { Status = DecisionStatus.Rejected, Outcome = outcome },
            _ => this with { Status = DecisionStatus.Deferred, Outcome = outcome, ScheduledMeeting = null, ScheduledDate = null },
        }
        : throw Conflict("只有已排入会议议程的决策事项可以记录会议结果", "only a scheduled decision takes a meeting outcome");

    public Decision Published(DateTimeOffset at) => IsAdopted && !Confidential && PublishedAt is null
        ? this with { PublishedAt = at }
        : throw Conflict("该决策事项不能公开", "this decision is not to be published");

    public Decision EvaluationOpened(DateTimeOffset at) =>
        !IsAdopted ? throw Conflict("决策尚未通过，无需评估", "only an adopted decision is evaluated")
        : Evaluation is not null ? throw Conflict("评估已开启", "the evaluation is already open")
        : this with { Evaluation = new Evaluation(at) };

    public Decision EvaluationRecorded(string findings, string by, DateTimeOffset at) => Evaluation is { Findings: null } e
        ? this with { Evaluation = e with { Findings = findings, RecordedById = by, RecordedAt = at } }
        : throw Conflict("评估尚未开启或已记录", "no evaluation is open for findings");

    private bool Editable => Status is DecisionStatus.Draft or DecisionStatus.InReview or DecisionStatus.Deferred or DecisionStatus.Scheduled;

    private static StateConflictException NotEditable() => Conflict("决策已作出，不能再补充论证材料", "the decision is made; its record is closed");

    private static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}
