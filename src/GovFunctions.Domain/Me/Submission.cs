using GovFunctions.Decisions;
using GovFunctions.Hotline;
using GovFunctions.Leave;

namespace GovFunctions.Me;

/// <summary>The kinds of record a person submits that "my work" lists.</summary>
public enum SubmissionKind { Leave, Decision, Call }

/// <summary>
/// What one of my records says about itself on "my work": who submitted it, its tracking number (the record's id), a title, its
/// state (wire name and Chinese name) and when it was submitted. Derived from the record on every change, so it never lags it.
/// </summary>
public sealed record Submission(SubmissionKind Kind, string PersonId, string TrackingNumber, string Title, string State,
    string StatusName, DateTimeOffset SubmittedAt)
{
    public static Submission Of(LeaveRequest l) => new(SubmissionKind.Leave, l.ApplicantId, l.Id,
        $"请假：{l.Destination}（{ChinaTime.ShortText(l.Start)}—{ChinaTime.ShortText(l.End)}）", LeaveRequest.StateName(l.Status),
        StatusNames.Of(l.Status),
        l.CreatedAt);

    public static Submission Of(Decision d) => new(SubmissionKind.Decision, d.CreatedById, d.Id, $"重大行政决策：{d.Title}",
        Decision.StateName(d.Status), StatusNames.Of(d.Status), d.CreatedAt);

    /// <summary>A call as its operator recorded it: its category and time, never the caller's name or phone.</summary>
    public static Submission Of(HotlineCall c, string categoryName) => new(SubmissionKind.Call, c.OperatorId, c.Id,
        $"区长热线来电（{categoryName}，{ChinaTime.ShortText(c.ReceivedAt)}）", c.StateName, StatusNames.Of(c.Status), c.ReceivedAt);

    public static string NameOf(SubmissionKind kind) => kind switch
    {
        SubmissionKind.Leave => "请假申请",
        SubmissionKind.Decision => "重大行政决策",
        _ => "热线来电",
    };
}
