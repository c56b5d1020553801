using System.Security.Cryptography;
using System.Text;

namespace GovFunctions.Approvals;

/// <summary>
/// Email links that decide a task. A link's token is <c>{approvalId}.{taskId}.{mac}</c>, the MAC being HMAC-SHA256 with
/// the signing key over the approval, the task, its approver, its step and a random 128-bit nonce — so a token is
/// unguessable, bound to one approver and one step, and anything altered fails the MAC. Storage keeps only the nonce
/// and a SHA-256 hash of the token: a copy of the tables yields no working link without the key in Key Vault.
/// </summary>
public sealed class ApprovalLinks
{
    private readonly byte[] _key;

    public ApprovalLinks(string signingKey)
    {
        if (string.IsNullOrWhiteSpace(signingKey) || signingKey.Length < 32)
            throw new ArgumentException("the link signing key must be at least 32 characters");
        _key = Encoding.UTF8.GetBytes(signingKey);
    }

    public static string NewNonce() => Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string NewTaskId() => Ids.Random(6);

    public string TokenFor(string approvalId, string taskId, string approverId, int step, string nonce) =>
        $"{approvalId}.{taskId}.{Mac(approvalId, taskId, approverId, step, nonce)}";

    public string TokenFor(string approvalId, ApprovalTask task) =>
        TokenFor(approvalId, task.Id, task.ApproverId, task.Step, task.Nonce);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Splits a token into the ids it names; null when it cannot be a token at all.</summary>
    public static (string ApprovalId, string TaskId)? Parse(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 300) return null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty)) return null;
        return (parts[0], parts[1]);
    }

    /// <summary>The token is exactly the one this task's link carries (constant-time comparisons).</summary>
    public bool Verify(string token, string approvalId, ApprovalTask task)
    {
        var expected = Encoding.ASCII.GetBytes(TokenFor(approvalId, task));
        var given = Encoding.ASCII.GetBytes(token);
        return CryptographicOperations.FixedTimeEquals(expected, given)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(task.TokenHash));
    }

    private string Mac(string approvalId, string taskId, string approverId, int step, string nonce) =>
        Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"approval-link\n{approvalId}\n{taskId}\n{approverId}\n{step}\n{nonce}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
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
