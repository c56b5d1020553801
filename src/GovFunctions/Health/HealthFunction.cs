using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Health;

/// <summary><c>GET /api/health</c>: 200 when Table Storage answers within a few seconds, 503 when it does not.</summary>
public sealed class HealthFunction(StorageClients storage)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Function(nameof(Health))]
    [Describe("存储可达时返回 200", "Whether Table Storage answers: 200 within a few seconds, else 503", Anonymous = true)]
    [Answers(200, typeof(HealthView))]
    [Refuses(503)]
    public async Task<IActionResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted);
        cts.CancelAfter(Timeout);
        try
        {
            await using var page = storage.TableService.QueryAsync(maxPerPage: 1, cancellationToken: cts.Token).AsPages()
                .GetAsyncEnumerator(cts.Token);
            await page.MoveNextAsync();
            return new OkObjectResult(HealthView.Healthy);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new ObjectResult(new ProblemDetails
            {
                Status = 503,
                Title = "存储不可用 (Storage unreachable)",
                Detail = "Table Storage did not answer.",
            })
            { StatusCode = 503, ContentTypes = { "application/problem+json" } };
        }
    }
}
