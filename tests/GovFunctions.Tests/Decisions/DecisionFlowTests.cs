using System.Text.Json;
using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Decisions;

/// <summary>A major decision from proposal to publication and evaluation, through the functions, the engine and the queues.</summary>
public class DecisionFlowTests : AppTest
{
    private const string Sponsor = "ma-zhiqiang";   // head of the development and reform bureau
    private const string LegalHead = "zheng-wenbo";
    private const string Office = "sun-huimin";

    private DecisionService Decisions => App.Get<DecisionService>();
    private DecisionFunctions Api => Function<DecisionFunctions>();

    private static JsonElement Json(IActionResult r) => JsonSerializer.SerializeToElement(((ObjectResult)r).Value, GovFunctions.Platform.Json.Options);

    private async Task<string> CreateAsync(bool confidential = false, bool publicInterest = true, bool hearing = true, bool lowerLevels = true,
        string[]? consult = null)
    {
        var result = await Api.CreateDecision(Http.Request("POST", "decisions", EmailOf(Sponsor), json: new
        {
            title = "青禾区2027年老旧小区改造计划", category = "livelihoodStability", summary = "改造老旧小区42个，涉及居民1.2万户，总投资3.6亿元。",
            sponsorDepartmentId = "dev-reform", consultDepartmentIds = consult ?? ["finance", "housing"], touchesLowerLevels = lowerLevels,
            publicInterest, hearingRequired = hearing, confidential, confidentialReason = confidential ? "涉及尚未公开的征收范围" : null,
        }));
        Assert.Equal(201, Http.StatusOf(result));
        return Json(result).GetProperty("id").GetString()!;
    }

    private async Task<string> TokenAsync(string approverId)
    {
        var approvals = await Engine.Store.TableAsync();
        await foreach (var row in approvals.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"State eq {"pending"}")))
        {
            var approval = (await Engine.FindAsync(row.PartitionKey))!.Value;
            if (approval.Tasks.FirstOrDefault(t => t.IsOpen && t.ApproverId == approverId) is { } task)
                return App.Get<ApprovalLinks>().TokenFor(approval.Id, task);
        }
        throw new InvalidOperationException($"no open task for {approverId}");
    }

    private async Task ReviewAsync(string approverId, string action, string? comment = null)
    {
        Assert.Equal(200, Http.StatusOf(await DecideAsync(await TokenAsync(approverId), action, comment)));
        await Pump.RunAsync();
    }

    private Task<IActionResult> Post(string path, string id, object body, string by = Sponsor) => path switch
    {
        "evidence" => Api.AddDecisionEvidence(Http.Request("POST", $"decisions/{id}/{path}", EmailOf(by), json: body), id),
        "public-comment" => Api.RecordPublicComment(Http.Request("POST", $"decisions/{id}/{path}", EmailOf(by), json: body), id),
        "hearing" => Api.RecordHearing(Http.Request("POST", $"decisions/{id}/{path}", EmailOf(by), json: body), id),
        "schedule" => Api.ScheduleDecision(Http.Request("POST", $"decisions/{id}/{path}", EmailOf(by), json: body), id),
        "outcome" => Api.RecordDecisionOutcome(Http.Request("POST", $"decisions/{id}/{path}", EmailOf(by), json: body), id),
        _ => throw new ArgumentException(path),
    };

    private Task<IActionResult> ScheduleAsync(string id) => Post("schedule", id, new { meeting = "executive", date = "2026-12-10" }, Office);

    private static readonly string[] ExecutiveMembers = ["lin-jianguo", "zhou-minghua", "chen-siyuan", "wang-lijuan", "liu-haitao"];

    /// <summary>Every gate closed: reviews passed, research and legal analysis, lower levels, a 30-day comment period ended, a hearing.</summary>
    private async Task<string> ReadyAsync(bool confidential = false)
    {
        var id = await CreateAsync(confidential);
        await Api.SubmitDecision(Http.Request("POST", $"decisions/{id}/submit", EmailOf(Sponsor)), id);
        await Pump.RunAsync();
        await ReviewAsync(LegalHead, "approve", "合法");
        await ReviewAsync("huang-xiuying", "approve");
        await ReviewAsync("gao-feng", "approve");
        await Post("evidence", id, new { kind = "research", summary = "全区老旧小区普查报告", by = "区发展和改革局", date = "2026-09-01" });
        await Post("evidence", id, new { kind = "legalAnalysis", summary = "法律顾问意见书", by = "青禾律师事务所", date = "2026-10-08" });
        await Post("evidence", id, new { kind = "lowerLevelOpinions", summary = "6个街道办事处意见汇总", by = "各街道办事处", date = "2026-10-15" });
        await Post("public-comment", id, new { start = "2026-10-20", end = "2026-11-18", comments = 87, summary = "多数支持，关注加装电梯", reasonsNotAdopted = "3条超出改造范围" });
        await Post("hearing", id, new { date = "2026-11-20", participants = "居民代表15人、人大代表3人", transcriptSummary = "同意改造方案，建议分批实施" });
        return id;
    }

    [Fact]
    public async Task Submit_StartsTheLegalityReviewAndTheCountersignedConsultation_Art15And17()
    {
        var id = await CreateAsync();
        await Api.SubmitDecision(Http.Request("POST", $"decisions/{id}/submit", EmailOf(Sponsor)), id);
        await Pump.RunAsync();

        Assert.Single(Mail.To(EmailOf(LegalHead)), m => m.Subject.StartsWith("【待审批】合法性审查"));
        Assert.Single(Mail.To(EmailOf("huang-xiuying")), m => m.Subject.Contains("征求相关部门意见"));
        Assert.Single(Mail.To(EmailOf("gao-feng")), m => m.Subject.Contains("征求相关部门意见"));
        var d = (await Decisions.GetAsync(id)).Value;
        Assert.Equal((DecisionStatus.InReview, ReviewState.Pending, ReviewState.Pending), (d.Status, d.LegalityReview.State, d.Consultation.State));
    }

    [Fact]
    public async Task Schedule_WithGatesOpen_Is422NamingEachGateAndArticle_AndIsFlaggedForAccountability_Art19()
    {
        var id = await CreateAsync();
        var e = await Assert.ThrowsAsync<RuleViolationException>(() => ScheduleAsync(id));

        Assert.Equal(["legalityReview", "research", "consultation", "lowerLevels", "publicComment", "hearing"], e.Gates.Select(g => g.Gate));
        Assert.Contains("第十五条", e.Article);
        Assert.Contains(e.Gates, g => g.Gate == "research" && g.Article.Contains("第十六条"));
        Assert.Contains(e.Gates, g => g.Gate == "hearing" && g.Article.Contains("第十九条"));
        var problem = GovFunctions.Platform.Http.Problems.From(e, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        Assert.Equal(422, problem.Status);
        Assert.Equal("legalityReview", problem.Extensions["gate"]);

        var flags = await App.Storage.TableAsync(Tables.Accountability);
        var flag = Assert.Single(flags.Query<TableEntity>());
        Assert.Equal((id, "legalityReview,research,consultation,lowerLevels,publicComment,hearing"), (flag.GetString("SubjectId"), flag.GetString("Gates")));
        Assert.Contains((await Decisions.HistoryAsync(id)), h => h.Reason!.Contains("第十九条"));
        Assert.Equal(DecisionStatus.Draft, (await Decisions.GetAsync(id)).Value.Status);
    }

    [Fact]
    public async Task ConsultationWithOneDepartmentObjecting_KeepsTheGateOpen_UntilANewRoundAgrees_Art17()
    {
        var id = await CreateAsync(publicInterest: false, hearing: false, lowerLevels: false);
        await Api.SubmitDecision(Http.Request("POST", $"decisions/{id}/submit", EmailOf(Sponsor)), id);
        await Pump.RunAsync();
        await ReviewAsync(LegalHead, "approve");
        await ReviewAsync("huang-xiuying", "approve");
        await ReviewAsync("gao-feng", "reject", "资金来源不明确");
        await Post("evidence", id, new { kind = "research", summary = "普查报告", by = "区发展和改革局", date = "2026-09-01" });
        await Post("evidence", id, new { kind = "expertAssessment", summary = "专家论证意见", by = "专家组", date = "2026-10-01" });

        var d = (await Decisions.GetAsync(id)).Value;
        Assert.Equal((ReviewState.Passed, ReviewState.Failed), (d.LegalityReview.State, d.Consultation.State));
        var e = await Assert.ThrowsAsync<RuleViolationException>(() => ScheduleAsync(id));
        var gate = Assert.Single(e.Gates);
        Assert.Equal("consultation", gate.Gate);
        Assert.Contains("资金来源不明确", gate.Message);

        await Api.SubmitDecision(Http.Request("POST", $"decisions/{id}/submit", EmailOf(Sponsor)), id); // after 充分协商
        await Pump.RunAsync();
        Assert.Single(Mail.To(EmailOf(LegalHead))); // legality already passed: no second review
        await ReviewAsync("huang-xiuying", "approve");
        await ReviewAsync("gao-feng", "approve", "资金已落实");
        Assert.Equal(200, Http.StatusOf(await ScheduleAsync(id)));
    }

    [Fact]
    public async Task AllGatesClosed_Scheduled_AdoptedWithAQuorum_IsPublished_Art5And40()
    {
        var id = await ReadyAsync();
        Assert.Equal(200, Http.StatusOf(await ScheduleAsync(id)));

        var noQuorum = await Assert.ThrowsAsync<RuleViolationException>(() => Post("outcome", id, new
        {
            meeting = "executive", date = "2026-12-10", attendeeIds = ExecutiveMembers[..3].Append("ma-zhiqiang").ToArray(), result = "adopted", minutes = "纪要",
        }, Office));
        Assert.Equal(("quorum", true), (noQuorum.Gate, noQuorum.Article.Contains("第五条")));

        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-10T16:00:00+08:00"));
        var result = await Post("outcome", id, new { meeting = "executive", date = "2026-12-10", attendeeIds = ExecutiveMembers, result = "adopted", minutes = "会议同意该计划。" }, Office);
        Assert.Equal("adopted", Json(result).GetProperty("status").GetString());
        await Pump.RunAsync();

        var d = (await Decisions.GetAsync(id)).Value;
        Assert.NotNull(d.PublishedAt);
        var feed = Json(await Function<PublicFeedFunction>().PublicDecisions(Http.Request("GET", "public/decisions")));
        var entry = Assert.Single(feed.GetProperty("decisions").EnumerateArray());
        Assert.Equal(id, entry.GetProperty("id").GetString());
        Assert.DoesNotContain("会议同意该计划", feed.GetRawText()); // the minutes stay internal
        var page = (ContentResult)await Function<PublicFeedFunction>().PublicDecisions(Http.Request("GET", "public/decisions", query: "format=html"));
        Assert.Contains("青禾区2027年老旧小区改造计划", page.Content);
    }

    [Fact]
    public async Task AnAdoptedDecision_OpensItsSupervisedItem_LinkedBothWays_OnceEvenRedelivered_Art30()
    {
        var id = await ReadyAsync();
        await ScheduleAsync(id);
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-10T16:00:00+08:00"));
        await Post("outcome", id, new { meeting = "executive", date = "2026-12-10", attendeeIds = ExecutiveMembers, result = "adopted", minutes = "同意。" },
            Office);
        var opening = await Pump.TakeAsync(GovFunctions.Platform.Storage.Queues.ApprovalRouting, GovFunctions.Supervision.SupervisionService.FromDecisionType);
        await Pump.Handle(GovFunctions.Platform.Storage.Queues.ApprovalRouting, opening);
        await Pump.Handle(GovFunctions.Platform.Storage.Queues.ApprovalRouting, opening); // delivered twice
        await Pump.RunAsync();

        var itemId = Json(await Api.GetDecision(Http.Request("GET", $"decisions/{id}", EmailOf(Sponsor)), id)).GetProperty("supervisedItemId").GetString()!;
        var item = (await App.Get<GovFunctions.Supervision.SupervisionService>().GetAsync(itemId)).Value;
        Assert.Equal((GovFunctions.Supervision.SupervisionSource.Decision, id, "dev-reform", "zhou-minghua"),
            (item.Source, item.SourceId, item.OwnerDepartmentId, item.SupervisingLeaderId));
        Assert.Equal(["finance", "housing"], item.CoDepartmentIds);
        Assert.Equal(new DateOnly(2027, 6, 10), item.DueDate); // six months after the meeting (Supervision__DecisionImplementationMonths)
        Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【督办交办】落实重大行政决策"));
        Assert.Single(await App.Get<GovFunctions.Supervision.SupervisionService>().Store
            .WhereAsync(TableClient.CreateQueryFilter($"State ge {""}")).ToListAsync());
    }

    [Fact]
    public async Task AConfidentialDecision_IsAdoptedButNeverPublished_Art40()
    {
        var id = await ReadyAsync(confidential: true);
        await ScheduleAsync(id);
        await Post("outcome", id, new { meeting = "executive", date = "2026-12-10", attendeeIds = ExecutiveMembers, result = "adopted", minutes = "同意。" }, Office);
        await Pump.RunAsync();

        Assert.Null((await Decisions.GetAsync(id)).Value.PublishedAt);
        var feed = Json(await Function<PublicFeedFunction>().PublicDecisions(Http.Request("GET", "public/decisions")));
        Assert.Empty(feed.GetProperty("decisions").EnumerateArray());
    }

    [Fact]
    public async Task ADeferredDecision_IsNotPublished_AndCanBeScheduledAgain()
    {
        var id = await ReadyAsync();
        await ScheduleAsync(id);
        await Post("outcome", id, new { meeting = "executive", date = "2026-12-10", attendeeIds = ExecutiveMembers, result = "deferred", minutes = "暂缓，补充资金测算。" }, Office);
        await Pump.RunAsync();
        Assert.Equal(DecisionStatus.Deferred, (await Decisions.GetAsync(id)).Value.Status);
        Assert.Empty(Json(await Function<PublicFeedFunction>().PublicDecisions(Http.Request("GET", "public/decisions"))).GetProperty("decisions").EnumerateArray());
        Assert.Equal(200, Http.StatusOf(await Post("schedule", id, new { meeting = "plenary", date = "2026-12-20" }, Office)));
    }

    [Fact]
    public async Task Evaluation_OpensTwelveMonthsAfterAdoption_AndRemindsTheSponsor_Art18()
    {
        var id = await ReadyAsync();
        await ScheduleAsync(id);
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-10T16:00:00+08:00"));
        await Post("outcome", id, new { meeting = "executive", date = "2026-12-10", attendeeIds = ExecutiveMembers, result = "adopted", minutes = "同意。" }, Office);
        await Pump.RunAsync();

        App.Clock.SetUtcNow(DateTimeOffset.Parse("2027-12-10T09:00:00+08:00"));
        Assert.Equal(0, await Decisions.OpenEvaluationsAsync());
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2027-12-10T16:00:00+08:00"));
        Assert.Equal(1, await Decisions.OpenEvaluationsAsync());
        Assert.Equal(0, await Decisions.OpenEvaluationsAsync());
        await Pump.RunAsync();
        Assert.Single(Mail.To(EmailOf(Sponsor)), m => m.Subject.StartsWith("【实施后评估】"));

        await Api.RecordDecisionEvaluation(Http.Request("POST", $"decisions/{id}/evaluation", EmailOf(Sponsor), json: new { text = "已完成38个小区改造，居民满意度92%。" }), id);
        Assert.Contains("满意度", (await Decisions.GetAsync(id)).Value.Evaluation!.Findings);
    }

    [Fact]
    public async Task InvalidProposal_Is400NamingEachField_AndAConfidentialOneNeedsItsReason_Art40()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Api.CreateDecision(Http.Request("POST", "decisions", EmailOf(Sponsor), json: new
        {
            title = "", summary = "", sponsorDepartmentId = "nowhere", consultDepartmentIds = new[] { "x" }, confidential = true,
        })));
        Assert.Equal(["category", "confidentialReason", "consultDepartmentIds", "sponsorDepartmentId", "summary", "title"], e.Errors.Keys.Order());
    }

    [Fact]
    public async Task OnlyTheOffice_PutsDecisionsOnAnAgenda()
    {
        var id = await ReadyAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => Post("schedule", id, new { meeting = "executive", date = "2026-12-10" }, Sponsor));
    }

    [Fact]
    public async Task GetDecision_ShowsEachGatesState()
    {
        var id = await CreateAsync(publicInterest: false);
        var view = Json(await Api.GetDecision(Http.Request("GET", $"decisions/{id}", EmailOf(Office)), id));
        var gates = view.GetProperty("gates").EnumerateArray().ToDictionary(g => g.GetProperty("gate").GetString()!, g => g.GetProperty("state").GetString());
        Assert.Equal("open", gates["legalityReview"]);
        Assert.Equal("notRequired", gates["publicComment"]);
    }

    [Fact]
    public async Task DecisionForm_IsAChineseFormPostingToTheRoute_WithEveryField()
    {
        var page = (ContentResult)await Function<GovFunctions.Forms.FormFunctions>().DecisionForm(Http.Request("GET", "forms/decision", EmailOf(Sponsor)));
        Assert.Contains("/api/decisions", page.Content);
        foreach (var field in new[] { "title", "category", "summary", "sponsorDepartmentId", "consultDepartmentIds", "touchesLowerLevels", "publicInterest", "hearingRequired", "confidential", "confidentialReason" })
            Assert.Contains($"name=\"{field}\"", page.Content);
        Assert.Contains("value=\"livelihoodStability\"", page.Content);
    }

    [Fact]
    public async Task AFormPost_WithCheckboxesAndAMultiSelect_CreatesTheDecision()
    {
        var request = Http.Request("POST", "decisions", EmailOf(Sponsor), form: new Dictionary<string, string>
        {
            ["title"] = "区级财政预算调整", ["category"] = "developmentPlanBudget", ["summary"] = "调整2026年预算。", ["sponsorDepartmentId"] = "dev-reform",
            ["consultDepartmentIds"] = "finance", ["publicInterest"] = "on",
        });
        var id = Json(await Api.CreateDecision(request)).GetProperty("id").GetString()!;
        var d = (await Decisions.GetAsync(id)).Value;
        Assert.Equal((true, false), (d.PublicInterest, d.HearingRequired));
        Assert.Equal(["finance"], d.ConsultDepartmentIds);
    }
}
