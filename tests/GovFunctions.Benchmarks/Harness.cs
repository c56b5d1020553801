using System.Collections.Concurrent;
using System.Diagnostics;
using GovFunctions.Organization;
using GovFunctions.Platform;
using GovFunctions.Platform.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovFunctions.Benchmarks;

/// <summary>The app's real services against the emulators named by scripts/benchmark.sh, on tables and queues of its own.</summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ServiceProvider _services;

    public BenchApp(Action<IServiceCollection>? configure = null)
    {
        Prefix = "b" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = Storage,
            ["Storage:Prefix"] = Prefix,
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = SmtpPort.ToString(),
            ["Mail:Security"] = "None",
            ["Mail:From"] = "noreply@qinghe.example.org",
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["GovFunctions:PublicBaseUrl"] = "http://localhost:7071",
            ["Approvals:LinkSigningKey"] = "benchmark-signing-key-0123456789-abcdefghij",
        };
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(Configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddGovFunctions(Configuration);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public static string Storage => Environment.GetEnvironmentVariable("GOV_BENCH_STORAGE") ?? "UseDevelopmentStorage=true";
    public static int SmtpPort => int.Parse(Environment.GetEnvironmentVariable("GOV_BENCH_SMTP_PORT") ?? "1025");
    public static string FloorStorage => Environment.GetEnvironmentVariable("GOV_BENCH_FLOOR_STORAGE") ?? Storage;
    public static int FloorSmtpPort => int.Parse(Environment.GetEnvironmentVariable("GOV_BENCH_FLOOR_SMTP_PORT") ?? SmtpPort.ToString());
    public static string Seeds => Environment.GetEnvironmentVariable("GOV_BENCH_SEEDS") ?? "seeds";

    public string Prefix { get; }
    public IConfiguration Configuration { get; }
    public IServiceProvider Services => _services;
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    public Task SeedAsync() => Get<SeedLoader>().LoadAsync(Seeds);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Counts the storage requests the app makes, from the HTTP client's own activities.</summary>
public sealed class StorageRequestCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private long _tableReads, _tableWrites, _queueRequests;

    public StorageRequestCounter(int tablePort, int queuePort)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                var url = a.GetTagItem("url.full") as string ?? "";
                var method = a.GetTagItem("http.request.method") as string ?? "";
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return;
                if (uri.Port == tablePort)
                {
                    if (method == "GET") Interlocked.Increment(ref _tableReads);
                    else Interlocked.Increment(ref _tableWrites);
                }
                else if (uri.Port == queuePort) Interlocked.Increment(ref _queueRequests);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long TableReads => Interlocked.Read(ref _tableReads);
    public long TableWrites => Interlocked.Read(ref _tableWrites);
    public long QueueRequests => Interlocked.Read(ref _queueRequests);

    public void Dispose() => _listener.Dispose();
}

/// <summary>The real SMTP sender, counting sends and handing each mail to an observer (the simulated approvers).</summary>
public sealed class ObservedMailSender(SmtpMailSender inner) : IMailSender
{
    private long _sent;
    public Action<OutgoingMail>? OnSent { get; set; }
    public long Sent => Interlocked.Read(ref _sent);

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct = default)
    {
        await inner.SendAsync(mail, ct);
        Interlocked.Increment(ref _sent);
        OnSent?.Invoke(mail);
    }
}

/// <summary>Latencies per step, in milliseconds.</summary>
public sealed class Latencies
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _samples = new();

    public async Task<T> TimeAsync<T>(string step, Func<Task<T>> work)
    {
        var sw = Stopwatch.StartNew();
        var result = await work();
        _samples.GetOrAdd(step, _ => []).Add(sw.Elapsed.TotalMilliseconds);
        return result;
    }

    public Task TimeAsync(string step, Func<Task> work) => TimeAsync(step, async () => { await work(); return 0; });

    public IEnumerable<(string Step, int Count, double P50, double P95)> Summary() =>
        _samples.OrderBy(s => s.Key).Select(s =>
        {
            var sorted = s.Value.Order().ToArray();
            return (s.Key, sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95));
        });

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
