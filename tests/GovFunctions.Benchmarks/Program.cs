using GovFunctions.Benchmarks;

// usage: GovFunctions.Benchmarks leave [chains=500] [concurrency=16]
//        GovFunctions.Benchmarks hotline [calls=20000] [monthCalls=100000] [concurrency=16]
//        GovFunctions.Benchmarks supervision [items=5000] [concurrency=16]
//        GovFunctions.Benchmarks reports [calls=100000] [items=5000] [approvals=2000]
//        GovFunctions.Benchmarks table   (the one table of the reports in GOV_BENCH_OUTPUT)
//        GovFunctions.Benchmarks reports-run {prefix} {yyyy-MM} {now}
//          (the report benchmark's child: one monthly run of the app seeded under the prefix, in a process of its own)
// Each benchmark prints its figures, writes them as JSON under GOV_BENCH_OUTPUT, and exits 1 when its work was wrong.
var which = args.FirstOrDefault() ?? "leave";
int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], out var v) ? v : fallback;
var settings = BenchSettings.FromEnvironment();
if (which == "table")
{
    var reports = Directory.GetFiles(settings.OutputDirectory!, "*.json").Order().Select(BenchReport.Read).ToList();
    BenchReport.PrintTable(Console.Out, reports);
    return reports.Count > 0 && reports.All(r => r.Correct) ? 0 : 1;
}
if (which == ReportRun.Command) return await ReportRun.RunAsync(settings, args[1], args[2], DateTimeOffset.Parse(args[3]));
var report = which switch
{
    LeaveApprovalBenchmark.Name => await new LeaveApprovalBenchmark(settings, Arg(1, 500), Arg(2, 16)).RunAsync(),
    HotlineBenchmark.Name => await new HotlineBenchmark(settings, Arg(1, 20_000), Arg(2, 100_000), Arg(3, 16)).RunAsync(),
    SupervisionBenchmark.Name => await new SupervisionBenchmark(settings, Arg(1, 5_000), Arg(2, 16)).RunAsync(),
    ReportBenchmark.Name => await new ReportBenchmark(settings, Arg(1, 100_000), Arg(2, 5_000), Arg(3, 2_000)).RunAsync(),
    _ => throw new ArgumentException($"unknown benchmark {which}; known: {LeaveApprovalBenchmark.Name}, {HotlineBenchmark.Name}, " +
        $"{SupervisionBenchmark.Name}, {ReportBenchmark.Name}, table"),
};
Console.WriteLine($"## {report.Benchmark}: {report.Parameters}");
Console.WriteLine();
BenchReport.PrintTable(Console.Out, [report]);
Console.WriteLine();
foreach (var note in report.Notes) Console.WriteLine("- " + note);
Console.WriteLine($"- figures written to {report.Write(settings.OutputDirectory!)}");
return report.Correct ? 0 : 1;
