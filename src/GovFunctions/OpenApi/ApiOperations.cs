using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace GovFunctions.OpenApi;

/// <summary>
/// One function's operation: its parameters (route, query, the idempotency key of a create), body, answers and refusals. The
/// refusals are RFC 7807 problem details as <see cref="Platform.Http.Problems"/> writes them, one shared response each.
/// </summary>
public sealed partial class ApiOperations(OpenApiDocument document, ApiSchemas schemas)
{
    private const string FormType = "application/x-www-form-urlencoded";

    private readonly SortedSet<int> _problems = [];

    public OpenApiOperation Of(ApiDocument.HttpFunction function, string method)
    {
        var m = function.Method;
        var describe = m.GetCustomAttribute<DescribeAttribute>()!;
        var reads = m.GetCustomAttribute<ReadsAttribute>();
        var answers = m.GetCustomAttributes<AnswersAttribute>().ToList();
        var queries = m.GetCustomAttributes<QueryAttribute>().ToList();
        var creates = answers.Any(a => a.Status == 201);
        var parameters = RouteParameters(function.Route).Concat(queries.Select(Query)).ToList();
        if (creates) parameters.Add(IdempotencyKey());

        var refusals = new SortedSet<int>(m.GetCustomAttribute<RefusesAttribute>()?.Statuses ?? []);
        if (!describe.Anonymous) refusals.UnionWith([401, 403]);
        if (reads is not null || queries.Count > 0 || creates) refusals.Add(400);
        if (function.Route.Contains('{')) refusals.Add(404);
        if (creates) refusals.Add(409);
        refusals.ExceptWith(answers.Select(a => a.Status));

        var responses = new OpenApiResponses();
        foreach (var status in answers.GroupBy(a => a.Status).OrderBy(g => g.Key))
            responses[Code(status.Key)] = new OpenApiResponse
            {
                Description = StatusText(status.Key),
                Content = status.ToDictionary(a => MediaType(a.Media), a => (IOpenApiMediaType)new OpenApiMediaType { Schema = Schema(a) }),
            };
        foreach (var status in refusals)
        {
            _problems.Add(status);
            responses[Code(status)] = new OpenApiResponseReference(ProblemName(status), document);
        }
        return new OpenApiOperation
        {
            OperationId = function.Name,
            Summary = describe.Chinese,
            Description = describe.English,
            Tags = new HashSet<OpenApiTagReference> { new(ApiDocument.Tag(m), document) },
            Parameters = parameters.Count > 0 ? parameters : null,
            RequestBody = reads is null ? null : Body(reads),
            Responses = responses,
            Security = describe.Anonymous ? null :
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.EasyAuthName, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocument.EasyAuthPrincipal, document)] = [] },
            ],
        };
    }

    /// <summary>The shared refusal responses the operations used, with the one problem-details schema.</summary>
    public Dictionary<string, IOpenApiResponse> Problems()
    {
        var problem = schemas.Add("ProblemDetails", typeof(ValidationProblemDetails), new SortedDictionary<string, IOpenApiSchema>(
            StringComparer.Ordinal)
        {
            ["zh"] = schemas.For(typeof(Problems.ChineseProblem)),
            ["article"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "422：所依据的条款，如“第十五条”。The article, e.g. 第十五条." },
            ["gate"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "422：未通过的环节。The gate that refuses." },
            ["gates"] = schemas.For(typeof(IReadOnlyList<OpenGate>)),
        });
        return _problems.ToDictionary(ProblemName, s => (IOpenApiResponse)new OpenApiResponse
        {
            Description = StatusText(s),
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                [Platform.Http.Problems.ContentType] = new OpenApiMediaType { Schema = problem },
            },
        });
    }

    private OpenApiRequestBody Body(ReadsAttribute reads)
    {
        var schema = schemas.For(reads.Body);
        var content = new Dictionary<string, IOpenApiMediaType> { [FormType] = new OpenApiMediaType { Schema = schema } };
        if (!reads.FormOnly) content["application/json"] = new OpenApiMediaType { Schema = schema };
        return new OpenApiRequestBody
        {
            Required = !reads.Optional,
            Description = reads.FormOnly ? "表单提交。A form post." : "JSON，或字段名相同的表单提交。JSON, or a form post with the same field names.",
            Content = content,
        };
    }

    private IOpenApiSchema Schema(AnswersAttribute a) => a.View is { } view ? schemas.For(view)
        : new OpenApiSchema { Type = a.Media == Media.Json ? null : JsonSchemaType.String };

    private static IEnumerable<IOpenApiParameter> RouteParameters(string route) => ApiDocument.RouteParameter().Matches(route).Select(m =>
    {
        var name = m.Groups[1].Value;
        var choices = Choices().Match(m.Value);
        return (IOpenApiParameter)new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Path, Required = true, Description = PathText(name),
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = choices.Success ? choices.Groups[1].Value.Split('|').Select(c => (JsonNode)c).ToList() : null,
            },
        };
    });

    private OpenApiParameter Query(QueryAttribute q) => new()
    {
        Name = q.Name, In = ParameterLocation.Query, Required = q.Required, Description = $"{q.Chinese}。{q.English}",
        Schema = q.Of is { } type ? schemas.For(type)
            : new OpenApiSchema { Type = JsonSchemaType.String, Enum = q.Choices?.Select(c => (JsonNode)c).ToList() },
    };

    private static OpenApiParameter IdempotencyKey() => new()
    {
        Name = IdempotentIntake.Header, In = ParameterLocation.Header, Required = false,
        Description = "同一调用人24小时内重复提交返回首次结果（表单用隐藏字段 idempotencyKey）。A repeat by the same caller within 24 h "
            + "answers the first result and writes nothing; the same key with another body is 409.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotentIntake.MaxKeyLength },
    };

    private static string PathText(string name) => name switch
    {
        "id" => "记录编号。The record's id.",
        "token" => "邮件链接中的签名令牌（即凭证）。The signed token of the email link (the credential).",
        _ => $"{name}。",
    };

    private static string Code(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ProblemName(int status) => "Problem" + Code(status);

    private static string MediaType(Media media) => media switch
    {
        Media.Html => "text/html",
        Media.Csv => CsvFile.ContentType.Split(';')[0],
        _ => "application/json",
    };

    private static string StatusText(int status) => status switch
    {
        200 => "成功。OK.",
        201 => "已登记，Location 指向新记录。Created; Location names the new record.",
        400 => "输入有误，errors 按字段列出。The input is invalid; errors names each field.",
        401 => "需要登录（Easy Auth）。Authentication required (Easy Auth).",
        403 => "无权操作，或不在组织名册中。Forbidden, or not in the organization.",
        404 => "未找到。Not found.",
        409 => "状态冲突：状态不对、已处理、并发修改或幂等键已用于其他请求。Conflict: wrong state, already decided, a concurrent change, "
            + "or the Idempotency-Key used for another request.",
        410 => "已失效。Gone.",
        422 => "不符合规定：article 为所依据的条款。Refused by a rule: article names it.",
        503 => "服务不可用。Unavailable.",
        _ => Code(status) + "。",
    };

    [GeneratedRegex(@"regex\(\^\((.*)\)\$\)")]
    private static partial Regex Choices();
}
