using GovFunctions.Legal;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Views;

/// <summary>The normative document and reconsideration answers as clients read them (issue 9): captured before the typed views.</summary>
public class LegalViewTests : AppTest
{
    private const string Finance = "huang-xiuying";
    private const string LegalClerk = "qin-hao";

    private LegalFunctions Api => Function<LegalFunctions>();

    [Fact]
    public async Task TheNormativeDocumentAnswers_KeepTheirJson()
    {
        var created = await Api.CreateNormativeDocument(Http.Request("POST", "normative-documents", EmailOf(Finance), json: new
        {
            title = "青禾区财政专项资金管理办法", summary = "规范专项资金申报、拨付和绩效评价。", issuingDepartmentId = "finance",
            touchedDepartmentIds = new[] { "housing" }, jointDepartmentIds = new[] { "housing" },
        }));
        var id = Http.IdOf(created);
        JsonGolden.Matches("document-created", created, new Dictionary<string, string> { [id] = "id" });
        var submitted = await Api.SubmitNormativeDocument(Http.Request("POST", $"normative-documents/{id}/submit", EmailOf(Finance)), id);
        var doc = (await App.Get<NormativeDocumentService>().GetAsync(id)).Value;
        var names = new Dictionary<string, string> { [id] = "id", [doc.LegalReview.ApprovalId!] = "approvalId" };
        JsonGolden.Matches("document-submitted", submitted, names);
        await Pump.RunAsync();
        await DecideAsync(await TokenAsync(doc.LegalReview.ApprovalId!, "zheng-wenbo"), "approve", "符合法律法规");
        await Pump.RunAsync();
        JsonGolden.Matches("document-published",
            await Api.PublishNormativeDocument(Http.Request("POST", $"normative-documents/{id}/publish",
            EmailOf(Finance)), id), names);
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-01T10:00:00+08:00"));
        await Api.FileNormativeDocument(Http.Request("POST", $"normative-documents/{id}/file", EmailOf(Finance)), id);
        JsonGolden.Matches("document-get",
            await Api.GetNormativeDocument(Http.Request("GET", $"normative-documents/{id}", EmailOf(Finance)), id),
            names);
    }

    [Fact]
    public async Task TheReconsiderationAnswers_KeepTheirJson()
    {
        var accepted = await Api.AcceptReconsideration(Http.Request("POST", "reconsiderations", EmailOf(LegalClerk), json: new
        {
            applicant = "青禾某建材有限公司", respondent = "区市场监督管理局", request = "撤销行政处罚决定书", acceptedAt = "2026-11-25T10:00:00+08:00",
        }));
        var id = Http.IdOf(accepted);
        JsonGolden.Matches("reconsideration-accepted", accepted, new Dictionary<string, string> { [id] = "id" });
        var extended = await Api.ExtendReconsideration(Http.Request("POST", $"reconsiderations/{id}/extension", EmailOf(LegalClerk),
            json: new { reason = "案情复杂，需鉴定" }), id);
        var r = (await App.Get<ReconsiderationService>().GetAsync(id)).Value;
        var names = new Dictionary<string, string> { [id] = "id", [r.ExtensionApprovalId!] = "extensionApprovalId" };
        JsonGolden.Matches("reconsideration-extension", extended, names);
        var proposed = await Api.ProposeReconsiderationDecision(Http.Request("POST", $"reconsiderations/{id}/proposal", EmailOf(LegalClerk),
            json: new { proposal = "维持原行政处罚决定。" }), id);
        r = (await App.Get<ReconsiderationService>().GetAsync(id)).Value;
        names[r.SignOffApprovalId!] = "signOffApprovalId";
        JsonGolden.Matches("reconsideration-proposed", proposed, names);
        JsonGolden.Matches("reconsideration-get",
            await Api.GetReconsideration(Http.Request("GET", $"reconsiderations/{id}", EmailOf(LegalClerk)), id),
            names);
    }
}
