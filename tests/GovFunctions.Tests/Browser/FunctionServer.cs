using System.Net;
using System.Reflection;
using GovFunctions.Common;
using GovFunctions.Platform.Http;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GovFunctions.Tests.Browser;

/// <summary>
/// A test tool, not a second way to run the app: Kestrel on 127.0.0.1 inside the test process, serving every HTTP function of
/// the build's functions.metadata — its route (constraints included), methods and entry point — from its function class built
/// with the app's own services (the test's <see cref="TestApp"/>, the real registration), the request and route values bound
/// by parameter name, the returned IActionResult executed as ASP.NET Core does (ActionContext + ExecuteResultAsync), and a
/// thrown refusal written as the app's exception middleware writes it. Each answer names its function in <see cref="FunctionHeader"/>.
/// The result executors are the server's own MVC services (the worker's ConfigureFunctionsWebApplication adds MVC) with the
/// app's JSON options.
/// </summary>
public sealed class FunctionServer : IAsyncDisposable
{
    public const string FunctionHeader = "X-Test-Function";

    /// <summary>One HTTP function as the build declared it, with the method its entry point names.</summary>
    public sealed record Mapping(string Name, string Route, IReadOnlyList<string> Methods, MethodInfo Method)
    {
        public override string ToString() => $"{string.Join(",", Methods).ToUpperInvariant()} /api/{Route} ({Name})";
    }

    /// <summary>
    /// Every HTTP function of functions.metadata; a function whose entry point or parameters cannot be bound throws here.
    /// </summary>
    public static IReadOnlyList<Mapping> Mappings { get; } = FunctionsMetadata.Functions
        .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "httpTrigger"))
        .Select(f =>
        {
            var trigger = f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "httpTrigger");
            return new Mapping(f.GetProperty("name").GetString()!, trigger.GetProperty("route").GetString()!,
                trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList(),
                EntryPoint(f.GetProperty("name").GetString()!, f.GetProperty("entryPoint").GetString()!,
                    trigger.GetProperty("route").GetString()!));
        })
        .ToList();

    private readonly WebApplication _web;
    private IServiceProvider? _app;

    private FunctionServer(WebApplication web, Uri baseUrl)
    {
        _web = web;
        BaseUrl = baseUrl;
    }

    /// <summary>Where the browser reaches the functions: <c>http://127.0.0.1:{port}</c> (the routes are under /api/).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The route patterns the server listens on, as its endpoint table holds them.</summary>
    public IReadOnlyList<string> Endpoints => _web.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText!).ToList();

    /// <summary>Listens on a free loopback port; answers 503 until <see cref="Serve"/> hands it the app.</summary>
    public static async Task<FunctionServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        // The Functions host's routes use {x:regex(...)}; the slim builder leaves that constraint out unless asked.
        builder.Services.Configure<RouteOptions>(o => o.SetParameterPolicy<RegexInlineRouteConstraint>("regex"));
        // What runs an IActionResult (the worker's ConfigureFunctionsWebApplication adds MVC), with the app's own JSON options.
        FunctionServer? server = null;
        builder.Services.AddMvcCore();
        builder.Services.AddSingleton(_ => server!.App.GetRequiredService<IOptions<JsonOptions>>());
        var web = builder.Build();
        foreach (var m in Mappings) web.MapMethods("/api/" + m.Route, m.Methods, http => server!.InvokeAsync(http, m));
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new FunctionServer(web, new Uri(address));
        return server;
    }

    /// <summary>The app whose functions answer from now on (its services as the worker's).</summary>
    public void Serve(IServiceProvider app) => _app = app;

    private IServiceProvider App => _app ?? throw new InvalidOperationException("no app is served yet");

    private async Task InvokeAsync(HttpContext http, Mapping mapping)
    {
        if (_app is null) { http.Response.StatusCode = 503; return; }
        await using var scope = _app.CreateAsyncScope();
        http.Response.Headers[FunctionHeader] = mapping.Name;
        var target = ActivatorUtilities.CreateInstance(scope.ServiceProvider, mapping.Method.DeclaringType!);
        try
        {
            var returned = mapping.Method.Invoke(target, mapping.Method.GetParameters().Select(p => Bind(p, http)).ToArray());
            var result = returned as IActionResult ?? await (Task<IActionResult>)returned!;
            await result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
        }
        catch (Exception thrown) when (!http.Response.HasStarted)
        {
            var log = scope.ServiceProvider.GetService<ILogger<ExceptionMiddleware>>() ?? (ILogger)NullLogger.Instance;
            await Problems.WriteAsync(http, Unwrap(thrown), log);
        }
    }

    private static object Bind(ParameterInfo p, HttpContext http) =>
        p.ParameterType == typeof(HttpRequest) ? http.Request
        : p.ParameterType == typeof(CancellationToken) ? http.RequestAborted
        : http.GetRouteValue(p.Name!)?.ToString() ?? "";

    /// <summary>As the exception middleware: the refusal inside a reflection or task wrapper is the one answered.</summary>
    private static Exception Unwrap(Exception e) =>
        e is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner)
        : e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerException!)
        : e.InnerException is GovException gov ? gov
        : e;

    private static MethodInfo EntryPoint(string name, string entryPoint, string route)
    {
        var routeValues = route.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}').Split(':')[0]).ToHashSet();
        var dot = entryPoint.LastIndexOf('.');
        var type = typeof(GovFunctions.Platform.ServiceRegistration).Assembly.GetType(entryPoint[..dot])
            ?? throw new InvalidOperationException($"{name}: no type {entryPoint[..dot]}");
        var method = type.GetMethod(entryPoint[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{name}: no method {entryPoint}");
        if (method.GetCustomAttribute<FunctionAttribute>()?.Name != name)
            throw new InvalidOperationException($"{name}: {entryPoint} is not [Function(\"{name}\")]");
        var unbound = method.GetParameters()
            .Where(p => p.ParameterType != typeof(HttpRequest) && p.ParameterType != typeof(CancellationToken)
            && !(p.ParameterType == typeof(string) && routeValues.Contains(p.Name!))).Select(p => p.Name).ToList();
        if (unbound.Count > 0) throw new InvalidOperationException($"{name}: cannot bind {string.Join(", ", unbound)}");
        if (!typeof(IActionResult).IsAssignableFrom(method.ReturnType) && method.ReturnType != typeof(Task<IActionResult>))
            throw new InvalidOperationException($"{name}: returns {method.ReturnType.Name}, not an IActionResult");
        return method;
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
