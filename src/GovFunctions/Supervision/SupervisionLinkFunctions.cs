using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Supervision;

/// <summary>
/// An item's email link (API.md): GET shows the item with its action's form, POST answers it with the staff routes' fields
/// (<c>text</c>, <c>percent</c>, <c>needsCoordination</c>). Anonymous: the signed token is the credential, as for approvals.
/// </summary>
public sealed class SupervisionLinkFunctions(SupervisionLinkAnswers answers, OrganizationStore organization)
{
    [Function(nameof(ShowSupervisionLink))]
    public async Task<IActionResult> ShowSupervisionLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "supervision/links/{token}")] HttpRequest request, string token)
    {
        var org = await organization.OrganizationAsync();
        try
        {
            var (stored, link) = await answers.OpenAsync(token);
            return answers.StateOf(stored.Value, link) is var state and not LinkState.Usable
                ? SupervisionLinkPage.Refused(request, state, org.District.OfficeEmail)
                : SupervisionLinkPage.Form(request, org, stored.Value, link);
        }
        catch (GovException e)
        {
            return SupervisionLinkPage.Error(request, e, org.District.OfficeEmail);
        }
    }

    [Function(nameof(AnswerSupervisionLink))]
    public async Task<IActionResult> AnswerSupervisionLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "supervision/links/{token}")] HttpRequest request, string token)
    {
        var org = await organization.OrganizationAsync();
        try
        {
            await answers.OpenAsync(token); // an unknown or forged link is refused before anything of the body is read
            var body = await RequestBody.ReadOptionalAsync<SupervisionAction>(request);
            var (stored, link) = await answers.AnswerAsync(token,
                new LinkAnswer(body?.Text, body?.Percent, body?.NeedsCoordination ?? false));
            return SupervisionLinkPage.Done(request, org, stored.Value, link);
        }
        catch (GovException e)
        {
            return SupervisionLinkPage.Error(request, e, org.District.OfficeEmail);
        }
    }
}
