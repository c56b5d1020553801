using System.Text.Json;
using GovFunctions.Common;
using GovFunctions.Legal;
using GovFunctions.Platform.Storage;

namespace GovFunctions.Tests.Legal;

/// <summary>The register of deliberation and coordination bodies and temporary bodies (Art. 25).</summary>
public class CoordinationBodyFlowTests : CaseRoutesTest
{
    private const string Leader = "wang-lijuan", DistrictHead = "lin-jianguo", OfficeDirector = "sun-huimin";

    private CoordinationBodyService Bodies => App.Get<CoordinationBodyService>();

    private async Task<JsonElement> RegisterAsync(bool required, string end = "2026-12-31") =>
        await OkAsync("RegisterCoordinationBody", OfficeClerk, new
        {
            name = "城市更新工作领导小组", purpose = "统筹推进老旧小区改造", leaderId = Leader, memberIds = new[] { "gao-feng" },
            requiredByHigherAuthority = required, expectedEndDate = end,
        }, status: 201);

    private async Task<string> StatusAsync(string id) =>
        (await OkAsync("GetCoordinationBody", OfficeClerk, id: id)).GetProperty("status").GetString()!;

    [Fact]
    public async Task ABodyNoHigherAuthorityRequires_StaysProposedUntilTheDistrictHeadApproves_Art25()
    {
        var created = await RegisterAsync(required: false);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("proposed", created.GetProperty("status").GetString());
        var approvalId = created.GetProperty("approvalId").GetString()!;
        Assert.Single(Mail.To(EmailOf(DistrictHead)), m => m.Subject.Contains("设立议事协调机构"));
        Assert.Equal("proposed", await StatusAsync(id)); // nothing but the district head's decision activates it

        await DecideAsync(await TokenAsync(approvalId, DistrictHead), "approve", "同意设立");
        await Pump.RunAsync();
        Assert.Equal("active", await StatusAsync(id));

        var refused = (await RegisterAsync(required: false)).GetProperty("approvalId").GetString()!;
        await DecideAsync(await TokenAsync(refused, DistrictHead), "reject", "职责可由现有部门承担");
        await Pump.RunAsync();
        var list = await OkAsync("ListCoordinationBodies", OfficeClerk);
        Assert.Equal(["active", "refused"], list.GetProperty("bodies").EnumerateArray().Select(b => b.GetProperty("status").GetString())
            .Order());

        var required = await RegisterAsync(required: true);
        Assert.Equal("active", required.GetProperty("status").GetString());
        Assert.False(required.TryGetProperty("approvalId", out _));
    }

    [Theory]
    [InlineData("contract")]
    [InlineData("loan")]
    [InlineData("guarantee")]
    [InlineData("normativeDocument")]
    [InlineData("administrativeAct")]
    public async Task RecordingAForbiddenAct_IsRefusedCitingArt25_AfterTheAttemptIsInTheHistory(string kind)
    {
        var id = (await RegisterAsync(required: true)).GetProperty("id").GetString()!;
        AssertRefused(await CallAsync("RecordCoordinationBodyAct", OfficeClerk, new { kind, description = "某项目" }, id), "第二十五条");
        var view = await OkAsync("GetCoordinationBody", OfficeClerk, id: id);
        Assert.Equal(kind, Assert.Single(view.GetProperty("refusedActs").EnumerateArray()).GetProperty("kind").GetString());
        Assert.Contains(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("reason").GetString()!.EndsWith("（第二十五条）"));

        var bad = await CallAsync("RecordCoordinationBodyAct", OfficeClerk, new { description = "无类型" }, id);
        Assert.Equal((400, true), (bad.Status, bad.ErrorFields.Contains("kind")));
        Assert.Single((await Bodies.GetAsync(id)).Value.RefusedActs); // a bad request recorded nothing
    }

    [Fact]
    public async Task ANormativeDocumentIssuedByABody_IsRecordedOnItAndRefused_OtherIssuersPass()
    {
        var id = (await RegisterAsync(required: true)).GetProperty("id").GetString()!;
        var clerk = (await App.Get<GovFunctions.Organization.OrganizationStore>().OrganizationAsync()).Person("huang-xiuying");
        var refused = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Bodies.RefuseIfBodyAsync(id, clerk, ForbiddenAct.NormativeDocument));
        Assert.Equal("第二十五条", refused.Article);
        Assert.Equal(ForbiddenAct.NormativeDocument, Assert.Single((await Bodies.GetAsync(id)).Value.RefusedActs).Kind);

        await Bodies.RefuseIfBodyAsync("finance", clerk, ForbiddenAct.NormativeDocument);
        await Bodies.RefuseIfBodyAsync(null, clerk, ForbiddenAct.NormativeDocument);
        await Bodies.RefuseIfBodyAsync("a#b", clerk, ForbiddenAct.NormativeDocument);
        Assert.Single((await Bodies.GetAsync(id)).Value.RefusedActs);
    }

    [Fact]
    public async Task ANormativeDocumentIssuedInABodysName_IsRefused422_Art25_TheAttemptRecorded_NoDocumentRegistered()
    {
        var id = (await RegisterAsync(required: true)).GetProperty("id").GetString()!;
        object Document(string bodyId) => new
        {
            title = "城市更新专项资金管理办法", summary = "规范专项资金拨付。", issuingDepartmentId = "finance",
            touchedDepartmentIds = Array.Empty<string>(), jointDepartmentIds = Array.Empty<string>(), issuingBodyId = bodyId,
        };

        AssertRefused(await CallAsync("CreateNormativeDocument", "huang-xiuying", Document(id)), "第二十五条");
        var unknown = await CallAsync("CreateNormativeDocument", "huang-xiuying", Document("no-such-body"));

        Assert.True(unknown.Status == 400 && unknown.Body!.Contains("issuingBodyId"), unknown.ToString());
        Assert.Equal(ForbiddenAct.NormativeDocument, Assert.Single((await Bodies.GetAsync(id)).Value.RefusedActs).Kind);
        var documents = await App.Storage.TableAsync(GovFunctions.Platform.Storage.Tables.NormativeDocuments);
        Assert.Empty(documents.Query<Azure.Data.Tables.TableEntity>().ToList());
    }

    [Fact]
    public async Task AfterItsExpectedEnd_TheLeaderIsRemindedOnce_ThenListedForTheOffice_AndADissolvedBodyIsLeftAlone()
    {
        var id = (await RegisterAsync(required: true, end: "2026-11-30")).GetProperty("id").GetString()!;
        async Task<int> RunAt(string at)
        {
            App.Clock.SetUtcNow(DateTimeOffset.Parse(at));
            var n = await Bodies.RemindDissolutionsAsync();
            await Pump.RunAsync();
            return n;
        }

        Assert.Equal(0, await RunAt("2026-11-30T09:15:00+08:00"));
        Assert.Equal(1, await RunAt("2026-12-01T09:15:00+08:00"));
        Assert.Equal(0, await RunAt("2026-12-01T09:16:00+08:00")); // the timer fired twice: the reminder went once
        Assert.Equal(0, await RunAt("2026-12-02T09:15:00+08:00"));
        Assert.Single(Mail.To(EmailOf(Leader)), m => m.Subject.StartsWith("【撤销提醒】"));
        Assert.DoesNotContain(Mail.To(EmailOf(OfficeDirector)), m => m.Subject.StartsWith("【待撤销议事协调机构】"));

        Assert.Equal(1, await RunAt("2026-12-28T09:15:00+08:00")); // 20 working days after Nov 30
        Assert.Equal(0, await RunAt("2026-12-28T09:16:00+08:00"));
        Assert.Single(Mail.To(EmailOf(OfficeDirector)), m => m.Subject.StartsWith("【待撤销议事协调机构】"));
        Assert.Single(Mail.To(EmailOf(Leader)), m => m.Subject.StartsWith("【撤销提醒】"));

        Assert.Equal(403, (await CallAsync("DissolveCoordinationBody", "gao-feng", id: id)).Status);
        var dissolved = await OkAsync("DissolveCoordinationBody", OfficeClerk, id: id);
        Assert.Equal("dissolved", dissolved.GetProperty("status").GetString());
        Assert.Equal(409, (await CallAsync("DissolveCoordinationBody", OfficeClerk, id: id)).Status);
        Assert.Equal(0, await RunAt("2027-01-29T09:15:00+08:00"));
    }

    [Fact]
    public async Task BadInput_IsA400NamingTheField_AndWritesNothing()
    {
        var bad = await CallAsync("RegisterCoordinationBody", OfficeClerk, new { name = "小组", purpose = "事由", leaderId = "gao-feng" });
        Assert.Equal(400, bad.Status);
        Assert.Contains("leaderId", bad.ErrorFields);
        Assert.Contains("expectedEndDate", bad.ErrorFields);
        Assert.Equal(403, (await CallAsync("RegisterCoordinationBody", "gao-feng", new { name = "小组" })).Status);
        Assert.Empty((await App.Storage.TableAsync(Tables.CoordinationBodies)).Query<Azure.Data.Tables.TableEntity>());
    }
}
