using GovFunctions.Records;

namespace GovFunctions.Decisions;

/// <summary>The answer of <c>POST /api/decisions</c>: the new decision's id and status.</summary>
public sealed record DecisionCreatedView(string Id, string Status, string StatusName)
{
    public static DecisionCreatedView From(Stored<Decision> stored) =>
        new(stored.Id, Decision.StateName(stored.Value.Status), StatusNames.Of(stored.Value.Status));
}

/// <summary>A decision with each gate's state and its history (<c>GET /api/decisions/{id}</c> and every action on it).</summary>
public sealed record DecisionView(DecisionRecordView Decision, string Status, string StatusName, IReadOnlyList<GateView> Gates,
    IReadOnlyList<HistoryEntryView> History, string? SupervisedItemId)
{
    public static DecisionView From(Decision d, IReadOnlySet<string> openGates, IEnumerable<HistoryEntry> history,
        string? supervisedItemId) =>
        new(DecisionRecordView.From(d), Decisions.Decision.StateName(d.Status), StatusNames.Of(d.Status), GateView.All(d, openGates),
            HistoryEntryView.List(history), supervisedItemId);
}

/// <summary>One gate of Art. 15–17 before a decision is scheduled: <c>open</c>, <c>passed</c> or <c>notRequired</c>.</summary>
public sealed record GateView(string Gate, string State)
{
    private static readonly string[] Gates = ["legalityReview", "research", "consultation", "lowerLevels", "publicComment", "hearing"];

    public static IReadOnlyList<GateView> All(Decision d, IReadOnlySet<string> open) =>
        Gates.Select(g => new GateView(g, Applies(d, g) ? (open.Contains(g) ? "open" : "passed") : "notRequired")).ToList();

    private static bool Applies(Decision d, string gate) => gate switch
    {
        "consultation" => d.ConsultDepartmentIds.Count > 0,
        "lowerLevels" => d.TouchesLowerLevels,
        "publicComment" => d.PublicInterest,
        "hearing" => d.HearingRequired,
        _ => true,
    };
}

/// <summary>The decision as recorded: what was proposed, its reviews, evidence, public comment, hearing, meeting and evaluation.</summary>
public sealed record DecisionRecordView(string Id, string Title, DecisionCategory Category, string Summary, string SponsorDepartmentId,
    IReadOnlyList<string> ConsultDepartmentIds, bool TouchesLowerLevels, bool PublicInterest, bool HearingRequired, bool Confidential,
    string? ConfidentialReason, string CreatedById, DateTimeOffset CreatedAt, DecisionStatus Status, ReviewView LegalityReview,
    ReviewView Consultation, IReadOnlyList<EvidenceView> Evidence, PublicCommentView? PublicComment, HearingView? Hearing,
    MeetingType? ScheduledMeeting, DateOnly? ScheduledDate, MeetingOutcomeView? Outcome, DateTimeOffset? AdoptedAt,
    DateTimeOffset? PublishedAt, DateTimeOffset? EvaluationDueAt, EvaluationView? Evaluation, bool IsAdopted, bool NeedsLegalityRound,
    bool NeedsConsultationRound)
{
    public static DecisionRecordView From(Decision d) => new(d.Id, d.Title, d.Category, d.Summary, d.SponsorDepartmentId,
        d.ConsultDepartmentIds, d.TouchesLowerLevels, d.PublicInterest, d.HearingRequired, d.Confidential, d.ConfidentialReason,
        d.CreatedById, d.CreatedAt, d.Status, ReviewView.From(d.LegalityReview), ReviewView.From(d.Consultation),
        d.Evidence.Select(EvidenceView.From).ToList(), PublicCommentView.From(d.PublicComment), HearingView.From(d.Hearing),
        d.ScheduledMeeting, d.ScheduledDate, MeetingOutcomeView.From(d.Outcome), d.AdoptedAt, d.PublishedAt, d.EvaluationDueAt,
        EvaluationView.From(d.Evaluation), d.IsAdopted, d.NeedsLegalityRound, d.NeedsConsultationRound);
}

/// <summary>A review run as an approval (a decision's legality review or consultation, a document's legal review).</summary>
public sealed record ReviewView(ReviewState State, string? ApprovalId, string? Comment)
{
    public static ReviewView From(Review r) => new(r.State, r.ApprovalId, r.Comment);
}

/// <summary>A piece of evidence (Art. 16, 17).</summary>
public sealed record EvidenceView(EvidenceKind Kind, string Summary, string By, DateOnly Date, string RecordedById)
{
    public static EvidenceView From(Evidence e) => new(e.Kind, e.Summary, e.By, e.Date, e.RecordedById);
}

/// <summary>The public comment period and what it brought (Art. 17).</summary>
public sealed record PublicCommentView(DateOnly Start, DateOnly End, int Comments, string Summary, string? ReasonsNotAdopted)
{
    public static PublicCommentView? From(PublicComment? c) =>
        c is null ? null : new(c.Start, c.End, c.Comments, c.Summary, c.ReasonsNotAdopted);
}

/// <summary>A hearing (Art. 17).</summary>
public sealed record HearingView(DateOnly Date, string Participants, string TranscriptSummary)
{
    public static HearingView? From(Hearing? h) => h is null ? null : new(h.Date, h.Participants, h.TranscriptSummary);
}

/// <summary>The meeting's outcome: meeting, date, attendees, result and minutes (Art. 5).</summary>
public sealed record MeetingOutcomeView(MeetingType Meeting, DateOnly Date, IReadOnlyList<string> AttendeeIds, MeetingResult Result,
    string Minutes, string RecordedById)
{
    public static MeetingOutcomeView? From(MeetingOutcome? o) =>
        o is null ? null : new(o.Meeting, o.Date, o.AttendeeIds, o.Result, o.Minutes, o.RecordedById);
}

/// <summary>The post-implementation evaluation (Art. 18).</summary>
public sealed record EvaluationView(DateTimeOffset OpenedAt, string? Findings, string? RecordedById, DateTimeOffset? RecordedAt)
{
    public static EvaluationView? From(Evaluation? e) => e is null ? null : new(e.OpenedAt, e.Findings, e.RecordedById, e.RecordedAt);
}

/// <summary>The answer of <c>GET /api/public/decisions</c> as JSON: a year's published decisions, newest first.</summary>
public sealed record PublicFeedView(int Year, IReadOnlyList<PublicEntryView> Decisions)
{
    public static PublicFeedView From(int year, IEnumerable<PublicEntry> entries) =>
        new(year, entries.Select(PublicEntryView.From).ToList());
}

/// <summary>One published decision (Art. 40–41): what was decided, at which meeting, with which result; never the minutes.</summary>
public sealed record PublicEntryView(string Id, string Title, DecisionCategory Category, string Summary, MeetingType Meeting,
    DateOnly MeetingDate, MeetingResult Result, DateTimeOffset AdoptedAt)
{
    public static PublicEntryView From(PublicEntry e) =>
        new(e.Id, e.Title, e.Category, e.Summary, e.Meeting, e.MeetingDate, e.Result, e.AdoptedAt);
}
