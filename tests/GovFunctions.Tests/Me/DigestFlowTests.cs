using System.Text.RegularExpressions;
using GovFunctions.Approvals;
using GovFunctions.Me;
using GovFunctions.Organization;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Me;

/// <summary>
/// The daily digest (每日待办) against Azurite and MailDev: once per person and day whether the timer fires twice, runs on two
/// instances at once or fails between rendering and sending; nothing waiting, no mail; a holiday none, a 调休 Saturday one; the
/// day's reminders (催办) folded into it while the office's escalation still goes; a real mail whose link decides the task.
/// </summary>
public class DigestFlowTests : AppTest
{
    private const string Subject = "【每日待办】";

    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-24T10:00:00+08:00");

    private void At(string local) => App.Clock.Advance(DateTimeOffset.Parse(local + "+08:00") - App.Clock.GetUtcNow());

    private DigestSender Digest => App.Get<DigestSender>();

    private IReadOnlyList<GovFunctions.Platform.Mail.OutgoingMail> DigestsTo(string personId) =>
        Mail.To(EmailOf(personId)).Where(m => m.Subject.StartsWith(Subject)).ToList();

    /// <summary>A deputy's leave request: its first task waits for the district head.</summary>
    private async Task<string> WaitingForTheHeadAsync()
    {
        var leave = await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        return leave;
    }

    [Fact]
    public async Task FiredTwiceOnTwoInstancesAtOnce_ThenAgain_EachPersonGetsOneDigest()
    {
        await WaitingForTheHeadAsync();
        At("2026-11-25T08:30");
        var runs = await Task.WhenAll(Digest.RunAsync(), Digest.RunAsync());
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await Digest.RunAsync());
        var digest = Assert.Single(DigestsTo("lin-jianguo"));
        Assert.Equal("【每日待办】2026年11月25日：1 项事项等待您处理", digest.Subject);
        Assert.Contains("请假", digest.Html);
        Assert.Contains("已等待 1 个工作日", digest.Text);
        Assert.Single(Mail.Sent, m => m.Subject.StartsWith(Subject)); // nobody else has anything waiting: nothing for them
    }

    [Fact]
    public async Task ARunThatFailsAfterRendering_IsSentByTheNextRun()
    {
        await WaitingForTheHeadAsync();
        At("2026-11-25T08:30");
        Mail.FailNext = 1;
        await Assert.ThrowsAsync<IOException>(() => Digest.RunAsync());
        Assert.Empty(DigestsTo("lin-jianguo"));
        At("2026-11-25T08:45");
        Assert.Equal(1, await Digest.RunAsync());
        Assert.Single(DigestsTo("lin-jianguo"));
    }

    [Fact]
    public async Task BeforeItsTime_OrWithNothingWaiting_NoDigestGoes()
    {
        At("2026-11-25T08:30");
        Assert.Equal(0, await Digest.RunAsync()); // nothing waits for anyone
        await WaitingForTheHeadAsync();
        At("2026-11-26T08:15");
        Assert.Equal(0, await Digest.RunAsync()); // 08:15: not yet
        Assert.DoesNotContain(Mail.Sent, m => m.Subject.StartsWith(Subject));
    }

    [Fact]
    public async Task TheDaysReminders_AreFoldedIntoTheDigest_WhileTheOfficeIsStillToldAfterThree()
    {
        var leave = await WaitingForTheHeadAsync();
        foreach (var day in new[] { "2026-11-25", "2026-11-26", "2026-11-27" })
        {
            At(day + "T08:30");
            Assert.Equal(1, await Digest.RunAsync());
            At(day + "T10:30");
            Assert.Equal(1, await App.Get<TaskReminders>().RemindAsync());
            await Pump.RunAsync();
        }
        Assert.Equal(3, DigestsTo("lin-jianguo").Count);
        Assert.DoesNotContain(Mail.To(EmailOf("lin-jianguo")), m => m.Subject.StartsWith("【催办】"));
        var task = (await ApprovalOfAsync(leave)).Tasks.Single(t => t.IsOpen);
        Assert.Equal(3, task.Reminders); // each reminder still recorded (and the link's life renewed)
        Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【审批超时】")); // the escalation to the office is never folded
        Assert.Contains("已催办 2 次", DigestsTo("lin-jianguo")[^1].Text);
    }

    [Fact]
    public async Task ASupervisedItemsAcknowledgeReminder_IsFoldedIntoTheOwnersDigest_第三十条()
    {
        var registered = await Function<GovFunctions.Supervision.SupervisionFunctions>().RegisterSupervisedItem(Http.Request("POST",
            "supervision/items", EmailOf(Intakes.OfficeClerk), json: Intakes.Of("RegisterSupervisedItem").Valid(App.Clock.GetUtcNow())));
        var id = Http.IdOf(registered);
        await Pump.RunAsync();
        At("2026-11-26T08:30");
        Assert.Equal(1, await Digest.RunAsync());
        Assert.Contains("督办事项待签收", Assert.Single(DigestsTo("wu-jianping")).Html);
        At("2026-11-26T09:30");
        await App.Get<GovFunctions.Supervision.SupervisionWarnings>().RunAsync();
        await Pump.RunAsync();
        Assert.DoesNotContain(Mail.To(EmailOf("wu-jianping")), m => m.Subject.StartsWith("【签收提醒】"));
        var item = (await App.Get<GovFunctions.Supervision.SupervisionService>().GetAsync(id)).Value;
        // recorded on the item, only not mailed
        Assert.Contains(item.Warnings, w => w.Stage == GovFunctions.Supervision.WarningStage.AcknowledgeReminder);
    }

    [Fact]
    public async Task SomeoneWhoTurnedTheDigestOff_GetsNoDigest_AndTheirRemindersAsBefore()
    {
        await WaitingForTheHeadAsync();
        var head = (await App.Get<OrganizationStore>().OrganizationAsync()).Person("lin-jianguo");
        await App.Get<PreferenceStore>().SetAsync(head, await App.Get<OrganizationStore>().OrganizationAsync(), false, null);
        At("2026-11-25T08:30");
        Assert.Equal(0, await Digest.RunAsync());
        At("2026-11-25T10:30");
        await App.Get<TaskReminders>().RemindAsync();
        await Pump.RunAsync();
        Assert.Empty(DigestsTo("lin-jianguo"));
        Assert.Single(Mail.To(EmailOf("lin-jianguo")), m => m.Subject.StartsWith("【催办】"));
    }

    [Fact]
    public async Task ARealDigest_ReadBackFromMailDev_CarriesTheTasksOwnLink_WhichDecidesIt()
    {
        var leave = await WaitingForTheHeadAsync();
        var approvalId = (await LeaveAsync(leave)).ApprovalId!;
        At("2026-11-25T08:30");
        await Digest.RunAsync();
        var received = (await MailDevInbox.WaitForAsync(e => e.IsTo(EmailOf("lin-jianguo")) && e.Subject.StartsWith(Subject)
            && e.Html!.Contains(approvalId))).First();
        var token = Regex.Match(received.Html!, @"/api/approvals/([A-Za-z0-9_.\-]+)").Groups[1].Value;
        Assert.Equal(await TokenForAsync(leave, "lin-jianguo"), token); // the same signed link the task's own email carries
        Assert.Contains("2026年11月25日", received.Subject);
        Assert.Contains("lang=\"zh-CN\"", received.Html);
        Assert.Contains(token, received.Text);

        Assert.Equal(200, Http.StatusOf(await DecideAsync(token, "approve")));
        await Pump.RunAsync();
        Assert.DoesNotContain((await ApprovalOfAsync(leave)).Tasks, t => t.IsOpen && t.ApproverId == "lin-jianguo");
        Assert.Equal(409, Http.StatusOf(await DecideAsync(token, "approve"))); // single-use
    }
}

/// <summary>The digest keeps the working-day calendar: none on a holiday (国庆), one on a 调休 working Saturday.</summary>
public class DigestHolidayTests : AppTest
{
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-09-30T10:00:00+08:00");

    [Fact]
    public async Task OnAHoliday_NoDigest_OnAnAdjustedWorkingSaturday_One()
    {
        await SubmitLeaveAsync("chen-siyuan");
        await Pump.RunAsync();
        var digest = App.Get<DigestSender>();
        App.Clock.Advance(DateTimeOffset.Parse("2026-10-01T08:30:00+08:00") - App.Clock.GetUtcNow());
        Assert.Equal(0, await digest.RunAsync());
        App.Clock.Advance(DateTimeOffset.Parse("2026-10-10T08:30:00+08:00") - App.Clock.GetUtcNow()); // 国庆节调休上班
        Assert.Equal(1, await digest.RunAsync());
        App.Clock.Advance(DateTimeOffset.Parse("2026-10-11T08:30:00+08:00") - App.Clock.GetUtcNow()); // an ordinary Sunday
        Assert.Equal(0, await digest.RunAsync());
        var sent = Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【每日待办】"));
        Assert.Contains("2026年10月10日", sent.Subject);
        Assert.Contains("已等待 3 个工作日", sent.Text); // Sep 30 → Oct 10: Oct 8, 9 and the Saturday; the holiday week counts nothing
    }
}
