using GovFunctions.Approvals;
using GovFunctions.Leave;
using GovFunctions.Legal;
using GovFunctions.Me;
using GovFunctions.Supervision;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Me;

/// <summary>
/// The one query of what waits for a person, against Azurite: a supervised item to acknowledge waits for its owner's head, or
/// their acting person while they are away (第七十五条); a review task and then a filing (第二十一条) wait for whom they should.
/// </summary>
public class WaitingQueryTests : AppTest
{
    private WaitingQuery Query => App.Get<WaitingQuery>();

    private async Task<string> RegisterItemAsync()
    {
        var result = await Function<SupervisionFunctions>().RegisterSupervisedItem(Http.Request("POST", "supervision/items",
            EmailOf(Intakes.OfficeClerk), json: Intakes.Of("RegisterSupervisedItem").Valid(App.Clock.GetUtcNow())));
        Assert.Equal(201, Http.StatusOf(result));
        await Pump.RunAsync();
        return Http.IdOf(result);
    }

    private async Task ApproveAllAsync(string leave)
    {
        for (var round = 0; round < 5 && (await LeaveAsync(leave)).Status == LeaveStatus.Pending; round++)
        {
            var approval = await ApprovalOfAsync(leave);
            foreach (var task in approval.Tasks.Where(t => t.IsOpen))
                await DecideAsync(App.Get<ApprovalLinks>().TokenFor(approval.Id, task), "approve");
            await Pump.RunAsync();
        }
        Assert.Equal(LeaveStatus.Approved, (await LeaveAsync(leave)).Status);
    }

    [Fact]
    public async Task AnAssignedItem_WaitsForItsOwnersHead_ThenForTheActingPersonWhileTheHeadIsAway_第七十五条()
    {
        var id = await RegisterItemAsync();
        var waiting = Assert.Single(await Query.ForAsync("wu-jianping"));
        Assert.Equal((WaitingKind.Acknowledge, id, (string?)null), (waiting.Kind, waiting.RecordId, waiting.OnBehalfOfId));
        Assert.EndsWith($"/api/supervision/items/{id}", waiting.Link); // the staff item route, until supervision's email links land

        var leave = await SubmitLeaveAsync("wu-jianping", actingPersonId: "ye-ming");
        await Pump.RunAsync();
        await ApproveAllAsync(leave);
        App.Clock.Advance(DateTimeOffset.Parse("2026-12-01T10:00:00+08:00") - App.Clock.GetUtcNow());
        Assert.Empty(await Query.ForAsync("wu-jianping"));
        var acting = Assert.Single(await Query.ForAsync("ye-ming"));
        Assert.Equal((id, "wu-jianping"), (acting.RecordId, acting.OnBehalfOfId));
    }

    [Fact]
    public async Task AnAcknowledgedItem_WaitsForItsReportOnTheCadence_第三十条()
    {
        var id = await RegisterItemAsync();
        await Function<SupervisionFunctions>().ActOnSupervisedItem(Http.Request("POST", $"supervision/items/{id}/acknowledge",
            EmailOf("wu-jianping"), json: new { }), id, "acknowledge");
        Assert.Empty(await Query.ForAsync("wu-jianping")); // acknowledged, the weekly report not due yet
        App.Clock.Advance(TimeSpan.FromDays(7));
        var report = Assert.Single(await Query.ForAsync("wu-jianping"));
        Assert.Equal((WaitingKind.Report, id), (report.Kind, report.RecordId));
    }

    [Fact]
    public async Task AReviewTask_WaitsForTheLegalHead_ThenThePublishedDocumentsFiling_ForTheIssuingHead_第二十一条()
    {
        var legal = Function<LegalFunctions>();
        var created = await legal.CreateNormativeDocument(Http.Request("POST", "normative-documents", EmailOf("huang-xiuying"), json: new
        {
            title = "青禾区财政专项资金管理办法", summary = "规范专项资金申报、拨付和绩效评价。", issuingDepartmentId = "finance",
            touchedDepartmentIds = Array.Empty<string>(), jointDepartmentIds = Array.Empty<string>(),
        }));
        var id = Http.IdOf(created);
        await legal.SubmitNormativeDocument(Http.Request("POST", $"normative-documents/{id}/submit", EmailOf("huang-xiuying")), id);
        await Pump.RunAsync();
        var review = Assert.Single(await Query.ForAsync("zheng-wenbo"));
        Assert.Equal(WaitingKind.Approval, review.Kind);

        var doc = (await App.Get<NormativeDocumentService>().GetAsync(id)).Value;
        await DecideAsync(await TokenAsync(doc.LegalReview.ApprovalId!, "zheng-wenbo"), "approve", "符合法律法规");
        await Pump.RunAsync();
        await legal.PublishNormativeDocument(Http.Request("POST", $"normative-documents/{id}/publish", EmailOf("huang-xiuying")), id);
        Assert.Empty(await Query.ForAsync("zheng-wenbo"));
        var filing = Assert.Single(await Query.ForAsync("huang-xiuying"));
        Assert.Equal((WaitingKind.Filing, id), (filing.Kind, filing.RecordId));
        Assert.EndsWith($"/api/normative-documents/{id}", filing.Link);
    }
}
