namespace GovFunctions.Approvals;

/// <summary>
/// The one contract between a feature and the approval engine. The feature states what it asks (an
/// <see cref="ApprovalRequest"/>: steps, texts, facts, put in the same transaction as its own record through
/// <see cref="ApprovalEngine.StartMessage"/>) and what happens when the approval ends; the engine calls
/// <see cref="ApprovalEndedAsync"/> for every approval whose <see cref="ApprovalRequest.Feature"/> is this one's.
/// No feature writes its own completion handler or reads the engine's messages.
/// </summary>
public interface IApprovalSubject
{
    /// <summary>The name approvals of this feature carry in <see cref="ApprovalRequest.Feature"/>.</summary>
    string Feature { get; }

    /// <summary>
    /// The approval is over (approved, rejected or withdrawn). The feature applies the outcome to its record through the
    /// record store with <paramref name="messageId"/> as the handled marker, so a redelivery changes nothing; a conflict is
    /// retried by the store in-process.
    /// </summary>
    Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct);
}

/// <summary>The common shape of <see cref="IApprovalSubject.ApprovalEndedAsync"/>: one record takes a transition for the outcome.</summary>
public static class ApprovalSubject
{
    /// <param name="outcome">The domain's answer to the approval's end, or null when it no longer applies (e.g. withdrawn
    /// meanwhile).</param>
    public static Task<Applied<T>> ApplyOutcomeAsync<T>(this RecordStore<T> store, RecordKey key, Approval approval, string messageId,
        Func<T, Transition<T>?> outcome, Actor? actor = null, CancellationToken ct = default) =>
        store.ApplyAsync(key, actor ?? Actor.System, s => outcome(s.Value), messageId, ct: ct);
}
