using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Platform.Http;

/// <summary>
/// The one mapping from a refusal to RFC 7807 problem details (API.md, "Errors"). Every answer of 5xx it makes is logged
/// as an error with its exception: the app answers such a request itself, so the host records the invocation as
/// succeeded and nothing else would show the failure to an operator.
/// </summary>
public static partial class Problems
{
    public const string ContentType = "application/problem+json";

    public static ProblemDetails From(Exception exception, ILogger log, string? instance = null)
    {
        var problem = exception switch
        {
            ValidationException v => new ValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = 400, Title = "输入有误 (The input is invalid)",
                Detail = Bilingual.Text("请按字段更正后重新提交", "correct the fields listed in errors and resubmit"),
            },
            AuthenticationRequiredException => Make(401, "需要登录 (Authentication required)", exception.Message),
            AccessDeniedException => Make(403, "无权操作 (Forbidden)", exception.Message),
            NotFoundException => Make(404, "未找到 (Not found)", exception.Message),
            StateConflictException c => Naming(Make(409, "状态冲突 (Conflict)", c.Message), c.Field),
            GoneException => Make(410, "已失效 (Gone)", exception.Message),
            RuleViolationException r => WithRule(Make(422, "不符合规定 (Refused by rule)", r.Message), r),
            OrganizationNotLoadedException => Make(503, "服务尚未就绪 (Service not ready)", exception.Message),
            _ => Make(500, "服务器内部错误 (Internal error)",
                Bilingual.Text("请求未能完成，已记录，请稍后再试或联系区政府办公室", "the request could not be completed; it has been logged")),
        };
        problem.Instance = instance;
        problem.Extensions["zh"] = ChineseOf(problem);
        if (problem.Status >= 500) LogFailed(log, exception, problem.Status.Value, instance);
        return problem;
    }

    /// <summary>The problem's texts in Chinese only, for pages (API.md: pages Chinese only, JSON both).</summary>
    public sealed record ChineseProblem(string? Title, string? Detail, IReadOnlyDictionary<string, string[]>? Errors);

    private static ChineseProblem ChineseOf(ProblemDetails p) => new(
        p.Title is null ? null : Bilingual.Chinese(p.Title),
        p.Detail is null ? null : Bilingual.Chinese(p.Detail),
        (p as ValidationProblemDetails)?.Errors.ToDictionary(e => e.Key, e => e.Value.Select(Bilingual.Chinese).ToArray()));

    public static IActionResult Result(Exception exception, ILogger log, string? instance = null)
    {
        var problem = From(exception, log, instance);
        return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { ContentType } };
    }

    public static async Task WriteAsync(HttpContext http, Exception exception, ILogger log)
    {
        var problem = From(exception, log, http.Request.Path);
        http.Response.StatusCode = problem.Status ?? 500;
        await http.Response.WriteAsJsonAsync<object>(problem, Json.Options, ContentType);
    }

    [LoggerMessage(LogLevel.Error, "Answered {Status} to {Instance}")]
    private static partial void LogFailed(ILogger log, Exception exception, int status, string? instance);

    private static ProblemDetails Make(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails Naming(ProblemDetails p, string? field)
    {
        if (field is not null) p.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [p.Detail!] };
        return p;
    }

    private static ProblemDetails WithRule(ProblemDetails p, RuleViolationException r)
    {
        p.Extensions["article"] = r.Article;
        p.Extensions["gate"] = r.Gate;
        if (r.Gates.Count > 0) p.Extensions["gates"] = r.Gates;
        return p;
    }
}
