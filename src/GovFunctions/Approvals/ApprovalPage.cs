using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Organization;
using GovFunctions.Platform;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using static GovFunctions.Platform.Html;

namespace GovFunctions.Approvals;

/// <summary>The zh-CN pages behind an approval link: what is being approved with an Approve / Reject form, the result, or why not.</summary>
public static class ApprovalPage
{
    public static IActionResult Form(HttpRequest request, OrgChart org, Approval a, ApprovalTask task)
    {
        var departments = string.Concat(org.Departments.Select(d => $"<option value=\"{E(d.Id)}\">{E(d.Name)}</option>"));
        var form = a.Request.Steps[task.Step].Response switch
        {
            ResponseKind.Reply => """
                <form method="post"><input type="hidden" name="action" value="answer">
                  <label for="answer">答复内容</label><textarea id="answer" name="answer" rows="6" maxlength="2000" required></textarea>
                  <div class="actions"><button type="submit" class="approve">提交答复</button></div>
                </form>
                """,
            ResponseKind.Instruction => $"""
                <form method="post"><input type="hidden" name="action" value="answer">
                  <label for="answer">批示意见</label><textarea id="answer" name="answer" rows="5" maxlength="2000" required></textarea>
                  <label for="departmentId">承办部门</label><select id="departmentId" name="departmentId" required>{departments}</select>
                  <label for="dueDate">办理期限（可选，默认按事项类别的工作日时限）</label><input type="date" id="dueDate" name="dueDate">
                  <div class="actions"><button type="submit" class="approve">提交批示</button></div>
                </form>
                """,
            _ => """
                <form method="post">
                  <label for="comment">审批意见（不同意时须填写理由）</label>
                  <textarea id="comment" name="comment" rows="3" maxlength="1000"></textarea>
                  <div class="actions">
                    <button type="submit" name="action" value="approve" class="approve">同意</button>
                    <button type="submit" name="action" value="reject" class="reject">不同意</button>
                  </div>
                </form>
                """,
        };
        var approver = org.Person(task.ApproverId);
        var behalf = ApprovalNotices.OnBehalfText(org, task);
        var wording = TaskWording.For(a, task.Step);
        var earlier = a.Tasks.Where(t => t.DecidedAt is not null).Select(t =>
            $"<li>第{t.Step + 1}步 {E(ApprovalEngine.ActorFor(org, t).Name)}：{E(Verdict(t))}（{ChinaTime.ShortText(t.DecidedAt!.Value)}）</li>");
        var body = $"""
            <p>{wording.Actor}：<b>{E(approver.DisplayName)}</b></p>
            {(behalf is null ? "" : $"<p class=\"note\">{E(behalf)}</p>")}
            {Facts(org, a, task)}
            {(earlier.Any() ? $"<h3>{wording.Earlier}</h3><ul>{string.Concat(earlier)}</ul>" : "")}
            {form}
            <p class="hint">链接有效期至 {ChinaTime.Text(task.ExpiresAt)}，提交一次后失效。</p>
            """;
        return Page(request, 200, $"{wording.Verb}：{a.Request.Title}", body);
    }

    public static IActionResult Decided(HttpRequest request, OrgChart org, Approval a, ApprovalTask task) =>
        Page(request, 200, "意见已提交",
            $"<p class=\"ok\">您已就“{E(a.Request.Title)}”提交：<b>{E(Verdict(task))}</b>{(EndsSentence(Verdict(task)) ? "" : "。")}</p>"
            + $"{Facts(org, a, task)}<p>后续流程将自动办理。</p>");

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
        LinkRefusal.AlreadyDecided => Page(request, 409, "该审批已处理", "<p>此链接已使用过，审批意见已记录，无需重复操作。</p>"),
        LinkRefusal.Closed => Page(request, 409, "该审批已办结", "<p>本环节已由其他审批人办结，无需您处理。</p>"),
        LinkRefusal.Withdrawn => Page(request, 410, "申请已撤回", "<p>申请人已撤回该申请，此链接已失效。</p>"),
        _ => Page(request, 410, "链接已过期", $"<p>此审批链接已过期。如仍需办理，请联系区政府办公室（<a href=\"mailto:{E(officeEmail)}\">{E(officeEmail)}</a>）。</p>"),
    };

    public static IActionResult Error(HttpRequest request, GovException e, string officeEmail) => e switch
    {
        NotFoundException => Page(request, 404, "链接无效", "<p>此链接无效。请使用邮件中的完整链接。</p>"),
        GoneException => Page(request, 410, "链接已失效", $"<p>{Zh(e.Message)}</p><p>如需帮助，请联系区政府办公室（{E(officeEmail)}）。</p>"),
        StateConflictException => Page(request, 409, "该审批已处理", $"<p>{Zh(e.Message)}</p>"),
        ValidationException v => Page(request, 400, "提交有误",
            string.Concat(v.Errors.SelectMany(x => x.Value).Select(m => $"<p class=\"error\">{Zh(m)}</p>"))),
        _ => Page(request, 400, "无法办理", $"<p>{Zh(e.Message)}</p>"),
    };

    /// <summary>A refusal's text on a page: Chinese only, encoded.</summary>
    private static string Zh(string message) => E(Bilingual.Chinese(message));

    private static string Facts(OrgChart org, Approval a, ApprovalTask task) =>
        "<table>" + string.Concat(ApprovalNotices.Facts(org, a, task.Step)
            .Append((TaskWording.For(a, task.Step).Step, $"第{task.Step + 1}步：{a.Request.Steps[task.Step].Name}"))
            .Select(f => $"<tr><th>{E(f.Item1)}</th><td>{E(f.Item2)}</td></tr>")) + "</table>";

    /// <summary>An HTML page; the token in the URL must not leak through caches, referrers or search engines.</summary>
    public static IActionResult Page(HttpRequest request, int status, string title, string body)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers["X-Frame-Options"] = "DENY";
        return Html.Result(status, title, body);
    }
}
