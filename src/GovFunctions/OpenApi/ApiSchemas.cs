using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.OpenApi;

namespace GovFunctions.OpenApi;

/// <summary>
/// The JSON schemas of the records a function reads or answers, taken from the app's serializer contract
/// (<see cref="Json.Options"/>): the property names it writes (camelCase), enums as their string names, times as ISO-8601.
/// Every record is a component (<c>#/components/schemas/{Name}</c>) referenced where used, its properties in the order the
/// serializer writes them; a property that may be null is
/// left out of <c>required</c> (the serializer does not write nulls) and allows null.
/// </summary>
public sealed class ApiSchemas(OpenApiDocument document)
{
    /// <summary>The app's options with the reflection contract its serializer uses (a copy: the app's own stay as they are).</summary>
    private static readonly JsonSerializerOptions Contract = new(Json.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private readonly Dictionary<Type, string> _names = [];
    private readonly SortedDictionary<string, IOpenApiSchema> _schemas = new(StringComparer.Ordinal);

    /// <summary>The components made so far, by name (sorted, so the document reads the same from any order of use).</summary>
    public IReadOnlyDictionary<string, IOpenApiSchema> Components => _schemas;

    /// <summary>The schema of <paramref name="type"/>: a reference for a record, inline for a value or a list.</summary>
    public IOpenApiSchema For(Type type) => For(Contract.GetTypeInfo(type));

    /// <summary>
    /// The component <paramref name="name"/> of <paramref name="type"/>'s properties and <paramref name="extensions"/>: the
    /// members a type writes through <c>[JsonExtensionData]</c> (the problem details), which its contract cannot show.
    /// </summary>
    public IOpenApiSchema Add(string name, Type type, IReadOnlyDictionary<string, IOpenApiSchema> extensions)
    {
        var schema = Properties(name, Contract.GetTypeInfo(type));
        schema.Required = null; // one schema for every refusal: a 400 has errors, a 422 its article, any may lack the others
        foreach (var (key, value) in extensions) schema.Properties![key] = value;
        return new OpenApiSchemaReference(name, document);
    }

    private IOpenApiSchema For(JsonTypeInfo info)
    {
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        return info.Kind switch
        {
            JsonTypeInfoKind.Object when type != typeof(object) => Record(info),
            JsonTypeInfoKind.Enumerable => new OpenApiSchema { Type = JsonSchemaType.Array, Items = Element(info.ElementType!) },
            JsonTypeInfoKind.Dictionary =>
                new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = Element(info.ElementType!) },
            _ => Value(type),
        };
    }

    /// <summary>An item of a list or a value of a map: written even when null (the serializer leaves out only null properties).</summary>
    private IOpenApiSchema Element(Type type)
    {
        var schema = For(type);
        if (Nullable.GetUnderlyingType(type) is not null && schema is OpenApiSchema { Type: { } t } inline)
            inline.Type = t | JsonSchemaType.Null;
        return schema;
    }

    private IOpenApiSchema Record(JsonTypeInfo info)
    {
        if (!_names.ContainsKey(info.Type)) Properties(NameOf(info.Type), info);
        return new OpenApiSchemaReference(_names[info.Type], document);
    }

    private OpenApiSchema Properties(string name, JsonTypeInfo info)
    {
        _names[info.Type] = name;
        var schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>() };
        _schemas[name] = schema; // before its properties: a record that holds itself refers to its own component
        var required = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var p in info.Properties.Where(p => p.Get is not null && !IsExtensionData(p)))
        {
            var nullable = p.IsGetNullable && (!p.PropertyType.IsValueType || Nullable.GetUnderlyingType(p.PropertyType) is not null);
            var property = For(p.PropertyType);
            if (nullable && property is OpenApiSchema { Type: { } t } inline) inline.Type = t | JsonSchemaType.Null;
            schema.Properties[p.Name] = property;
            if (!nullable) required.Add(p.Name);
        }
        if (required.Count > 0) schema.Required = required;
        return schema;
    }

    private static bool IsExtensionData(JsonPropertyInfo p) =>
        p.AttributeProvider?.IsDefined(typeof(JsonExtensionDataAttribute), inherit: true) == true;

    /// <summary>Names two types of the app share (a <c>ProposalIntake</c> of accountability and one of reconsideration).</summary>
    private static readonly Lazy<HashSet<string>> SharedNames = new(() =>
        new[] { typeof(ApiSchemas).Assembly, typeof(HistoryEntry).Assembly }.SelectMany(a => a.GetTypes())
            .GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet());

    /// <summary>
    /// A component's name: the type's own; for a name two types of the app share, qualified by its declaring type or namespace
    /// (<c>Legal.ProposalIntake</c>), so a name never depends on which was met first.
    /// </summary>
    private string NameOf(Type type)
    {
        var name = SharedNames.Value.Contains(type.Name)
            ? (type.DeclaringType?.Name ?? type.Namespace?.Split('.')[^1]) + "." + type.Name
            : type.Name;
        name = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        return _schemas.ContainsKey(name) ? throw new InvalidOperationException($"two records would be the schema {name}: {type}") : name;
    }

    private static OpenApiSchema Value(Type type)
    {
        if (type.IsEnum)
            return new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = Enum.GetValues(type).Cast<object>().Select(v => (JsonNode)JsonSerializer.Serialize(v, type, Contract).Trim('"'))
                    .ToList(),
            };
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String or TypeCode.Char => new OpenApiSchema { Type = JsonSchemaType.String },
            TypeCode.Boolean => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 =>
                new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            TypeCode.Int64 or TypeCode.UInt64 => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" },
            TypeCode.DateTime => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            _ when type == typeof(DateTimeOffset) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            _ when type == typeof(DateOnly) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
            _ when type == typeof(TimeOnly) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "time" },
            _ when type == typeof(TimeSpan) => new OpenApiSchema { Type = JsonSchemaType.String },
            _ when type == typeof(Guid) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
            _ when type == typeof(Uri) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
            _ when type == typeof(byte[]) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "byte" },
            _ => new OpenApiSchema(), // any JSON (object, JsonElement)
        };
    }
}
