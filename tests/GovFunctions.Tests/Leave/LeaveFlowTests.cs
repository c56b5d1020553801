using System.Text.Json;
using GovFunctions.Approvals;
using GovFunctions.Common;
using GovFunctions.Leave;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Leave;

/// <summary>Leave and travel requests end to end through the functions, the queues and the mail (Art. 4, 74, 75).</summary>
public class LeaveFlowTests : AppTest
{
    private const string Office = "office@qinghe.example.org";

    [Fact]
    public async Task DepartmentHead_IsApprovedBySupervisingDeputyThenDistrictHead_Art75()
    {
        var id = await SubmitLeaveAsync("wu-jianping", actingPersonId: "ye-ming");
        Assert.Equal(["chen-siyuan", "lin-jianguo"], (await LeaveAsync(id)).ApproverIds);
        await Pump.RunAsync();

        Assert.Single(Mail.To(EmailOf("chen-siyuan")), m => m.Subject.StartsWith("【待审批】"));
        Assert.Empty(Mail.To(EmailOf("lin-jianguo")));
        await ApproveAsync(id, "chen-siyuan");

        Assert.Equal(LeaveStatus.Pending, (await LeaveAsync(id)).Status);
        Assert.Single(Mail.To(EmailOf("lin-jianguo")), m => m.Subject.StartsWith("【待审批】"));
        await ApproveAsync(id, "lin-jianguo");

        var leave = await LeaveAsync(id);
        Assert.Equal(LeaveStatus.Approved, leave.Status);
        var office = Assert.Single(Mail.To(Office));
        Assert.Contains("北京市", office.Text);
        Assert.Contains("13800001111", office.Text);
        Assert.Contains("叶明", office.Text); // the acting person (Art. 75)
        Assert.DoesNotContain(Mail.Sent, m => m.Subject.StartsWith("【通报】")); // Art. 75 asks only that the office be told
        Assert.Single(Mail.To(EmailOf("wu-jianping")), m => m.Subject.Contains("已批准"));
        Assert.Equal(["pending", "approved"], (await Leave.HistoryAsync(id)).Select(h => h.ToState));
    }

    [Theory]
    [InlineData("chen-siyuan")]    // deputy head
    [InlineData("zhou-minghua")]   // executive deputy head
    [InlineData("zhao-xiaofeng")]  // assistant head
    [InlineData("sun-huimin")]     // office director
    public async Task Leaders_AreApprovedByTheDistrictHead_AndTheOfficeInformsTheOtherLeaders_Art74(string applicant)
    {
        var id = await SubmitLeaveAsync(applicant);
        Assert.Equal(["lin-jianguo"], (await LeaveAsync(id)).ApproverIds);
        await Pump.RunAsync();
        await ApproveAsync(id, "lin-jianguo");

        Assert.Equal(LeaveStatus.Approved, (await LeaveAsync(id)).Status);
        Assert.Single(Mail.To(Office), m => m.Subject.StartsWith("【请假报备】"));
        var notice = Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【通报】"));
        Assert.DoesNotContain(notice.To, a => a.Address == EmailOf(applicant));
        Assert.Contains(notice.To, a => a.Address == EmailOf("liu-haitao"));
    }

    [Fact]
    public async Task AuditBureauHead_IsApprovedByTheDistrictHeadAlone_Art9And75()
    {
        var id = await SubmitLeaveAsync("he-jing", actingPersonId: "shen-tao");
        Assert.Equal(["lin-jianguo"], (await LeaveAsync(id)).ApproverIds);
    }

    [Fact]
    public async Task DistrictHeadsTravel_IsRecordedWithoutApproval_AndTheExecutiveDeputyActs_Art4()
    {
        var id = await SubmitLeaveAsync("lin-jianguo");
        await Pump.RunAsync();

        var leave = await LeaveAsync(id);
        Assert.Equal(LeaveStatus.Approved, leave.Status);
        Assert.Empty(leave.ApproverIds);
        Assert.Null(leave.ApprovalId);
        Assert.Equal("zhou-minghua", leave.ActingPersonId);
        Assert.Contains("常务副区长主持", Assert.Single(Mail.To(Office)).Text);
        Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【通报】"));

        var away = await AwayOnAsync("2026-12-02");
        var entry = Assert.Single(away.GetProperty("away").EnumerateArray());
        Assert.Equal("lin-jianguo", entry.GetProperty("personId").GetString());
        Assert.Equal("zhou-minghua", entry.GetProperty("actingPersonId").GetString());
    }

    [Fact]
    public async Task Staff_OutsideArticles74And75_AreRefusedWith422()
    {
        var e = await Assert.ThrowsAsync<RuleViolationException>(() => Function<LeaveFunctions>().SubmitLeave(
            Http.Request("POST", "leave-requests", EmailOf("bai-xue"), json: new { start = "2026-12-01T09:00:00+08:00", end = "2026-12-02T09:00:00+08:00", destination = "x", contact = "y" })));
        Assert.Contains("七十四", e.Article);
    }

    [Fact]
    public async Task InvalidApplication_Is400NamingEachField_AndWritesNothing()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() => Function<LeaveFunctions>().SubmitLeave(
            Http.Request("POST", "leave-requests", EmailOf("wu-jianping"), form: new Dictionary<string, string>
            {
                ["start"] = "2026-12-03T09:00", ["end"] = "2026-12-01T09:00", ["destination"] = "", ["contact"] = "",
            })));
        Assert.Equal(["actingPersonId", "contact", "destination", "end"], e.Errors.Keys.Order());
        Assert.Contains("结束时间必须晚于开始时间", e.Errors["end"][0]);
        Assert.Empty(await Leave.Store.InPartitionAsync("wu-jianping"));
        Assert.Equal(0, await Pump.RunAsync());
    }

    [Fact]
    public async Task OverlappingOwnRequest_IsRefused_ButAfterWithdrawalItIsAccepted()
    {
        var first = await SubmitLeaveAsync("chen-siyuan");
        var e = await Assert.ThrowsAsync<ValidationException>(() => SubmitLeaveAsync("chen-siyuan", start: "2026-12-02T09:00:00+08:00", end: "2026-12-05T09:00:00+08:00"));
        Assert.Contains(first, e.Errors["start"][0]);

        await Function<LeaveFunctions>().WithdrawLeave(Http.Request("POST", $"leave-requests/{first}/withdraw", EmailOf("chen-siyuan")), first);
        await SubmitLeaveAsync("chen-siyuan", start: "2026-12-02T09:00:00+08:00", end: "2026-12-05T09:00:00+08:00");
    }

    [Fact]
    public async Task TwoOverlappingRequestsAtOnce_OnlyOneIsAccepted()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            try { await SubmitLeaveAsync("chen-siyuan"); return true; }
            catch (Exception e) when (e is StateConflictException or ValidationException) { return false; }
        }));
        Assert.Equal(1, attempts.Count(ok => ok));
        Assert.Single(await Leave.Store.InPartitionAsync("chen-siyuan"));
    }

    [Fact]
    public async Task ActingPerson_WhoIsAwayThen_IsRefused_Art75()
    {
        await SubmitLeaveAsync("chen-siyuan"); // chen has a pending request for 12-01..12-03
        var e = await Assert.ThrowsAsync<ValidationException>(() => SubmitLeaveAsync("wu-jianping", actingPersonId: "chen-siyuan"));
        Assert.Contains("actingPersonId", e.Errors.Keys);
    }

    [Fact]
    public async Task Rejection_EndsTheChain_AndTheApplicantIsTold()
    {
        var id = await SubmitLeaveAsync("wu-jianping", actingPersonId: "ye-ming");
        await Pump.RunAsync();
        Assert.Equal(200, Http.StatusOf(await DecideAsync(await TokenForAsync(id, "chen-siyuan"), "reject", "时间冲突")));
        await Pump.RunAsync();

        Assert.Equal(LeaveStatus.Rejected, (await LeaveAsync(id)).Status);
        Assert.Empty(Mail.To(EmailOf("lin-jianguo")));
        Assert.Contains("时间冲突", Assert.Single(Mail.To(EmailOf("wu-jianping"))).Text);
        Assert.Empty(Mail.To(Office));
    }

    [Fact]
    public async Task WithdrawMidChain_KillsTheOpenTask_TellsTheApprover_AndItsLinkStopsWorking()
    {
        var id = await SubmitLeaveAsync("wu-jianping", actingPersonId: "ye-ming");
        await Pump.RunAsync();
        await ApproveAsync(id, "chen-siyuan");
        var token = await TokenForAsync(id, "lin-jianguo");

        var result = await Function<LeaveFunctions>().WithdrawLeave(Http.Request("POST", $"leave-requests/{id}/withdraw", EmailOf("wu-jianping")), id);
        Assert.Equal(200, Http.StatusOf(result));
        await Pump.RunAsync();

        Assert.Equal(LeaveStatus.Withdrawn, (await LeaveAsync(id)).Status);
        Assert.All((await ApprovalOfAsync(id)).Tasks.Where(t => t.Step == 1), t => Assert.Equal(ApprovalTaskStatus.Cancelled, t.Status));
        Assert.Single(Mail.To(EmailOf("lin-jianguo")), m => m.Subject.StartsWith("【已撤回】"));
        Assert.Equal(410, Http.StatusOf(await ShowAsync(token)));
        Assert.Equal(410, Http.StatusOf(await DecideAsync(token, "approve")));
        Assert.Equal(LeaveStatus.Withdrawn, (await LeaveAsync(id)).Status);
    }

    [Fact]
    public async Task Withdraw_AfterFinalApproval_Is409()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        await ApproveAsync(id, "lin-jianguo");
        await Assert.ThrowsAsync<StateConflictException>(() =>
            Function<LeaveFunctions>().WithdrawLeave(Http.Request("POST", $"leave-requests/{id}/withdraw", EmailOf("chen-siyuan")), id));
    }

    [Fact]
    public async Task Withdraw_BySomeoneElse_Is403()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Function<LeaveFunctions>().WithdrawLeave(Http.Request("POST", $"leave-requests/{id}/withdraw", EmailOf("wang-lijuan")), id));
    }

    [Fact]
    public async Task Withdraw_BeforeTheRouterRan_CreatesNoTaskAndSendsNoMail()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Function<LeaveFunctions>().WithdrawLeave(Http.Request("POST", $"leave-requests/{id}/withdraw", EmailOf("chen-siyuan")), id);
        await Pump.RunAsync();

        Assert.Equal(LeaveStatus.Withdrawn, (await LeaveAsync(id)).Status);
        Assert.Empty((await ApprovalOfAsync(id)).Tasks);
        Assert.Empty(Mail.To(EmailOf("lin-jianguo")));
    }

    [Fact]
    public async Task Return_ReportsBack_ToTheOfficeAndForLeadersTheDistrictHead_Art74()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        await ApproveAsync(id, "lin-jianguo");
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-12-02T12:00:00+08:00"));

        var result = await Function<LeaveFunctions>().ReturnFromLeave(
            Http.Request("POST", $"leave-requests/{id}/return", EmailOf("chen-siyuan"), json: new { note = "培训结束，提前返岗" }), id);
        Assert.Equal(200, Http.StatusOf(result));
        await Pump.RunAsync();

        Assert.Equal(LeaveStatus.Returned, (await LeaveAsync(id)).Status);
        var report = Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【销假】"));
        Assert.Contains(report.To, a => a.Address == Office);
        Assert.Contains(report.To, a => a.Address == EmailOf("lin-jianguo"));
        Assert.Contains("提前返岗", report.Text);
        Assert.Empty((await AwayOnAsync("2026-12-03")).GetProperty("away").EnumerateArray()); // away until the return only
        var lastDay = Assert.Single((await AwayOnAsync("2026-12-02")).GetProperty("away").EnumerateArray());
        Assert.Equal(DateTimeOffset.Parse("2026-12-02T12:00:00+08:00"), lastDay.GetProperty("end").GetDateTimeOffset());
    }

    [Fact]
    public async Task Return_OfAPendingRequest_Is409()
    {
        var id = await SubmitLeaveAsync("chen-siyuan");
        await Assert.ThrowsAsync<StateConflictException>(() =>
            Function<LeaveFunctions>().ReturnFromLeave(Http.Request("POST", $"leave-requests/{id}/return", EmailOf("chen-siyuan")), id));
    }

    [Fact]
    public async Task GetLeave_ShowsStatusHistoryAndTasks()
    {
        var id = await SubmitLeaveAsync("wu-jianping", actingPersonId: "ye-ming");
        await Pump.RunAsync();
        var result = await Function<LeaveFunctions>().GetLeave(Http.Request("GET", $"leave-requests/{id}", EmailOf("sun-huimin")), id);
        var json = JsonSerializer.SerializeToElement(((ObjectResult)result).Value, GovFunctions.Platform.Json.Options);
        Assert.Equal("pending", json.GetProperty("status").GetString());
        Assert.Equal("chen-siyuan", json.GetProperty("tasks")[0].GetProperty("approverId").GetString());
        Assert.Equal("pending", json.GetProperty("history")[0].GetProperty("toState").GetString());
    }

    [Fact]
    public async Task GetLeave_Unknown_Is404()
    {
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Function<LeaveFunctions>().GetLeave(Http.Request("GET", "leave-requests/nobody.x.y", EmailOf("sun-huimin")), "nobody.x.y"));
    }

    [Fact]
    public async Task Away_WithoutADate_Is400()
    {
        var e = await Assert.ThrowsAsync<ValidationException>(() =>
            Function<LeaveFunctions>().WhoIsAway(Http.Request("GET", "leave/away", EmailOf("sun-huimin"), query: "date=12/01/2026")));
        Assert.Contains("date", e.Errors.Keys);
    }

    [Fact]
    public async Task LeaveForm_IsAChineseFormPostingToTheRoute()
    {
        var result = (ContentResult)await Function<GovFunctions.Forms.FormFunctions>().LeaveForm(Http.Request("GET", "forms/leave", EmailOf("wu-jianping")));
        Assert.Equal("text/html; charset=utf-8", result.ContentType);
        Assert.Contains("lang=\"zh-CN\"", result.Content);
        Assert.Contains("/api/leave-requests", result.Content);
        foreach (var field in new[] { "start", "end", "destination", "contact", "reason", "actingPersonId" })
            Assert.Contains($"name=\"{field}\"", result.Content);
    }

    private async Task<JsonElement> AwayOnAsync(string date)
    {
        var result = await Function<LeaveFunctions>().WhoIsAway(Http.Request("GET", "leave/away", EmailOf("sun-huimin"), query: "date=" + date));
        return JsonSerializer.SerializeToElement(((ObjectResult)result).Value, GovFunctions.Platform.Json.Options);
    }
}

/// <summary>The 销假 reminders, on a clock that starts before the National Day week.</summary>
public class LeaveReturnReminderTests : AppTest
{
    private const string Office = "office@qinghe.example.org";

    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-09-20T10:00:00+08:00");

    [Fact]
    public async Task ReturnReminder_TheWorkingDayAfterTheEnd_ThenTheOfficeADayLater_AcrossAHoliday()
    {
        // Leave ends Wednesday 2026-09-30, before the National Day week: the working day after is Thursday 10-08,
        // one more working day is Friday 10-09.
        var id = await SubmitLeaveAsync("chen-siyuan", start: "2026-09-28T09:00:00+08:00", end: "2026-09-30T17:30:00+08:00");
        await Pump.RunAsync();
        await ApproveAsync(id, "lin-jianguo");
        var timer = Function<LeaveFunctions>();

        async Task<int> RunOn(string at)
        {
            App.Clock.SetUtcNow(DateTimeOffset.Parse(at));
            await timer.LeaveReturnReminders(null!, CancellationToken.None);
            return await Pump.RunAsync();
        }

        await RunOn("2026-10-05T09:00:00+08:00");
        Assert.DoesNotContain(Mail.Sent, m => m.Subject.StartsWith("【销假提醒】"));
        await RunOn("2026-10-08T09:00:00+08:00");
        Assert.Single(Mail.To(EmailOf("chen-siyuan")), m => m.Subject.StartsWith("【销假提醒】"));
        Assert.DoesNotContain(Mail.Sent, m => m.Subject.StartsWith("【逾期未销假】"));
        await RunOn("2026-10-08T15:00:00+08:00"); // the same day again: nothing twice
        Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【销假提醒】"));
        await RunOn("2026-10-09T09:00:00+08:00");
        Assert.Single(Mail.To(Office), m => m.Subject.StartsWith("【逾期未销假】"));
        await RunOn("2026-10-12T09:00:00+08:00");
        Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【逾期未销假】"));
    }
}
