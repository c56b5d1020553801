namespace GovFunctions.Common;

/// <summary>Every refusal the product makes to a caller. Mapped to RFC 7807 in one place.</summary>
public abstract class GovException(string message) : Exception(message);

/// <summary>400: the input is malformed; <see cref="Errors"/> names each field.</summary>
public sealed class ValidationException(IReadOnlyDictionary<string, string[]> errors)
    : GovException("输入有误 / The input is invalid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationException For(string field, string zh, string en) =>
        new(new Dictionary<string, string[]> { [field] = [Bilingual.Text(zh, en)] });
}

/// <summary>409: the record is not in a state that allows this, or somebody changed it first.</summary>
public sealed class StateConflictException(string message) : GovException(message)
{
    /// <summary>The field or header the conflict is about, when there is one (e.g. <c>Idempotency-Key</c>); named in the answer's
    /// errors.</summary>
    public string? Field { get; init; }
}

/// <summary>422: a rule of the district refuses it; names the article and the gate.</summary>
public sealed class RuleViolationException(string article, string gate, string message) : GovException(message)
{
    public string Article { get; } = article;
    public string Gate { get; } = gate;

    /// <summary>Every gate that refuses, when more than one does (the first is <see cref="Gate"/>).</summary>
    public IReadOnlyList<OpenGate> Gates { get; init; } = [];

    public static RuleViolationException For(IReadOnlyList<OpenGate> gates) =>
        new(gates[0].Article, gates[0].Gate, string.Join("；", gates.Select(g => g.Message))) { Gates = gates };
}

/// <summary>A rule's gate that is still closed to the caller: which, under which article, and why (zh-CN and English).</summary>
public sealed record OpenGate(string Gate, string Article, string Message);

/// <summary>404.</summary>
public sealed class NotFoundException(string message) : GovException(message);

/// <summary>410: a link or record that existed but no longer works.</summary>
public sealed class GoneException(string message) : GovException(message);

/// <summary>401: no trusted identity on the request.</summary>
public sealed class AuthenticationRequiredException(string message) : GovException(message);

/// <summary>403: a known identity that may not do this, or an identity the organization does not know.</summary>
public sealed class AccessDeniedException(string message) : GovException(message);

/// <summary>
/// Refusals carry both languages, <c>中文 (English)</c>: JSON shows them whole; pages and emails show only
/// <see cref="Chinese"/>.
/// </summary>
public static class Bilingual
{
    public static string Text(string zh, string en) => $"{zh} ({en})";

    /// <summary>
    /// The Chinese of a text made by <see cref="Text"/>, or of several joined with <c>；</c> (a rule's gates): each part's
    /// trailing <c> (English)</c> is dropped. A text without an English part comes back unchanged.
    /// </summary>
    public static string Chinese(string text) => string.Join("；", text.Split('；').Select(ChinesePart));

    private static string ChinesePart(string part)
    {
        if (!part.EndsWith(')')) return part;
        var depth = 0;
        for (var i = part.Length - 1; i > 0; i--)
        {
            if (part[i] == ')') depth++;
            else if (part[i] == '(' && --depth == 0)
                return part[i - 1] == ' ' && i + 1 < part.Length && char.IsAscii(part[i + 1]) ? part[..(i - 1)] : part;
        }
        return part;
    }
}

/// <summary>Collects per-field errors and throws them together, so a form shows every mistake at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public FieldErrors Add(string field, string zh, string en)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(Bilingual.Text(zh, en));
        return this;
    }

    public FieldErrors Required(string field, string? value, string zhName)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"{zhName}为必填项", $"{field} is required");
        return this;
    }

    /// <summary>At most <paramref name="max"/> characters as a reader counts them: a character beyond the BMP (e.g. 𠀀) is one,
    /// though it takes two UTF-16 units; storage is sized for the maximum in any script.</summary>
    public FieldErrors MaxLength(string field, string? value, int max, string zhName)
    {
        if (value is not null && value.Length > max && CharacterCount(value) > max)
            Add(field, $"{zhName}不能超过{max}个字符", $"{field} must be at most {max} characters");
        return this;
    }

    public static int CharacterCount(string value) => value.Length - value.Count(char.IsLowSurrogate);

    /// <summary>A time something was received: required, not in the future (5 minutes' clock skew allowed), at most <paramref name="maxDays"/> old.</summary>
    public FieldErrors Received(string field, DateTimeOffset? value, DateTimeOffset now, int maxDays, string zhName)
    {
        if (value is null) Add(field, $"{zhName}为必填项", $"{field} is required");
        else if (value > now.AddMinutes(5)) Add(field, $"{zhName}不能晚于现在", $"{field} is in the future");
        else if (value < now.AddDays(-maxDays)) Add(field, $"只能补录{maxDays}天内的记录", $"{field} is more than {maxDays} days ago");
        return this;
    }

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }
}
