using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovFunctions.Platform;

/// <summary>The one JSON shape of the app: camelCase, string enums, ISO-8601 times with offset.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>An enum value's name on the wire (camelCase), as the converter writes it.</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonSerializer.Serialize(value, Options).Trim('"');

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        return options;
    }
}
