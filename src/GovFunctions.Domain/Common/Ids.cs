using System.Globalization;
using System.Security.Cryptography;

namespace GovFunctions.Common;

/// <summary>The one way a record's id gets its random part: lower-case hex of a number of random bytes.</summary>
public static class Ids
{
    /// <summary><paramref name="bytes"/> random bytes as lower-case hex (twice as many characters).</summary>
    public static string Random(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A dated id, <c>{prefix}{yyyyMMdd in China}{random}</c>: e.g. <c>dc20261201a1b2c3</c>.</summary>
    public static string Dated(string prefix, DateTimeOffset at, int bytes = 3) =>
        prefix + at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + Random(bytes);
}
