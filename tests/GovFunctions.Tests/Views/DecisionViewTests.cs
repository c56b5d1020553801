using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Decisions;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Views;

/// <summary>The decision answers and the public feed as clients read them (issue 9): captured before the typed views.</summary>
public class DecisionViewTests : AppTest
{
    private const string Sponsor = "ma-zhiqiang";
    private const string Office = "sun-huimin";

    private DecisionFunctions Api => Function<DecisionFunctions>();

    private Task<IActionResult> PostAsync(string id, Func<Microsoft.AspNetCore.Http.HttpRequest, Task<IActionResult>> route, string path,
        object body, string by = Sponsor) => route(Http.Request("POST", $"decisions/{id}/{path}", EmailOf(by), json: body));

    private async Task ReviewAsync(string approverId, string comment)
    {
        var approvals = await Engine.Store.TableAsync();
        await foreach (var row in approvals.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"State eq {"pending"}")))
        {
            var approval = (await Engine.FindAsync(row.PartitionKey))!.Value;
            if (approval.Tasks.FirstOrDefault(t => t.IsOpen && t.ApproverId == approverId) is not { } task) continue;
            Assert.Equal(200, Http.StatusOf(await DecideAsync(App.Get<ApprovalLinks>().TokenFor(approval.Id, task), "approve", comment)));
            await Pump.RunAsync();
            return;
        }
        throw new InvalidOperationException($"no open task for {approverId}");
    }

    [Fact]
    public async Task TheDecisionAnswers_KeepTheirJson()
    {
        var created = await Api.CreateDecision(Http.Request("POST", "decisions", EmailOf(Sponsor), json: new
        {
            title = "青禾区2027年老旧小区改造计划", category = "livelihoodStability", summary = "改造老旧小区42个，涉及居民1.2万户。",
            sponsorDepartmentId = "dev-reform", consultDepartmentIds = new[] { "finance", "housing" }, touchesLowerLevels = true,
            publicInterest = true, hearingRequired = true, confidential = false,
        }));
        var id = Http.IdOf(created);
        JsonGolden.Matches("decision-created", created, new Dictionary<string, string> { [id] = "id" });
        var submitted = await Api.SubmitDecision(Http.Request("POST", $"decisions/{id}/submit", EmailOf(Sponsor)), id);
        var d = (await App.Get<DecisionService>().GetAsync(id)).Value;
        var names = new Dictionary<string, string>
        { [id] = "id", [d.LegalityReview.ApprovalId!] = "legalityApprovalId", [d.Consultation.ApprovalId!] = "consultationApprovalId" };
        JsonGolden.Matches("decision-submitted", submitted, names);
        await Pump.RunAsync();
        await ReviewAsync("zheng-wenbo", "合法");
        await ReviewAsync("huang-xiuying", "同意");
        await ReviewAsync("gao-feng", "同意");
        await PostAsync(id, r => Api.AddDecisionEvidence(r, id), "evidence",
            new { kind = "research", summary = "全区老旧小区普查报告", by = "区发展和改革局", date = "2026-09-01" });
        await PostAsync(id, r => Api.AddDecisionEvidence(r, id), "evidence",
            new { kind = "legalAnalysis", summary = "法律顾问意见书", by = "青禾律师事务所", date = "2026-10-08" });
        await PostAsync(id, r => Api.AddDecisionEvidence(r, id), "evidence",
            new { kind = "lowerLevelOpinions", summary = "6个街道办事处意见汇总", by = "各街道办事处", date = "2026-10-15" });
        await PostAsync(id, r => Api.RecordPublicComment(r, id), "public-comment", new
        {
            start = "2026-10-20", end = "2026-11-18", comments = 87, summary = "多数支持，关注加装电梯", reasonsNotAdopted = "3条超出改造范围",
        });
        JsonGolden.Matches("decision-ready", await PostAsync(id, r => Api.RecordHearing(r, id), "hearing",
            new { date = "2026-11-20", participants = "居民代表15人", transcriptSummary = "同意改造方案，建议分批实施" }), names);
        await PostAsync(id, r => Api.ScheduleDecision(r, id), "schedule", new { meeting = "executive", date = "2026-12-10" }, Office);
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-10T16:00:00+08:00"));
        JsonGolden.Matches("decision-adopted", await PostAsync(id, r => Api.RecordDecisionOutcome(r, id), "outcome", new
        {
            meeting = "executive", date = "2026-12-10",
            attendeeIds = new[] { "lin-jianguo", "zhou-minghua", "chen-siyuan", "wang-lijuan", "liu-haitao" },
            result = "adopted", minutes = "会议同意该计划。",
        }, Office), names);
        await Pump.RunAsync();

        JsonGolden.Matches("decision-get", await Api.GetDecision(Http.Request("GET", $"decisions/{id}", EmailOf(Office)), id), names);
        JsonGolden.Matches("public-decisions",
            await Function<PublicFeedFunction>().PublicDecisions(Http.Request("GET", "public/decisions")),
            names);
    }
}
