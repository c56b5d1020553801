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
    public async Task<IActionResult> GetNormativeDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "normative-documents/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        var stored = await documents.GetAsync(id);
        return new OkObjectResult(DocumentView.From(stored.Value, await documents.HistoryAsync(id)));
    }

    [Function(nameof(SubmitNormativeDocument))]
    public Task<IActionResult> SubmitNormativeDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "normative-documents/{id}/submit")] HttpRequest request, string id) =>
        DocumentActionAsync(request, caller => documents.SubmitAsync(caller, id));

    [Function(nameof(PublishNormativeDocument))]
    public Task<IActionResult> PublishNormativeDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "normative-documents/{id}/publish")] HttpRequest request, string id) =>
        DocumentActionAsync(request, caller => documents.PublishAsync(caller, id));

    [Function(nameof(FileNormativeDocument))]
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
    public async Task<IActionResult> GetReconsideration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reconsiderations/{id}")] HttpRequest request, string id)
    {
        await identity.RequireStaffAsync(request);
        var stored = await reconsiderations.GetAsync(id);
        return new OkObjectResult(ReconsiderationView.From(stored.Value, await reconsiderations.HistoryAsync(id)));
    }

    [Function(nameof(ProposeReconsiderationDecision))]
    public async Task<IActionResult> ProposeReconsiderationDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reconsiderations/{id}/proposal")] HttpRequest request, string id)
    {
        var caller = await identity.RequireStaffAsync(request);
        var stored = await reconsiderations.ProposeAsync(caller, id, (await RequestBody.ReadAsync<ProposalIntake>(request)).Proposal);
        return new OkObjectResult(ReconsiderationView.From(stored.Value));
    }

    [Function(nameof(ExtendReconsideration))]
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
