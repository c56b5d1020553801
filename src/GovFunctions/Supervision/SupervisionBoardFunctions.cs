using GovFunctions.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Supervision;

/// <summary><c>GET /api/supervision/board</c> (API.md): the lights (亮灯) as a zh-CN page, or JSON when the caller asks for JSON.</summary>
public sealed class SupervisionBoardFunctions(StaffIdentity identity, SupervisionBoard board)
{
    [Function(nameof(SupervisionBoard))]
    [Describe("督查督办亮灯台账（页面，或 Accept 为 JSON 时 JSON），按权限范围",
        "The supervision board (lights), a page or JSON, within the caller's scope")]
    [Query("department", "责任部门", "owner department")]
    [Query("leader", "分管领导", "supervising leader")]
    [Query("status", "状态", "status", Of = typeof(SupervisionStatus))]
    [Query("color", "预警颜色", "warning colour", Of = typeof(WarningColor))]
    [Query("source", "来源", "source", Of = typeof(SupervisionSource))]
    [Query("dueBefore", "到期日之前", "due before", Of = typeof(DateOnly))]
    [Answers(200, typeof(SupervisionBoardView))]
    [Answers(200, Media.Html)]
    public async Task<IActionResult> SupervisionBoard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "supervision/board")] HttpRequest request)
    {
        var caller = await identity.RequireStaffAsync(request);
        var view = await board.BuildAsync(caller, SupervisionFilter.From(request.Query));
        if (WantsJson(request)) return new OkObjectResult(view);
        request.HttpContext.Response.Headers.CacheControl = "no-store"; // the lights are read now
        return Html.Page(200, "督查督办亮灯台账", "Supervision/board", view);
    }

    /// <summary>A page unless the caller asks for JSON (<c>Accept: application/json</c>) and not for HTML.</summary>
    public static bool WantsJson(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        return accept.Contains("json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }
}
