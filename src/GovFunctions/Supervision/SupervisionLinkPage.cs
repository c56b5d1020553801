using GovFunctions.Approvals;
using GovFunctions.Platform.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Supervision;

/// <summary>
/// The zh-CN pages behind an item's link (<c>Templates/Supervision/link-*</c>): the item with the form of the link's action
/// (签收; 进展: text, percent, problems for a leader; 办结报告), what was submitted, or why not — with the engine's page headers.
/// </summary>
public static class SupervisionLinkPage
{
    /// <summary>The form's model; <see cref="Action"/> is <c>acknowledge</c>, <c>progress</c> or <c>complete</c>.</summary>
    public sealed record FormView(string Holder, string Behalf, string Department, IReadOnlyList<FactRow> Facts,
        IReadOnlyList<string> Earlier, string Action, int Percent, string ExpiresAt);

    /// <summary>The result's model: what was submitted on the item.</summary>
    public sealed record DoneView(string Title, string What, IReadOnlyList<FactRow> Facts);

    /// <summary>Why the link does nothing: its <see cref="Kind"/>, its message (Chinese), each wrong field with its message.</summary>
    public sealed record RefusalView(string Kind, string Message, IReadOnlyList<FieldError> Errors, string OfficeEmail);

    /// <summary>A wrong field of the form: its name and what is wrong, in Chinese.</summary>
    public sealed record FieldError(string Field, string Message);

    public static IActionResult Form(HttpRequest request, OrgChart org, SupervisedItem item, ItemLink link)
    {
        var earlier = item.Progress.Where(p => p.DepartmentId == link.DepartmentId)
            .Select(p => $"{ChinaTime.ShortText(p.At)} {p.Percent}%：{p.Text}").ToList();
        var view = new FormView(org.Person(link.HolderId).DisplayName, Behalf(org, link), DepartmentName(org, link.DepartmentId),
            Facts(org, item), earlier, ActionName(link.Action),
            item.Progress.LastOrDefault(p => p.DepartmentId == link.DepartmentId)?.Percent ?? 0,
            ChinaTime.Text(link.ExpiresAt));
        return ApprovalPage.Page(request, 200, $"{Verb(link.Action)}：{item.Title}", "Supervision/link-form", view);
    }

    public static IActionResult Done(HttpRequest request, OrgChart org, SupervisedItem item, ItemLink link) =>
        ApprovalPage.Page(request, 200, "已提交", "Supervision/link-done", new DoneView(item.Title, link.Action switch
        {
            LinkAction.Acknowledge => "签收",
            LinkAction.Progress => $"进展报告（{item.Progress.Last(p => p.DepartmentId == link.DepartmentId).Percent}%）",
            _ => "办结报告，待区政府办公室复核",
        }, Facts(org, item)));

    public static IActionResult Refused(HttpRequest request, LinkState state, string officeEmail) => state switch
    {
        LinkState.Used => Refusal(request, 409, "此链接已使用过", "used", officeEmail),
        LinkState.Closed => Refusal(request, 409, "该事项已办结", "closed", officeEmail),
        _ => Refusal(request, 410, "链接已过期", "expired", officeEmail),
    };

    /// <summary>A refusal on a page, in Chinese only; a wrong field is named (<c>data-field</c>) with its message.</summary>
    public static IActionResult Error(HttpRequest request, GovException e, string officeEmail) => e switch
    {
        NotFoundException => Refusal(request, 404, "链接无效", "not-found", officeEmail),
        GoneException => Refusal(request, 410, "链接已过期", "expired", officeEmail),
        StateConflictException => Refusal(request, 409, "无法办理", "conflict", officeEmail, e),
        AccessDeniedException => Refusal(request, 403, "无权办理", "denied", officeEmail, e),
        ValidationException v => ApprovalPage.Page(request, 400, "提交有误", "Supervision/link-refusal", new RefusalView("invalid", "",
            v.Errors.SelectMany(x => x.Value.Select(m => new FieldError(x.Key, Bilingual.Chinese(m)))).ToList(), officeEmail)),
        _ => Refusal(request, 400, "无法办理", "other", officeEmail, e),
    };

    private static IActionResult Refusal(HttpRequest request, int status, string title, string kind, string officeEmail,
        GovException? e = null) =>
        ApprovalPage.Page(request, status, title, "Supervision/link-refusal",
            new RefusalView(kind, e is null ? "" : Bilingual.Chinese(e.Message), [], officeEmail));

    private static IReadOnlyList<FactRow> Facts(OrgChart org, SupervisedItem item) => FactRow.Of(
    [
        ("督办事项", item.Title), ("牵头单位", DepartmentName(org, item.OwnerDepartmentId)),
        ("协办单位", item.CoDepartmentIds.Count == 0 ? "无" : string.Join("、", item.CoDepartmentIds.Select(d => DepartmentName(org, d)))),
        ("分管领导", org.Person(item.SupervisingLeaderId).DisplayName), ("完成期限", $"{item.DueDate:yyyy年M月d日}"),
        ("状态", StatusNames.Of(item.Status)), ("编号", item.Id),
    ]);

    private static string Behalf(OrgChart org, ItemLink link) => link.OnBehalfOfId is { } absent
        ? $"因{org.Person(absent).DisplayName}离岗外出或休假，本事项由您代为办理（第四条、第七十五条）。"
        : "";

    private static string DepartmentName(OrgChart org, string id) => org.FindDepartment(id)?.Name ?? id;

    private static string ActionName(LinkAction a) => a switch
    {
        LinkAction.Acknowledge => "acknowledge",
        LinkAction.Progress => "progress",
        _ => "complete",
    };

    private static string Verb(LinkAction a) => a switch
    {
        LinkAction.Acknowledge => "签收督办事项",
        LinkAction.Progress => "报送进展",
        _ => "报送办结报告",
    };
}
