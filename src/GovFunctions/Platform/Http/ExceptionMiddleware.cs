using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace GovFunctions.Platform.Http;

/// <summary>
/// The one exception handler: an HTTP function's refusal becomes problem details; anything unexpected is
/// answered 500 without internals and logged as an error by <see cref="Problems"/>. Queue and timer functions rethrow, so the host
/// retries them
/// and, after the last attempt, moves the message to the poison queue.
/// </summary>
public sealed class ExceptionMiddleware(ILogger<ExceptionMiddleware> log) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception thrown)
        {
            var e = Unwrap(thrown);
            var http = context.GetHttpContext();
            if (http is null || http.Response.HasStarted) throw;
            await Problems.WriteAsync(http, e, log);
        }
    }

    private static Exception Unwrap(Exception e) =>
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerException!)
        : e.InnerException is GovException inner ? inner
        : e;
}
