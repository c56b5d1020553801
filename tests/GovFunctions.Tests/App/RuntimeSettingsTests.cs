using System.Text.Json;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.App;

/// <summary>
/// The worker's runtime settings (src/GovFunctions/Runtime.props, written into its runtimeconfig.json): the cap on the GC's
/// youngest generation that keeps a monthly report run within its 256 MB (issue 11), in the worker's build and in the
/// benchmark program's, which must run the app's services as the worker does.
/// </summary>
public class RuntimeSettingsTests
{
    private static long? Gen0MaxBudget(string runtimeConfig)
    {
        Assert.True(File.Exists(runtimeConfig), $"build output not found: {runtimeConfig}");
        using var json = JsonDocument.Parse(File.ReadAllText(runtimeConfig));
        return json.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Gen0MaxBudget", out var budget) ? budget.GetInt64() : null;
    }

    [Fact]
    public void TheWorkerAndTheBenchmarks_CapTheYoungestGeneration_Alike()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var worker = Gen0MaxBudget(Path.Combine(TestEnvironment.RepositoryRoot, "src", "GovFunctions", "bin", here.Parent!.Name, here.Name,
            "GovFunctions.runtimeconfig.json"));
        var benchmarks = Gen0MaxBudget(Path.Combine(AppContext.BaseDirectory, "GovFunctions.Benchmarks.runtimeconfig.json"));

        Assert.NotNull(worker);
        Assert.InRange(worker.Value, 1L << 20, 32L << 20);
        Assert.Equal(worker, benchmarks);
    }
}
