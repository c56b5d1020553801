using GovFunctions.Legal;

namespace GovFunctions.Tests.Legal;

/// <summary>The defence clock (Art. 24) across the autumn holidays of 2026 (中秋 09-25..27, 国庆 10-01..07; 09-20 worked).</summary>
public class DefenceClockTests : CaseRoutesTest
{
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-09-18T11:00:00+08:00");

    [Fact]
    public async Task TheDefenceDueInTheNationalHoliday_MovesToTheNextWorkingDay_AndEachReminderIsSentOnce_OnWorkingDays()
    {
        var created = await OkAsync("RegisterLegalCase", LegalClerk, new
        {
            kind = "litigation", summary = "某物业公司诉区政府行政处罚案", participantDepartmentIds = Array.Empty<string>(),
            servedAt = "2026-09-18T10:00:00+08:00",
        }, status: 201);
        // 15 days after service is Oct 3, inside 国庆: the period ends on Oct 8, the first working day after it.
        Assert.Equal(DateTimeOffset.Parse("2026-10-08T17:30:00+08:00"), created.GetProperty("defenceDueAt").GetDateTimeOffset());

        var cases = App.Get<LegalCaseService>();
        var sentOn = new List<string>();
        for (var day = new DateOnly(2026, 9, 19); day <= new DateOnly(2026, 10, 9); day = day.AddDays(1))
            foreach (var hour in new[] { "09:00", "15:00" }) // the timer fired twice a day: nothing twice
            {
                App.Clock.SetUtcNow(DateTimeOffset.Parse($"{day:yyyy-MM-dd}T{hour}:00+08:00"));
                if (await cases.RemindDefencesAsync() > 0) sentOn.Add($"{day:MM-dd} {hour}");
                await Pump.RunAsync();
            }

        // Five working days before Oct 8: Sep 23 (23, 24, 28, 29, 30, then Oct 8); two: Sep 29 — not Oct 3 and Oct 6, holidays.
        Assert.Equal(["09-23 09:00", "09-29 09:00"], sentOn);
        var mails = Mail.To(EmailOf(LegalHead)).Where(m => m.Subject.StartsWith("【答辩期限提醒】")).ToList();
        Assert.Equal(2, mails.Count);
        Assert.All(mails, m => Assert.Contains("2026年10月8日", m.Text));
    }
}
