using System.Diagnostics;
using System.Globalization;
using GovFunctions.Reports;

namespace GovFunctions.Benchmarks;

/// <summary>
/// One monthly report run of the app as a Functions worker runs the timer: in a process of its own, started for it, over
/// the tables the report benchmark seeded (named by their prefix), every recipient sent to. The child prints one line,
/// <c>sent={n} ms={wall} peakMb={VmHWM} startMb={VmRSS before the run} heapMb={GC heap after it} ...</c>: the peak counts
/// everything the process held from its start, runtime included; the others say what it was made of.
/// </summary>
public static class ReportRun
{
    public const string Command = "reports-run";

    public sealed record Result(int Sent, double Ms, double PeakMb, string Line);

    /// <summary>The child's side: the run, then its line.</summary>
    public static async Task<int> RunAsync(BenchSettings settings, string prefix, string month, DateTimeOffset now)
    {
        var clock = new WalkingClock(now);
        await using var app = new BenchApp(settings with { Clock = clock }, prefix: prefix);
        var period = ReportPeriod.Parse(ReportKind.Monthly, month);
        var sender = app.Get<ReportSender>();
        var startMb = PeakMemory.Mb("VmRSS");
        var watch = Stopwatch.StartNew();
        var sent = await sender.SendAsync(period, null, resend: true);
        var gc = GC.GetGCMemoryInfo(GCKind.Any);
        const double mb = 1024 * 1024;
        Console.WriteLine(FormattableString.Invariant(
            $"sent={sent} ms={watch.Elapsed.TotalMilliseconds:F0} peakMb={PeakMemory.Mb():F1} startMb={startMb:F1} ") +
            FormattableString.Invariant(
                $"heapMb={gc.HeapSizeBytes / mb:F1} committedMb={gc.TotalCommittedBytes / mb:F1} gcs={GC.CollectionCount(0)}"));
        return 0;
    }

    /// <summary>The parent's side: this assembly started again as the child, on the app's emulators.</summary>
    public static async Task<Result> InChildAsync(BenchSettings settings, string prefix, ReportPeriod period, DateTimeOffset now)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.Ordinal)) start.FileName = "dotnet";
        string[] arguments =
            [typeof(ReportRun).Assembly.Location, Command, prefix, period.Name, now.ToString("O", CultureInfo.InvariantCulture)];
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["GOV_BENCH_STORAGE"] = settings.Storage;
        start.Environment["GOV_BENCH_SMTP_PORT"] = settings.SmtpPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["GOV_BENCH_SEEDS"] = settings.Seeds;
        start.Environment.Remove("GOV_BENCH_NOW");
        using var child = Process.Start(start) ?? throw new InvalidOperationException("the report run's process did not start");
        var (output, errors) = (child.StandardOutput.ReadToEndAsync(), child.StandardError.ReadToEndAsync());
        await child.WaitForExitAsync();
        var line = (await output).Split('\n').LastOrDefault(l => l.StartsWith("sent=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"the report run's process exited {child.ExitCode}: {await errors}");
        var values = line.Trim().Split(' ').Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        return new((int)values["sent"], values["ms"], values["peakMb"], line.Trim());
    }
}
