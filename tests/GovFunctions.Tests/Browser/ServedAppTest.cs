using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Browser;

/// <summary>
/// A test's own seeded app (<see cref="AppTest"/>) served over HTTP by a <see cref="FunctionServer"/>, whose address the
/// emails' links carry.
/// </summary>
public abstract class ServedAppTest : AppTest
{
    protected FunctionServer Server { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Server = await FunctionServer.StartAsync();
        await base.InitializeAsync();
        Server.Serve(App.Services);
    }

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["GovFunctions:PublicBaseUrl"] = Server.BaseUrl.GetLeftPart(UriPartial.Authority);

    public override async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await base.DisposeAsync();
    }
}
