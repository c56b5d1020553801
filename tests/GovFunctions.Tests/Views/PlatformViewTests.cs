using GovFunctions.Health;
using GovFunctions.Records;
using GovFunctions.Scorecards;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Views;

/// <summary>The health, record verification and scorecard answers as clients read them (issue 9): captured before the views.</summary>
public class PlatformViewTests : AppTest
{
    [Fact]
    public async Task TheHealthAnswer_KeepsItsJson() =>
        JsonGolden.Matches("health", await Function<HealthFunction>().Health(Http.Request("GET", "health")));

    [Fact]
    public async Task TheVerification_KeepsItsJson()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        JsonGolden.Matches("records-verify", await Function<RecordFunctions>().VerifyRecord(Http.Request("GET", "records/verify",
            EmailOf("bai-xue"), query: $"kind=leave&id={Uri.EscapeDataString(id)}")), new Dictionary<string, string> { [id] = "id" });
    }

    [Fact]
    public async Task TheScorecardsOfAYear_KeepTheirJson()
    {
        var api = Function<ScorecardFunctions>();
        JsonGolden.Matches("scorecards-year",
            await api.Scorecards(Http.Request("GET", "scorecards", EmailOf("lin-jianguo"), query: "year=2026")));
    }
}
