using GovFunctions.Common;
using GovFunctions.Health;
using GovFunctions.Organization;
using GovFunctions.Platform.Http;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Organization;

/// <summary>GET /api/organization/people and GET /api/health, called as the Functions host calls them.</summary>
public class PeopleFunctionTests : IAsyncLifetime
{
    private readonly TestApp _app = TestApp.Create();

    public async ValueTask InitializeAsync() => await _app.SeedAsync();
    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private OrganizationFunctions Functions => ActivatorUtilitiesCreate<OrganizationFunctions>(_app);

    private static T ActivatorUtilitiesCreate<T>(TestApp app) =>
        Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<T>(app.Services);

    [Fact]
    public async Task People_ForAKnownStaffMember_ListsTheSeededDistrict()
    {
        var result = await Functions.ListPeople(Http.Request("GET", "organization/people", email: "sun.huimin@qinghe.example.org"));

        Assert.Equal(200, Http.StatusOf(result));
        var people = Http.ValueOf<IEnumerable<PersonView>>(result).ToList();
        Assert.Equal(49, people.Count);
        var deputy = people.Single(p => p.Id == "chen-siyuan");
        Assert.Equal((Role.DeputyHead, "chen.siyuan@qinghe.example.org"), (deputy.Role, deputy.Email));
        Assert.Contains("education", deputy.SupervisedDepartmentIds);
        Assert.Equal("区教育局", people.Single(p => p.Id == "wu-jianping").DepartmentName);
    }

    [Fact]
    public async Task People_WithoutIdentity_Is401()
    {
        await Assert.ThrowsAsync<AuthenticationRequiredException>(() => Functions.ListPeople(Http.Request("GET", "organization/people")));
    }

    [Fact]
    public async Task People_ForAnUnknownPerson_Is403()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Functions.ListPeople(Http.Request("GET", "organization/people", email: "stranger@example.com")));
    }

    [Fact]
    public async Task People_OutsideDevelopmentAndWithoutEasyAuth_IgnoresTheHeader_401()
    {
        await using var prod = TestApp.Create(s => s["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production");
        await prod.SeedAsync();
        var functions = ActivatorUtilitiesCreate<OrganizationFunctions>(prod);
        await Assert.ThrowsAsync<AuthenticationRequiredException>(() =>
            functions.ListPeople(Http.Request("GET", "organization/people", email: "sun.huimin@qinghe.example.org")));
    }

    [Fact]
    public async Task People_WhereEasyAuthIsOn_TrustsTheHeader()
    {
        await using var azure = TestApp.Create(s => { s["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production"; s["WEBSITE_AUTH_ENABLED"] = "True"; });
        await azure.SeedAsync();
        var functions = ActivatorUtilitiesCreate<OrganizationFunctions>(azure);
        var result = await functions.ListPeople(Http.Request("GET", "organization/people", email: "SUN.HUIMIN@qinghe.example.org"));
        Assert.Equal(200, Http.StatusOf(result));
    }

    [Fact]
    public async Task People_FromTheClientPrincipalClaims_WhenTheNameHeaderIsAbsent()
    {
        var request = Http.Request("GET", "organization/people");
        var principal = """{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"lin.jianguo@qinghe.example.org"}]}""";
        request.Headers[StaffIdentity.PrincipalHeader] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(principal));
        var person = await _app.Get<StaffIdentity>().RequireStaffAsync(request);
        Assert.Equal("lin-jianguo", person.Id);
    }

    [Fact]
    public async Task People_WithAGarbledClientPrincipal_Is401_Not500()
    {
        var request = Http.Request("GET", "organization/people");
        request.Headers[StaffIdentity.PrincipalHeader] = "%%%not-base64";
        await Assert.ThrowsAsync<AuthenticationRequiredException>(() => _app.Get<StaffIdentity>().RequireStaffAsync(request));
    }

    [Fact]
    public async Task Health_WithStorageReachable_Is200()
    {
        var result = await ActivatorUtilitiesCreate<HealthFunction>(_app).Health(Http.Request("GET", "health"));
        Assert.Equal(200, Http.StatusOf(result));
    }

    [Fact]
    public async Task Health_WithStorageUnreachable_Is503()
    {
        await using var down = TestApp.Create(s => s["AzureWebJobsStorage"] =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;");
        var result = await ActivatorUtilitiesCreate<HealthFunction>(down).Health(Http.Request("GET", "health"));
        Assert.Equal(503, Http.StatusOf(result));
    }
}
