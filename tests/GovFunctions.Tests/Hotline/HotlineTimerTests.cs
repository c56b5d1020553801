using GovFunctions.Hotline;
using GovFunctions.Organization;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Hotline;

/// <summary>Overdue reminders, the accountability list (Art. 32) and the leaders' roster reminders (Art. 37), on a fake clock.</summary>
public class HotlineTimerTests : AppTest
{
    // Tuesday 24 November 2026, 09:00 in Beijing.
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-11-24T09:00:00+08:00");

    private HotlineService Hotline => App.Get<HotlineService>();

    private async Task<string> AssignConsultationAsync()
    {
        var result = await Function<HotlineFunctions>().RecordCall(Http.Request("POST", "hotline/calls", EmailOf("deng-jia"), json: new
        {
            callerName = "李女士", callerPhone = "13900001234", receivedAt = App.Clock.GetUtcNow(), category = "consultation",
            content = "咨询老旧小区加装电梯补贴政策。", location = "东湖小区", disposition = "assign", departmentId = "housing",
        }));
        await Pump.RunAsync();
        return Http.IdOf(result);
    }

    private async Task<int> RunOverdueAt(string at)
    {
        App.Clock.SetUtcNow(DateTimeOffset.Parse(at));
        var acted = await Hotline.ChaseOverdueAsync();
        await Pump.RunAsync();
        return acted;
    }

    [Fact]
    public async Task Overdue_TheDayAfterTheDeadline_RemindsTheDepartmentCopyingItsLeader_ThenTheAccountabilityList()
    {
        var id = await AssignConsultationAsync();
        var call = (await Hotline.GetAsync(id)).Value;
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T17:30:00+08:00"), call.DueAt); // consultation: 3 working days

        Assert.Equal(0, await RunOverdueAt("2026-11-27T18:00:00+08:00")); // past the deadline, but not the next working day
        Assert.Equal(0, await RunOverdueAt("2026-11-28T09:00:00+08:00")); // Saturday
        Assert.Equal(1, await RunOverdueAt("2026-11-30T09:00:00+08:00")); // Monday, the working day after
        var reminder = Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【逾期催办】"));
        Assert.Contains(reminder.To, a => a.Address == EmailOf("gao-feng"));
        Assert.Contains(reminder.Cc, a => a.Address == EmailOf("wang-lijuan"));
        Assert.Contains("139****1234", reminder.Text);
        Assert.DoesNotContain("13900001234", reminder.Text + reminder.Html);

        Assert.Equal(0, await RunOverdueAt("2026-12-01T09:00:00+08:00")); // once
        Assert.Equal(0, await RunOverdueAt("2026-12-04T09:00:00+08:00")); // four working days after the reminder
        Assert.Equal(1, await RunOverdueAt("2026-12-07T09:00:00+08:00")); // five
        var listed = Assert.Single(Mail.Sent, m => m.Subject.StartsWith("【问责清单】"));
        Assert.Contains(listed.To, a => a.Address == "office@qinghe.example.org");
        var row = Assert.Single(await Hotline.AccountabilityListAsync(2026, 12));
        Assert.Equal(id, row.GetString("SubjectId"));
        Assert.Equal(1, (await Hotline.MonthFiguresAsync(2026, 11)).Accountable);
        Assert.Equal(0, await RunOverdueAt("2026-12-08T09:00:00+08:00"));
    }

    [Fact]
    public async Task ARepliedCall_IsNeverChased()
    {
        var id = await AssignConsultationAsync();
        await Function<GovFunctions.Approvals.ApprovalFunctions>().DecideApproval(Http.Request("POST", "x", form: new Dictionary<string, string>
        {
            ["action"] = "answer", ["answer"] = "已电话告知补贴标准。",
        }), await TokenAsync(id));
        await Pump.RunAsync();
        Assert.Equal(0, await RunOverdueAt("2026-12-07T09:00:00+08:00"));
        Assert.DoesNotContain(Mail.Sent, m => m.Subject.StartsWith("【逾期催办】"));
    }

    [Fact]
    public async Task RosterReminder_GoesToTheLeaderOnShift_TheWorkingDayBefore_Once_Art37()
    {
        var org = await App.Get<OrganizationStore>().OrganizationAsync();
        var shift = org.HotlineRoster.ShiftsBetween(new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 25)).Single();

        Assert.Equal(1, await Hotline.RemindRosterAsync());
        Assert.Equal(1, await Hotline.RemindRosterAsync()); // the hourly timer again: the mail key keeps it to one email
        await Pump.RunAsync();

        var reminder = Assert.Single(Mail.Sent);
        Assert.Equal(EmailOf(shift.LeaderId), Assert.Single(reminder.To).Address);
        Assert.Contains("2026年11月25日", reminder.Text);

        App.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-25T09:00:00+08:00")); // the next working day is Thursday: no shift
        Assert.Equal(0, await Hotline.RemindRosterAsync());
    }

    private async Task<string> TokenAsync(string callId)
    {
        var approval = (await Engine.FindAsync((await Hotline.GetAsync(callId)).Value.ApprovalId!))!.Value;
        return App.Get<GovFunctions.Approvals.ApprovalLinks>().TokenFor(approval.Id, approval.Tasks.Single(t => t.IsOpen));
    }
}
