using System.Text.RegularExpressions;
using GovFunctions.Approvals;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// Email links that decide a task: <c>{approvalId}.{taskId}.{mac}</c>, HMAC-signed over the approval, task, approver,
/// step and a 128-bit nonce; storage keeps only the nonce and the token's SHA-256.
/// </summary>
public class ApprovalLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Key = "qinghe-test-link-signing-key-0123456789";
    private const string OtherKey = "another-districts-signing-key-9876543210";
    private const string ApprovalId = "ap0123456789abcdef01";

    private static readonly ApprovalLinks Links = new(Key);

    // ---- builders -------------------------------------------------------------------------------------------------

    private static ApprovalTask NewTask(string approver = "chen-siyuan", int step = 0, string approvalId = ApprovalId,
        string? addressedTo = null) =>
        ApprovalTasks.Create(Links, approvalId, step,
            new ActingAssignment(addressedTo ?? approver, approver, addressedTo is null || addressedTo == approver ? null : addressedTo),
            Now, TimeSpan.FromDays(7));

    private static string TokenOf(ApprovalTask task, string approvalId = ApprovalId) => Links.TokenFor(approvalId, task);

    /// <summary>The same token with the character at <paramref name="index"/> replaced by another base64url character.</summary>
    private static string WithCharChanged(string token, int index)
    {
        var chars = token.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    /// <summary>What the engine does with a link: parse the ids out of it, then verify it against the named task.</summary>
    private static bool Opens(string token, ApprovalTask task) =>
        ApprovalLinks.Parse(token) is var (approvalId, _) && Links.Verify(token, approvalId, task);

    private static byte[] FromBase64Url(string s)
    {
        var b64 = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '='));
    }

    // ---- a genuine link -------------------------------------------------------------------------------------------

    [Fact]
    public void ACreatedTask_VerifiesItsOwnToken()
    {
        var task = NewTask();
        var token = TokenOf(task);

        Assert.True(Links.Verify(token, ApprovalId, task));
        Assert.True(Opens(token, task));
        Assert.Equal((ApprovalId, task.Id), ApprovalLinks.Parse(token));
    }

    [Fact]
    public void ACreatedTask_IsOpen_WithTheActingAssignmentAndTheLinkLifetime()
    {
        var task = ApprovalTasks.Create(Links, ApprovalId, 1, new ActingAssignment("wu-jianping", "ye-ming", "wu-jianping"),
            Now, TimeSpan.FromDays(7));

        Assert.True(task.IsOpen);
        Assert.Equal(1, task.Step);
        Assert.Equal("wu-jianping", task.AddressedToId);
        Assert.Equal("ye-ming", task.ApproverId);
        Assert.Equal("wu-jianping", task.OnBehalfOfId);
        Assert.Equal(Now, task.CreatedAt);
        Assert.Equal(Now.AddDays(7), task.ExpiresAt);
        Assert.True(Links.Verify(TokenOf(task), ApprovalId, task));
    }

    [Fact]
    public void TheSameKey_InANewInstance_VerifiesTheToken()
    {
        // The function app restarts; the key from Key Vault is the same.
        var task = NewTask();
        Assert.True(new ApprovalLinks(Key).Verify(TokenOf(task), ApprovalId, task));
    }

    // ---- altered and forged links ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(0)] // the approval id
    [InlineData(1)] // the task id
    [InlineData(2)] // the MAC
    public void ChangingAnyOneCharacterOfATokenPart_FailsVerification(int part)
    {
        var task = NewTask();
        var token = TokenOf(task);
        var parts = token.Split('.');
        var from = parts.Take(part).Sum(p => p.Length + 1);

        for (var i = from; i < from + parts[part].Length; i++)
        {
            var altered = WithCharChanged(token, i);
            Assert.NotEqual(token, altered);
            Assert.False(Links.Verify(altered, ApprovalId, task), $"altered at {i}: {altered}");
            Assert.False(Opens(altered, task), $"altered at {i} (ids parsed from the link): {altered}");
        }
    }

    [Fact]
    public void ATokenSignedWithAnotherKey_FailsVerification()
    {
        var task = NewTask();
        var forged = new ApprovalLinks(OtherKey).TokenFor(ApprovalId, task); // same ids, approver, step and nonce

        Assert.NotEqual(TokenOf(task), forged);
        Assert.False(Links.Verify(forged, ApprovalId, task));
    }

    [Fact]
    public void ATokenOfAnotherTask_FailsVerification()
    {
        var mine = NewTask("zhou-minghua");
        var theirs = NewTask("chen-siyuan");

        Assert.False(Links.Verify(TokenOf(theirs), ApprovalId, mine));
        Assert.False(Links.Verify(TokenOf(mine), ApprovalId, theirs));
    }

    [Fact]
    public void ATokenOfTheSameTaskIdInAnotherApproval_FailsVerification()
    {
        var task = NewTask();
        var elsewhere = Links.TokenFor("ap99999999999999999999", task);

        Assert.False(Links.Verify(elsewhere, ApprovalId, task));
        Assert.False(Opens(elsewhere, task));
    }

    [Fact]
    public void ATokenMintedForAnotherApproverOrStep_FailsVerification()
    {
        var task = NewTask("chen-siyuan", step: 0);

        var otherApprover = Links.TokenFor(ApprovalId, task.Id, "lin-jianguo", task.Step, task.Nonce);
        var otherStep = Links.TokenFor(ApprovalId, task.Id, task.ApproverId, task.Step + 1, task.Nonce);
        var otherNonce = Links.TokenFor(ApprovalId, task.Id, task.ApproverId, task.Step, ApprovalLinks.NewNonce());

        Assert.False(Links.Verify(otherApprover, ApprovalId, task));
        Assert.False(Links.Verify(otherStep, ApprovalId, task));
        Assert.False(Links.Verify(otherNonce, ApprovalId, task));
    }

    [Fact]
    public void TheMac_IsBoundToTheApprovalTaskApproverStepAndNonce()
    {
        const string nonce = "AAAAAAAAAAAAAAAAAAAAAA";
        static string Mac(string approvalId, string taskId, string approver, int step, string n) =>
            Links.TokenFor(approvalId, taskId, approver, step, n).Split('.')[2];
        var mac = Mac(ApprovalId, "a1b2c3d4e5f6", "chen-siyuan", 0, nonce);

        Assert.Equal(mac, Mac(ApprovalId, "a1b2c3d4e5f6", "chen-siyuan", 0, nonce)); // deterministic
        Assert.NotEqual(mac, Mac("ap99999999999999999999", "a1b2c3d4e5f6", "chen-siyuan", 0, nonce));
        Assert.NotEqual(mac, Mac(ApprovalId, "a1b2c3d4e5f7", "chen-siyuan", 0, nonce));
        Assert.NotEqual(mac, Mac(ApprovalId, "a1b2c3d4e5f6", "lin-jianguo", 0, nonce));
        Assert.NotEqual(mac, Mac(ApprovalId, "a1b2c3d4e5f6", "chen-siyuan", 1, nonce));
        Assert.NotEqual(mac, Mac(ApprovalId, "a1b2c3d4e5f6", "chen-siyuan", 0, "BAAAAAAAAAAAAAAAAAAAAA"));
        Assert.Matches("^[A-Za-z0-9_-]{43}$", mac); // HMAC-SHA256: 32 bytes, base64url without padding
    }

    [Fact]
    public void ATaskReassignedToAnotherApprover_NoLongerAcceptsTheOldToken()
    {
        var task = NewTask("chen-siyuan");
        var token = TokenOf(task);

        Assert.False(Links.Verify(token, ApprovalId, task with { ApproverId = "lin-jianguo" }));
        Assert.False(Links.Verify(token, ApprovalId, task with { Step = 1 }));
    }

    [Fact]
    public void AValidMac_WithAStoredHashThatDoesNotMatch_FailsVerification()
    {
        var task = NewTask();
        var token = TokenOf(task);

        Assert.False(Links.Verify(token, ApprovalId, task with { TokenHash = ApprovalLinks.Hash(token + "x") }));
        Assert.False(Links.Verify(token, ApprovalId, task with { TokenHash = "" }));
    }

    [Fact]
    public void AMacOfADifferentLength_FailsVerification()
    {
        var task = NewTask();
        var token = TokenOf(task);

        Assert.False(Links.Verify(token[..^1], ApprovalId, task));
        Assert.False(Links.Verify(token + "A", ApprovalId, task));
    }

    // ---- parsing --------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ap0123")]
    [InlineData("ap0123.a1b2c3d4e5f6")]                 // 2 parts
    [InlineData("ap0123.a1b2c3d4e5f6.mac.extra")]       // 4 parts
    [InlineData("ap0123..mac")]                         // an empty part
    [InlineData(".a1b2c3d4e5f6.mac")]
    [InlineData("ap0123.a1b2c3d4e5f6.")]
    public void Parse_RejectsMalformedTokens(string? token)
    {
        Assert.Null(ApprovalLinks.Parse(token));
    }

    [Fact]
    public void Parse_RejectsTokensLongerThan300Characters()
    {
        var longest = "ap." + "t." + new string('m', 300 - 5);
        Assert.Equal(300, longest.Length);
        Assert.Equal(("ap", "t"), ApprovalLinks.Parse(longest));

        Assert.Null(ApprovalLinks.Parse(longest + "m"));
        Assert.Null(ApprovalLinks.Parse("ap." + "t." + new string('m', 5000)));
    }

    [Fact]
    public void Parse_ReturnsTheApprovalAndTaskIds()
    {
        Assert.Equal(("ap0123", "a1b2c3"), ApprovalLinks.Parse("ap0123.a1b2c3.bWFj"));
    }

    // ---- what is stored -------------------------------------------------------------------------------------------

    [Fact]
    public void TheTask_StoresTheHashOfItsToken()
    {
        var task = NewTask();
        var token = TokenOf(task);

        Assert.Equal(ApprovalLinks.Hash(token), task.TokenHash);
        Assert.Matches("^[0-9a-f]{64}$", task.TokenHash);
    }

    [Fact]
    public void TheTask_StoresNeitherTheTokenNorItsMac()
    {
        var task = NewTask("ye-ming", step: 1, addressedTo: "wu-jianping") with { Comment = "同意" };
        var token = TokenOf(task);
        var mac = token.Split('.')[2];

        var stored = typeof(ApprovalTask).GetProperties()
            .Where(p => p.PropertyType == typeof(string))
            .Select(p => (p.Name, Value: (string?)p.GetValue(task)))
            .ToList();

        Assert.Contains(stored, s => s.Name == nameof(ApprovalTask.TokenHash)); // the reflection sees the record's strings
        Assert.All(stored, s =>
        {
            Assert.NotEqual(token, s.Value);
            Assert.NotEqual(mac, s.Value);
            Assert.DoesNotContain(mac, s.Value ?? "");
        });
    }

    [Fact]
    public void Hash_IsTheLowercaseHexSha256OfTheToken()
    {
        // SHA-256("abc"), FIPS 180-2 test vector.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApprovalLinks.Hash("abc"));
    }

    // ---- randomness and key -----------------------------------------------------------------------------------------

    [Fact]
    public void Nonces_Are128BitRandom_Base64Url22Chars_AndDifferAcross1000Creations()
    {
        var tasks = Enumerable.Range(0, 1000).Select(_ => NewTask()).ToList();
        var nonces = tasks.Select(t => t.Nonce).ToList();

        Assert.All(nonces, n =>
        {
            Assert.Matches(new Regex("^[A-Za-z0-9_-]{22}$"), n);
            Assert.Equal(16, FromBase64Url(n).Length);
        });
        Assert.Equal(1000, nonces.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1000, tasks.Select(t => t.TokenHash).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void NewNonce_Is22Base64UrlCharacters_AndDiffersEachTime()
    {
        var nonces = Enumerable.Range(0, 1000).Select(_ => ApprovalLinks.NewNonce()).ToList();

        Assert.All(nonces, n => Assert.Matches("^[A-Za-z0-9_-]{22}$", n));
        Assert.Equal(1000, nonces.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TaskIds_Are12HexCharacters()
    {
        Assert.Matches("^[0-9a-f]{12}$", NewTask().Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("0123456789012345678901234567890")]   // 31 characters
    [InlineData("                                ")]  // 32 spaces
    public void ASigningKeyShorterThan32CharactersOrBlank_IsRefused(string key)
    {
        Assert.Throws<ArgumentException>(() => new ApprovalLinks(key));
    }

    [Fact]
    public void ANullSigningKey_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ApprovalLinks(null!));
    }

    [Fact]
    public void ASigningKeyOf32Characters_IsAccepted()
    {
        var links = new ApprovalLinks("01234567890123456789012345678901");
        var task = ApprovalTasks.Create(links, ApprovalId, 0, new ActingAssignment("a", "a", null), Now, TimeSpan.FromDays(1));
        Assert.True(links.Verify(links.TokenFor(ApprovalId, task), ApprovalId, task));
    }
}
