using System.Text;
using System.Text.Encodings.Web;

namespace GovFunctions.Platform.Storage;

/// <summary>
/// The JSON encoder for what the app stores and enqueues: every character is written as itself; only what JSON itself
/// requires is escaped (quote, backslash, control characters). The framework's encoders escape every CJK character as
/// <c>\uXXXX</c> (6 characters for 1) and every character beyond the BMP as a pair of escapes (12 for 2), so a Chinese text
/// took six times its length in a Table property. Not for HTML or responses: stored JSON is never rendered as markup.
/// </summary>
public sealed class StorageJsonEncoder : JavaScriptEncoder
{
    public static readonly StorageJsonEncoder Instance = new();

    private StorageJsonEncoder() { }

    /// <summary><c>\uXXXX</c>.</summary>
    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar < 0x20 || unicodeScalar is '"' or '\\' || (unicodeScalar is >= 0xD800 and <= 0xDFFF);

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1])) i++;
            else if (WillEncode(c)) return i;
        }
        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        for (var i = 0; i < utf8Text.Length;)
        {
            var status = Rune.DecodeFromUtf8(utf8Text[i..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done || WillEncode(rune.Value))
                return i;
            i += consumed;
        }
        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var output = new Span<char>(buffer, bufferLength);
        if (!WillEncode(unicodeScalar))
        {
            var written = Rune.TryCreate(unicodeScalar, out var rune) && rune.TryEncodeToUtf16(output, out var n) ? n : -1;
            numberOfCharactersWritten = Math.Max(written, 0);
            return written >= 0;
        }
        var escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => $"\\u{unicodeScalar:X4}",
        };
        numberOfCharactersWritten = 0;
        if (bufferLength < escape.Length) return false;
        escape.AsSpan().CopyTo(output);
        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
