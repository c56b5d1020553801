using System.Text.Json;
using Microsoft.OpenApi;

namespace GovFunctions.Tests.OpenApi;

/// <summary>
/// Whether a JSON value is one the schema describes: each property of an object declared (by the name written), each required
/// one present, each value of its type, an enum's value one of its names, the items of a list and the values of a map alike.
/// </summary>
public static class SchemaCheck
{
    public static void Conforms(JsonElement value, IOpenApiSchema schema, string at, List<string> problems)
    {
        var type = schema.Type;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (type is { } t && !t.HasFlag(JsonSchemaType.Null)) problems.Add($"{at}: null where the schema says {t}");
            return;
        }
        if (type is { } expected && !expected.HasFlag(KindOf(value)) && !(KindOf(value) == JsonSchemaType.Integer
                && expected.HasFlag(JsonSchemaType.Number)) && !(KindOf(value) == JsonSchemaType.Number
                && expected.HasFlag(JsonSchemaType.Integer) && value.TryGetInt64(out _)))
            problems.Add($"{at}: {value.ValueKind} where the schema says {expected}");
        if (schema.Enum is { Count: > 0 } choices && value.ValueKind == JsonValueKind.String
            && !choices.Any(c => c?.GetValue<string>() == value.GetString()))
            problems.Add($"{at}: \"{value.GetString()}\" is not one of {string.Join(", ", choices)}");
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when schema.Properties is { Count: > 0 } properties:
                foreach (var p in value.EnumerateObject())
                    if (properties.TryGetValue(p.Name, out var property)) Conforms(p.Value, property, $"{at}.{p.Name}", problems);
                    else problems.Add($"{at}.{p.Name}: written by the app but not in the schema");
                foreach (var name in schema.Required ?? new HashSet<string>())
                    if (!value.TryGetProperty(name, out _)) problems.Add($"{at}.{name}: required by the schema but not written");
                break;
            case JsonValueKind.Object when schema.AdditionalProperties is { } values:
                foreach (var p in value.EnumerateObject()) Conforms(p.Value, values, $"{at}.{p.Name}", problems);
                break;
            case JsonValueKind.Array when schema.Items is { } items:
                var i = 0;
                foreach (var item in value.EnumerateArray()) Conforms(item, items, $"{at}[{i++}]", problems);
                break;
        }
    }

    private static JsonSchemaType KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => JsonSchemaType.Object,
        JsonValueKind.Array => JsonSchemaType.Array,
        JsonValueKind.String => JsonSchemaType.String,
        JsonValueKind.Number => value.TryGetInt64(out _) ? JsonSchemaType.Integer : JsonSchemaType.Number,
        _ => JsonSchemaType.Boolean,
    };
}
