using System.Text.Json;
using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Common;
using GovFunctions.Legal;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Legal;

/// <summary>Normative documents (Art. 21) and administrative reconsideration (Art. 23–24) through the functions and the engine.</summary>
public class LegalFlowTests : AppTest
{
    private const string Finance = "huang-xiuying";
    private const string LegalHead = "zheng-wenbo";
    private const string LegalClerk = "qin-hao";

    private LegalFunctions Api => Function<LegalFunctions>();

    private static JsonElement Json(IActionResult r) => JsonSerializer.SerializeToElement(((ObjectResult)r).Value, GovFunctions.Platform.Json.Options);

    private async Task<string> DocumentAsync(string[]? touched = null, string[]? joint = null)
    {
        var result = await Api.CreateNormativeDocument(Http.Request("POST", "normative-documents", EmailOf(Finance), json: new
        {
            title = "青禾区财政专项资金管理办法", summary = "规范专项资金申报、拨付和绩效评价。", issuingDepartmentId = "finance",
            touchedDepartmentIds = touched ?? [], jointDepartmentIds = joint ?? [],
        }));
        return Json(result).GetProperty("id").GetString()!;
    }

    private Task<IActionResult> DocumentAction(string id, string action, string by = Finance)
    {
        var request = Http.Request("POST", $"normative-documents/{id}/{action}", EmailOf(by));
        return action switch
        {
            "submit" => Api.SubmitNormativeDocument(request, id),
            "publish" => Api.PublishNormativeDocument(request, id),
            _ => Api.FileNormativeDocument(request, id),
        };
    }

    [Fact]
    public async Task ADocumentTouchingAnotherDepartmentsDuties_IsRefusedAsOneDepartments_Art21()
    {
        var e = await Assert.ThrowsAsync<RuleViolationException>(() => DocumentAsync(touched: ["housing"]));
        Assert.Equal("singleDepartment", e.Gate);
        Assert.Contains("第二十一条", e.Article);
        await DocumentAsync(touched: ["housing"], joint: ["housing"]); // issued jointly: accepted
    }

    [Fact]
    public async Task PublishingBeforeTheLegalReview_IsRefused_Art21()
    {
        var id = await DocumentAsync();
        var e = await Assert.ThrowsAsync<RuleViolationException>(() => DocumentAction(id, "publish"));
        Assert.Equal("legalReview", e.Gate);
    }

    [Fact]
    public async Task Reviewed_Published_ThenTheFilingClock_RemindsAndFlagsALateFiling_Art21()
    {
        var id = await DocumentAsync();
        await DocumentAction(id, "submit");
        await Pump.RunAsync();
        var doc = (await App.Get<NormativeDocumentService>().GetAsync(id)).Value;
        await DecideAsync(await TokenAsync(doc.LegalReview.ApprovalId!, LegalHead), "approve", "符合法律法规");
        await Pump.RunAsync();

        var published = Json(await DocumentAction(id, "publish"));
        // Published Wednesday 2026-11-25: 15 working days later is Wednesday 2026-12-16, close of office.
        Assert.Equal(DateTimeOffset.Parse("2026-12-16T17:30:00+08:00"), published.GetProperty("document").GetProperty("filingDueAt").GetDateTimeOffset());
        var service = App.Get<NormativeDocumentService>();

        async Task<int> RunAt(string at) { App.Clock.SetUtcNow(DateTimeOffset.Parse(at)); var n = await service.ChaseFilingsAsync(); await Pump.RunAsync(); return n; }
        Assert.Equal(0, await RunAt("2026-12-10T09:00:00+08:00")); // four working days before
        Assert.Equal(1, await RunAt("2026-12-11T09:00:00+08:00")); // three: reminded
        Assert.Equal(0, await RunAt("2026-12-14T09:00:00+08:00"));
        Assert.Single(Mail.To(EmailOf(Finance)), m => m.Subject.StartsWith("【备案提醒】"));
        Assert.Equal(1, await RunAt("2026-12-17T09:00:00+08:00")); // late
        Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【逾期未备案】"));
        var flags = await App.Storage.TableAsync(Tables.Accountability);
        Assert.Single(flags.Query<TableEntity>(), r => r.GetString("SubjectId") == id);

        var filed = Json(await DocumentAction(id, "file"));
        Assert.Equal("filed", filed.GetProperty("status").GetString());
        Assert.False(filed.GetProperty("document").GetProperty("filedOnTime").GetBoolean());
        Assert.Equal(0, await RunAt("2026-12-18T09:00:00+08:00"));
    }

    private async Task<string> CaseAsync(string by = LegalClerk)
    {
        var result = await Api.AcceptReconsideration(Http.Request("POST", "reconsiderations", EmailOf(by), json: new
        {
            applicant = "青禾某建材有限公司", respondent = "区市场监督管理局", request = "撤销行政处罚决定书（青市监罚〔2026〕88号）", acceptedAt = "2026-11-25T10:00:00+08:00",
        }));
        return Json(result).GetProperty("id").GetString()!;
    }

    private ReconsiderationService Cases => App.Get<ReconsiderationService>();

    [Fact]
    public async Task Reconsideration_IsAcceptedByTheLegalOffice_WithA60DayClock_Art23()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => CaseAsync(by: Finance));
        var id = await CaseAsync();
        Assert.Equal(DateTimeOffset.Parse("2027-01-24T23:59:59+08:00"), (await Cases.GetAsync(id)).Value.DeadlineAt);
    }

    [Fact]
    public async Task TheProposal_IsSignedOffByTheExecutiveDeputyThenTheDistrictHead_Art23()
    {
        var id = await CaseAsync();
        await Api.ProposeReconsiderationDecision(Http.Request("POST", $"reconsiderations/{id}/proposal", EmailOf(LegalClerk), json: new { proposal = "维持原行政处罚决定。" }), id);
        await Pump.RunAsync();
        var approvalId = (await Cases.GetAsync(id)).Value.SignOffApprovalId!;
        Assert.Empty(Mail.To(EmailOf("lin-jianguo")));
        await DecideAsync(await TokenAsync(approvalId, "zhou-minghua"), "approve");
        await Pump.RunAsync();
        await DecideAsync(await TokenAsync(approvalId, "lin-jianguo"), "approve", "签发");
        await Pump.RunAsync();
        Assert.Equal(ReconsiderationStatus.Decided, (await Cases.GetAsync(id)).Value.Status);
    }

    [Fact]
    public async Task ARefusedSignOff_ReturnsTheCaseToTheLegalOffice_ForANewProposal()
    {
        var id = await CaseAsync();
        await Api.ProposeReconsiderationDecision(Http.Request("POST", $"reconsiderations/{id}/proposal", EmailOf(LegalClerk), json: new { proposal = "维持。" }), id);
        await Pump.RunAsync();
        await DecideAsync(await TokenAsync((await Cases.GetAsync(id)).Value.SignOffApprovalId!, "zhou-minghua"), "reject", "事实认定需补充调查");
        await Pump.RunAsync();

        var r = (await Cases.GetAsync(id)).Value;
        Assert.Equal((ReconsiderationStatus.Accepted, "事实认定需补充调查"), (r.Status, r.ReturnedComment));
        await Api.ProposeReconsiderationDecision(Http.Request("POST", $"reconsiderations/{id}/proposal", EmailOf(LegalClerk), json: new { proposal = "撤销原决定。" }), id);
        Assert.Equal(ReconsiderationStatus.InSignOff, (await Cases.GetAsync(id)).Value.Status);
    }

    [Fact]
    public async Task OneExtensionOf30Days_ApprovedByTheDistrictHead_AndRemindersBeforeTheDeadline()
    {
        var id = await CaseAsync();
        async Task<int> RemindAt(string at) { App.Clock.SetUtcNow(DateTimeOffset.Parse(at)); var n = await Cases.RemindDeadlinesAsync(); await Pump.RunAsync(); return n; }

        Assert.Equal(0, await RemindAt("2027-01-13T09:00:00+08:00")); // 11 days left
        Assert.Equal(1, await RemindAt("2027-01-14T09:00:00+08:00")); // 10 days left
        Assert.Equal(0, await RemindAt("2027-01-15T09:00:00+08:00"));
        var reminder = Assert.Single(Mail.To(EmailOf(LegalHead)), m => m.Subject.StartsWith("【复议期限提醒】"));
        Assert.Contains(reminder.Cc, a => a.Address == EmailOf("zhou-minghua"));

        await Api.ExtendReconsideration(Http.Request("POST", $"reconsiderations/{id}/extension", EmailOf(LegalClerk), json: new { reason = "案情复杂，需鉴定" }), id);
        await Pump.RunAsync();
        await DecideAsync(await TokenAsync((await Cases.GetAsync(id)).Value.ExtensionApprovalId!, "lin-jianguo"), "approve");
        await Pump.RunAsync();
        var r = (await Cases.GetAsync(id)).Value;
        Assert.Equal((true, DateTimeOffset.Parse("2027-02-23T23:59:59+08:00")), (r.Extended, r.DeadlineAt));
        await Assert.ThrowsAsync<StateConflictException>(() =>
            Api.ExtendReconsideration(Http.Request("POST", $"reconsiderations/{id}/extension", EmailOf(LegalClerk), json: new { reason = "再延" }), id));

        Assert.Equal(0, await RemindAt("2027-01-24T09:00:00+08:00")); // the old deadline no longer applies
        Assert.Equal(1, await RemindAt("2027-02-13T09:00:00+08:00")); // 10 days before the new one
        Assert.Equal(1, await RemindAt("2027-02-20T09:00:00+08:00")); // 3 days before
    }
}
