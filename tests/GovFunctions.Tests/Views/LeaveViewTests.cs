using GovFunctions.Leave;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Views;

/// <summary>The leave answers as clients read them (issue 9): captured from the code before the typed views.</summary>
public class LeaveViewTests : AppTest
{
    private LeaveFunctions Api => Function<LeaveFunctions>();

    [Fact]
    public async Task TheLeaveAnswers_KeepTheirJson()
    {
        var submitted = await Api.SubmitLeave(Http.Request("POST", "leave-requests", EmailOf("wu-jianping"), json: new
        {
            start = "2026-12-01T09:00:00+08:00", end = "2026-12-03T17:30:00+08:00", destination = "北京市", contact = "13800001111",
            reason = "参加培训", actingPersonId = "ye-ming",
        }));
        var leave = (await LeaveAsync(Http.IdOf(submitted)));
        var names = new Dictionary<string, string> { [leave.Id] = "id", [leave.ApprovalId!] = "approvalId" };
        JsonGolden.Matches("leave-submitted", submitted, names);
        await Pump.RunAsync();
        await ApproveAsync(leave.Id, "chen-siyuan");
        JsonGolden.Matches("leave-one-approved",
            await Api.GetLeave(Http.Request("GET", $"leave-requests/{leave.Id}", EmailOf("wu-jianping")), leave.Id), names);
        await ApproveAsync(leave.Id, "lin-jianguo");

        JsonGolden.Matches("leave-away",
            await Api.WhoIsAway(Http.Request("GET", "leave/away", EmailOf("sun-huimin"), query: "date=2026-12-02")), names);
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-03T18:00:00+08:00"));
        JsonGolden.Matches("leave-returned", await Api.ReturnFromLeave(Http.Request("POST", $"leave-requests/{leave.Id}/return",
            EmailOf("wu-jianping"), json: new { note = "已按期返岗" }), leave.Id), names);
    }

    [Fact]
    public async Task AWithdrawnRequest_KeepsItsJson()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        var leave = await LeaveAsync(id);
        JsonGolden.Matches("leave-withdrawn",
            await Api.WithdrawLeave(Http.Request("POST", $"leave-requests/{id}/withdraw", EmailOf("chen-siyuan")), id),
            new Dictionary<string, string> { [id] = "id", [leave.ApprovalId!] = "approvalId" });
    }
}
