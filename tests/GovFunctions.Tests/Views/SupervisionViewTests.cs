using GovFunctions.Accountability;
using GovFunctions.Supervision;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Views;

/// <summary>The supervision and accountability answers as clients read them (issue 9): captured before the typed views.</summary>
public class SupervisionViewTests : AppTest
{
    private const string OfficeClerk = "bai-xue";

    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-02T10:00:00+08:00");

    private SupervisionFunctions Api => Function<SupervisionFunctions>();

    private Task<Microsoft.AspNetCore.Mvc.IActionResult> ActAsync(string person, string id, string action, object body) =>
        Api.ActOnSupervisedItem(Http.Request("POST", $"supervision/items/{id}/{action}", EmailOf(person), json: body), id, action);

    [Fact]
    public async Task TheSupervisionAnswers_KeepTheirJson()
    {
        var registered = await Api.RegisterSupervisedItem(Http.Request("POST", "supervision/items", EmailOf(OfficeClerk), json: new
        {
            title = "推进义务教育学校扩容", source = "deployment", ownerDepartmentId = "education", coDepartmentIds = new[] { "health" },
            dueDate = "2026-11-20", cadence = "weekly", milestones = new[] { new { title = "完成选址", due = "2026-11-10" } },
        }));
        var id = Http.IdOf(registered);
        var names = new Dictionary<string, string> { [id] = "id" };
        JsonGolden.Matches("supervision-registered", registered, names);
        await Pump.RunAsync();
        await ActAsync("wu-jianping", id, "acknowledge", new { });
        await ActAsync("xu-li", id, "progress", new { text = "卫健局配合", percent = 30, needsCoordination = true });
        JsonGolden.Matches("supervision-progress",
            await ActAsync("wu-jianping", id, "progress", new { text = "已完成选址", percent = 60 }), names);
        await ActAsync("wu-jianping", id, "complete", new { text = "办结报告" });
        await ActAsync(OfficeClerk, id, "verify", new { accepted = false, reason = "缺少验收材料" });
        await ActAsync("wu-jianping", id, "extension", new { dueDate = "2026-12-15", reason = "施工受阻" });
        await Pump.RunAsync();
        names[(await App.Get<SupervisionService>().GetAsync(id)).Value.PendingExtension!.ApprovalId] = "extensionApprovalId";
        JsonGolden.Matches("supervision-list",
            await Api.ListSupervisedItems(Http.Request("GET", "supervision/items", EmailOf("lin-jianguo"))), names);

        App.Clock.Advance(DateTimeOffset.Parse("2026-11-27T09:30:00+08:00") - App.Clock.GetUtcNow());
        await App.Get<SupervisionWarnings>().RunAsync();
        await Pump.RunAsync();
        JsonGolden.Matches("supervision-get",
            await Api.GetSupervisedItem(Http.Request("GET", $"supervision/items/{id}", EmailOf(OfficeClerk)), id),
            names);
        JsonGolden.Matches("scorecards-month", await Function<Scorecards.ScorecardFunctions>().Scorecards(Http.Request("GET", "scorecards",
            EmailOf("lin-jianguo"), query: "month=2026-11")));
        var accountability = Function<AccountabilityFunctions>();
        var month = await accountability.AccountabilityMonth(Http.Request("GET", "accountability", EmailOf("lin-jianguo"),
            query: "month=2026-11"));
        var entryId = (await App.Get<AccountabilityService>().MonthAsync(2026, 11)).Single().Id;
        names[entryId] = "entryId";
        JsonGolden.Matches("accountability-month", month, names);
        JsonGolden.Matches("accountability-proposed",
            await accountability.ProposeAccountability(Http.Request("POST", $"accountability/{entryId}/proposal",
            EmailOf("sun-huimin"), json: new { proposal = "通报批评", reason = "逾期五个工作日未办结" }), entryId), names);
    }
}
