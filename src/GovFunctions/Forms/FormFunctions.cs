using System.Security.Cryptography;
using System.Text.Json;
using GovFunctions.Decisions;
using GovFunctions.Leave;
using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Forms;

/// <summary>
/// <c>GET /api/forms/{form}</c>: zh-CN HTML forms that post to the intake routes with the same field names and show the
/// result or each field's error. Behind Easy Auth the browser's session carries the identity; in Development, where no
/// Easy Auth exists, the page lets the tester pick whom to act as and sends that as the Easy Auth header.
/// </summary>
public sealed class FormFunctions(StaffIdentity identity, OrganizationStore organization, TimeProvider clock)
{
    /// <summary>
    /// What every form shows first: the signed-in person's name, or ("" then) whom a tester may act as; and the page load's
    /// idempotency key (API.md, intake idempotency), so a double click is one submission.
    /// </summary>
    public sealed record FormBasics(string CallerName, IReadOnlyList<Html.Choice> ActAs, string IdempotencyKey);

    public sealed record LeaveFormView(FormBasics Form, IReadOnlyList<Html.Choice> ActingPersons);

    public sealed record HotlineFormView(FormBasics Form, string Now, IReadOnlyList<Html.Choice> Departments);

    public sealed record DecisionFormView(FormBasics Form, IReadOnlyList<Html.Choice> Categories, IReadOnlyList<Html.Choice> Departments);

    /// <summary>The duty log form: the time it came in defaults to now (China Standard Time).</summary>
    public sealed record DutyFormView(FormBasics Form, string Now);

    [Function(nameof(LeaveForm))]
    [Describe("请假（外出）申请表单页面", "The leave request form (zh-CN HTML), posting to /api/leave-requests")]
    [Answers(200, Media.Html)]
    public async Task<IActionResult> LeaveForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/leave")] HttpRequest request)
    {
        var (caller, org) = await CallerAsync(request);
        var people = caller is null
            ? org.People.Where(p => p.IsLeader || p.Role == Role.DeputyDepartmentHead)
            : LeaveRules.ActingCandidates(org, caller);
        return Page(request, "请假（外出）申请", "Forms/leave",
            new LeaveFormView(Basics(caller, org), people.Select(p => new Html.Choice(p.Id, p.DisplayName)).ToList()));
    }

    [Function(nameof(HotlineForm))]
    [Describe("区长电话来电登记表单页面", "The hotline call form (zh-CN HTML), posting to /api/hotline/calls")]
    [Answers(200, Media.Html)]
    public async Task<IActionResult> HotlineForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/hotline")] HttpRequest request)
    {
        var (caller, org) = await CallerAsync(request);
        return Page(request, "区长电话来电登记", "Forms/hotline",
            new HotlineFormView(Basics(caller, org), Now(), Departments(org)));
    }

    [Function(nameof(DecisionForm))]
    [Describe("重大行政决策事项登记表单页面", "The decision form (zh-CN HTML), posting to /api/decisions")]
    [Answers(200, Media.Html)]
    public async Task<IActionResult> DecisionForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/decision")] HttpRequest request)
    {
        var (caller, org) = await CallerAsync(request);
        var categories = Enum.GetValues<DecisionCategory>()
            .Select(c => new Html.Choice(JsonNamingPolicy.CamelCase.ConvertName(c.ToString()), DecisionRules.CategoryName(c))).ToList();
        return Page(request, "重大行政决策事项登记", "Forms/decision", new DecisionFormView(Basics(caller, org), categories, Departments(org)));
    }

    /// <summary>The office's registration of a supervised item (立项, Art. 30, 31): posts the fields of POST
    /// /api/supervision/items.</summary>
    [Function(nameof(SupervisionForm))]
    [Describe("督办事项立项表单页面", "The supervised item registration form (zh-CN HTML), posting to /api/supervision/items")]
    [Answers(200, Media.Html)]
    public async Task<IActionResult> SupervisionForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/supervision")] HttpRequest request)
    {
        var (caller, org) = await CallerAsync(request);
        if (caller is not null && !Supervision.SupervisionRules.MayRegister(caller, org))
            throw new AccessDeniedException(Bilingual.Text("只有区政府办公室和区政府领导可以立项督办", "only the office and the leaders register items"));
        return Page(request, "督办事项立项", "Forms/supervision",
            Supervision.SupervisionFormView.Of(Basics(caller, org), org, ChinaTime.Today(clock)));
    }

    [Function(nameof(DutyForm))]
    [Describe("值班记录登记表单页面", "The duty log form (zh-CN HTML), posting to /api/duty/logs")]
    [Answers(200, Media.Html)]
    public async Task<IActionResult> DutyForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/duty")] HttpRequest request)
    {
        var (caller, org) = await CallerAsync(request);
        return Page(request, "值班记录登记", "Forms/duty", new DutyFormView(Basics(caller, org), Now()));
    }

    internal async Task<(Person? Caller, OrgChart Org)> CallerAsync(HttpRequest request)
    {
        var org = await organization.OrganizationAsync();
        if (identity.IsDevelopment && string.IsNullOrEmpty(request.Headers[StaffIdentity.PrincipalNameHeader]))
            return (null, org);
        return (await identity.RequireStaffAsync(request), org);
    }

    /// <summary>The key is made once per page load: a repeat of the same post answers the first result.</summary>
    private static FormBasics Basics(Person? caller, OrgChart org) => new(caller?.DisplayName ?? "",
        caller is null ? org.People.Select(p => new Html.Choice(p.Email, p.DisplayName)).ToList() : [],
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    /// <summary>Now in China Standard Time, as a <c>datetime-local</c> input takes it.</summary>
    private string Now() => $"{ChinaTime.Now(clock):yyyy-MM-ddTHH:mm}";

    private static List<Html.Choice> Departments(OrgChart org) => org.Departments.Select(d => new Html.Choice(d.Id, d.Name)).ToList();

    /// <summary>A form page (<c>Templates/Forms/</c>, with the forms' one script); never cached, so each load makes its own key.</summary>
    private static IActionResult Page(HttpRequest request, string title, string template, object view)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Html.Page(200, title, template, view);
    }
}
