using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Decisions;

/// <summary>The decision routes of API.md, and the evaluation timer.</summary>
public sealed class DecisionFunctions(StaffIdentity identity, DecisionService decisions, IdempotentIntake once)
{
    public const string EvaluationSchedule = "0 0 1 * * *"; // 09:00 China Standard Time

    public sealed record Findings(string? Text);

    [Function(nameof(CreateDecision))]
    [Describe("登记重大行政决策事项（草稿）", "Register a major administrative decision as a draft (Art. 15)")]
    [Reads(typeof(DecisionIntake))]
    [Answers(201, typeof(DecisionCreatedView))]
    [Refuses(422)]
    public async Task<IActionResult> CreateDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return await once.CreateOnceAsync(request, caller, async () =>
        {
            var stored = await decisions.CreateAsync(caller, await RequestBody.ReadAsync<DecisionIntake>(request));
            return new CreatedResult($"/api/decisions/{stored.Id}", DecisionCreatedView.From(stored));
        });
    }

    [Function(nameof(GetDecision))]
    [Describe("查看决策事项及各环节状态和历史", "A decision with each gate's state and its history")]
    [Answers(200, typeof(DecisionView))]
    public async Task<IActionResult> GetDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "decisions/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        return new OkObjectResult(await ViewAsync(await decisions.GetAsync(id)));
    }

    [Function(nameof(SubmitDecision))]
    [Describe("提交合法性审查并征求意见", "Submit for legality review and consultations (Art. 16)")]
    [Answers(200, typeof(DecisionView))]
    [Refuses(409, 422)]
    public Task<IActionResult> SubmitDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions/{id}/submit")] HttpRequest request, string id) =>
        ActAsync(request, caller => decisions.SubmitAsync(caller, id));

    [Function(nameof(AddDecisionEvidence))]
    [Describe("登记论证、评估等材料", "Add evidence: expert argument, risk assessment and the like (Art. 16)")]
    [Reads(typeof(EvidenceIntake))]
    [Answers(200, typeof(DecisionView))]
    [Refuses(409, 422)]
    public Task<IActionResult> AddDecisionEvidence(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions/{id}/evidence")] HttpRequest request, string id) =>
        ActAsync(request, async caller =>
            await decisions.AddEvidenceAsync(caller, id, await RequestBody.ReadAsync<EvidenceIntake>(request)));

    [Function(nameof(RecordPublicComment))]
    [Describe("登记公开征求意见情况", "Record the public comment period (Art. 17)")]
    [Reads(typeof(PublicCommentIntake))]
    [Answers(200, typeof(DecisionView))]
    [Refuses(409, 422)]
    public Task<IActionResult> RecordPublicComment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions/{id}/public-comment")] HttpRequest request, string id) =>
        ActAsync(request, async caller =>
            await decisions.RecordPublicCommentAsync(caller, id, await RequestBody.ReadAsync<PublicCommentIntake>(request)));

    [Function(nameof(RecordHearing))]
    [Describe("登记听证情况", "Record the hearing (Art. 17)")]
    [Reads(typeof(HearingIntake))]
    [Answers(200, typeof(DecisionView))]
    [Refuses(409, 422)]
    public Task<IActionResult> RecordHearing(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions/{id}/hearing")] HttpRequest request, string id) =>
        ActAsync(request, async caller =>
            await decisions.RecordHearingAsync(caller, id, await RequestBody.ReadAsync<HearingIntake>(request)));

    [Function(nameof(ScheduleDecision))]
    [Describe("提请区政府全体会议或常务会议讨论", "Schedule the decision for a plenary or executive meeting; 422 while a gate is open")]
    [Reads(typeof(ScheduleIntake))]
    [Answers(200, typeof(DecisionView))]
    [Refuses(409, 422)]
    public Task<IActionResult> ScheduleDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions/{id}/schedule")] HttpRequest request, string id) =>
        ActAsync(request, async caller => await decisions.ScheduleAsync(caller, id, await RequestBody.ReadAsync<ScheduleIntake>(request)));

    [Function(nameof(RecordDecisionOutcome))]
    [Describe("登记会议决定结果", "Record the meeting's outcome (Art. 5, 18)")]
    [Reads(typeof(OutcomeIntake))]
    [Answers(200, typeof(DecisionView))]
    [Refuses(409, 422)]
    public Task<IActionResult> RecordDecisionOutcome(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions/{id}/outcome")] HttpRequest request, string id) =>
        ActAsync(request, async caller =>
            await decisions.RecordOutcomeAsync(caller, id, await RequestBody.ReadAsync<OutcomeIntake>(request)));

    [Function(nameof(RecordDecisionEvaluation))]
    [Describe("登记决策实施后评估", "Record the post-implementation evaluation (Art. 18)")]
    [Reads(typeof(DecisionFunctions.Findings))]
    [Answers(200, typeof(DecisionView))]
    [Refuses(409, 422)]
    public Task<IActionResult> RecordDecisionEvaluation(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions/{id}/evaluation")] HttpRequest request, string id) =>
        ActAsync(request, async caller =>
            await decisions.RecordEvaluationAsync(caller, id, (await RequestBody.ReadAsync<Findings>(request)).Text));

    [Function(nameof(DecisionEvaluations))]
    public Task DecisionEvaluations([TimerTrigger(EvaluationSchedule)] TimerInfo timer, CancellationToken ct) =>
        decisions.OpenEvaluationsAsync(ct);

    private async Task<IActionResult> ActAsync(HttpRequest request, Func<Organization.Person, Task<Stored<Decision>>> act)
    {
        var caller = await identity.RequireStaffAsync(request);
        return new OkObjectResult(await ViewAsync(await act(caller)));
    }

    /// <summary>The decision with each gate's state and its history.</summary>
    private async Task<DecisionView> ViewAsync(Stored<Decision> stored)
    {
        var d = stored.Value;
        return DecisionView.From(d, decisions.OpenGates(d).Select(g => g.Gate).ToHashSet(), await decisions.HistoryAsync(d.Id),
            d.IsAdopted ? Supervision.SupervisionService.ItemIdForDecision(d.SponsorDepartmentId, d.Id) : null);
    }
}
