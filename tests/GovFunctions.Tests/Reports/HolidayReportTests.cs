using GovFunctions.Reports;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Reports;

/// <summary>The weekly timer on a holiday Monday: Monday Oct 5, 2026 is in 国庆; the week of Sep 28 goes out on Thursday Oct 8.</summary>
public class HolidayReportTests : AppTest
{
    protected override DateTimeOffset StartAt => DateTimeOffset.Parse("2026-10-05T08:30:00+08:00");

    [Fact]
    public async Task TheWeeklyReport_OfAWeekEndingBeforeAHolidayMonday_GoesOnTheFirstWorkingDay()
    {
        var sender = App.Get<ReportSender>();
        await sender.RunAsync(ReportKind.Weekly); // catches up the week of Sep 21 (sent Sep 28)
        Assert.DoesNotContain(Mail.Sent, m => m.Subject.Contains("9月28日至10月4日"));

        App.Clock.Advance(DateTimeOffset.Parse("2026-10-07T20:00:00+08:00") - App.Clock.GetUtcNow());
        await sender.RunAsync(ReportKind.Weekly);
        Assert.DoesNotContain(Mail.Sent, m => m.Subject.Contains("9月28日至10月4日"));

        App.Clock.Advance(DateTimeOffset.Parse("2026-10-08T08:30:00+08:00") - App.Clock.GetUtcNow());
        Assert.Equal(23, await sender.RunAsync(ReportKind.Weekly));
        Assert.Equal(23, Mail.Sent.Count(m => m.Subject.Contains("2026年9月28日至10月4日")));
    }
}
