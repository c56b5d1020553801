using GovFunctions.Approvals;

namespace GovFunctions.Decisions;

/// <summary>How many of the meeting's members attended (Art. 5): the history names it.</summary>
public sealed record Attendance(int Present, int Members);

public sealed record DecisionRegistered(string DecisionId) : IDomainEvent;

/// <summary>A gate's approval is asked of the engine: the legality review or the consultation (countersign).</summary>
public sealed record ReviewRequested(string DecisionId, ApprovalRequest Request) : IDomainEvent;

public sealed record ReviewRecorded(string DecisionId, string ApprovalId, bool Passed) : IDomainEvent;

/// <summary>Putting the decision on an agenda was refused with gates open; the attempt is flagged for accountability (Art. 19).</summary>
public sealed record AgendaRefused(string DecisionId, IReadOnlyList<OpenGate> Gates) : IDomainEvent;

/// <summary>The meeting decided: <paramref name="Public"/> when it is to be published (Art. 40–41).</summary>
public sealed record DecisionMade(string DecisionId, MeetingResult Result, bool Adopted, bool Public) : IDomainEvent;

public sealed record DecisionPublished(string DecisionId) : IDomainEvent;

/// <summary>The post-implementation evaluation opened: the sponsor is reminded (Art. 18).</summary>
public sealed record EvaluationDue(string DecisionId) : IDomainEvent;

/// <summary>Put on a meeting's agenda.</summary>
public sealed record DecisionScheduled(string DecisionId, MeetingType Meeting, DateOnly Date) : IDomainEvent;

/// <summary>The post-implementation evaluation's findings recorded: the evaluation is no longer due (Art. 18).</summary>
public sealed record EvaluationFindingsRecorded(string DecisionId) : IDomainEvent;
