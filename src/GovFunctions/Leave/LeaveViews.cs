using GovFunctions.Approvals;
using GovFunctions.Records;

namespace GovFunctions.Leave;

/// <summary>The answer of <c>POST /api/leave-requests</c>: the new request's id, status and approvers in order.</summary>
public sealed record LeaveCreatedView(string Id, LeaveStatus Status, string StatusName, IReadOnlyList<string> Approvers,
    IReadOnlyList<string> ApproverNames)
{
    public static LeaveCreatedView From(Stored<LeaveRequest> stored, OrgChart org) => new(stored.Id, stored.Value.Status,
        StatusNames.Of(stored.Value.Status), stored.Value.ApproverIds,
        stored.Value.ApproverIds.Select(a => org.Person(a).DisplayName).ToList());
}

/// <summary>A leave request with its approval steps and its history (<c>GET /api/leave-requests/{id}</c> and its actions).</summary>
public sealed record LeaveView(string Id, LeaveStatus Status, string StatusName, string ApplicantId, string ApplicantName,
    DateTimeOffset Start, DateTimeOffset End, string Destination, string Contact, string? Reason, string? ActingPersonId,
    IReadOnlyList<string> Approvers, string? ApprovalId, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, DateTimeOffset? ReturnedAt,
    string? ReturnNote, IReadOnlyList<LeaveTaskView>? Tasks, IReadOnlyList<HistoryEntryView> History)
{
    public static LeaveView From(LeaveRequest l, OrgChart org, Approval? approval, IEnumerable<HistoryEntry> history) => new(l.Id,
        l.Status, StatusNames.Of(l.Status), l.ApplicantId, org.Person(l.ApplicantId).Name, l.Start, l.End, l.Destination, l.Contact,
        l.Reason, l.ActingPersonId, l.ApproverIds, l.ApprovalId, l.CreatedAt, l.DecidedAt, l.ReturnedAt, l.ReturnNote,
        approval?.Tasks.Select(t => LeaveTaskView.From(t, org)).ToList(), HistoryEntryView.List(history));
}

/// <summary>One approval step of a leave request: to whom it was addressed, who decides (an acting person), and how.</summary>
public sealed record LeaveTaskView(int Step, string AddressedToId, string AddressedToName, string ApproverId, string ApproverName,
    string? OnBehalfOfId, ApprovalTaskStatus Status, string? Comment, DateTimeOffset? DecidedAt)
{
    public static LeaveTaskView From(ApprovalTask t, OrgChart org) => new(t.Step + 1, t.AddressedToId, org.Person(t.AddressedToId).Name,
        t.ApproverId, org.Person(t.ApproverId).Name, t.OnBehalfOfId, t.Status, t.Comment, t.DecidedAt);
}

/// <summary>The answer of <c>GET /api/leave/away?date=</c>: who is away that day and who acts for them.</summary>
public sealed record AwayListView(string Date, IReadOnlyList<AwayView> Away)
{
    public static AwayListView From(DateOnly date, IEnumerable<(Absence Absence, LeaveRequest Leave)> away, OrgChart org) =>
        new(date.ToString("yyyy-MM-dd"), away.Select(a => AwayView.From(a.Absence, a.Leave, org)).ToList());
}

/// <summary>One person away: the leave, where they can be reached, and the person acting for them (Art. 75).</summary>
public sealed record AwayView(string PersonId, string Name, string? Title, string LeaveId, DateTimeOffset Start, DateTimeOffset End,
    string Destination, string Contact, string? ActingPersonId, string? ActingPersonName)
{
    public static AwayView From(Absence absence, LeaveRequest leave, OrgChart org) => new(leave.ApplicantId,
        org.Person(leave.ApplicantId).Name, org.Person(leave.ApplicantId).Title, leave.Id, absence.Start.ToChina(), absence.End.ToChina(),
        leave.Destination, leave.Contact, leave.ActingPersonId, org.FindPerson(leave.ActingPersonId)?.Name);
}
