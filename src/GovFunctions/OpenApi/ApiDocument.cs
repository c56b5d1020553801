using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using GovFunctions.Platform.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;

namespace GovFunctions.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of every HTTP function of the app (<c>GET /api/openapi.json</c>), made by reflection: routes and
/// methods from the <see cref="HttpTriggerAttribute"/>s (so they are the build's functions.metadata), the bodies and answers
/// from each function's declarations (<see cref="DescribeAttribute"/>, <see cref="ReadsAttribute"/>,
/// <see cref="AnswersAttribute"/>, <see cref="QueryAttribute"/>, <see cref="RefusesAttribute"/>) and their schemas from the
/// records themselves (<see cref="ApiSchemas"/>). A function without a description stops the document, naming it.
/// </summary>
public static partial class ApiDocument
{
    public const string EasyAuthName = "EasyAuthPrincipalName", EasyAuthPrincipal = "EasyAuthPrincipal";

    private static readonly Lazy<string> Served = new(() => Write(Build(HttpFunctions(typeof(ApiDocument).Assembly))));

    /// <summary>The document as served: built once per process from this assembly.</summary>
    public static string Text => Served.Value;

    /// <summary>An HTTP function as the host sees it: its name, route template and methods, and the method that runs it.</summary>
    public sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method)
    {
        public string Path => PathOf(Route);
    }

    /// <summary>A route template as an OpenAPI path: <c>items/{id}/{action:regex(…)}</c> → <c>/items/{id}/{action}</c>.</summary>
    public static string PathOf(string route) => "/" + RouteParameter().Replace(route, m => "{" + m.Groups[1].Value + "}");

    public static IReadOnlyList<HttpFunction> HttpFunctions(Assembly assembly) => assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(),
            Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
        .Where(x => x.Function is not null && x.Trigger is not null)
        .Select(x => new HttpFunction(x.Function!.Name, x.Trigger!.Route ?? x.Function.Name,
            (x.Trigger.Methods ?? throw new InvalidOperationException($"{x.Function.Name}: name its HTTP methods"))
            .Select(m => m.ToLowerInvariant()).ToList(), x.Method))
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>The document of <paramref name="functions"/>; the same whatever their order.</summary>
    public static OpenApiDocument Build(IEnumerable<HttpFunction> functions)
    {
        var all = functions.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
        var undescribed = all
            .Where(f => f.Method.GetCustomAttribute<DescribeAttribute>() is null || !f.Method.IsDefined(typeof(AnswersAttribute)))
            .Select(f => $"{f.Name} ({f.Method.DeclaringType!.Name})").ToList();
        if (undescribed.Count > 0)
            throw new InvalidOperationException("HTTP functions without [Describe] and [Answers] for the OpenAPI document: "
                + string.Join(", ", undescribed));

        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "区政府政务系统 (GovFunctions)", Version = "1",
                Description = "区政府工作规则的后台接口；错误按 RFC 7807 返回。The district government's back office: every HTTP route, "
                    + "refusals as RFC 7807 problem details (application/problem+json), JSON in camelCase with string enums.",
            },
            Servers = [new OpenApiServer { Url = "/api" }],
            Paths = [],
            Components = new OpenApiComponents { SecuritySchemes = SecuritySchemes() },
        };
        var schemas = new ApiSchemas(document);
        var operations = new ApiOperations(document, schemas);
        foreach (var path in all.GroupBy(f => f.Path))
        {
            var item = new OpenApiPathItem();
            foreach (var f in path.SelectMany(f => f.Methods.Select(m => (Function: f, Method: m)))
                         .OrderBy(x => x.Method, StringComparer.Ordinal))
                item.AddOperation(new HttpMethod(f.Method.ToUpperInvariant()), operations.Of(f.Function, f.Method));
            document.Paths[path.Key] = item;
        }
        document.Components.Responses = operations.Problems();
        document.Components.Schemas = schemas.Components.ToDictionary(kv => kv.Key, kv => kv.Value);
        document.Tags = all.Select(f => Tag(f.Method)).Distinct().Order(StringComparer.Ordinal).Select(t => new OpenApiTag { Name = t })
            .ToHashSet();
        return document;
    }

    public static string Write(OpenApiDocument document)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    /// <summary>The feature a function belongs to: its class's namespace (<c>GovFunctions.Duty</c> → <c>Duty</c>).</summary>
    public static string Tag(MethodInfo method) => method.DeclaringType!.Namespace!.Split('.')[^1];

    /// <summary>Easy Auth (API.md, Identity): App Service puts the signed-in person in these headers; trusted only behind it.</summary>
    private static Dictionary<string, IOpenApiSecurityScheme> SecuritySchemes() => new()
    {
        [EasyAuthName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = StaffIdentity.PrincipalNameHeader,
            Description = "App Service 身份验证（Easy Auth）提供的登录人邮箱。The signed-in person's email as listed in the organization, "
                + "set by App Service Authentication; trusted only when WEBSITE_AUTH_ENABLED=True or in Development.",
        },
        [EasyAuthPrincipal] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = StaffIdentity.PrincipalHeader,
            Description = "Easy Auth 的主体（Base64 JSON，含邮箱声明）。The Easy Auth principal (Base64 JSON whose claims carry the email), "
                + "read when the name header is absent.",
        },
    };

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    public static partial Regex RouteParameter();
}
