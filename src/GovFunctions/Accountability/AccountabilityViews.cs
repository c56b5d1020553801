namespace GovFunctions.Accountability;

/// <summary>The answer of <c>GET /api/accountability?month=</c>: the month's accountability list (Art. 32).</summary>
public sealed record AccountabilityMonthView(string Month, IReadOnlyList<AccountabilityEntryView> Entries)
{
    public static AccountabilityMonthView From(string month, IEnumerable<AccountabilityEntry> entries) =>
        new(month, entries.Select(AccountabilityEntryView.From).ToList());
}

/// <summary>One entry of the list: what was missed, under which article, who answers for it, and the proposal made.</summary>
public sealed record AccountabilityEntryView(string Id, string Source, string SubjectId, string Title, string Article,
    string ResponsiblePersonId, string CompetentDepartmentId, DateTimeOffset ListedAt, DateTimeOffset ProposalDueAt, string ProposalState,
    AccountabilityProposalView? Proposal, string? NotProposingPersonId)
{
    public static AccountabilityEntryView From(AccountabilityEntry e) => new(e.Id, e.Source, e.SubjectId, e.Title, e.Article,
        e.ResponsiblePersonId, e.CompetentDepartmentId, e.ListedAt.ToChina(), e.ProposalDueAt.ToChina(), e.StateName,
        e.Proposal is { } p ? new AccountabilityProposalView(p.ById, p.Proposal, p.Reason, p.At) : null, e.NotProposingPersonId);
}

/// <summary>The competent department's proposal: by whom, what, why, when.</summary>
public sealed record AccountabilityProposalView(string ById, string Proposal, string Reason, DateTimeOffset At);
