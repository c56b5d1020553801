using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GovFunctions.Calendar;
using GovFunctions.Common;
using Microsoft.AspNetCore.Http;

namespace GovFunctions.Platform.Http;

/// <summary>
/// Reads an intake body as JSON or as an HTML form post (<c>application/x-www-form-urlencoded</c>) with the same
/// field names. Malformed input becomes a 400 naming the field, never an exception from the parser.
/// </summary>
public static class RequestBody
{
    public const int MaxBytes = 256 * 1024;

    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct = default) where T : class
    {
        if (request.ContentLength > MaxBytes)
            throw ValidationException.For("body", "提交内容过大", $"the body must be at most {MaxBytes} bytes");
        JsonNode? node;
        try
        {
            node = request.HasFormContentType ? FromForm(await request.ReadFormAsync(ct)) : await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException or IOException)
        {
            throw ValidationException.For("body", "提交内容不是有效的 JSON 或表单", "the body is not valid JSON or form data");
        }
        if (node is not JsonObject obj)
            throw ValidationException.For("body", "提交内容必须是一个 JSON 对象", "the body must be a JSON object");
        try
        {
            return obj.Deserialize<T>(Options) ?? throw ValidationException.For("body", "提交内容为空", "the body is empty");
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            throw ValidationException.For(field, $"字段 {field} 的格式不正确", $"{field} has the wrong format");
        }
    }

    private static JsonObject FromForm(IFormCollection form)
    {
        var obj = new JsonObject();
        foreach (var (key, values) in form)
        {
            if (key.StartsWith("__", StringComparison.Ordinal)) continue;
            obj[key] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
        return obj;
    }

    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return "body";
        var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var cut = name.IndexOfAny(['.', '[']);
        return cut > 0 ? name[..cut] : name;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var o = Json.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        });
        o.Converters.Add(new LenientBool());
        o.Converters.Add(new ChinaDateTimeOffset());
        o.Converters.Add(new PlausibleDate());
        o.Converters.Add(new StringList());
        return o;
    }

    /// <summary>Forms send checkboxes as "on" and selects as strings.</summary>
    private sealed class LenientBool : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.String => reader.GetString()?.Trim().ToLowerInvariant() switch
            {
                "true" or "on" or "1" or "yes" or "是" => true,
                "false" or "off" or "0" or "no" or "否" or "" => false,
                _ => throw new JsonException("not a boolean"),
            },
            _ => throw new JsonException("not a boolean"),
        };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }

    /// <summary>ISO-8601 with an offset; a time without one (an HTML datetime-local field) is China Standard Time.</summary>
    private sealed class ChinaDateTimeOffset : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString()?.Trim() : null;
            if (string.IsNullOrEmpty(text)) throw new JsonException("not a time");
            var hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10;
            DateTimeOffset? value = null;
            if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
                value = withOffset;
            else if (!hasOffset && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) && Plausible(local.Year))
                value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ChinaTime.Offset);
            return value is { } v && Plausible(v.Year) ? v : throw new JsonException("not a time between 2000 and 2100");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>Years a government record can be about; anything else is a typing error, refused before date arithmetic overflows.</summary>
    public static bool Plausible(int year) => year is >= 2000 and <= 2100;

    /// <summary>A calendar date, yyyy-MM-dd, within <see cref="Plausible"/> years.</summary>
    private sealed class PlausibleDate : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && DateOnly.TryParseExact(reader.GetString()?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                && Plausible(d.Year) ? d : throw new JsonException("not a date (yyyy-MM-dd) between 2000 and 2100");

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>A list field posted by a form as one value, or as a comma-separated string.</summary>
    private sealed class StringList : JsonConverter<List<string>>
    {
        public override List<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
                return (reader.GetString() ?? "").Split([',', '，', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("not a list");
            var list = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                list.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("not a list of strings"));
            return list;
        }

        public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToArray(), options);
    }
}
