using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.OpenApi;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 document of every HTTP route (<see cref="ApiDocument"/>).</summary>
public sealed class OpenApiFunctions
{
    [Function(nameof(OpenApi))]
    [Describe("本系统全部 HTTP 接口的 OpenAPI 3 文档", "The OpenAPI 3 document of every HTTP route, made from the functions' declarations",
        Anonymous = true)]
    [Answers(200, Media.Json)]
    public Task<IActionResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        return Task.FromResult<IActionResult>(
            new ContentResult { StatusCode = 200, ContentType = "application/json; charset=utf-8", Content = ApiDocument.Text });
    }
}
