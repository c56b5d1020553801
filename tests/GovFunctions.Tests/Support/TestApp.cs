using GovFunctions.Organization;
using GovFunctions.Platform;
using GovFunctions.Platform.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GovFunctions.Tests.Support;

/// <summary>
/// The app's real service registration against the emulators, with a fake clock and a storage prefix of its
/// own, so every test owns its tables and queues.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultNow = DateTimeOffset.Parse("2026-11-25T10:00:00+08:00");

    private readonly ServiceProvider _services;

    private TestApp(ServiceProvider services, FakeTimeProvider clock, string prefix, IConfiguration configuration)
    {
        _services = services;
        Clock = clock;
        Prefix = prefix;
        Configuration = configuration;
    }

    public FakeTimeProvider Clock { get; }
    public string Prefix { get; }
    public IConfiguration Configuration { get; }
    public IServiceProvider Services => _services;

    public static IDictionary<string, string?> BaseSettings(string prefix) => new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = TestEnvironment.Storage,
        ["Storage:Prefix"] = prefix,
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = TestEnvironment.SmtpPort.ToString(),
        ["Mail:Security"] = "None",
        ["Mail:From"] = "noreply@qinghe.example.org",
        ["Mail:Retries"] = "1",
        ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
        ["GovFunctions:PublicBaseUrl"] = "http://localhost:7071",
        ["Approvals:LinkSigningKey"] = "test-signing-key-0123456789-abcdefghijklmnop",
    };

    public static TestApp Create(Action<IDictionary<string, string?>>? settings = null, Action<IServiceCollection>? services = null,
        DateTimeOffset? now = null)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var values = BaseSettings(prefix);
        settings?.Invoke(values);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var clock = new FakeTimeProvider(now ?? DefaultNow);
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddGovFunctions(configuration);
        collection.AddSingleton<TimeProvider>(clock);
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new TestApp(provider, clock, prefix, configuration);
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public Task<SeedResult> SeedAsync() => Get<SeedLoader>().LoadAsync(TestEnvironment.SeedsDirectory);

    public StorageClients Storage => Get<StorageClients>();

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await foreach (var t in Storage.TableService.QueryAsync(t => t.Name.CompareTo(Prefix) >= 0 && t.Name.CompareTo(Prefix + "~") < 0, cancellationToken: cts.Token))
                await Storage.TableService.DeleteTableAsync(t.Name, cts.Token);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or AggregateException)
        {
            // Best effort: the test run's Azurite keeps nothing on disk anyway.
        }
        await _services.DisposeAsync();
    }
}
