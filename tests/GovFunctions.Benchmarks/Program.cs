using GovFunctions.Benchmarks;

// usage: GovFunctions.Benchmarks leave [chains=500] [concurrency=16]
//        GovFunctions.Benchmarks hotline [calls=20000] [monthCalls=100000] [concurrency=16]
var which = args.FirstOrDefault() ?? "leave";
int Arg(int i, int fallback) => args.Length > i && int.TryParse(args[i], out var v) ? v : fallback;
return which switch
{
    "leave" => await new LeaveApprovalBenchmark(Arg(1, 500), Arg(2, 16)).RunAsync(),
    "hotline" => await new HotlineBenchmark(Arg(1, 20_000), Arg(2, 100_000), Arg(3, 16)).RunAsync(),
    _ => throw new ArgumentException($"unknown benchmark {which}; known: leave, hotline"),
};
