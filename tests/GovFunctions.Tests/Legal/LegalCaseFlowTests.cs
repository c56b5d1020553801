using System.Text.Json;
using System.Text.Json.Nodes;
using GovFunctions.Approvals;
using GovFunctions.Legal;
using GovFunctions.Platform.Storage;
using GovFunctions.Supervision;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Legal;

/// <summary>The routes of Art. 24 and Art. 25, called as the host calls them: a refusal is the problem a client receives.</summary>
public abstract class CaseRoutesTest : AppTest
{
    protected const string LegalClerk = "qin-hao", LegalHead = "zheng-wenbo", OfficeClerk = "bai-xue";

    protected async Task<Routes.Answer> CallAsync(string function, string by, object? json = null, string? id = null)
    {
        var route = Routes.Named(function);
        var values = new Dictionary<string, string>();
        if (id is not null) values["id"] = id;
        var body = json is null ? null : JsonSerializer.SerializeToUtf8Bytes(json, GovFunctions.Platform.Json.Options);
        return await Routes.CallAsync(App.Services, route, Routes.Request(route, values, EmailOf(by), body,
            body is null ? null : "application/json"), values);
    }

    protected async Task<JsonElement> OkAsync(string function, string by, object? json = null, string? id = null, int status = 200)
    {
        var answer = await CallAsync(function, by, json, id);
        Assert.True(answer.Status == status, answer.ToString());
        await Pump.RunAsync();
        return answer.Json!.Value;
    }

    protected static void AssertRefused(Routes.Answer answer, string article)
    {
        Assert.True(answer.Status == 422 && answer.IsProblem, answer.ToString());
        Assert.Equal(article, answer.Json!.Value.GetProperty("article").GetString());
    }
}

/// <summary>The district government as respondent or defendant (Art. 24).</summary>
public class LegalCaseFlowTests : CaseRoutesTest
{
    private LegalCaseService Cases => App.Get<LegalCaseService>();

    private async Task<string> LitigationAsync(params string[] participants) =>
        (await OkAsync("RegisterLegalCase", LegalClerk, new
        {
            kind = "litigation", summary = "某建材公司诉区政府行政许可案", participantDepartmentIds = participants,
            servedAt = "2026-11-24T10:00:00+08:00",
        }, status: 201)).GetProperty("id").GetString()!;

    private async Task AnswerAsDepartmentAsync(string caseId, string approverId, string text)
    {
        var approvalId = (await Cases.GetAsync(caseId)).Value.ParticipationApprovalId;
        Assert.Equal(200, Http.StatusOf(await AnswerAsync(await TokenAsync(approvalId, approverId), text)));
    }

    [Fact]
    public async Task OnlyTheLegalOffice_RegistersACase_AndBadInputIsA400NamingTheField_WritingNothing()
    {
        Assert.Equal(403, (await CallAsync("RegisterLegalCase", "gao-feng", new { kind = "litigation", summary = "案情" })).Status);
        var bad = await CallAsync("RegisterLegalCase", LegalClerk, new { kind = "litigation", summary = "案情" });
        Assert.Equal((400, true), (bad.Status, bad.ErrorFields.Contains("servedAt")));
        var table = await App.Storage.TableAsync(Tables.LegalCases);
        Assert.Empty(table.Query<Azure.Data.Tables.TableEntity>());
    }

    [Fact]
    public async Task EachParticipatingDepartment_GetsAReplyTask_AndTheCaseCannotCloseUntilAllAnswered_Art24()
    {
        // The education head is away with an approved leave: his department's task goes to his acting person.
        var leave = await SubmitLeaveAsync("wu-jianping", start: "2026-11-25T08:00:00+08:00", end: "2026-11-28T18:00:00+08:00",
            actingPersonId: "ye-ming");
        await Pump.RunAsync();
        await ApproveAsync(leave, "chen-siyuan");
        await ApproveAsync(leave, "lin-jianguo");

        var id = await LitigationAsync("housing", "education");
        var approval = (await Engine.FindAsync((await Cases.GetAsync(id)).Value.ParticipationApprovalId))!.Value;
        Assert.Equal((StepKind.Countersign, ResponseKind.Reply), (approval.Step.Kind, approval.Step.Response));
        Assert.Equal(["gao-feng", "ye-ming"], approval.Tasks.Select(t => t.ApproverId).Order());
        Assert.Single(Mail.To(EmailOf("ye-ming")), m => m.Subject.StartsWith("【待办理】应诉"));
        Assert.DoesNotContain(Mail.To(EmailOf("wu-jianping")), m => m.Subject.StartsWith("【待办理】"));

        var close = new { outcome = "judgementWon", text = "驳回原告诉讼请求" };
        AssertRefused(await CallAsync("CloseLegalCase", LegalClerk, close, id), "第二十四条");
        await AnswerAsDepartmentAsync(id, "gao-feng", "许可程序合法，证据材料已移交");
        await Pump.RunAsync();
        AssertRefused(await CallAsync("CloseLegalCase", LegalClerk, close, id), "第二十四条"); // one department still to answer
        await AnswerAsDepartmentAsync(id, "ye-ming", "本局无相关材料");
        await Pump.RunAsync();

        var view = await OkAsync("GetLegalCase", LegalClerk, id: id);
        Assert.Empty(view.GetProperty("unansweredDepartmentIds").EnumerateArray());
        var answers = view.GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("departmentId").GetString()!,
            a => a.GetProperty("byId").GetString()!);
        Assert.Equal(new Dictionary<string, string> { ["housing"] = "gao-feng", ["education"] = "ye-ming" }, answers);
        var closed = await OkAsync("CloseLegalCase", LegalClerk, close, id);
        Assert.Equal(("closed", "judgementWon"), (closed.GetProperty("status").GetString(), closed.GetProperty("outcome").GetString()));
        Assert.False(closed.TryGetProperty("rectificationItemId", out _));
        Assert.Contains(closed.GetProperty("history").EnumerateArray(), h => h.GetProperty("reason").GetString() == "结案：胜诉");
    }

    [Fact]
    public async Task ARedeliveredEngineCompletion_ChangesNothing()
    {
        var id = await LitigationAsync("housing");
        await AnswerAsDepartmentAsync(id, "gao-feng", "意见");
        await Pump.Handle(Queues.ApprovalRouting, await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.DecidedType));
        var completed = await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.CompletedType);
        await Pump.Handle(Queues.ApprovalRouting, completed);
        var once = await Cases.GetAsync(id);
        await Pump.Handle(Queues.ApprovalRouting, completed);
        var twice = await Cases.GetAsync(id);
        Assert.Equal(once.Version, twice.Version);
        Assert.Single(twice.Value.Answers);
        Assert.Single(await Cases.HistoryAsync(id), h => h.Reason!.StartsWith("参与部门提交意见"));
    }

    [Fact]
    public async Task ALostCase_OpensExactlyOneSupervisedRectificationItem_NamedOnTheCase()
    {
        var id = await LitigationAsync("housing");
        await AnswerAsDepartmentAsync(id, "gao-feng", "意见");
        await Pump.RunAsync();
        var closed = await OkAsync("CloseLegalCase", LegalClerk, new { outcome = "judgementLost", text = "判决撤销许可" }, id);
        var itemId = closed.GetProperty("rectificationItemId").GetString()!;
        Assert.Equal(itemId, (await OkAsync("GetLegalCase", LegalClerk, id: id)).GetProperty("rectificationItemId").GetString());

        var supervision = App.Get<SupervisionService>();
        var item = (await supervision.GetAsync(itemId)).Value;
        Assert.Equal((SupervisionSource.LegalCase, id, "housing", new DateOnly(2026, 11, 25).AddMonths(3)),
            (item.Source, item.SourceId, item.OwnerDepartmentId, item.DueDate));
        // The message delivered again opens nothing more.
        await Pump.Handle(Queues.ApprovalRouting, QueueEnvelope.Create(SupervisionService.FromLegalCaseType, id,
            App.Clock, new SupervisionService.CaseLost(id, "某建材公司诉区政府行政许可案", "housing", new DateOnly(2026, 11, 25), 3)).Serialize());
        var items = await supervision.Store.WhereAsync(Azure.Data.Tables.TableClient.CreateQueryFilter($"Version ge {0}")).ToListAsync();
        Assert.Single(items, i => i.Value.SourceId == id);
        Assert.Single(Mail.To(EmailOf("gao-feng")), m => m.Subject.StartsWith("【督办交办】"));
    }

    [Fact]
    public async Task TheDefenceIsFiledOnce_AndOnlyForLitigation()
    {
        var id = await LitigationAsync();
        var filed = await OkAsync("FileLegalCaseDefence", LegalClerk, id: id);
        Assert.NotEqual(JsonValueKind.Null, filed.GetProperty("defenceFiledAt").ValueKind);
        Assert.Equal(409, (await CallAsync("FileLegalCaseDefence", LegalClerk, id: id)).Status);
        Assert.Equal(403, (await CallAsync("FileLegalCaseDefence", "gao-feng", id: id)).Status);
        var bad = await CallAsync("CloseLegalCase", LegalClerk, new JsonObject(), id);
        Assert.Equal((400, true), (bad.Status, bad.ErrorFields.Contains("outcome")));
    }
}
