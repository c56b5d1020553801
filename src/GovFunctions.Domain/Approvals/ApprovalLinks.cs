namespace GovFunctions.Approvals;

/// <summary>
/// Email links that decide a task, signed as every email link is (<see cref="SignedLinks"/>): the token is
/// <c>{approvalId}.{taskId}.{mac}</c>, bound to the task's approver and step.
/// </summary>
public sealed class ApprovalLinks(string signingKey) : SignedLinks(signingKey)
{
    public const string Purpose = "approval-link";

    public static string NewTaskId() => Ids.Random(6);

    public string TokenFor(string approvalId, string taskId, string approverId, int step, string nonce) =>
        Sign(Purpose, approvalId, taskId, approverId, step.ToString(System.Globalization.CultureInfo.InvariantCulture), nonce);

    public string TokenFor(string approvalId, ApprovalTask task) =>
        TokenFor(approvalId, task.Id, task.ApproverId, task.Step, task.Nonce);

    /// <summary>Splits a token into the ids it names (an approval id has no dot); null when it cannot be a token at all.</summary>
    public static (string ApprovalId, string TaskId)? Parse(string? token) =>
        Split(token) is var (approvalId, taskId) && !approvalId.Contains('.') ? (approvalId, taskId) : null;

    /// <summary>The token is exactly the one this task's link carries (constant-time comparisons).</summary>
    public bool Verify(string token, string approvalId, ApprovalTask task) => Matches(token, TokenFor(approvalId, task), task.TokenHash);
}

public static class ApprovalTasks
{
    /// <summary>A new open task for one approver in one step, with its link's nonce and token hash.</summary>
    public static ApprovalTask Create(ApprovalLinks links, string approvalId, int step, ActingAssignment who,
        DateTimeOffset now, TimeSpan linkLifetime)
    {
        var id = ApprovalLinks.NewTaskId();
        var nonce = ApprovalLinks.NewNonce();
        var hash = ApprovalLinks.Hash(links.TokenFor(approvalId, id, who.ApproverId, step, nonce));
        return new ApprovalTask(id, step, who.AddressedToId, who.ApproverId, who.OnBehalfOfId, nonce, hash, now, now + linkLifetime);
    }
}
