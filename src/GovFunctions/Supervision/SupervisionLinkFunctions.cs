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
    [Describe("督办邮件链接页面：签收、进展报告或办结报告表单", "The supervision email link's page: acknowledge, progress or completion form",
        Anonymous = true)]
    [Answers(200, Media.Html)]
    [Answers(404, Media.Html)]
    [Answers(409, Media.Html)]
    [Answers(410, Media.Html)]
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
    [Describe("通过督办邮件链接签收或报告进展、办结，返回结果页面", "Acknowledge or report through the supervision email link; a result page",
        Anonymous = true)]
    [Reads(typeof(SupervisionAction), Optional = true)]
    [Answers(200, Media.Html)]
    [Answers(400, Media.Html)]
    [Answers(403, Media.Html)]
    [Answers(404, Media.Html)]
    [Answers(409, Media.Html)]
    [Answers(410, Media.Html)]
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
