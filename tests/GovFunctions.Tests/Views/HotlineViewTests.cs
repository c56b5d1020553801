using GovFunctions.Approvals;
using GovFunctions.Hotline;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Views;

/// <summary>The hotline answers as clients read them (issue 9): captured from the code before the typed views.</summary>
public class HotlineViewTests : AppTest
{
    private const string Operator = "cao-xiaowen";

    private HotlineFunctions Api => Function<HotlineFunctions>();

    [Fact]
    public async Task TheHotlineAnswers_KeepTheirJson()
    {
        var recorded = await Api.RecordCall(Http.Request("POST", "hotline/calls", EmailOf(Operator), json: new
        {
            callerName = "张先生", callerPhone = "13812345678", receivedAt = "2026-11-25T09:40:00+08:00", category = "complaint",
            content = "青禾路与民生街交叉口路灯连续一周不亮，夜间行人很不安全。", location = "青禾路与民生街交叉口", disposition = "assign",
            departmentId = "urban-management",
        }));
        var id = Http.IdOf(recorded);
        var names = new Dictionary<string, string> { [id] = "id" };
        JsonGolden.Matches("hotline-recorded", recorded, names);
        await Pump.RunAsync();
        var call = (await App.Get<HotlineService>().GetAsync(id)).Value;
        var approval = (await Engine.FindAsync(call.ApprovalId!))!.Value;
        var token = App.Get<ApprovalLinks>().TokenFor(approval.Id, approval.Tasks.Single(t => t.IsOpen));
        await AnswerAsync(token, "已派人维修，11月27日前恢复照明。");
        await Pump.RunAsync();

        JsonGolden.Matches("hotline-replied",
            await Api.GetCall(Http.Request("GET", $"hotline/calls/{id}", EmailOf("sun-huimin")), id), names);
        JsonGolden.Matches("hotline-for-callback", await Api.GetCallForCallback(Http.Request("GET", $"hotline/calls/{id}/callback",
            EmailOf(Operator)), id), names);
        JsonGolden.Matches("hotline-closed", await Api.CallBack(Http.Request("POST", $"hotline/calls/{id}/callback", EmailOf(Operator),
            json: new { satisfied = true, note = "满意" }), id), names);
        JsonGolden.Matches("hotline-figures", await Api.HotlineFigures(Http.Request("GET", "hotline/figures", EmailOf("sun-huimin"),
            query: "month=2026-11&departmentId=urban-management")));
        JsonGolden.Matches("hotline-figures-all", await Api.HotlineFigures(Http.Request("GET", "hotline/figures", EmailOf("sun-huimin"),
            query: "month=2026-11")));
    }
}
