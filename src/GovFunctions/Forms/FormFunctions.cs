using System.Security.Cryptography;
using GovFunctions.Calendar;
using GovFunctions.Organization;
using GovFunctions.Platform;
using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using static GovFunctions.Platform.Html;

namespace GovFunctions.Forms;

/// <summary>
/// <c>GET /api/forms/{form}</c>: zh-CN HTML forms that post to the intake routes with the same field names and show the
/// result or each field's error. Behind Easy Auth the browser's session carries the identity; in Development, where no
/// Easy Auth exists, the page lets the tester pick whom to act as and sends that as the Easy Auth header.
/// </summary>
public sealed class FormFunctions(StaffIdentity identity, OrganizationStore organization, TimeProvider clock)
{
    [Function(nameof(LeaveForm))]
    public async Task<IActionResult> LeaveForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/leave")] HttpRequest request)
    {
        var (caller, org) = await CallerAsync(request);
        var people = org.People.OrderBy(p => p.Role).ThenBy(p => p.DepartmentId);
        var options = string.Concat(people.Select(p => $"<option value=\"{E(p.Id)}\">{E(p.DisplayName)}</option>"));
        var body = $"""
            {DevIdentityPicker(caller, org)}
            <p class="hint">区政府领导离岗外出和休假须经区长批准（第七十四条）；各组成部门主要负责人须经分管副区长、区长批准，并指定代为主持工作的负责人（第七十五条）。</p>
            <form id="f" data-action="/api/leave-requests">{IdempotencyField()}
              <label for="start">开始时间</label><input type="datetime-local" id="start" name="start" required><div class="error" data-for="start"></div>
              <label for="end">结束时间</label><input type="datetime-local" id="end" name="end" required><div class="error" data-for="end"></div>
              <label for="destination">外出地点</label><input id="destination" name="destination" maxlength="200" required><div class="error" data-for="destination"></div>
              <label for="contact">联系方式</label><input id="contact" name="contact" maxlength="100" required><div class="error" data-for="contact"></div>
              <label for="reason">事由</label><textarea id="reason" name="reason" rows="3" maxlength="1000"></textarea><div class="error" data-for="reason"></div>
              <label for="actingPersonId">代为主持工作的负责人（部门主要负责人必填）</label>
              <select id="actingPersonId" name="actingPersonId"><option value="">（无）</option>{options}</select><div class="error" data-for="actingPersonId"></div>
              <div class="actions"><button type="submit" class="primary">提交申请</button></div>
              <div class="error" data-for="body" tabindex="-1"></div>
            </form>
            {ResultArea}
            """;
        return Page(request, "请假（外出）申请", body);
    }

    [Function(nameof(HotlineForm))]
    public async Task<IActionResult> HotlineForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/hotline")] HttpRequest request)
    {
        var (caller, org) = await CallerAsync(request);
        var departments = string.Concat(org.Departments.Select(d => $"<option value=\"{E(d.Id)}\">{E(d.Name)}</option>"));
        var body = $"""
            {DevIdentityPicker(caller, org)}
            <p class="hint">每一个来电都要认真记录（第三十七条）。能当场答复的当场答复并办结；需要部门办理的交办；重大、疑难问题上报主管领导批示。</p>
            <form id="f" data-action="/api/hotline/calls" data-numbered>{IdempotencyField()}
              <label for="callerName">来电人</label><input id="callerName" name="callerName" maxlength="50" required><div class="error" data-for="callerName"></div>
              <label for="callerPhone">来电号码</label><input id="callerPhone" name="callerPhone" maxlength="20" required><div class="error" data-for="callerPhone"></div>
              <label for="receivedAt">来电时间</label><input type="datetime-local" id="receivedAt" name="receivedAt" value="{ChinaTime.Now(clock):yyyy-MM-ddTHH:mm}" required><div class="error" data-for="receivedAt"></div>
              <label for="category">类别</label>
              <select id="category" name="category"><option value="consultation">咨询</option><option value="complaint">投诉</option><option value="request">求助</option><option value="suggestion">建议</option><option value="urgent">紧急</option></select><div class="error" data-for="category"></div>
              <label for="location">地点</label><input id="location" name="location" maxlength="200"><div class="error" data-for="location"></div>
              <label for="content">来电内容</label><textarea id="content" name="content" rows="4" maxlength="4000" required></textarea><div class="error" data-for="content"></div>
              <label for="disposition">处理方式</label>
              <select id="disposition" name="disposition"><option value="answered">当场答复并办结</option><option value="assign">交办部门</option><option value="escalate">上报主管领导批示</option></select><div class="error" data-for="disposition"></div>
              <label for="answer">答复内容（当场答复时必填）</label><textarea id="answer" name="answer" rows="3" maxlength="4000"></textarea><div class="error" data-for="answer"></div>
              <label for="departmentId">承办部门（交办时必填；上报时为事项所属部门）</label>
              <select id="departmentId" name="departmentId"><option value="">（无）</option>{departments}</select><div class="error" data-for="departmentId"></div>
              <div class="actions"><button type="submit" class="primary">登记来电</button></div>
              <div class="error" data-for="body" tabindex="-1"></div>
            </form>
            {ResultArea}
            """;
        return Page(request, "区长电话来电登记", body);
    }

    [Function(nameof(DecisionForm))]
    public async Task<IActionResult> DecisionForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "forms/decision")] HttpRequest request)
    {
        var (caller, org) = await CallerAsync(request);
        var departments = string.Concat(org.Departments.Select(d => $"<option value=\"{E(d.Id)}\">{E(d.Name)}</option>"));
        var categories = string.Concat(Enum.GetValues<Decisions.DecisionCategory>().Select(c =>
            $"<option value=\"{System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.ToString())}\">{E(Decisions.DecisionRules.CategoryName(c))}</option>"));
        var body = $"""
            {DevIdentityPicker(caller, org)}
            <p class="hint">重大事项须经区政府全体会议或常务会议讨论决定（第五条、第十五条），提请前须经合法性审查、征求相关部门意见，涉及群众切身利益的须公开征求意见，依法应当听证的须举行听证（第十六条、第十七条）。</p>
            <form id="f" data-action="/api/decisions" data-numbered>{IdempotencyField()}
              <label for="title">事项名称</label><input id="title" name="title" maxlength="200" required><div class="error" data-for="title"></div>
              <label for="category">类别（第十五条）</label><select id="category" name="category">{categories}</select><div class="error" data-for="category"></div>
              <label for="summary">事项概要</label><textarea id="summary" name="summary" rows="5" maxlength="8000" required></textarea><div class="error" data-for="summary"></div>
              <label for="sponsorDepartmentId">提请部门</label><select id="sponsorDepartmentId" name="sponsorDepartmentId">{departments}</select><div class="error" data-for="sponsorDepartmentId"></div>
              <label for="consultDepartmentIds">涉及职责的相关部门（可多选，须会签）</label><select id="consultDepartmentIds" name="consultDepartmentIds" multiple size="6">{departments}</select><div class="error" data-for="consultDepartmentIds"></div>
              <label><input type="checkbox" name="touchesLowerLevels" style="width:auto"> 涉及下级或基层（须事先征求意见）</label>
              <label><input type="checkbox" name="publicInterest" style="width:auto"> 与群众切身利益密切相关（须公开征求意见）</label>
              <label><input type="checkbox" name="hearingRequired" style="width:auto"> 依法应当听证</label>
              <label><input type="checkbox" name="confidential" style="width:auto"> 依法应当保密（不予公开）</label>
              <label for="confidentialReason">保密理由（保密时必填，第四十条）</label><input id="confidentialReason" name="confidentialReason" maxlength="1000"><div class="error" data-for="confidentialReason"></div>
              <div class="actions"><button type="submit" class="primary">登记决策事项</button></div>
              <div class="error" data-for="body" tabindex="-1"></div>
            </form>
            {ResultArea}
            <div id="next" class="note" hidden data-status="draft" data-post="/api/decisions/:id/submit">
              <p><b>下一步：提交审查。</b>事项已登记为草稿，尚未进入审查。提交后即送区政府法制机构合法性审查，并征求相关部门意见（第十六条）；
              审查通过、各项程序完成后，方可提请区政府常务会议或全体会议讨论决定（第十五条）。</p>
              <div class="actions"><button type="button" class="primary">提交审查</button></div>
            </div>
            """;
        return Page(request, "重大行政决策事项登记", body);
    }

    internal async Task<(Person? Caller, OrgChart Org)> CallerAsync(HttpRequest request)
    {
        var org = await organization.OrganizationAsync();
        if (identity.IsDevelopment && string.IsNullOrEmpty(request.Headers[StaffIdentity.PrincipalNameHeader]))
            return (null, org);
        return (await identity.RequireStaffAsync(request), org);
    }

    private static string DevIdentityPicker(Person? caller, OrgChart org) => caller is not null ? $"<p class=\"hint\">当前用户：{E(caller.DisplayName)}</p>" : $"""
        <p class="note">开发环境：没有 Easy Auth，请选择以谁的身份提交。<select id="as">{string.Concat(org.People.Select(p => $"<option value=\"{E(p.Email)}\">{E(p.DisplayName)}</option>"))}</select></p>
        """;

    /// <summary>
    /// The key that makes a double click one submission (API.md, intake idempotency): made once per page load, so a repeat
    /// of the same post answers the first result; another submission starts from a fresh page.
    /// </summary>
    private static string IdempotencyField() =>
        $"<input type=\"hidden\" name=\"idempotencyKey\" value=\"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}\">";

    /// <summary>Where the result or the refusal appears; focusable so the script can bring it into view on a phone.</summary>
    private const string ResultArea = """
        <div id="result" tabindex="-1" role="status" aria-live="polite"></div>
        <p id="again" class="hint" hidden><a href="">再填写一份</a></p>
        """;

    /// <summary>A form page; never cached, so each load makes its own idempotency key.</summary>
    private static IActionResult Page(HttpRequest request, string title, string body)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Html.Result(200, title, body, Script);
    }

    /// <summary>
    /// Posts the form as application/x-www-form-urlencoded with its idempotency key; the button is disabled while sending
    /// (again usable after a refusal, not after a success). Shows the result in words (<c>statusName</c>, names, dates as the
    /// server wrote them) or each field's error in Chinese (<c>zh</c> of the problem), and brings it into view and focus.
    /// A draft's next step (a decision) is offered as a button. The number is shown where it is the record's own (a call, a
    /// decision); a leave request's id begins with the applicant's person id, so the leave form leaves it to the emails.
    /// </summary>
    private const string Script = """
        const f = document.getElementById('f');
        const out = document.getElementById('result');
        const button = f.querySelector('button[type="submit"]');
        const next = document.getElementById('next');
        const headers = () => {
          const h = { 'Content-Type': 'application/x-www-form-urlencoded' };
          const as = document.getElementById('as');
          if (as) h['X-MS-CLIENT-PRINCIPAL-NAME'] = as.value;
          return h;
        };
        const reveal = (el) => { el.scrollIntoView({ behavior: 'smooth', block: 'center' }); el.focus({ preventScroll: true }); };
        const post = async (url, body) => {
          try {
            const res = await fetch(url, { method: 'POST', headers: headers(), body });
            return { ok: res.ok, data: await res.json().catch(() => ({})) };
          } catch (e) {
            return { ok: false, data: { zh: { title: '提交失败', detail: '网络连接异常，请稍后重试' } } };
          }
        };
        const describe = (data) => (f.dataset.numbered === undefined ? [] : ['编号：' + data.id]).concat(['状态：' + data.statusName])
          .concat(data.approverNames && data.approverNames.length ? ['审批人：' + data.approverNames.join(' → ')] : [])
          .concat(data.dueAtText ? ['办理期限：' + data.dueAtText] : [])
          .concat(data.linkedCallIds && data.linkedCallIds.length ? ['同一问题的来电：' + data.linkedCallIds.join('、')] : [])
          .join('，') + '。';
        const refused = (data) => {
          const zh = data.zh || {};
          out.className = 'error';
          out.textContent = (zh.title || '提交失败') + (zh.detail ? '：' + zh.detail : '');
          let first = null;
          for (const [field, messages] of Object.entries(zh.errors || {})) {
            const slot = document.querySelector('.error[data-for="' + field + '"]') || document.querySelector('.error[data-for="body"]');
            slot.textContent = messages.join('；');
            first = first || document.getElementById(field) || slot;
          }
          reveal(first || out);
        };
        f.addEventListener('submit', async (ev) => {
          ev.preventDefault();
          if (button.disabled) return;
          button.disabled = true;
          document.querySelectorAll('.error').forEach(e => e.textContent = '');
          const { ok, data } = await post(f.dataset.action, new URLSearchParams(new FormData(f)));
          if (!ok) { button.disabled = false; refused(data); return; }
          out.className = 'ok';
          out.textContent = '已提交。' + describe(data);
          document.getElementById('again').hidden = false;
          if (next && data.status === next.dataset.status) {
            next.hidden = false;
            next.dataset.url = next.dataset.post.replace(':id', encodeURIComponent(data.id));
          }
          reveal(out);
        });
        if (next) next.querySelector('button').addEventListener('click', async () => {
          const step = next.querySelector('button');
          step.disabled = true;
          const { ok, data } = await post(next.dataset.url, '');
          if (!ok) { step.disabled = false; refused(data); return; }
          next.hidden = true;
          out.className = 'ok';
          out.textContent = '已提交审查。状态：' + data.statusName + '。';
          reveal(out);
        });
        """;
}
