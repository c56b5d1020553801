using GovFunctions.Approvals;
using GovFunctions.Platform.Routing;

namespace GovFunctions.Decisions;

/// <summary>
/// The decision's queue side: a gate's approval ended (the engine calls <see cref="ApprovalEndedAsync"/>), and an adopted
/// decision to publish (<see cref="DecisionMessages.Publish"/>). Each is one transition applied by the record store with the
/// message id as its handled marker: a redelivery changes nothing, and two gates ending at the same moment are both recorded
/// (the store retries the conflict in-process).
/// </summary>
public sealed partial class DecisionReviews(DecisionRecords records, OrganizationStore organization, StorageClients storage,
    TimeProvider clock, ILogger<DecisionReviews> log) : IQueueHandler, IApprovalSubject
{
    public string TypePrefix => DecisionMessages.Prefix;

    public string Feature => DecisionMessages.Feature;

    public async Task HandleAsync(QueueEnvelope message, CancellationToken ct)
    {
        if (message.Type == DecisionMessages.Publish)
        {
            await PublishAsync(message.Subject, message.Id, ct);
            return;
        }
        throw new InvalidDataException($"unknown decision message type {message.Type}");
    }

    /// <summary>The legality review or the consultation ended: its result, with every objection, in the decision.</summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var org = await organization.OrganizationAsync(ct);
        var objections = approval.Tasks.Where(t => t.Status == ApprovalTaskStatus.Rejected)
            .Select(t => $"{org.FindDepartment(org.Person(t.AddressedToId).DepartmentId)?.Name ?? org.Person(t.AddressedToId).Name}："
                + (t.Comment ?? "不同意")).ToList();
        var passed = approval.Status == ApprovalStatus.Approved;
        var applied = await records.Store.ApplyOutcomeAsync(DecisionRecords.KeyOf(approval.Request.SubjectId), approval, messageId,
            d => d.Reviewed(approval.Id, passed, objections.Count > 0 ? string.Join("；", objections) : null), ct: ct);
        if (applied.Changed) LogReviewed(approval.Request.SubjectId, approval.Id, passed);
    }

    /// <summary>The public feed's entry first (idempotent), then the decision marked published; a redelivery changes nothing.</summary>
    private async Task PublishAsync(string id, string messageId, CancellationToken ct)
    {
        var stored = await records.GetAsync(id, ct);
        if (DecisionRules.PublicEntryOf(stored.Value) is not { } entry || stored.Value.PublishedAt is not null) return;
        await PublicFeed.PutAsync(storage, entry, ct);
        var applied = await records.Store.ApplyAsync(DecisionRecords.KeyOf(id), Actor.System,
            s => s.Value.PublishedAt is null ? s.Value.Published(clock.GetUtcNow()) : null, messageId, ct: ct);
        if (applied.Changed) LogPublished(id);
    }

    [LoggerMessage(5010, LogLevel.Information, "Decision {DecisionId}: review {ApprovalId} ended, passed {Passed}")]
    private partial void LogReviewed(string decisionId, string approvalId, bool passed);

    [LoggerMessage(5011, LogLevel.Information, "Decision {DecisionId} published")]
    private partial void LogPublished(string decisionId);
}
