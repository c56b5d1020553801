using GovFunctions.Common;
using GovFunctions.Organization;
using GovFunctions.Reports;

namespace GovFunctions.Domain.Tests;

/// <summary>When the weekly and monthly reports go out on the working-day clock, and to whom with which scope.</summary>
public class ReportScheduleTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static DateTimeOffset At(string local) => DateTimeOffset.Parse(local + "+08:00");

    [Theory]
    [InlineData("2026-11-23", "2026-11-30T08:30")] // an ordinary Monday
    [InlineData("2026-09-28", "2026-10-08T08:30")] // Monday Oct 5 is in 国庆: the first working day after it
    [InlineData("2026-02-09", "2026-02-24T08:30")] // Monday Feb 16 is in 春节
    public void TheWeeklyReport_GoesOnMondayAt0830_OrTheFirstWorkingDayAfter(string monday, string sendAt) =>
        Assert.Equal(At(sendAt), ReportSchedule.SendAt(ReportPeriod.Week(DateOnly.Parse(monday)), Seeds.Calendar()));

    [Theory]
    [InlineData("2026-11-01", "2026-12-01T09:00")]
    [InlineData("2026-09-01", "2026-10-08T09:00")] // October begins with 国庆
    [InlineData("2025-12-01", "2026-01-04T09:00")] // Jan 1–3 are holidays, Sunday Jan 4 is a 调休 workday
    public void TheMonthlyReport_GoesAt0900OnTheFirstWorkingDay(string first, string sendAt) =>
        Assert.Equal(At(sendAt), ReportSchedule.SendAt(ReportPeriod.Month(DateOnly.Parse(first)), Seeds.Calendar()));

    [Theory]
    [InlineData("2026-11-30T08:29", "2026-W47")]
    [InlineData("2026-11-30T08:30", "2026-W48")]
    [InlineData("2026-10-07T20:00", "2026-W39")] // the report of Sep 28–Oct 4 waits for Oct 8
    public void TheDuePeriod_IsTheLastCompleteOneWhoseTimeHasCome(string now, string period) =>
        Assert.Equal(period, ReportSchedule.Due(ReportKind.Weekly, At(now), Seeds.Calendar())!.Name);

    [Fact]
    public void Periods_ParseAndName()
    {
        var w48 = ReportPeriod.Parse(ReportKind.Weekly, "2026-W48");
        Assert.Equal((new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29), "2026-W48"), (w48.First, w48.Last, w48.Name));
        Assert.Equal("2026-W47", w48.Previous.Name);
        Assert.Equal("2026-10", ReportPeriod.Parse(ReportKind.Monthly, "2026-11").Previous.Name);
        Assert.Equal("2025-W52", ReportPeriod.Week(new DateOnly(2025, 12, 28)).Name); // ISO: Jan 1, 2026 is in 2026-W01
        foreach (var bad in new[] { "2026-W54", "2026-48", "2026-13", "", "9999-W01" })
            Assert.Contains("period", Assert.Throws<ValidationException>(() => ReportPeriod.Parse(bad.Contains('W') ? ReportKind.Weekly : ReportKind.Monthly, bad)).Errors.Keys);
    }

    [Fact]
    public void Recipients_AreTheLeadersAndDepartmentHeads_EachWithTheirScope()
    {
        var recipients = ReportSchedule.Recipients(Org).ToDictionary(r => r.Recipient.Id, r => r.Scope);
        Assert.Equal(7 + 16, recipients.Count); // 6 leaders and the office director; the heads of the other 16 departments
        Assert.True(recipients["lin-jianguo"].WholeDistrict);
        Assert.True(recipients["sun-huimin"].WholeDistrict);
        Assert.Equal(["education", "health", "civil-affairs", "human-resources"], recipients["chen-siyuan"].DepartmentIds);
        Assert.Equal(["housing"], recipients["gao-feng"].DepartmentIds);
        Assert.DoesNotContain("cao-xiaowen", recipients.Keys);
    }

    [Fact]
    public void ADeputyReadsTheirPortfolioAndItsDepartments_NeverAnotherPortfolio()
    {
        var deputy = Org.Person("chen-siyuan");
        Assert.True(ReportSchedule.MayRead(deputy, ReportScope.Department("education"), Org));
        Assert.False(ReportSchedule.MayRead(deputy, ReportScope.Department("housing"), Org));
        Assert.False(ReportSchedule.MayRead(deputy, ReportScope.District(Org), Org));
        Assert.False(ReportSchedule.MayRead(deputy, ReportScope.Portfolio(Org.Person("wang-lijuan")), Org));
        Assert.True(ReportSchedule.MayRead(Org.Person("sun-huimin"), ReportScope.Portfolio(Org.Person("wang-lijuan")), Org));
        Assert.Throws<AccessDeniedException>(() => ReportSchedule.ScopeOf(Org.Person("cao-xiaowen"), Org));
    }
}
