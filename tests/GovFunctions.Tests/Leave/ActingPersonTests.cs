using GovFunctions.Common;
using GovFunctions.Forms;
using GovFunctions.Platform.Http;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Leave;

/// <summary>Art. 75: a department head's acting person is one of that department's own leaders, on the server and in the form.</summary>
public class ActingPersonTests : AppTest
{
    [Fact]
    public async Task AnotherDepartmentsDeputyHead_AsActingHeadOfHousing_Is422CitingArt75_AndWritesNothing()
    {
        var e = await Assert.ThrowsAsync<RuleViolationException>(() => SubmitLeaveAsync("gao-feng", actingPersonId: "qian-lu"));

        var problem = Problems.From(e, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.Equal(422, problem.Status);
        Assert.Contains("第七十五条", (string)problem.Extensions["article"]!);
        Assert.Equal("actingPerson", problem.Extensions["gate"]);
        Assert.Empty(await Leave.Store.InPartitionAsync("gao-feng"));
        Assert.Empty((await App.Storage.TableAsync(Tables.Outbox)).Query<Azure.Data.Tables.TableEntity>());
        await SubmitLeaveAsync("gao-feng", actingPersonId: "feng-kai"); // the department's own deputy head: accepted
    }

    [Fact]
    public async Task TheLeaveForm_OffersADepartmentHeadOnlyTheDepartmentsOwnLeaders()
    {
        var page = (ContentResult)await Function<FormFunctions>().LeaveForm(Http.Request("GET", "forms/leave", EmailOf("gao-feng")));

        var select = page.Content![page.Content!.IndexOf("id=\"actingPersonId\"", StringComparison.Ordinal)..];
        select = select[..select.IndexOf("</select>", StringComparison.Ordinal)];
        var offered = System.Text.RegularExpressions.Regex.Matches(select, "<option value=\"([^\"]*)\"").Select(m => m.Groups[1].Value);
        Assert.Equal(["", "feng-kai"], offered);
    }
}
