using GovFunctions.Platform.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Approvals;

/// <summary>
/// The zh-CN pages behind an approval link (<c>Templates/Approvals/</c>): what is being approved with an Approve / Reject form,
/// the result, or why not.
/// </summary>
public static class ApprovalPage
{
    /// <summary>
    /// The form's model; <see cref="Response"/> is <c>decision</c>, <c>reply</c> or <c>instruction</c>; <see cref="Supervise"/>:
    /// the instruction page offers 列入督办 (第三十条), with <see cref="Department"/> proposed as the instructed one.
    /// </summary>
    public sealed record FormView(string Actor, string ApproverName, string Behalf, IReadOnlyList<FactRow> Facts, string EarlierHeading,
        IReadOnlyList<string> Earlier, string Response, IReadOnlyList<Html.Choice> Departments, string ExpiresAt, bool Supervise = false,
        string Department = "");

    /// <summary>The result's model; <see cref="Stop"/> ends the sentence unless the verdict already does.</summary>
    public sealed record DecidedView(string Title, string Verdict, string Stop, IReadOnlyList<FactRow> Facts);

    /// <summary>Why the link does nothing: the <see cref="Kind"/> of refusal, its message, each field's error.</summary>
    public sealed record RefusalView(string Kind, string Message, IReadOnlyList<string> Errors, string OfficeEmail);

    public static IActionResult Form(HttpRequest request, OrgChart org, Approval a, ApprovalTask task)
    {
        var wording = TaskWording.For(a, task.Step);
        var earlier = a.Tasks.Where(t => t.DecidedAt is not null).Select(t =>
            $"第{t.Step + 1}步 {ApprovalEngine.ActorFor(org, t).Name}：{Verdict(t)}（{ChinaTime.ShortText(t.DecidedAt!.Value)}）").ToList();
        var response = a.Request.Steps[task.Step].Response switch
        {
            ResponseKind.Reply => "reply",
            ResponseKind.Instruction => "instruction",
            _ => "decision",
        };
        var view = new FormView(wording.Actor, org.Person(task.ApproverId).DisplayName, ApprovalNotices.OnBehalfText(org, task) ?? "",
            Facts(org, a, task), wording.Earlier, earlier, response, org.Departments.Select(d => new Html.Choice(d.Id, d.Name)).ToList(),
            ChinaTime.Text(task.ExpiresAt), a.Request.Steps[task.Step].OffersSupervision,
            a.Request.Steps[task.Step].DefaultDepartmentId ?? "");
        return Page(request, 200, $"{wording.Verb}：{a.Request.Title}", "Approvals/form", view);
    }

    public static IActionResult Decided(HttpRequest request, OrgChart org, Approval a, ApprovalTask task)
    {
        var verdict = Verdict(task);
        return Page(request, 200, "意见已提交", "Approvals/decided",
            new DecidedView(a.Request.Title, verdict, EndsSentence(verdict) ? "" : "。", Facts(org, a, task)));
    }

    /// <summary>
    /// What an approver answered, in words: 同意 / 不同意 with the comment, or the reply or instruction. A comment that
    /// already begins with the verdict (同意。/ 同意，注意安全) is not prefixed with it a second time.
    /// </summary>
    public static string Verdict(ApprovalTask t) => t.Status switch
    {
        ApprovalTaskStatus.Answered => (t.Answer!.DepartmentId is null ? "答复：" : "批示：") + t.Answer.Text,
        ApprovalTaskStatus.Approved => WithComment("同意", t.Comment),
        _ => WithComment("不同意", t.Comment),
    };

    private static string WithComment(string verdict, string? comment)
    {
        var c = comment?.Trim().TrimEnd('。', '.', '！', '!', '，', ',', '；', ';');
        if (string.IsNullOrEmpty(c)) return verdict;
        return c.StartsWith(verdict, StringComparison.Ordinal) ? c : $"{verdict}，{c}";
    }

    private static bool EndsSentence(string s) => s.Length > 0 && "。！？!?.".Contains(s[^1]);

    public static IActionResult Refused(HttpRequest request, LinkRefusal refusal, string officeEmail) => refusal switch
    {
        LinkRefusal.AlreadyDecided => Refusal(request, 409, "该审批已处理", "already-decided", officeEmail),
        LinkRefusal.Closed => Refusal(request, 409, "该审批已办结", "closed", officeEmail),
        LinkRefusal.Withdrawn => Refusal(request, 410, "申请已撤回", "withdrawn", officeEmail),
        _ => Refusal(request, 410, "链接已过期", "expired", officeEmail),
    };

    /// <summary>A refusal on a page: its text in Chinese only.</summary>
    public static IActionResult Error(HttpRequest request, GovException e, string officeEmail) => e switch
    {
        NotFoundException => Refusal(request, 404, "链接无效", "not-found", officeEmail),
        GoneException => Refusal(request, 410, "链接已失效", "gone", officeEmail, e),
        StateConflictException => Refusal(request, 409, "该审批已处理", "conflict", officeEmail, e),
        ValidationException v => Page(request, 400, "提交有误", "Approvals/refusal", new RefusalView("invalid", "",
            v.Errors.SelectMany(x => x.Value).Select(Bilingual.Chinese).ToList(), officeEmail)),
        _ => Refusal(request, 400, "无法办理", "other", officeEmail, e),
    };

    private static IActionResult Refusal(HttpRequest request, int status, string title, string kind, string officeEmail,
        GovException? e = null) =>
        Page(request, status, title, "Approvals/refusal",
            new RefusalView(kind, e is null ? "" : Bilingual.Chinese(e.Message), [], officeEmail));

    private static IReadOnlyList<FactRow> Facts(OrgChart org, Approval a, ApprovalTask task) =>
        FactRow.Of(ApprovalNotices.Facts(org, a, task.Step)
            .Append((TaskWording.For(a, task.Step).Step, $"第{task.Step + 1}步：{a.Request.Steps[task.Step].Name}")));

    /// <summary>An HTML page; the token in the URL must not leak through caches, referrers or search engines.</summary>
    public static IActionResult Page(HttpRequest request, int status, string title, string template, object view)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers["X-Frame-Options"] = "DENY";
        return Html.Page(status, title, template, view);
    }
}
