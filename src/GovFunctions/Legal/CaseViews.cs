using GovFunctions.Records;
using GovFunctions.Supervision;

namespace GovFunctions.Legal;

/// <summary>The answer to registering a legal case (Art. 24): its id, state, kind and the defence deadline.</summary>
public sealed record CaseCreated(string Id, string Status, LegalCaseKind Kind, DateTimeOffset? DefenceDueAt);

/// <summary>A participating department's answer: the facts, the documents it holds, its opinion.</summary>
public sealed record AnswerView(string DepartmentId, string ById, string Text, DateTimeOffset At);

/// <summary>A legal case with its participants, their answers, the defence clock, the outcome and its history.</summary>
public sealed record CaseView(string Id, LegalCaseKind Kind, string Status, string Summary,
    IReadOnlyList<string> ParticipantDepartmentIds, IReadOnlyList<string> UnansweredDepartmentIds,
    IReadOnlyList<AnswerView> Answers, string ParticipationApprovalId,
    DateTimeOffset? ServedAt, DateTimeOffset? DefenceDueAt, DateTimeOffset? DefenceFiledAt, LegalCaseOutcome? Outcome,
    string? OutcomeText, DateTimeOffset? ClosedAt, string? RectificationItemId, IReadOnlyList<HistoryEntryView> History)
{
    public static CaseView From(LegalCase c, IReadOnlyList<HistoryEntry> history) => new(
        c.Id, c.Kind, c.StateName, c.Summary, c.ParticipantDepartmentIds, c.Unanswered.ToList(),
        c.Answers.Select(a => new AnswerView(a.DepartmentId, a.ById, a.Text, a.At.ToChina())).ToList(),
        c.ParticipantDepartmentIds.Count > 0 ? c.ParticipationApprovalId : "", c.ServedAt?.ToChina(), c.DefenceDueAt?.ToChina(),
        c.DefenceFiledAt?.ToChina(), c.Outcome, c.OutcomeText, c.ClosedAt?.ToChina(),
        c.RectificationOwnerId is { } owner ? SupervisionService.ItemIdFor(owner, c.Id) : null, HistoryEntryView.List(history));
}

/// <summary>The answer to registering a coordination body (Art. 25): its id, state and the approval it waits for.</summary>
public sealed record BodyCreated(string Id, string Status, string? ApprovalId);

/// <summary>A forbidden act the register refused for a body (Art. 25), who tried it and when.</summary>
public sealed record RefusedActView(ForbiddenAct Kind, string ById, DateTimeOffset At, string? Description);

/// <summary>One line of the register of coordination bodies.</summary>
public sealed record BodySummary(string Id, string Name, string Status, string LeaderId, bool RequiredByHigherAuthority,
    DateOnly ExpectedEndDate, bool LeaderReminded, bool ListedForOffice)
{
    public static BodySummary From(CoordinationBody b) =>
        new(b.Id, b.Name, b.StateName, b.LeaderId, b.RequiredByHigherAuthority, b.ExpectedEndDate, b.LeaderReminded, b.ListedForOffice);
}

/// <summary>The register of coordination bodies.</summary>
public sealed record BodyRegister(IReadOnlyList<BodySummary> Bodies);

/// <summary>A coordination body with its members, refused acts, reminders and history.</summary>
public sealed record BodyView(string Id, string Name, string Purpose, string Status, string LeaderId, IReadOnlyList<string> MemberIds,
    bool RequiredByHigherAuthority, DateOnly ExpectedEndDate, string? ApprovalId, string RegisteredById, DateTimeOffset RegisteredAt,
    IReadOnlyList<RefusedActView> RefusedActs, bool LeaderReminded, bool ListedForOffice, DateTimeOffset? DissolvedAt,
    IReadOnlyList<HistoryEntryView> History)
{
    public static BodyView From(CoordinationBody b, IReadOnlyList<HistoryEntry> history) => new(
        b.Id, b.Name, b.Purpose, b.StateName, b.LeaderId, b.MemberIds, b.RequiredByHigherAuthority, b.ExpectedEndDate, b.ApprovalId,
        b.RegisteredById, b.RegisteredAt.ToChina(),
        b.RefusedActs.Select(a => new RefusedActView(a.Kind, a.ById, a.At.ToChina(), a.Description)).ToList(), b.LeaderReminded,
        b.ListedForOffice, b.DissolvedAt?.ToChina(), HistoryEntryView.List(history));
}
