using GovFunctions.Decisions;
using GovFunctions.Records;

namespace GovFunctions.Legal;

/// <summary>The answer of <c>POST /api/normative-documents</c>: the new document's id and status.</summary>
public sealed record DocumentCreatedView(string Id, string Status)
{
    public static DocumentCreatedView From(Stored<NormativeDocument> stored) =>
        new(stored.Id, NormativeDocument.StateName(stored.Value.Status));
}

/// <summary>A normative document (Art. 21) with its status; its history when read, not after an action.</summary>
public sealed record DocumentView(NormativeDocumentRecordView Document, string Status, IReadOnlyList<HistoryEntryView>? History)
{
    public static DocumentView From(NormativeDocument d, IEnumerable<HistoryEntry>? history = null) =>
        new(NormativeDocumentRecordView.From(d), NormativeDocument.StateName(d.Status), HistoryEntryView.ListOrNull(history));
}

/// <summary>The document as recorded: who issues it, its legal review, publication and filing (Art. 21).</summary>
public sealed record NormativeDocumentRecordView(string Id, string Title, string Summary, string IssuingDepartmentId,
    IReadOnlyList<string> TouchedDepartmentIds, IReadOnlyList<string> JointDepartmentIds, string CreatedById, DateTimeOffset CreatedAt,
    DocumentStatus Status, ReviewView LegalReview, DateTimeOffset? PublishedAt, DateTimeOffset? FilingDueAt, DateTimeOffset? FiledAt,
    bool? FiledOnTime, DateTimeOffset? FilingRemindedAt, DateTimeOffset? LateFlaggedAt)
{
    public static NormativeDocumentRecordView From(NormativeDocument d) => new(d.Id, d.Title, d.Summary, d.IssuingDepartmentId,
        d.TouchedDepartmentIds, d.JointDepartmentIds, d.CreatedById, d.CreatedAt, d.Status, ReviewView.From(d.LegalReview), d.PublishedAt,
        d.FilingDueAt, d.FiledAt, d.FiledOnTime, d.FilingRemindedAt, d.LateFlaggedAt);
}

/// <summary>The answer of <c>POST /api/reconsiderations</c>: the case's id, status and statutory deadline (Art. 23).</summary>
public sealed record ReconsiderationCreatedView(string Id, string Status, DateTimeOffset DeadlineAt)
{
    public static ReconsiderationCreatedView From(Stored<Reconsideration> stored) =>
        new(stored.Id, Reconsideration.StateName(stored.Value.Status), stored.Value.DeadlineAt.ToChina());
}

/// <summary>A reconsideration case with its status; its history when read, not after an action.</summary>
public sealed record ReconsiderationView(ReconsiderationRecordView Reconsideration, string Status, IReadOnlyList<HistoryEntryView>? History)
{
    public static ReconsiderationView From(Reconsideration r, IEnumerable<HistoryEntry>? history = null) =>
        new(ReconsiderationRecordView.From(r), Legal.Reconsideration.StateName(r.Status), HistoryEntryView.ListOrNull(history));
}

/// <summary>The case as recorded: the parties, the deadline, the proposal and its sign-off, any extension (Art. 23–24).</summary>
public sealed record ReconsiderationRecordView(string Id, string Applicant, string Respondent, string Request, DateTimeOffset AcceptedAt,
    string AcceptedById, DateTimeOffset DeadlineAt, ReconsiderationStatus Status, string? Proposal, string? SignOffApprovalId,
    string? ReturnedComment, DateTimeOffset? DecidedAt, bool Extended, string? ExtensionApprovalId, string? ExtensionReason,
    IReadOnlyList<int> RemindedDaysBefore)
{
    public static ReconsiderationRecordView From(Reconsideration r) => new(r.Id, r.Applicant, r.Respondent, r.Request, r.AcceptedAt,
        r.AcceptedById, r.DeadlineAt, r.Status, r.Proposal, r.SignOffApprovalId, r.ReturnedComment, r.DecidedAt, r.Extended,
        r.ExtensionApprovalId, r.ExtensionReason, r.RemindedDaysBefore);
}
