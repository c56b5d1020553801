using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace GovFunctions.Platform.Storage;

/// <summary>
/// JSON kept in Table rows and queue messages, within Table Storage's limits: a string property holds at most 32K UTF-16
/// characters, an entity 1 MiB and a transaction 4 MiB — as the storage client sends them, which escapes every non-ASCII
/// character (<c>\uXXXX</c>: 6 bytes for a CJK character, 12 for one beyond the BMP). So a value's JSON is written without
/// escaping of its own (<see cref="StorageJsonEncoder"/>), cut into properties <c>Json</c>, <c>Json1</c>, <c>Json2</c>, …
/// of at most <see cref="PropertyChars"/> characters, never between the two halves of a surrogate pair, and grouped into
/// rows of at most <see cref="RowBytes"/> on the wire (<see cref="Pack"/>). Rows written before (one escaped property) read the same.
/// </summary>
public static class StoredJson
{
    /// <summary>The app's JSON shape (<see cref="Json.Options"/>) with the storage encoder; HTTP responses keep their own.</summary>
    public static readonly JsonSerializerOptions Options = new(Json.Options) { Encoder = StorageJsonEncoder.Instance };

    /// <summary>Characters per property: under Table Storage's 32,768 (64 KiB of UTF-16).</summary>
    public const int PropertyChars = 32_000;

    /// <summary>JSON per row as the client sends it, leaving room under 1 MiB for keys, the other properties and their names.</summary>
    public const int RowBytes = 900_000;

    /// <summary>Rows one record may span: with its history row and markers, one transaction stays under 4 MiB.</summary>
    public const int MaxRows = 3;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The same JSON as <see cref="Serialize{T}"/>, as its UTF-8 bytes (what a hash of it is taken over).</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException("stored JSON is empty");

    /// <summary>A value kept in one row: its JSON in <paramref name="name"/>, <paramref name="name"/>1, ….</summary>
    public static void Put<T>(TableEntity row, string name, T value) => Write(row, name, Pack(Serialize(value), 1)[0]);

    public static T Get<T>(TableEntity row, string name) => Deserialize<T>(Read(row, name));

    /// <summary>The JSON cut into properties, grouped into rows; at least one row of at least one property.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Pack(string json, int maxRows)
    {
        if (json.Length <= PropertyChars && maxRows >= 1) return [[json]]; // one property, so one row
        var rows = new List<List<string>> { new() };
        var rowBytes = 0;
        for (var start = 0; start < json.Length || rows[0].Count == 0;)
        {
            var length = Math.Min(PropertyChars, json.Length - start);
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1])) length--;
            var part = json.Substring(start, length);
            var bytes = WireBytes(part);
            if (rowBytes + bytes > RowBytes && rows[^1].Count > 0)
            {
                rows.Add([]);
                rowBytes = 0;
            }
            rows[^1].Add(part);
            rowBytes += bytes;
            start += length;
        }
        if (rows.Count > maxRows)
            throw new InvalidOperationException($"{json.Length} characters of JSON need {rows.Count} rows, more than {maxRows}: "
                + "the validation limits of what it holds are too large");
        return rows;
    }

    public static void Write(TableEntity row, string name, IReadOnlyList<string> parts)
    {
        for (var i = 0; i < parts.Count; i++) row[i == 0 ? name : $"{name}{i}"] = parts[i];
    }

    public static string Read(TableEntity row, string name)
    {
        var first = row.GetString(name) ?? throw new InvalidDataException($"{row.PartitionKey}/{row.RowKey} has no {name}");
        if (row.GetString(name + "1") is null) return first;
        var json = new StringBuilder(first);
        for (var part = 1; row.GetString($"{name}{part}") is { } next; part++) json.Append(next);
        return json.ToString();
    }

    /// <summary>The bytes a text takes in the storage client's request: ASCII as itself, anything else escaped.</summary>
    public static int WireBytes(string text)
    {
        var bytes = 0;
        foreach (var c in text) bytes += c is '"' or '\\' ? 2 : c is < (char)0x20 or > (char)0x7E ? 6 : 1;
        return bytes;
    }

    /// <summary>At most <paramref name="max"/> UTF-16 characters of a text, cut between characters, marked with an ellipsis
    /// when cut.</summary>
    public static string? Clip(string? text, int max)
    {
        if (text is null || text.Length <= max) return text;
        var length = max - 1;
        if (char.IsHighSurrogate(text[length - 1])) length--;
        return text[..length] + "…";
    }
}
