using GovFunctions.Leave;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Leave;

/// <summary>Leave on the transition pipeline: a submission overtaken re-validates and commits; the timer's mail goes once.</summary>
public class LeavePipelineTests : AppTest
{
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-09-20T10:00:00+08:00");

    [Fact]
    public async Task RequestsOfOnePersonThatDoNotOverlap_SubmittedAtOnce_AreAllAccepted()
    {
        // Each commit moves the applicant's guard row, so all but the first conflict; the retry reads again, re-validates
        // (no overlap) and commits.
        var days = new[] { "2026-12-01", "2026-12-08", "2026-12-15", "2026-12-22" };

        var ids = await Task.WhenAll(days.Select(d => Task.Run(() =>
            SubmitLeaveAsync("chen-siyuan", start: $"{d}T09:00:00+08:00", end: $"{d}T17:30:00+08:00"))));

        Assert.Equal(days.Length, ids.Distinct().Count());
        Assert.Equal(days.Length, (await Leave.Store.InPartitionAsync("chen-siyuan")).Count);
    }

    [Fact]
    public async Task TheReturnTimer_OnTwoInstancesAtOnce_RemindsOnce_WithTheMailCommittedWithTheRecord()
    {
        var id = await SubmitLeaveAsync("chen-siyuan", start: "2026-09-28T09:00:00+08:00", end: "2026-09-30T17:30:00+08:00");
        await Pump.RunAsync();
        await ApproveAsync(id, "lin-jianguo");
        await Pump.RunAsync();
        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-10-08T09:00:00+08:00")); // the working day after the National Day week
        var reminders = App.Get<LeaveReturnReminders>();

        var counts = await Task.WhenAll(Task.Run(() => reminders.RunAsync()), Task.Run(() => reminders.RunAsync()));

        Assert.Equal(1, counts.Sum());
        Assert.Equal(0, await reminders.RunAsync());
        var reminder = QueueEnvelope.Parse(await Pump.TakeAsync(Queues.Notifications, LeaveNotices.ReturnReminder));
        Assert.Equal($"leave|{id}|{LeaveNotices.ReturnReminder}", reminder.Subject); // the outbox's message, keyed once per leave
        await Pump.Handle(Queues.Notifications, reminder.Serialize());
        await Pump.RunAsync();
        Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【销假提醒】"));
        Assert.Single(await Leave.HistoryAsync(id), h => h.Reason == "提醒销假");
    }
}
