using GovFunctions.Organization;
using GovFunctions.Platform;
using GovFunctions.Platform.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// `GovFunctions seed [dir]` loads seeds/ into Table Storage and exits; anything else runs the Functions worker.
if (args is ["seed", ..])
{
    var seedHost = Host.CreateApplicationBuilder();
    seedHost.Services.AddGovFunctions(seedHost.Configuration);
    using var host = seedHost.Build();
    var result = await host.Services.GetRequiredService<SeedLoader>().LoadAsync(args.Length > 1 ? args[1] : "seeds");
    Console.WriteLine($"seeds: {result.Added} added, {result.Updated} updated, {result.Unchanged} unchanged");
    return;
}

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ExceptionMiddleware>();
builder.Services.AddGovFunctions(builder.Configuration);
builder.Build().Run();
