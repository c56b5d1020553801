using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Supervision;

namespace GovFunctions.Legal;

/// <summary>What the legal-case and coordination-body routes answer (API.md): views, never the domain records themselves.</summary>
public static class CaseViews
{
    public sealed record CaseCreated(string Id, string Status, LegalCaseKind Kind, DateTimeOffset? DefenceDueAt);

    public sealed record AnswerView(string DepartmentId, string ById, string Text, DateTimeOffset At);

    public sealed record CaseView(string Id, LegalCaseKind Kind, string Status, string Summary,
        IReadOnlyList<string> ParticipantDepartmentIds, IReadOnlyList<string> UnansweredDepartmentIds,
        IReadOnlyList<AnswerView> Answers, string ParticipationApprovalId,
        DateTimeOffset? ServedAt, DateTimeOffset? DefenceDueAt, DateTimeOffset? DefenceFiledAt, LegalCaseOutcome? Outcome,
        string? OutcomeText, DateTimeOffset? ClosedAt, string? RectificationItemId, IReadOnlyList<HistoryEntry> History);

    public static CaseView Of(LegalCase c, IReadOnlyList<HistoryEntry> history) =>
        new(c.Id, c.Kind, c.StateName, c.Summary, c.ParticipantDepartmentIds, c.Unanswered.ToList(),
            c.Answers.Select(a => new AnswerView(a.DepartmentId, a.ById, a.Text, a.At.ToChina())).ToList(),
            c.ParticipantDepartmentIds.Count > 0 ? c.ParticipationApprovalId : "", c.ServedAt?.ToChina(), c.DefenceDueAt?.ToChina(),
            c.DefenceFiledAt?.ToChina(), c.Outcome, c.OutcomeText, c.ClosedAt?.ToChina(),
            c.RectificationOwnerId is { } owner ? SupervisionService.ItemIdFor(owner, c.Id) : null, history);

    public sealed record BodyCreated(string Id, string Status, string? ApprovalId);

    public sealed record RefusedActView(ForbiddenAct Kind, string ById, DateTimeOffset At, string? Description);

    public sealed record BodySummary(string Id, string Name, string Status, string LeaderId, bool RequiredByHigherAuthority,
        DateOnly ExpectedEndDate, bool LeaderReminded, bool ListedForOffice);

    public sealed record BodyRegister(IReadOnlyList<BodySummary> Bodies);

    public sealed record BodyView(string Id, string Name, string Purpose, string Status, string LeaderId, IReadOnlyList<string> MemberIds,
        bool RequiredByHigherAuthority, DateOnly ExpectedEndDate, string? ApprovalId, string RegisteredById, DateTimeOffset RegisteredAt,
        IReadOnlyList<RefusedActView> RefusedActs, bool LeaderReminded, bool ListedForOffice, DateTimeOffset? DissolvedAt,
        IReadOnlyList<HistoryEntry> History);

    public static BodySummary SummaryOf(CoordinationBody b) =>
        new(b.Id, b.Name, b.StateName, b.LeaderId, b.RequiredByHigherAuthority, b.ExpectedEndDate, b.LeaderReminded, b.ListedForOffice);

    public static BodyView Of(CoordinationBody b, IReadOnlyList<HistoryEntry> history) =>
        new(b.Id, b.Name, b.Purpose, b.StateName, b.LeaderId, b.MemberIds, b.RequiredByHigherAuthority, b.ExpectedEndDate, b.ApprovalId,
            b.RegisteredById, b.RegisteredAt.ToChina(),
            b.RefusedActs.Select(a => new RefusedActView(a.Kind, a.ById, a.At.ToChina(), a.Description)).ToList(), b.LeaderReminded,
            b.ListedForOffice, b.DissolvedAt?.ToChina(), history);
}
