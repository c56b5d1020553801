using System.Net;
using System.Text.RegularExpressions;
using GovFunctions.Leave;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Approvals;

/// <summary>The whole loop with a real inbox: the approver's email arrives in MailDev, its link is followed and decides.</summary>
public partial class MailDevEndToEndTest : AppTest
{
    [Fact]
    public async Task ApproverEmail_ReadFromMailDev_ItsLinkApprovesTheRequest()
    {
        var id = await SubmitLeaveAsync("zhao-xiaofeng", destination: $"深圳市（{Guid.NewGuid():N}）");
        await Pump.RunAsync();
        var leave = await LeaveAsync(id);

        var received = Assert.Single(await MailDevInbox.WaitForAsync(e =>
            e.IsTo(EmailOf("lin-jianguo")) && e.Subject.Contains(leave.Destination)));
        Assert.StartsWith("【待审批】", received.Subject);
        var link = WebUtility.HtmlDecode(LinkPattern().Match(received.Html!).Groups[1].Value);
        Assert.StartsWith("http://localhost:7071/api/approvals/", link);
        var token = link[(link.LastIndexOf('/') + 1)..];

        var page = (ContentResult)await ShowAsync(token);
        Assert.Contains(leave.Destination, page.Content);
        Assert.Equal(200, Http.StatusOf(await DecideAsync(token, "approve", "同意，注意安全")));
        await Pump.RunAsync();

        Assert.Equal(LeaveStatus.Approved, (await LeaveAsync(id)).Status);
        var outcome = Assert.Single(await MailDevInbox.WaitForAsync(e => e.IsTo(EmailOf("zhao-xiaofeng")) && e.Subject.Contains(leave.Destination)));
        Assert.Contains("同意，注意安全", outcome.Text);
    }

    [GeneratedRegex("href=\"(http[^\"]+/api/approvals/[^\"]+)\"")]
    private static partial Regex LinkPattern();
}
