using System.Diagnostics;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.App;

/// <summary>
/// Starts the built worker (Program.cs, the real FunctionsApplication builder, its middleware and options validation) the way
/// the Functions host does, pointed at a host endpoint on loopback where nothing listens. A worker whose start-up is sound
/// gets as far as dialling the host over gRPC; one with bad settings stops before, naming them.
/// </summary>
public class WorkerStartupTests
{
    private static async Task<string> StartWorkerAsync(IDictionary<string, string> settings)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "src", "GovFunctions", "bin", here.Parent!.Name, here.Name, "GovFunctions.dll");
        Assert.True(File.Exists(dll), $"build output not found: {dll}");
        var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in new Dictionary<string, string>
        {
            ["Functions__Worker__HostEndpoint"] = "http://127.0.0.1:9", // discard port: connection refused at once
            ["Functions__Worker__WorkerId"] = "test-worker",
            ["Functions__Worker__RequestId"] = "test-request",
            ["Functions__Worker__GrpcMaxMessageLength"] = "2147483647",
            ["AzureWebJobsStorage"] = TestEnvironment.Storage,
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__From"] = "noreply@qinghe.example.org",
            ["GovFunctions__PublicBaseUrl"] = "http://localhost:7071",
            ["Approvals__LinkSigningKey"] = "worker-startup-test-signing-key-0123456789",
        }.Concat(settings.Select(s => KeyValuePair.Create(s.Key, s.Value)))) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60))) process.Kill(entireProcessTree: true);
        return await output + await error;
    }

    [Fact]
    public async Task TheWorker_StartsWithTheExampleSettings_AndDialsTheHost()
    {
        var output = await StartWorkerAsync(new Dictionary<string, string>());
        Assert.Contains("Grpc.Core.RpcException", output);
        Assert.DoesNotContain("OptionsValidationException", output);
    }

    [Fact]
    public async Task TheWorker_WithAShortLinkSigningKey_StopsAtStart_NamingTheSetting()
    {
        var output = await StartWorkerAsync(new Dictionary<string, string> { ["Approvals__LinkSigningKey"] = "short" });
        Assert.Contains("OptionsValidationException", output);
        Assert.Contains("LinkSigningKey", output);
        Assert.DoesNotContain("Grpc.Core.RpcException", output);
    }

    [Fact]
    public async Task TheWorker_WithABadValueInEveryOptionsClass_StopsAtStart_NamingEachSetting()
    {
        var firstPerClass = OptionsValidationTests.Bad.DistinctBy(b => b.Setting.Split("__")[0]).ToList();
        var output = await StartWorkerAsync(firstPerClass.ToDictionary(b => b.Setting, b => b.Value));
        Assert.Contains("OptionsValidationException", output);
        Assert.All(firstPerClass, b => Assert.Contains(b.Message, output));
        Assert.DoesNotContain("Grpc.Core.RpcException", output);
    }
}
