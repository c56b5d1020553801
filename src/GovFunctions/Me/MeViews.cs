namespace GovFunctions.Me;

/// <summary>Something waiting for me: what to do, the record, since when and for how many working days, and its own link.</summary>
public sealed record WaitingItemView(WaitingKind Kind, string KindName, string RecordId, string Title, string? OnBehalfOfId,
    DateTimeOffset Since, int AgeInWorkingDays, string Link, int Reminders)
{
    public static WaitingItemView From(WaitingItem i, DateTimeOffset now, WorkingCalendar calendar) => new(i.Kind,
        WaitingRules.NameOf(i.Kind), i.RecordId, i.Title, i.OnBehalfOfId, i.Since.ToChina(), WaitingRules.AgeInWorkingDays(i.Since, now,
            calendar), i.Link, i.Reminders);
}

/// <summary>Something I submitted, with its tracking number and status.</summary>
public sealed record SubmissionView(SubmissionKind Kind, string KindName, string TrackingNumber, string Title, string Status,
    string StatusName, DateTimeOffset SubmittedAt)
{
    public static SubmissionView From(Submission s) => new(s.Kind, Submission.NameOf(s.Kind), s.TrackingNumber, s.Title, s.State,
        s.StatusName, s.SubmittedAt.ToChina());
}

/// <summary>"My work" (<c>GET /api/me</c>): who I am, what I submitted (newest first), what waits for me (oldest first).</summary>
public sealed record MyWorkView(string PersonId, string Name, IReadOnlyList<SubmissionView> Submitted,
    IReadOnlyList<WaitingItemView> Waiting,
    PreferencesView Preferences);

/// <summary>My preferences (<c>GET/POST /api/me/preferences</c>): the daily digest, and escalations sent at once.</summary>
public sealed record PreferencesView(bool Digest, bool Escalations)
{
    public static PreferencesView From(Preferences p) => new(p.Digest, p.Escalations);
}
