using System.Collections.Concurrent;
using System.Diagnostics;
using GovFunctions.Organization;
using GovFunctions.Platform;
using GovFunctions.Platform.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovFunctions.Benchmarks;

/// <summary>
/// Where a benchmark runs: the emulators (the app's and the floor's), the seeds, the clock, and where its figures go.
/// scripts/benchmark.sh sets them through GOV_BENCH_*; a test passes its own (its emulators, a clock far from today, no warm-up).
/// </summary>
public sealed record BenchSettings(string Storage, int SmtpPort, string FloorStorage, int FloorSmtpPort, string Seeds, TimeProvider Clock,
    string? OutputDirectory, int Repeats = 3, bool WarmUp = true)
{
    public const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>GOV_BENCH_NOW (an ISO date-time) moves the clock, so a benchmark can be run as if on another day.</summary>
    public static BenchSettings FromEnvironment()
    {
        string? Env(string name) => Environment.GetEnvironmentVariable(name);
        var storage = Env("GOV_BENCH_STORAGE") ?? "UseDevelopmentStorage=true";
        var smtp = int.Parse(Env("GOV_BENCH_SMTP_PORT") ?? "1025");
        var clock = Env("GOV_BENCH_NOW") is { Length: > 0 } now ? ShiftedClock.StartingAt(DateTimeOffset.Parse(now)) : TimeProvider.System;
        var floorSmtp = int.Parse(Env("GOV_BENCH_FLOOR_SMTP_PORT") ?? smtp.ToString());
        return new BenchSettings(storage, smtp, Env("GOV_BENCH_FLOOR_STORAGE") ?? storage, floorSmtp, Env("GOV_BENCH_SEEDS") ?? "seeds",
            clock,
            Env("GOV_BENCH_OUTPUT") ?? Path.Combine(".artifacts", "benchmarks"),
            int.Parse(Env("GOV_BENCH_REPEATS") ?? "3"));
    }
}

/// <summary>The real clock moved by a fixed offset: time passes as it does, on another day.</summary>
public sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public static ShiftedClock StartingAt(DateTimeOffset now) => new(now - TimeProvider.System.GetUtcNow());

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + offset;
}

/// <summary>A clock a benchmark moves (through a year of work, or back to today); time stands still between its moves.</summary>
public sealed class WalkingClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public DateTimeOffset Start { get; } = start;

    public void MoveTo(DateTimeOffset at) => Interlocked.Exchange(ref _ticks, at.UtcTicks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}

/// <summary>
/// The process's peak resident memory over one phase: on Linux the kernel's high-water mark (VmHWM), reset at the phase's start
/// (<c>/proc/self/clear_refs</c>); elsewhere the process's peak working set since it started.
/// </summary>
public static class PeakMemory
{
    /// <summary>
    /// The high-water mark set to what the process holds now, after a collection that gives the heap's free memory back to
    /// the system: what an earlier phase (the seeding of a month) grew the heap to is not counted against the next run.
    /// </summary>
    public static void Reset()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <param name="field">The line of /proc/self/status: the high-water mark, or VmRSS for what is resident now.</param>
    public static double Mb(string field = "VmHWM")
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field + ":", StringComparison.Ordinal));
            if (line is not null) return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
    }
}

/// <summary>The app's real services against the benchmark's emulators, on tables and queues of its own, on the benchmark's clock.</summary>
public sealed class BenchApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="prefix">The tables and queues of an app already seeded (another process's); new ones by default.</param>
    public BenchApp(BenchSettings settings, Action<IServiceCollection>? configure = null, string? prefix = null)
    {
        Settings = settings;
        Prefix = prefix ?? "b" + Guid.NewGuid().ToString("N")[..8];
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = settings.Storage,
            ["Storage:Prefix"] = Prefix,
            ["Mail:Host"] = "127.0.0.1",
            ["Mail:Port"] = settings.SmtpPort.ToString(),
            ["Mail:Security"] = "None",
            ["Mail:From"] = "noreply@qinghe.example.org",
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["GovFunctions:PublicBaseUrl"] = "http://localhost:7071",
            ["Approvals:LinkSigningKey"] = "benchmark-signing-key-0123456789-abcdefghij",
        };
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton(Configuration);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole());
        services.AddGovFunctions(Configuration);
        services.AddSingleton(settings.Clock);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public BenchSettings Settings { get; }
    public string Prefix { get; }
    public IConfiguration Configuration { get; }
    public IServiceProvider Services => _services;
    public TimeProvider Clock => Settings.Clock;
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();
    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    public Task SeedAsync() => Get<SeedLoader>().LoadAsync(Settings.Seeds);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
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

/// <summary>
/// A warm-up that lasts until the JIT has settled: batches of the work until two in a row compile (almost) no method, so that
/// no measurement pays for the tier-1 recompilation of hot methods (the first measured run of a short warm-up cost three times
/// the others: issue 15).
/// </summary>
public static class WarmUp
{
    /// <summary>Methods a batch may still compile and count as quiet (a rare branch taken for the first time).</summary>
    public const int QuietMethods = 5;

    /// <returns>The batches run.</returns>
    public static async Task<int> UntilSettledAsync(Func<int, Task> batch, int minBatches = 2, int maxBatches = 40)
    {
        var quiet = 0;
        for (var b = 0; b < maxBatches; b++)
        {
            var before = Compiled;
            await batch(b);
            quiet = Compiled - before <= QuietMethods ? quiet + 1 : 0;
            if (quiet >= 2 && b + 1 >= minBatches) return b + 1;
        }
        return maxBatches;
    }

    /// <summary>Methods compiled by the JIT in this process so far (a measurement should see none of its own).</summary>
    public static long Compiled => System.Runtime.JitInfo.GetCompiledMethodCount();
}

/// <summary>Latencies per step, in milliseconds.</summary>
public sealed class Latencies
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _samples = new();

    public async Task<T> TimeAsync<T>(string step, Func<Task<T>> work)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await work();
        _samples.GetOrAdd(step, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    public Task TimeAsync(string step, Func<Task> work) => TimeAsync(step, async () => { await work(); return 0; });

    public (int Count, double P50, double P95) Of(string step)
    {
        var sorted = _samples.TryGetValue(step, out var bag) ? bag.Order().ToArray() : [];
        return (sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95));
    }

    public IEnumerable<(string Step, int Count, double P50, double P95)> Summary() =>
        _samples.Keys.Order().Select(k => { var (n, p50, p95) = Of(k); return (k, n, p50, p95); });

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// One measured phase: its wall time, the CPU time the whole process spent in it (every thread, the GC's too), the bytes it
/// allocated and the time the GC paused it.
/// </summary>
public readonly record struct Measured(TimeSpan Wall, TimeSpan Cpu, long Allocated, TimeSpan GcPause)
{
    public static async Task<Measured> OfAsync(Func<Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var (cpu, allocated, paused) = (Environment.CpuUsage.TotalTime, GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());
        var started = Stopwatch.GetTimestamp();
        await work();
        return new Measured(Stopwatch.GetElapsedTime(started), Environment.CpuUsage.TotalTime - cpu, GC.GetTotalAllocatedBytes() - allocated,
            GC.GetTotalPauseDuration() - paused);
    }

    /// <summary>Two phases as one: their times, CPU, allocations and pauses summed.</summary>
    public static Measured operator +(Measured a, Measured b) =>
        new(a.Wall + b.Wall, a.Cpu + b.Cpu, a.Allocated + b.Allocated, a.GcPause + b.GcPause);

    public double PerSecond(int units) => units / Wall.TotalSeconds;
    public double CpuMsPer(int units) => Cpu.TotalMilliseconds / units;
    public double KbPer(int units) => Allocated / 1024.0 / units;
    public double GcMsPer(int units) => GcPause.TotalMilliseconds / units;
}
