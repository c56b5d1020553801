using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovFunctions.Common;
using GovFunctions.Platform;
using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace GovFunctions.Tests.Support;

/// <summary>
/// The HTTP routes of the build's functions.metadata, called as the host calls them: the real function class built from the
/// app's services, its method found by its [Function] name, a thrown refusal turned into problem details exactly as the
/// exception middleware does. Anything but a refusal is a 5xx, which is what the tests look for.
/// </summary>
public static class Routes
{
    public sealed record Route(string Name, string Method, string Template)
    {
        public IReadOnlyList<string> Parameters => Template.Split('/').Where(s => s.StartsWith('{')).Select(NameOf).ToList();

        /// <summary>The values a constrained parameter takes (<c>{action:regex(^(a|b)$)}</c>); null when any value reaches the
        /// function.</summary>
        public IReadOnlyList<string>? Choices(string parameter) =>
            Template.Split('/').FirstOrDefault(s => s.StartsWith('{') && NameOf(s) == parameter) is { } segment
            && System.Text.RegularExpressions.Regex.Match(segment, @"regex\(\^\((.*)\)\$\)") is { Success: true } m
                ? m.Groups[1].Value.Split('|') : null;

        private static string NameOf(string segment) => segment.Trim('{', '}').Split(':')[0];

        public override string ToString() => $"{Method.ToUpperInvariant()} /api/{Template} ({Name})";
    }

    /// <summary>What a client would have received: the status, the content type and the body as the host writes it.</summary>
    public sealed record Answer(int Status, string? ContentType, string? Body, Exception? Unexpected)
    {
        public bool IsProblem => ContentType == Problems.ContentType;

        public bool IsHtml => ContentType?.StartsWith("text/html", StringComparison.Ordinal) == true;

        public JsonElement? Json => Body is not null && !IsHtml ? JsonSerializer.Deserialize<JsonElement>(Body) : null;

        public string? Html => IsHtml ? Body : null;

        public IReadOnlyCollection<string> ErrorFields =>
            Json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("errors", out var e)
                ? e.EnumerateObject().Select(p => p.Name).ToList()
                : [];

        public override string ToString() => $"{Status} {ContentType} {Body?[..Math.Min(Body.Length, 400)]} {Unexpected}";
    }

    public static IReadOnlyList<Route> Http { get; } = FunctionsMetadata.Functions
        .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .Select(b => new Route(f.GetProperty("name").GetString()!, b.GetProperty("methods")[0].GetString()!,
                b.GetProperty("route").GetString()!)))
        .ToList();

    public static Route Named(string name) => Http.Single(r => r.Name == name);

    private static readonly Dictionary<string, MethodInfo> Methods = typeof(ServiceRegistration).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name);

    /// <summary>Calls the route's function with the request and route values.</summary>
    public static async Task<Answer> CallAsync(IServiceProvider services, Route route, HttpRequest request,
        IReadOnlyDictionary<string, string> values)
    {
        var method = Methods[route.Name];
        var target = ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => p.ParameterType == typeof(HttpRequest) ? request
            : (object)values[p.Name!]).ToArray();
        try
        {
            var result = await (Task<IActionResult>)method.Invoke(target, arguments)!;
            return Of(result);
        }
        catch (Exception e) when (e is GovException)
        {
            var problem = Problems.From(e, NullLogger.Instance);
            return new Answer(problem.Status!.Value, Problems.ContentType, JsonSerializer.Serialize<object>(problem, Json.Options), null);
        }
        catch (Exception e)
        {
            return new Answer(500, null, null, e);
        }
    }

    public static Answer Of(IActionResult result) => result switch
    {
        ContentResult c => new Answer(c.StatusCode ?? 200, c.ContentType, c.Content, null),
        ObjectResult o => new Answer(o.StatusCode ?? 200, o.Value is ProblemDetails ? Problems.ContentType : "application/json",
            JsonSerializer.Serialize(o.Value, Json.Options), null),
        StatusCodeResult s => new Answer(s.StatusCode, null, null, null),
        _ => throw new InvalidOperationException($"unexpected result {result.GetType().Name}"),
    };

    /// <summary>A request as the host hands it over: JSON or form bytes, any content type, with or without a declared length.</summary>
    public static HttpRequest Request(Route route, IReadOnlyDictionary<string, string> values, string? email, byte[]? body,
        string? contentType,
        bool chunked = false, string? idempotencyKey = null)
    {
        var path = string.Join('/', route.Template.Split('/').Select(s => s.StartsWith('{') ? Uri.EscapeDataString(values[s.Trim('{',
            '}').Split(':')[0]]) : s));
        var request = Support.Http.Request(route.Method.ToUpperInvariant(), path, email);
        if (body is not null)
        {
            request.Body = chunked ? new ChunkedStream(body) : new MemoryStream(body);
            request.ContentLength = chunked ? null : body.Length;
            if (chunked) request.Headers.TransferEncoding = "chunked";
        }
        if (contentType is not null) request.ContentType = contentType;
        if (idempotencyKey is not null) request.Headers[IdempotentIntake.Header] = idempotencyKey;
        return request;
    }

    public static byte[] JsonBytes(JsonObject body) => JsonSerializer.SerializeToUtf8Bytes(body);

    public static byte[] FormBytes(JsonObject body) => System.Text.Encoding.UTF8.GetBytes(string.Join("&", body.SelectMany(kv =>
        (kv.Value is JsonArray a ? a.Select(v => v?.ToString() ?? "") : [kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : kv.Value?.ToJsonString() ?? ""])
        .Select(v => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(v)}"))));

    /// <summary>A body that arrives in pieces and never says how long it is, as Kestrel hands over a chunked request.</summary>
    private sealed class ChunkedStream(byte[] bytes) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 4096), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }
    }
}

/// <summary>The functions.metadata the Worker SDK generated at build (what the Functions host listens on).</summary>
public static class FunctionsMetadata
{
    public static JsonElement[] Functions { get; } = Load();

    private static JsonElement[] Load()
    {
        // This test assembly sits in tests/GovFunctions.Tests/bin/<Configuration>/net10.0/; the app's build output in
        // src/GovFunctions/bin/<Configuration>/net10.0/.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "src", "GovFunctions", "bin", here.Parent!.Name, here.Name,
            "functions.metadata");
        Assert.True(File.Exists(path), $"build output not found: {path}");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.EnumerateArray().ToArray();
    }
}
