using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovFunctions.Platform.Http;

/// <summary>
/// How intake bodies (JSON and HTML forms) read the app's value types. Only reading is lenient where forms need it
/// (checkbox "on", a list as one comma-separated value); enums are strict: only a defined name, as a string.
/// </summary>
public static class IntakeConverters
{
    public static void AddTo(JsonSerializerOptions options)
    {
        // Ahead of Json.Configure's JsonStringEnumConverter, which would take numbers ("7") and flag lists ("a, b").
        options.Converters.Insert(0, new NamedEnums());
        options.Converters.Add(new LenientBool());
        options.Converters.Add(new ChinaDateTimeOffset());
        options.Converters.Add(new PlausibleDate());
        options.Converters.Add(new StringList());
    }

    /// <summary>Years a government record can be about; anything else is a typing error, refused before date arithmetic
    /// overflows.</summary>
    public static bool Plausible(int year) => year is >= 2000 and <= 2100;

    /// <summary>A calendar date, yyyy-MM-dd, within <see cref="Plausible"/> years.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && Plausible(date.Year);

    /// <summary>A refused enum value; carries the names the field takes, so the 400 can list them.</summary>
    public sealed class ChoiceException(IReadOnlyList<string> allowed) : JsonException("not one of " + string.Join(", ", allowed))
    {
        public IReadOnlyList<string> Allowed { get; } = allowed;
    }

    private sealed class NamedEnums : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Named<>).MakeGenericType(typeToConvert))!;
    }

    /// <summary>Exactly the camelCase names of API.md: no numbers, no numeric strings, no comma-joined flags, no other casing.</summary>
    private sealed class Named<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => Json.Name(v), StringComparer.Ordinal);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
                ? value
                : throw new ChoiceException([.. ByName.Keys]);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
            => writer.WriteStringValue(Json.Name(value));
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
            else if (!hasOffset && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                && Plausible(local.Year))
                value = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ChinaTime.Offset);
            return value is { } v && Plausible(v.Year) ? v : throw new JsonException("not a time between 2000 and 2100");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));
    }

    private sealed class PlausibleDate : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && TryParseDate(reader.GetString(), out var d)
                ? d : throw new JsonException("not a date (yyyy-MM-dd) between 2000 and 2100");

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>A list field posted by a form as one value, or as a comma-separated string.</summary>
    private sealed class StringList : JsonConverter<List<string>>
    {
        public override List<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
                return (reader.GetString() ?? "").Split([',', '，', ';'],
                    StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
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
