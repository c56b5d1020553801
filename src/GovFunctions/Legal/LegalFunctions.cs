using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Legal;

/// <summary>Routes for normative documents (Art. 21) and administrative reconsideration (Art. 23–24), and their timers.</summary>
public sealed class LegalFunctions(StaffIdentity identity, NormativeDocumentService documents, ReconsiderationService reconsiderations,
    IdempotentIntake once)
{
    public const string Schedule = "0 0 1 * * *"; // 09:00 China Standard Time

    [Function(nameof(CreateNormativeDocument))]
    [Describe("登记规范性文件草稿", "Register a draft normative document (Art. 21)")]
    [Reads(typeof(DocumentIntake))]
    [Answers(201, typeof(DocumentCreatedView))]
    [Refuses(422)]
    public async Task<IActionResult> CreateNormativeDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "normative-documents")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return await once.CreateOnceAsync(request, caller, async () =>
        {
            var stored = await documents.CreateAsync(caller, await RequestBody.ReadAsync<DocumentIntake>(request));
            return new CreatedResult($"/api/normative-documents/{stored.Id}", DocumentCreatedView.From(stored));
        });
    }

    [Function(nameof(GetNormativeDocument))]
    [Describe("查看规范性文件及历史", "A normative document with its history")]
    [Answers(200, typeof(DocumentView))]
    public async Task<IActionResult> GetNormativeDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "normative-documents/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        var stored = await documents.GetAsync(id);
        return new OkObjectResult(DocumentView.From(stored.Value, await documents.HistoryAsync(id)));
    }

    [Function(nameof(SubmitNormativeDocument))]
    [Describe("提交合法性审核", "Submit for legality review (Art. 21)")]
    [Answers(200, typeof(DocumentView))]
    [Refuses(409, 422)]
    public Task<IActionResult> SubmitNormativeDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "normative-documents/{id}/submit")] HttpRequest request, string id) =>
        DocumentActionAsync(request, caller => documents.SubmitAsync(caller, id));

    [Function(nameof(PublishNormativeDocument))]
    [Describe("发布规范性文件", "Publish after the review (Art. 21)")]
    [Answers(200, typeof(DocumentView))]
    [Refuses(409, 422)]
    public Task<IActionResult> PublishNormativeDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "normative-documents/{id}/publish")] HttpRequest request, string id) =>
        DocumentActionAsync(request, caller => documents.PublishAsync(caller, id));

    [Function(nameof(FileNormativeDocument))]
    [Describe("登记备案", "Record the filing after publication (Art. 21)")]
    [Answers(200, typeof(DocumentView))]
    [Refuses(409)]
    public Task<IActionResult> FileNormativeDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "normative-documents/{id}/file")] HttpRequest request, string id) =>
        DocumentActionAsync(request, caller => documents.FileAsync(caller, id));

    private async Task<IActionResult> DocumentActionAsync(HttpRequest request,
        Func<Organization.Person, Task<Platform.Storage.Stored<NormativeDocument>>> act)
    {
        var stored = await act(await identity.RequireStaffAsync(request));
        return new OkObjectResult(DocumentView.From(stored.Value));
    }

    [Function(nameof(AcceptReconsideration))]
    [Describe("受理行政复议申请", "Accept an application for administrative reconsideration (Art. 23)")]
    [Reads(typeof(ReconsiderationIntake))]
    [Answers(201, typeof(ReconsiderationCreatedView))]
    public async Task<IActionResult> AcceptReconsideration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reconsiderations")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        return await once.CreateOnceAsync(request, caller, async () =>
        {
            var stored = await reconsiderations.AcceptAsync(caller, await RequestBody.ReadAsync<ReconsiderationIntake>(request));
            return new CreatedResult($"/api/reconsiderations/{stored.Id}", ReconsiderationCreatedView.From(stored));
        });
    }

    [Function(nameof(GetReconsideration))]
    [Describe("查看行政复议案件及历史", "A reconsideration with its history")]
    [Answers(200, typeof(ReconsiderationView))]
    public async Task<IActionResult> GetReconsideration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reconsiderations/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        var stored = await reconsiderations.GetAsync(id);
        return new OkObjectResult(ReconsiderationView.From(stored.Value, await reconsiderations.HistoryAsync(id)));
    }

    [Function(nameof(ProposeReconsiderationDecision))]
    [Describe("提出复议决定建议", "Propose the reconsideration decision (Art. 23)")]
    [Reads(typeof(ProposalIntake))]
    [Answers(200, typeof(ReconsiderationView))]
    [Refuses(409)]
    public async Task<IActionResult> ProposeReconsiderationDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reconsiderations/{id}/proposal")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        var stored = await reconsiderations.ProposeAsync(caller, id, (await RequestBody.ReadAsync<ProposalIntake>(request)).Proposal);
        return new OkObjectResult(ReconsiderationView.From(stored.Value));
    }

    [Function(nameof(ExtendReconsideration))]
    [Describe("延长复议期限（一次）", "Extend the statutory period, once (Art. 23)")]
    [Reads(typeof(ExtensionIntake))]
    [Answers(200, typeof(ReconsiderationView))]
    [Refuses(409)]
    public async Task<IActionResult> ExtendReconsideration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reconsiderations/{id}/extension")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        var body = await RequestBody.ReadAsync<ExtensionIntake>(request);
        var stored = await reconsiderations.RequestExtensionAsync(caller, id, body.Reason);
        return new OkObjectResult(ReconsiderationView.From(stored.Value));
    }

    [Function(nameof(LegalDeadlines))]
    public async Task LegalDeadlines([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct)
    {
        // Side by side: a failure in one never keeps the other from running.
        await Task.WhenAll(documents.ChaseFilingsAsync(ct), reconsiderations.RemindDeadlinesAsync(ct));
    }
}
