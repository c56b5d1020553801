using System.Diagnostics;
using GovFunctions.Tests.Support;
using Microsoft.Playwright;

namespace GovFunctions.Tests.Browser;

/// <summary>
/// The one headless Chromium of the browser tests (a collection fixture): Debian's own build at <see cref="ExecutablePath"/>,
/// driven by Playwright, which never downloads a browser. Without it every browser test fails, naming what to install.
/// At the end it writes the run's figures (pages, checks, seconds) to <c>.artifacts/screenshots/run.txt</c>.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly Stopwatch _clock = new();
    private int _pages;
    private int _checks;

    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string Screenshots { get; } = Path.Combine(TestEnvironment.RepositoryRoot, ".artifacts", "screenshots");

    public void CountPage() => Interlocked.Increment(ref _pages);

    public void CountChecks(int n) => Interlocked.Add(ref _checks, n);

    public async ValueTask InitializeAsync()
    {
        _clock.Start();
        Assert.True(File.Exists(ExecutablePath),
            $"the browser tests need Chromium at {ExecutablePath}: apt-get install -y chromium (.ci/run installs it)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Directory.CreateDirectory(Screenshots);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true });
        Assertions.SetDefaultExpectTimeout(15_000); // a shared two-core machine
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        await File.WriteAllTextAsync(Path.Combine(Screenshots, "run.txt"),
            $"browser run: {_pages} pages, {_checks} checks, {_clock.Elapsed.TotalSeconds:F1} s\n");
    }
}

/// <summary>The browser tests share one Chromium and run one after another (contexts per test).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "Browser";
}
