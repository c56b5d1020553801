using System.Collections.Immutable;
using GovFunctions.Common;
using GovFunctions.Platform.Http;
using GovFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace GovFunctions.Tests.Platform;

/// <summary>
/// The middleware answers a failed HTTP invocation itself, so the host records it as succeeded: the error log is the
/// only trace an operator gets, and it must carry the exception.
/// </summary>
public class ExceptionMiddlewareTests
{
    [Fact]
    public async Task AnUnexpectedException_IsAnswered500_AndLoggedAsAnErrorWithTheException()
    {
        var (log, context, http) = Setup();
        var failure = new InvalidOperationException("the table said no");

        await new ExceptionMiddleware(log).Invoke(context, _ => throw failure);

        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal(Problems.ContentType, http.Response.ContentType);
        var logged = Assert.Single(log.Errors);
        Assert.Same(failure, logged.Exception);
    }

    [Fact]
    public async Task ARefusal_IsAnswered4xx_AndIsNoError()
    {
        var (log, context, http) = Setup();

        await new ExceptionMiddleware(log).Invoke(context, _ => throw ValidationException.For("content", "必填", "required"));

        Assert.Equal(400, http.Response.StatusCode);
        Assert.Empty(log.Errors);
    }

    private static (CapturingLogger<ExceptionMiddleware> Log, FunctionContext Context, Microsoft.AspNetCore.Http.HttpContext Http) Setup()
    {
        var http = Http.Request("POST", "hotline/calls").HttpContext;
        return (new CapturingLogger<ExceptionMiddleware>(), new HttpFunctionContext(http), http);
    }

    public sealed class CapturingLogger<T> : ILogger<T>
    {
        private readonly CapturingLogger _inner = new();
        public IReadOnlyList<CapturingLogger.Entry> Errors => _inner.Errors;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?,
            string> formatter) =>
            _inner.Log(logLevel, eventId, state, exception, formatter);
    }

    /// <summary>An HTTP invocation as the ASP.NET Core integration presents it: the HttpContext under "HttpRequestContext".</summary>
    private sealed class HttpFunctionContext(Microsoft.AspNetCore.Http.HttpContext http) : FunctionContext
    {
        public override string InvocationId => "test";
        public override string FunctionId => "RecordCall";
        public override TraceContext TraceContext => throw new NotSupportedException();
        public override BindingContext BindingContext => throw new NotSupportedException();
        public override RetryContext RetryContext => throw new NotSupportedException();
        public override IServiceProvider InstanceServices { get; set; } = null!;
        public override FunctionDefinition FunctionDefinition => new Definition();
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override IInvocationFeatures Features => throw new NotSupportedException();
    }

    private sealed class Definition : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => "GovFunctions.dll";
        public override string EntryPoint => "GovFunctions.Hotline.HotlineFunctions.RecordCall";
        public override string Id => "RecordCall";
        public override string Name => "RecordCall";
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
