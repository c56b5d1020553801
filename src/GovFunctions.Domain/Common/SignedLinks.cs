using System.Security.Cryptography;
using System.Text;

namespace GovFunctions.Common;

/// <summary>
/// Signed email-link tokens, shared by the approval engine and supervision: <c>{recordId}.{linkId}.{mac}</c>, the MAC being
/// HMAC-SHA256 with the signing key over the link's purpose, the record, the link, its holder, its scope and a random 128-bit
/// nonce — so a token is unguessable, bound to one holder and one use, never valid for another purpose, and anything altered
/// fails the MAC. Storage keeps only the nonce and a SHA-256 hash of the token: a copy of the tables yields no working link.
/// </summary>
public class SignedLinks
{
    private readonly byte[] _key;

    public SignedLinks(string signingKey)
    {
        if (string.IsNullOrWhiteSpace(signingKey) || signingKey.Length < 32)
            throw new ArgumentException("the link signing key must be at least 32 characters");
        _key = Encoding.UTF8.GetBytes(signingKey);
    }

    public static string NewNonce() => Base64Url(RandomNumberGenerator.GetBytes(16));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <param name="purpose">What kind of link it is (<c>approval-link</c>, <c>supervision-link</c>).</param>
    /// <param name="scope">What the link may do (an approval's step, a supervised item's action and department).</param>
    public string Sign(string purpose, string recordId, string linkId, string holderId, string scope, string nonce) =>
        $"{recordId}.{linkId}.{Base64Url(HMACSHA256.HashData(_key,
            Encoding.UTF8.GetBytes($"{purpose}\n{recordId}\n{linkId}\n{holderId}\n{scope}\n{nonce}")))}";

    /// <summary>
    /// Splits a token into the record and link it names, from the right (a record id may itself contain dots); null when it
    /// cannot be a token at all.
    /// </summary>
    public static (string RecordId, string LinkId)? Split(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 300) return null;
        var mac = token.LastIndexOf('.');
        var link = mac > 0 ? token.LastIndexOf('.', mac - 1) : -1;
        if (link <= 0 || mac - link < 2 || mac == token.Length - 1) return null;
        return (token[..link], token[(link + 1)..mac]);
    }

    /// <summary>The token is exactly the expected one and hashes to the stored hash (constant-time comparisons).</summary>
    public static bool Matches(string token, string expected, string tokenHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(token))
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(tokenHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
