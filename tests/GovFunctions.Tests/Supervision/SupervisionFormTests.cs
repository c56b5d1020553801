using System.Text.RegularExpressions;
using GovFunctions.Common;
using GovFunctions.Forms;
using GovFunctions.Supervision;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Supervision;

/// <summary>
/// The office's registration form (督办立项, 第三十条、第三十一条): rendered by its real function, its script run under node,
/// the fields posted to the real <c>POST /api/supervision/items</c>, and what the person sees.
/// </summary>
public partial class SupervisionFormTests : AppTest
{
    private const string Clerk = "bai-xue";

    private async Task<string> PageAsync(string person) =>
        ((ContentResult)await Function<FormFunctions>().SupervisionForm(
            Http.Request("GET", "forms/supervision", EmailOf(person)))).Content!;

    /// <summary>
    /// The form as a browser submits it: the page's script runs once to see what it posts, that body goes to the real route,
    /// and the script runs again with the route's answer.
    /// </summary>
    private async Task<PageScript.Outcome> SubmitAsync(string html, Dictionary<string, string> fields)
    {
        var probe = await PageScript.RunAsync(html, fields, []); // no answer: only what it posts is looked at
        var posted = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(probe.Requests[0].Body)
            .ToDictionary(kv => kv.Key, kv => kv.Value.ToString());
        PageScript.Reply reply;
        try
        {
            reply = PageScript.ReplyOf(await Function<SupervisionFunctions>().RegisterSupervisedItem(
                Http.Request("POST", "supervision/items", EmailOf(Clerk), form: posted)));
        }
        catch (GovException refusal)
        {
            reply = PageScript.ReplyOf(refusal);
        }
        return await PageScript.RunAsync(html, fields, [reply]);
    }

    private async Task<IReadOnlyList<SupervisedItemView>> ItemsAsync() => await App.Get<SupervisionQueries>().ListAsync(
        (await App.Get<GovFunctions.Organization.OrganizationStore>().OrganizationAsync()).Person(Clerk),
        new SupervisionFilter(null, null, null, null, null, null));

    [Fact]
    public async Task EveryInput_HasItsLabel_AndItsErrorSlotNextToIt_PostingTheRoutesFieldNames()
    {
        var html = await PageAsync(Clerk);
        var controls = Controls().Matches(html).Select(m => (Id: m.Groups[2].Value, Name: m.Groups[3].Value)).ToList();
        Assert.Equal(["title", "source", "sourceId", "ownerDepartmentId", "coDepartmentIds", "dueDate", "cadence", "proposer"],
            controls.Select(c => c.Name));
        foreach (var (id, _) in controls)
        {
            Assert.Contains($"<label for=\"{id}\">", html);
            Assert.Contains($"aria-describedby=\"{id}-error\"", html);
            Assert.Contains($"<div class=\"error\" id=\"{id}-error\" data-for=\"{id}\"></div>", html);
        }
        Assert.Contains("data-action=\"/api/supervision/items\"", html);
        Assert.Contains("<option value=\"proposal\">人大代表建议、政协提案（第三十一条）</option>", html);
        Assert.DoesNotContain("value=\"legalCase\"", html); // a lost case opens its own item (第二十四条)
    }

    [Fact]
    public async Task ARefusal_ShowsEachErrorNextToItsField_MarksItInvalid_AndKeepsWhatWasTyped()
    {
        var html = await PageAsync(Clerk);
        var fields = new Dictionary<string, string>
        {
            ["title"] = "", ["source"] = "proposal", ["sourceId"] = "", ["ownerDepartmentId"] = "education", ["dueDate"] = "",
            ["cadence"] = "monthly", ["proposer"] = "",
        };
        var seen = await SubmitAsync(html, fields);

        Assert.Equal("error", seen.ResultClass);
        Assert.Contains("督办事项名称", seen.Errors["title"]);
        Assert.Contains("提出人", seen.Errors["proposer"]);
        Assert.Equal(["proposer", "title"], seen.Invalid.Order(StringComparer.Ordinal));
        Assert.Equal("title", seen.Focused);
        Assert.All(seen.Errors.Values, text => Assert.DoesNotMatch("[A-Za-z]{4,}", text)); // Chinese only on a page
        Assert.Contains("source=proposal", seen.Requests[0].Body); // what was typed is what was posted, and it stays on the page
        Assert.Contains("ownerDepartmentId=education", seen.Requests[0].Body);
        Assert.DoesNotContain("dueDate", seen.Requests[0].Body); // blank and optional (a proposal's statutory period): left out
        Assert.True(seen.Hidden["again"]);
        Assert.Empty(await ItemsAsync()); // nothing written
    }

    [Fact]
    public async Task ASubmission_RegistersTheItem_AndSaysItsStatusInWords()
    {
        var html = await PageAsync(Clerk);
        var fields = new Dictionary<string, string>
        {
            ["title"] = "学前教育扩容", ["source"] = "deployment", ["ownerDepartmentId"] = "education", ["dueDate"] = "2027-03-31",
            ["cadence"] = "biweekly",
        };
        var seen = await SubmitAsync(html, fields);

        Assert.Equal(("ok", "已提交。状态：已交办，待签收。"), (seen.ResultClass, seen.ResultText));
        Assert.Empty(seen.Invalid);
        var item = Assert.Single(await ItemsAsync());
        Assert.Equal(("学前教育扩容", "chen-siyuan", ProgressCadence.Biweekly), (item.Title, item.SupervisingLeaderId, item.Cadence));
    }

    [Fact]
    public async Task OnlyTheOfficeAndTheLeaders_GetTheForm()
    {
        Assert.Contains("立项督办", await PageAsync("lin-jianguo"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => PageAsync("gao-feng"));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"idempotencyKey\" value=\"([^\"]*)\">")]
    private static partial Regex KeyField();

    [GeneratedRegex("<(input|select|textarea)(?! type=\"hidden\")[^>]*? id=\"([^\"]+)\" name=\"([^\"]+)\"")]
    private static partial Regex Controls();
}
