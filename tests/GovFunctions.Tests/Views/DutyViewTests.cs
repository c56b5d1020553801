using GovFunctions.Approvals;
using GovFunctions.Duty;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Views;

/// <summary>The duty log answers as clients read them (issue 9): captured from the code before the typed views.</summary>
public class DutyViewTests : AppTest
{
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-30T08:00:00+08:00");

    [Fact]
    public async Task TheDutyAnswers_KeepTheirJson()
    {
        var api = Function<DutyFunctions>();
        var recorded = await api.RecordDutyLog(Http.Request("POST", "duty/logs", EmailOf("zeng-qiang"), json: new
        {
            kind = "notice", source = "市政府办公厅", content = "明日起开展防汛安全大检查。", receivedAt = "2026-11-30T07:50:00+08:00",
        }));
        var id = Http.IdOf(recorded);
        var names = new Dictionary<string, string> { [id] = "id" };
        JsonGolden.Matches("duty-recorded", recorded, names);
        await Pump.RunAsync();
        var log = (await App.Get<DutyService>().GetAsync(id)).Value;
        var approval = (await Engine.FindAsync(log.ApprovalId))!.Value;
        await AnswerAsync(App.Get<ApprovalLinks>().TokenFor(approval.Id, Assert.Single(approval.Tasks)), "请应急管理部门牵头，今日内转发各镇街。");
        await Pump.RunAsync();
        JsonGolden.Matches("duty-instructed",
            await api.GetDutyLog(Http.Request("GET", $"duty/logs/{id}", EmailOf("sun-huimin")), id), names);
        JsonGolden.Matches("duty-carried-out", await api.DutyLogCarriedOut(Http.Request("POST", $"duty/logs/{id}/carried-out",
            EmailOf("zeng-qiang"), json: new { note = "已于10:00转发各镇街" }), id), names);
    }
}
