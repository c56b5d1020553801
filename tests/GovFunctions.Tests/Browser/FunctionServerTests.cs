using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Browser;

/// <summary>The browser tests' server serves what the build declares: every HTTP function, at its route, by its methods.</summary>
public class FunctionServerTests : ServedAppTest
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public void EveryHttpFunctionOfTheMetadata_IsMapped_AtItsRouteAndMethods()
    {
        var declared = FunctionsMetadata.Functions
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .Select(b => (Name: f.GetProperty("name").GetString()!, Route: b.GetProperty("route").GetString()!)))
            .OrderBy(f => f.Name).ToList();
        Assert.NotEmpty(declared);
        Assert.Equal(declared, FunctionServer.Mappings.Select(m => (m.Name, m.Route)).OrderBy(f => f.Name));
        Assert.Equal(declared.Select(d => "/api/" + d.Route).Order(), Server.Endpoints.Order());
    }

    /// <summary>
    /// Each route, with its method and route values (a constrained one takes its first choice), reaches its own function.
    /// </summary>
    [Fact]
    public async Task EveryRoute_ReachesItsOwnFunction_WhichAnswersWithoutA5xx()
    {
        var misses = new List<string>();
        foreach (var m in FunctionServer.Mappings)
        {
            var route = Routes.Named(m.Name);
            var path = string.Join('/', route.Template.Split('/').Select(s =>
                s.StartsWith('{') ? route.Choices(s.Trim('{', '}').Split(':')[0])?[0] ?? "x" : s));
            using var request = new HttpRequestMessage(new HttpMethod(m.Methods[0]), new Uri(Server.BaseUrl, "/api/" + path));
            if (m.Methods[0] == "POST") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            using var answer = await Client.SendAsync(request);
            var reached = answer.Headers.TryGetValues(FunctionServer.FunctionHeader, out var names) ? names.Single() : "(none)";
            if (reached != m.Name || (int)answer.StatusCode >= 500) misses.Add($"{m}: {(int)answer.StatusCode} from {reached}");
        }
        Assert.Empty(misses);
    }

    [Theory]
    [InlineData("GET", "/api/reports/daily")]
    [InlineData("POST", "/api/supervision/items/x/approve")]
    [InlineData("DELETE", "/api/leave-requests/x")]
    public async Task APathOutsideEveryRoutesConstraintOrMethods_ReachesNoFunction(string method, string path)
    {
        using var answer = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(Server.BaseUrl, path)));
        Assert.False(answer.Headers.Contains(FunctionServer.FunctionHeader));
        Assert.True((int)answer.StatusCode is 404 or 405, $"{method} {path}: {(int)answer.StatusCode}");
    }

    [Fact]
    public async Task ARefusal_IsWrittenAsTheExceptionMiddlewareWritesIt_ProblemDetailsWithItsStatus()
    {
        using var answer = await Client.GetAsync(new Uri(Server.BaseUrl, "/api/reports/weekly?period=2026-W47"));
        Assert.Equal(401, (int)answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"zh\"", await answer.Content.ReadAsStringAsync());
    }
}
