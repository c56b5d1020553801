using GovFunctions.Approvals;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Approvals;

/// <summary>Email links (API.md, MISSION "Email links"): unguessable, signed, bound, expiring, single-use; GET changes nothing.</summary>
public class ApprovalLinkTests : AppTest
{
    private async Task<(string LeaveId, string Token)> PendingAsync()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        return (id, await TokenForAsync(id, "lin-jianguo"));
    }

    [Fact]
    public async Task Get_ShowsWhatIsBeingApproved_AndChangesNothing()
    {
        var (id, token) = await PendingAsync();
        var before = await Engine.FindAsync((await LeaveAsync(id)).ApprovalId!);
        var historyBefore = await Engine.Store.HistoryAsync(before!.Key);

        for (var i = 0; i < 3; i++) // mail scanners open links, sometimes repeatedly
        {
            var page = (ContentResult)await ShowAsync(token);
            Assert.Equal(200, page.StatusCode);
            Assert.Contains("北京市", page.Content);
            Assert.Contains("13800001111", page.Content);
            Assert.Contains("value=\"approve\"", page.Content);
            Assert.Contains("value=\"reject\"", page.Content);
            Assert.Contains("<form method=\"post\">", page.Content);
        }

        var after = await Engine.FindAsync(before.Id);
        Assert.Equal(before.ETag, after!.ETag);
        Assert.Equal(historyBefore.Count, (await Engine.Store.HistoryAsync(after.Key)).Count);
        Assert.Equal(0, await Pump.RunAsync());
    }

    [Fact]
    public async Task Post_Decides_AndTheSameLinkThenSaysAlreadyDecided_409()
    {
        var (id, token) = await PendingAsync();
        var first = (ContentResult)await DecideAsync(token, "approve", "同意");
        Assert.Equal(200, first.StatusCode);
        Assert.Contains("同意", first.Content);

        Assert.Equal(409, Http.StatusOf(await DecideAsync(token, "reject")));
        Assert.Equal(409, Http.StatusOf(await ShowAsync(token)));
        var task = Assert.Single((await ApprovalOfAsync(id)).Tasks);
        Assert.Equal(ApprovalTaskStatus.Approved, task.Status);
    }

    [Theory]
    [InlineData(0)] // approval id
    [InlineData(1)] // task id
    [InlineData(2)] // signature
    public async Task TamperedToken_Is404_AndRevealsNothing(int part)
    {
        var (_, token) = await PendingAsync();
        var parts = token.Split('.');
        parts[part] = parts[part][..^1] + (parts[part][^1] == 'a' ? 'b' : 'a');
        var forged = string.Join('.', parts);

        var page = (ContentResult)await ShowAsync(forged);
        Assert.Equal(404, page.StatusCode);
        Assert.DoesNotContain("北京市", page.Content);
        Assert.Equal(404, Http.StatusOf(await DecideAsync(forged, "approve")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("a.b.c.d")]
    [InlineData("../../etc/passwd")]
    public async Task MalformedToken_Is404(string token)
    {
        Assert.Equal(404, Http.StatusOf(await ShowAsync(token)));
        Assert.Equal(404, Http.StatusOf(await DecideAsync(token, "approve")));
    }

    [Fact]
    public async Task ExpiredLink_Is410_AndNamesTheOffice()
    {
        var (id, token) = await PendingAsync();
        App.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        var page = (ContentResult)await ShowAsync(token);
        Assert.Equal(410, page.StatusCode);
        Assert.Contains("office@qinghe.example.org", page.Content);
        Assert.Equal(410, Http.StatusOf(await DecideAsync(token, "approve")));
        Assert.True(Assert.Single((await ApprovalOfAsync(id)).Tasks).IsOpen);
    }

    [Fact]
    public async Task ATokenForOneApprover_DoesNotOpenAnothersTask()
    {
        var id = await SubmitLeaveAsync("wu-jianping", actingPersonId: "ye-ming");
        await Pump.RunAsync();
        var chens = await TokenForAsync(id, "chen-siyuan");
        await ApproveAsync(id, "chen-siyuan");
        var lins = await TokenForAsync(id, "lin-jianguo");
        var approval = await ApprovalOfAsync(id);

        var parts = chens.Split('.');
        var swapped = $"{parts[0]}.{lins.Split('.')[1]}.{parts[2]}"; // Chen's signature on the district head's task
        Assert.Equal(404, Http.StatusOf(await DecideAsync(swapped, "approve")));
        Assert.True(approval.Tasks.Single(t => t.ApproverId == "lin-jianguo").IsOpen);
    }

    [Fact]
    public async Task Post_WithoutAnAction_Is400_AndDecidesNothing()
    {
        var (id, token) = await PendingAsync();
        Assert.Equal(400, Http.StatusOf(await DecideAsync(token, "maybe")));
        Assert.True(Assert.Single((await ApprovalOfAsync(id)).Tasks).IsOpen);
    }

    [Fact]
    public async Task StorageHoldsNoToken_OnlyItsHash()
    {
        var (id, token) = await PendingAsync();
        var table = await Engine.Store.TableAsync();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>())
            foreach (var value in row.Select(kv => kv.Value).OfType<string>())
            {
                Assert.DoesNotContain(token, value);
                Assert.DoesNotContain(token.Split('.')[2], value);
            }
        Assert.Equal(ApprovalLinks.Hash(token), Assert.Single((await ApprovalOfAsync(id)).Tasks).TokenHash);
    }

    [Fact]
    public async Task Pages_DoNotLeakTheTokenThroughCacheOrReferrer()
    {
        var (_, token) = await PendingAsync();
        var request = Http.Request("GET", "approvals/" + token);
        await Function<ApprovalFunctions>().ShowApproval(request, token);
        Assert.Equal("no-store", request.HttpContext.Response.Headers.CacheControl.ToString());
        Assert.Equal("no-referrer", request.HttpContext.Response.Headers["Referrer-Policy"].ToString());
    }
}
