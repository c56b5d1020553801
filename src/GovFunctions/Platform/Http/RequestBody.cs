using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace GovFunctions.Platform.Http;

/// <summary>
/// Reads an intake body as JSON or as an HTML form post (<c>application/x-www-form-urlencoded</c>) with the same
/// field names. Malformed input becomes a 400 naming the field, never an exception from the parser: at most
/// <see cref="MaxBytes"/> are read whatever the request declares (chunked bodies included), only UTF-8 is accepted,
/// text that is not valid UTF-16 (a lone surrogate escape) is refused, and enums take only their names.
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 256 * 1024;

    /// <summary>The hidden field by which a form sends its idempotency key (API.md, "Intake idempotency").</summary>
    public const string IdempotencyKeyField = "idempotencyKey";

    private static readonly object BytesKey = new();

    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct = default) where T : class
    {
        var json = request.HasFormContentType
            ? FromForm(await ReadFormAsync(request, ct) ?? throw NotValid())
            : await BytesAsync(request, ct);
        return FromJson<T>(json);
    }

    /// <summary>A body that may be left out: null when the request has none (judged by what is read, not by what is declared).</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpRequest request, CancellationToken ct = default) where T : class =>
        request.HasFormContentType || (await BytesAsync(request, ct)).Length > 0 ? await ReadAsync<T>(request, ct) : null;

    /// <summary>
    /// The form of a form post, null for any other content type. Read from the bounded bytes of <see cref="BytesAsync"/>;
    /// an unsupported charset or a malformed form is a 400.
    /// </summary>
    public static async Task<IFormCollection?> ReadFormAsync(HttpRequest request, CancellationToken ct = default)
    {
        if (!request.HasFormContentType) return null;
        await BytesAsync(request, ct);
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (NotSupportedException)
        {
            throw BadCharset(); // a multipart section declaring a charset .NET refuses (utf-7)
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or ArgumentException
                                       or DecoderFallbackException)
        {
            throw NotValid();
        }
    }

    /// <summary>
    /// The body's bytes, read once per request and at most <see cref="MaxBytes"/> of them: a body past the limit is refused
    /// while it is read, whether or not it declared its length. The request's body is replaced by the bytes read, so later
    /// readers (the form reader) see the same.
    /// </summary>
    public static async Task<byte[]> BytesAsync(HttpRequest request, CancellationToken ct = default)
    {
        if (request.HttpContext.Items.TryGetValue(BytesKey, out var cached) && cached is byte[] bytes) return bytes;
        CheckCharset(request);
        if (request.ContentLength > MaxBytes) throw TooLarge();
        try
        {
            bytes = await ReadBoundedAsync(request.Body, request.ContentLength, ct);
        }
        catch (IOException)
        {
            throw NotValid(); // the client broke off, or sent a malformed chunked body
        }
        request.HttpContext.Items[BytesKey] = bytes;
        request.Body = new MemoryStream(bytes, writable: false);
        return bytes;
    }

    /// <summary>
    /// Reads to the end into one pooled buffer, sized by the declared length when there is one and grown while more arrives;
    /// past <see cref="MaxBytes"/> it stops and refuses, whatever was declared.
    /// </summary>
    private static async Task<byte[]> ReadBoundedAsync(Stream body, long? declared, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(declared ?? 0, 0, MaxBytes) + 1);
        var length = 0;
        try
        {
            for (int n; (n = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0;)
            {
                length += n;
                if (length > MaxBytes) throw TooLarge();
                if (length < buffer.Length) continue;
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            return buffer.AsSpan(0, length).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The body as <typeparamref name="T"/>, read straight from its bytes once <see cref="CheckText"/> has passed them; a field
    /// of the wrong type or an enum value that is not one of its names is a 400 naming the field.
    /// </summary>
    private static T FromJson<T>(byte[] json)
    {
        CheckText(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw ValidationException.For("body", "提交内容为空", "the body is empty");
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            throw e is IntakeConverters.ChoiceException choice
                ? ValidationException.For(field, $"字段 {field} 只能是：{string.Join("、", choice.Allowed)}",
                    $"{field} must be one of {string.Join(", ", choice.Allowed)}")
                : ValidationException.For(field, $"字段 {field} 的格式不正确", $"{field} has the wrong format");
        }
    }

    /// <summary>
    /// One pass of the reader over the body, without building a tree: it is well-formed JSON (else a 400 on the body), an object,
    /// and every string in it, names too, is valid UTF-8 and UTF-16 (a JSON escape may name a lone surrogate); a string that is
    /// not is a 400 naming the top-level field that holds it (the body, when it is that field's name).
    /// </summary>
    private static void CheckText(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        ReadOnlySpan<byte> field = default;
        var (fieldEscaped, isObject, tokens) = (false, false, 0);
        string? invalid = null;
        try
        {
            while (reader.Read())
            {
                if (tokens++ == 0) isObject = reader.TokenType == JsonTokenType.StartObject;
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String)) continue;
                var topLevelName = reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1;
                var valid = ValidText(ref reader);
                if (topLevelName)
                {
                    field = reader.ValueSpan;
                    fieldEscaped = reader.ValueIsEscaped;
                }
                if (!valid && invalid is null) invalid = topLevelName || !isObject ? "body" : NameOf(field, fieldEscaped);
            }
        }
        catch (JsonException)
        {
            throw NotValid();
        }
        if (tokens == 0) throw NotValid();
        if (!isObject) throw ValidationException.For("body", "提交内容必须是一个 JSON 对象", "the body must be a JSON object");
        if (invalid is not null)
            throw ValidationException.For(invalid, $"字段 {invalid} 含有无效字符（孤立的代理项）",
                $"{invalid} is not valid UTF-16 text (a lone surrogate)");
    }

    /// <summary>Whether the string token decodes: its raw bytes are valid UTF-8, and its escapes name no lone surrogate.</summary>
    private static bool ValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return Utf8.IsValid(reader.ValueSpan);
        var chars = ArrayPool<char>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            reader.CopyString(chars);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>A property name already checked by <see cref="ValidText"/>, as text (only for the message of a 400).</summary>
    private static string NameOf(ReadOnlySpan<byte> name, bool escaped)
    {
        if (!escaped) return Encoding.UTF8.GetString(name);
        var quoted = new Utf8JsonReader([(byte)'"', .. name, (byte)'"']);
        quoted.Read();
        return quoted.GetString()!;
    }

    /// <summary>A form's fields as the same JSON the JSON route takes; framework fields ("__…") and the idempotency key are not
    /// data.</summary>
    private static byte[] FromForm(IFormCollection form)
    {
        var obj = new JsonObject();
        foreach (var (key, values) in form)
        {
            if (key.StartsWith("__", StringComparison.Ordinal) || key == IdempotencyKeyField) continue;
            obj[key] = values.Count == 1
                ? JsonValue.Create(values[0])
                : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
        return JsonSerializer.SerializeToUtf8Bytes(obj);
    }

    /// <summary>Only UTF-8 (the charset of JSON, RFC 8259, and of every browser's form post here); anything else is a 400 naming
    /// Content-Type.</summary>
    private static void CheckCharset(HttpRequest request)
    {
        if (request.ContentType is not { } type) return;
        if (!MediaTypeHeaderValue.TryParse(type, out var media)) throw BadContentType();
        var charset = media.Charset.HasValue ? media.Charset.Value!.Trim('"', ' ') : null;
        if (charset is not (null or "") && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8",
            StringComparison.OrdinalIgnoreCase))
            throw BadCharset();
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
            : path.StartsWith("$['", StringComparison.Ordinal) ? path[3..]
            : path.TrimStart('$');
        var cut = name.IndexOfAny(['.', '[', '\'']);
        return cut > 0 ? name[..cut] : name.Length > 0 ? name : "body";
    }

    private static ValidationException NotValid() =>
        ValidationException.For("body", "提交内容不是有效的 JSON 或表单", "the body is not valid JSON or form data");

    private static ValidationException TooLarge() =>
        ValidationException.For("body", "提交内容过大", $"the body must be at most {MaxBytes} bytes");

    private static ValidationException BadCharset() =>
        ValidationException.For("Content-Type", "仅支持 UTF-8 编码（charset=utf-8）", "only UTF-8 bodies are accepted (charset=utf-8)");

    private static ValidationException BadContentType() =>
        ValidationException.For("Content-Type", "Content-Type 格式不正确", "the Content-Type header is malformed");

    private static JsonSerializerOptions CreateOptions()
    {
        var o = Json.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        });
        IntakeConverters.AddTo(o);
        return o;
    }
}
