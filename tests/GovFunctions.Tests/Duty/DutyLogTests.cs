using System.Text.Json;
using GovFunctions.Approvals;
using GovFunctions.Common;
using GovFunctions.Duty;
using GovFunctions.Organization;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Duty;

/// <summary>24-hour duty with a leader on duty (Art. 76): logs reach the right leader, instructions are recorded and carried out.</summary>
public class DutyLogTests : AppTest
{
    // Monday 30 November 2026, 08:00 in Beijing: half an hour before the weekly change of the leader on duty.
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-30T08:00:00+08:00");

    private DutyService Duty => App.Get<DutyService>();

    private async Task<OrgChart> OrgAsync() => await App.Get<OrganizationStore>().OrganizationAsync();

    private async Task<string> LogAsync(string receivedAt, string by = "zeng-qiang", string kind = "notice")
    {
        var result = await Function<DutyFunctions>().RecordDutyLog(Http.Request("POST", "duty/logs", EmailOf(by), json: new
        {
            kind, source = "市政府办公厅", content = "明日起开展防汛安全大检查，请于12月2日前报送检查方案。", receivedAt,
        }));
        Assert.Equal(201, Http.StatusOf(result));
        return JsonSerializer.SerializeToElement(((ObjectResult)result).Value, GovFunctions.Platform.Json.Options).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task ALog_GoesToTheLeaderOnDutyAtItsTime_EitherSideOfTheShiftChange()
    {
        var org = await OrgAsync();
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-30T08:31:00+08:00"));
        var before = await LogAsync("2026-11-30T08:29:00+08:00");
        var after = await LogAsync("2026-11-30T08:30:00+08:00");
        await Pump.RunAsync();

        var leaderBefore = org.DutyRoster.ShiftAt(DateTimeOffset.Parse("2026-11-30T08:29:00+08:00")).LeaderId;
        var leaderAfter = org.DutyRoster.ShiftAt(DateTimeOffset.Parse("2026-11-30T08:30:00+08:00")).LeaderId;
        Assert.NotEqual(leaderBefore, leaderAfter);
        Assert.Equal(leaderBefore, (await Duty.GetAsync(before)).Value.LeaderOnDutyId);
        Assert.Equal(leaderAfter, (await Duty.GetAsync(after)).Value.LeaderOnDutyId);
        Assert.Single(Mail.To(EmailOf(leaderBefore)), m => m.Text.Contains(before));
        Assert.Single(Mail.To(EmailOf(leaderAfter)), m => m.Text.Contains(after));
        Assert.NotEqual(DutyService.KeyOf(before).Partition, DutyService.KeyOf(after).Partition); // kept per shift
    }

    [Fact]
    public async Task TheLeadersInstruction_IsRecorded_AndThenWhoCarriedItOut()
    {
        var id = await LogAsync("2026-11-30T07:50:00+08:00");
        await Pump.RunAsync();
        var log = (await Duty.GetAsync(id)).Value;
        var approval = (await Engine.FindAsync(log.ApprovalId))!.Value;
        var token = App.Get<ApprovalLinks>().TokenFor(approval.Id, Assert.Single(approval.Tasks));

        await Assert.ThrowsAsync<StateConflictException>(() => Function<DutyFunctions>().DutyLogCarriedOut(
            Http.Request("POST", $"duty/logs/{id}/carried-out", EmailOf("zeng-qiang"), json: new { note = "x" }), id));
        await Function<ApprovalFunctions>().DecideApproval(Http.Request("POST", "x", form: new Dictionary<string, string>
        {
            ["action"] = "answer", ["answer"] = "请应急管理部门牵头，今日内转发各镇街。",
        }), token);
        await Pump.RunAsync();
        Assert.Equal(DutyLogStatus.Instructed, (await Duty.GetAsync(id)).Value.Status);

        await Function<DutyFunctions>().DutyLogCarriedOut(Http.Request("POST", $"duty/logs/{id}/carried-out", EmailOf("zeng-qiang"), json: new { note = "已于10:00转发各镇街" }), id);
        var view = JsonSerializer.SerializeToElement(((ObjectResult)await Function<DutyFunctions>().GetDutyLog(
            Http.Request("GET", $"duty/logs/{id}", EmailOf("sun-huimin")), id)).Value, GovFunctions.Platform.Json.Options);
        Assert.Equal("carriedOut", view.GetProperty("status").GetString());
        Assert.Contains("今日内转发", view.GetProperty("instruction").GetString());
        Assert.Equal(log.LeaderOnDutyId, view.GetProperty("instructedById").GetString());
        Assert.Equal("zeng-qiang", view.GetProperty("carriedOutById").GetString());
        Assert.Equal(["awaitingInstruction", "instructed", "carriedOut"], view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("toState").GetString()));
    }

    [Fact]
    public async Task TheInstruction_DeliveredSeveralTimesAtOnce_IsRecordedOnce()
    {
        var id = await LogAsync("2026-11-30T07:50:00+08:00");
        await Pump.RunAsync();
        var approval = (await Engine.FindAsync((await Duty.GetAsync(id)).Value.ApprovalId))!.Value;
        var token = App.Get<ApprovalLinks>().TokenFor(approval.Id, Assert.Single(approval.Tasks));
        await Function<ApprovalFunctions>().DecideApproval(Http.Request("POST", "x", form: new Dictionary<string, string>
        {
            ["action"] = "answer", ["answer"] = "请应急管理部门牵头。",
        }), token);
        await Pump.Handle(Queues.ApprovalRouting, await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.DecidedType));
        var completed = await Pump.TakeAsync(Queues.ApprovalRouting, ApprovalEngine.CompletedType);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Pump.Handle(Queues.ApprovalRouting, completed))));
        await Pump.Handle(Queues.ApprovalRouting, completed); // and once more, late

        var history = await Duty.HistoryAsync(id);
        Assert.Equal(["awaitingInstruction", "instructed"], history.Select(h => h.ToState));
        Assert.Equal("带班领导批示：请应急管理部门牵头。", history[^1].Reason);
    }

    [Fact]
    public async Task Handover_AtTheShiftChange_SummarisesTheEndedShiftForTheIncomingOfficerAndLeader()
    {
        var org = await OrgAsync();
        await LogAsync("2026-11-29T20:00:00+08:00");
        await LogAsync("2026-11-30T02:15:00+08:00", kind: "report");
        await Pump.RunAsync();
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-30T08:30:00+08:00"));

        await Function<DutyFunctions>().DutyHandover(null!, CancellationToken.None);
        await Function<DutyFunctions>().DutyHandover(null!, CancellationToken.None); // a second firing sends nothing more
        await Pump.RunAsync();

        var incoming = org.DutyRoster.ShiftAt(DateTimeOffset.Parse("2026-11-30T08:30:00+08:00"));
        var handover = Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【值班交接】"));
        Assert.Contains(handover.To, a => a.Address == EmailOf(incoming.OfficerId));
        Assert.Contains(handover.To, a => a.Address == EmailOf(incoming.LeaderId));
        Assert.Contains("共登记 2 条", handover.Text);
        Assert.Contains("2 条尚未办结", handover.Text);
    }

    [Fact]
    public async Task InvalidLog_Is400_AndOnlyDutyStaffKeepTheLog()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Function<DutyFunctions>().RecordDutyLog(
            Http.Request("POST", "duty/logs", EmailOf("zeng-qiang"), json: new { kind = "rumour", source = "", content = "" })));
        Assert.Contains("kind", e.Errors.Keys);
        await Assert.ThrowsAsync<AccessDeniedException>(() => LogAsync("2026-11-30T07:50:00+08:00", by: "cao-xiaowen"));
    }
}
