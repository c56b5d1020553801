using GovFunctions.Approvals;
using GovFunctions.Platform.Routing;

namespace GovFunctions.Leave;

/// <summary>
/// What reaches the leave feature by queue: the end of a request's approval (from the engine, <see cref="IApprovalSubject"/>),
/// which the request takes once whatever the deliveries, and the away-index sync after a change of who is away.
/// </summary>
public sealed partial class LeaveQueueHandler(LeaveRecords records, OrganizationStore organization, AwayIndex away, TimeProvider clock,
    ILogger<LeaveQueueHandler> log) : IQueueHandler, IApprovalSubject
{
    public string TypePrefix => LeaveRequest.Feature + ".";

    string IApprovalSubject.Feature => LeaveRequest.Feature;

    /// <summary>The request takes the approval's outcome; an approval tells the office (and, for a leader, the leaders).</summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var applicant = (await organization.OrganizationAsync(ct)).Person(approval.Request.ApplicantId);
        var applied = await records.Store.ApplyOutcomeAsync(LeaveRecords.KeyOf(approval.Request.SubjectId), approval, messageId,
            l => l.ApprovalEnded(approval.Status, applicant, clock.GetUtcNow()), ct: ct);
        LogOutcome(approval.Request.SubjectId, Approval.StateName(approval.Status), applied.Changed);
    }

    public async Task HandleAsync(QueueEnvelope message, CancellationToken ct)
    {
        if (message.Type != LeaveRecords.AwaySyncType) throw new InvalidDataException($"unknown leave message type {message.Type}");
        var leave = (await records.GetAsync(message.Subject, ct)).Value;
        await away.SyncAsync(leave, ct);
        LogAwaySynced(leave.Id, LeaveRequest.StateName(leave.Status));
    }

    [LoggerMessage(3011, LogLevel.Information, "Leave request {LeaveId}: approval ended {Outcome} (changed the request: {Changed})")]
    private partial void LogOutcome(string leaveId, string outcome, bool changed);

    [LoggerMessage(3012, LogLevel.Information, "Away index synced with leave request {LeaveId} ({Status})")]
    private partial void LogAwaySynced(string leaveId, string status);
}
