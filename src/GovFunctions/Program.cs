using GovFunctions.Platform.Http;
using GovFunctions.Records;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// `GovFunctions seed [dir]` loads seeds/ into Table Storage and exits; `GovFunctions verify` checks every record's history
// chain, prints each broken one and exits 1 if any is; anything else runs the Functions worker.
if (args is ["seed" or "verify", ..])
{
    var commandHost = Host.CreateApplicationBuilder();
    commandHost.Services.AddGovFunctions(commandHost.Configuration);
    using var host = commandHost.Build();
    if (args[0] == "seed")
    {
        var result = await host.Services.GetRequiredService<SeedLoader>().LoadAsync(args.Length > 1 ? args[1] : "seeds");
        Console.WriteLine($"seeds: {result.Added} added, {result.Updated} updated, {result.Unchanged} unchanged");
        return 0;
    }
    var summary = await host.Services.GetRequiredService<RecordVerifier>().VerifyAllAsync(broken => Console.WriteLine(RecordVerifier.Describe(broken)));
    Console.WriteLine($"verify: {summary.Records} records, {summary.Intact} intact, {summary.Unchained} unchained, {summary.Tampered} tampered");
    return summary.Tampered > 0 ? 1 : 0;
}

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ExceptionMiddleware>();
builder.Services.AddGovFunctions(builder.Configuration);
builder.Build().Run();
return 0;
