using System.Security.Cryptography;
using System.Text;
using GovFunctions.Common;
using GovFunctions.Records;

namespace GovFunctions.Tests.Records;

/// <summary>
/// The row hash is evidence already stored in every history row: however it is computed (issue 15 made it cheaper), it stays
/// the SHA-256 of the length-prefixed fields, so every row written before still verifies.
/// </summary>
public class HistoryHashTests
{
    [Fact]
    public void HashOf_IsTheSha256OfTheLengthPrefixedFieldsInUtf8_WithMinusOneForAMissingState()
    {
        var at = DateTimeOffset.Parse("2026-11-24T10:15:30.1234567+08:00");
        var entry = new HistoryEntry(at, "cao-xiaowen", "曹晓雯", null, "closed", "当场答复并办结；与 20261124-03-ab12cd34 为同一问题");
        var text = "11:20261124-03|20:20261124-03-0a1b2c3d|1:7|24:2026-11-24T02:15:30.123Z|11:cao-xiaowen|3:曹晓雯|-1:|6:closed|"
            + $"{entry.Reason!.Length}:{entry.Reason}|4:abcd|0:|";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(expected, HistoryChain.HashOf("20261124-03", "20261124-03-0a1b2c3d", 7, entry, "abcd", ""));
    }

    [Fact]
    public void HashOf_ALongReason_HashesAllOfIt()
    {
        var entry = new HistoryEntry(DateTimeOffset.UnixEpoch, "a", "b", "x", "y", new string('批', 5000));
        var other = entry with { Reason = new string('批', 4999) + "示" };
        Assert.NotEqual(HistoryChain.HashOf("p", "r", 1, entry, "h", "g"), HistoryChain.HashOf("p", "r", 1, other, "h", "g"));
    }
}
