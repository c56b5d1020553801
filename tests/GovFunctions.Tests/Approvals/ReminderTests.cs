using GovFunctions.Approvals;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Approvals;

/// <summary>Reminders (催办) on the working-day clock, across the National Day week, with a fake clock.</summary>
public class ReminderTests : AppTest
{
    // Wednesday 30 September 2026, 10:00: the next working day is Thursday 8 October (国庆 1–7 October).
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-09-30T10:00:00+08:00");

    private async Task<int> RunAt(string at)
    {
        App.Clock.SetUtcNow(DateTimeOffset.Parse(at));
        var sent = await App.Get<TaskReminders>().RemindAsync();
        await Pump.RunAsync();
        return sent;
    }

    private IEnumerable<GovFunctions.Platform.Mail.OutgoingMail> Reminders => Mail.To(EmailOf("lin-jianguo")).Where(m => m.Subject.StartsWith("【催办】"));

    [Fact]
    public async Task OneReminderPerWorkingDay_NoneOverTheHoliday_ThenTheOfficeIsTold()
    {
        var id = await SubmitLeaveAsync("chen-siyuan", start: "2026-10-12T09:00:00+08:00", end: "2026-10-14T17:30:00+08:00");
        await Pump.RunAsync();

        Assert.Equal(0, await RunAt("2026-10-01T10:30:00+08:00")); // holiday
        Assert.Equal(0, await RunAt("2026-10-07T10:30:00+08:00")); // still the holiday
        Assert.Equal(0, await RunAt("2026-10-08T09:30:00+08:00")); // first working day, but not yet a full working day
        Assert.Equal(1, await RunAt("2026-10-08T10:00:00+08:00"));
        Assert.Equal(200, Http.StatusOf(await ShowAsync(await TokenForAsync(id, "lin-jianguo")))); // 8 days old, renewed by the reminder
        Assert.Equal(0, await RunAt("2026-10-08T16:00:00+08:00")); // one per interval
        Assert.Equal(1, await RunAt("2026-10-09T10:00:00+08:00"));
        Assert.Equal(0, await RunAt("2026-10-09T20:00:00+08:00")); // out of office hours
        Assert.Equal(1, await RunAt("2026-10-10T10:00:00+08:00")); // Saturday made a workday (调休)

        Assert.Equal(3, Reminders.Count());
        var alert = Assert.Single(Mail.To("office@qinghe.example.org"), m => m.Subject.StartsWith("【审批超时】"));
        Assert.Contains("3 次", alert.Text);
        Assert.Equal(0, await RunAt("2026-10-11T10:00:00+08:00")); // an ordinary Sunday
        Assert.Equal(1, await RunAt("2026-10-12T10:00:00+08:00"));
        Assert.Single(Mail.To("office@qinghe.example.org"), m => m.Subject.StartsWith("【审批超时】")); // told once
        Assert.Equal(4, Assert.Single((await ApprovalOfAsync(id)).Tasks).Reminders);
    }

    [Fact]
    public async Task ADecidedTask_IsNotReminded_AndLeavesTheIndex()
    {
        var id = await SubmitLeaveAsync("chen-siyuan", start: "2026-10-12T09:00:00+08:00", end: "2026-10-14T17:30:00+08:00");
        await Pump.RunAsync();
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-10-06T09:00:00+08:00")); // answered from home during the holiday
        await ApproveAsync(id, "lin-jianguo");

        Assert.Equal(0, await RunAt("2026-10-08T10:00:00+08:00"));
        Assert.Equal(0, await RunAt("2026-10-09T10:00:00+08:00"));
        Assert.Empty(Reminders);
        var index = await App.Storage.TableAsync(Tables.PendingTasks);
        Assert.Empty(index.Query<Azure.Data.Tables.TableEntity>());
    }
}
