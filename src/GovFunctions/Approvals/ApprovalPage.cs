using System.Net;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Organization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

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
        var earlier = a.Tasks.Where(t => t.DecidedAt is not null).Select(t =>
            $"<li>第{t.Step + 1}步 {E(ApprovalEngine.ActorFor(org, t).Name)}：{E(Verdict(t))}（{t.DecidedAt!.Value.ToChina():M月d日 HH:mm}）</li>");
        var body = $"""
            <p>审批人：<b>{E(approver.DisplayName)}</b></p>
            {(behalf is null ? "" : $"<p class=\"note\">{E(behalf)}</p>")}
            {Facts(org, a, task)}
            {(earlier.Any() ? $"<h3>已有审批意见</h3><ul>{string.Concat(earlier)}</ul>" : "")}
            {form}
            <p class="hint">链接有效期至 {task.ExpiresAt.ToChina():yyyy年M月d日 HH:mm}，提交一次后失效。</p>
            """;
        return Page(request, 200, $"审批：{a.Request.Title}", body);
    }

    public static IActionResult Decided(HttpRequest request, OrgChart org, Approval a, ApprovalTask task) =>
        Page(request, 200, "意见已提交", $"<p class=\"ok\">您已就“{E(a.Request.Title)}”提交：<b>{E(Verdict(task))}</b>。</p>{Facts(org, a, task)}<p>后续流程将自动办理。</p>");

    /// <summary>What an approver answered, in words: 同意 / 不同意 with the comment, or the reply or instruction.</summary>
    public static string Verdict(ApprovalTask t) => t.Status switch
    {
        ApprovalTaskStatus.Answered => (t.Answer!.DepartmentId is null ? "答复：" : "批示：") + t.Answer.Text,
        ApprovalTaskStatus.Approved => "同意" + (t.Comment is null ? "" : "，" + t.Comment),
        _ => "不同意" + (t.Comment is null ? "" : "，" + t.Comment),
    };

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
        GoneException => Page(request, 410, "链接已失效", $"<p>{E(e.Message)}</p><p>如需帮助，请联系区政府办公室（{E(officeEmail)}）。</p>"),
        StateConflictException => Page(request, 409, "该审批已处理", $"<p>{E(e.Message)}</p>"),
        ValidationException v => Page(request, 400, "提交有误", string.Concat(v.Errors.SelectMany(x => x.Value).Select(m => $"<p>{E(m)}</p>"))),
        _ => Page(request, 400, "无法办理", $"<p>{E(e.Message)}</p>"),
    };

    private static string Facts(OrgChart org, Approval a, ApprovalTask task) =>
        "<table>" + string.Concat(ApprovalNotices.Facts(org, a)
            .Append(("审批环节", $"第{task.Step + 1}步：{a.Request.Steps[task.Step].Name}"))
            .Select(f => $"<tr><th>{E(f.Item1)}</th><td>{E(f.Item2)}</td></tr>")) + "</table>";

    /// <summary>An HTML page; the token in the URL must not leak through caches, referrers or search engines.</summary>
    public static IActionResult Page(HttpRequest request, int status, string title, string body)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        headers["X-Frame-Options"] = "DENY";
        return new ContentResult { StatusCode = status, ContentType = "text/html; charset=utf-8", Content = Html.Document(title, body) };
    }

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}

/// <summary>The shared zh-CN page frame of the app's HTML (approval pages, forms).</summary>
public static class Html
{
    public static string Document(string title, string body, string? script = null) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}}</title>
        <style>
        body{font-family:"Microsoft YaHei","PingFang SC",sans-serif;max-width:760px;margin:0 auto;padding:16px;color:#222}
        header{border-bottom:3px solid #b3000c;color:#b3000c;font-weight:bold;font-size:18px;padding-bottom:8px;margin-bottom:16px}
        table{border-collapse:collapse;margin:12px 0}th{text-align:left;color:#555;font-weight:normal;padding:4px 16px 4px 0;white-space:nowrap;vertical-align:top}td{padding:4px 0}
        label{display:block;margin-top:12px;font-weight:bold}input,select,textarea{width:100%;box-sizing:border-box;padding:6px;font-size:15px}
        .actions{margin-top:16px}button{padding:10px 24px;font-size:16px;margin-right:12px;border:0;border-radius:4px;cursor:pointer}
        .approve,.primary{background:#b3000c;color:#fff}.reject{background:#555;color:#fff}
        .note{background:#fff4e5;border-left:4px solid #e69500;padding:8px}.ok{background:#eaf7ea;border-left:4px solid #2e7d32;padding:8px}
        .hint{color:#666;font-size:13px}.error{color:#b3000c;font-size:14px}
        </style></head>
        <body><header>区政府政务系统</header><h2>{{WebUtility.HtmlEncode(title)}}</h2>
        {{body}}
        {{(script is null ? "" : $"<script>{script}</script>")}}
        </body></html>
        """;
}
