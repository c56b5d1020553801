using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Me;
using GovFunctions.Organization;
using GovFunctions.Supervision;
using GovFunctions.Tests.Reports;

namespace GovFunctions.Tests.Me;

/// <summary>The rules of what waits for whom (no Azure): supervised items (第三十条), the age, the order, the preferences.</summary>
public class WaitingRulesTests
{
    private static readonly WorkingCalendar Calendar = new([new CalendarDay(new DateOnly(2026, 10, 1), DayKind.Holiday, "国庆节"),
        new CalendarDay(new DateOnly(2026, 10, 10), DayKind.AdjustedWorkday, "国庆节调休上班")]);

    private static readonly DateTimeOffset Registered = DateTimeOffset.Parse("2026-11-02T10:00:00+08:00"); // a Monday

    private static SupervisedItem Item(SupervisionStatus status) => new("education.1", "扩容", SupervisionSource.Proposal, null,
        "education", ["housing"], "chen-siyuan", new DateOnly(2026, 12, 30), ProgressCadence.Weekly, null, "bai-xue", Registered, status);

    [Fact]
    public void AnAssignedItem_WaitsForItsOwnerToAcknowledge_Only()
    {
        var waits = WaitingRules.ForItem(Item(SupervisionStatus.Assigned), Registered.AddDays(1), Calendar).ToList();
        Assert.Equal([("education", WaitingKind.Acknowledge, Registered)], waits);
    }

    [Fact]
    public void AnItemInProgress_WaitsForEachDepartmentsReport_WhenItsCadenceComes()
    {
        var item = Item(SupervisionStatus.InProgress) with
        {
            Progress = [new ProgressReport(DateTimeOffset.Parse("2026-11-06T10:00:00+08:00"), "education", "wu-jianping", "进展", 20, false)],
        };
        // Monday Nov 9: housing (never reported) is due since Nov 9 (5 working days after Nov 2); education's next is Nov 13.
        var monday = WaitingRules.ForItem(item, DateTimeOffset.Parse("2026-11-09T09:00:00+08:00"), Calendar).ToList();
        Assert.Equal([("housing", WaitingKind.Report, DateTimeOffset.Parse("2026-11-09T00:00:00+08:00"))], monday);
        var friday = WaitingRules.ForItem(item, DateTimeOffset.Parse("2026-11-13T09:00:00+08:00"), Calendar).Select(w => w.DepartmentId);
        Assert.Equal(["education", "housing"], friday);
    }

    [Fact]
    public void ACompletedItem_WaitsForNobody()
    {
        Assert.Empty(WaitingRules.ForItem(Item(SupervisionStatus.Completed), Registered.AddDays(30), Calendar));
        Assert.Empty(WaitingRules.ForItem(Item(SupervisionStatus.Closed), Registered.AddDays(30), Calendar));
    }

    [Fact]
    public void TheAge_CountsWorkingDaysOnly_AndTheListIsOldestFirst()
    {
        var since = DateTimeOffset.Parse("2026-09-30T16:00:00+08:00");
        // Oct 2, 5–9, the 调休 Saturday Oct 10 and Oct 12: 8; the holiday and the Sundays count nothing
        Assert.Equal(8, WaitingRules.AgeInWorkingDays(since, DateTimeOffset.Parse("2026-10-12T08:30:00+08:00"), Calendar));
        Assert.Equal(0, WaitingRules.AgeInWorkingDays(since, since.AddHours(1), Calendar));
        WaitingItem At(string id, string when) => new(WaitingKind.Approval, id, id, "p", null, DateTimeOffset.Parse(when), "l");
        var ordered = WaitingRules.Ordered([At("b", "2026-11-03T09:00:00+08:00"), At("a", "2026-11-02T09:00:00+08:00"),
            At("c", "2026-11-03T09:00:00+08:00")]);
        Assert.Equal(["a", "b", "c"], ordered.Select(i => i.RecordId));
    }

    [Fact]
    public void Preferences_NothingAsked_Is400NamingDigest_AndTheOfficeDirectorKeepsEscalations_第三十条()
    {
        var org = OrganizationSeed.Build(ChartFontTests.Seed);
        var director = org.OfficeDirector;
        var empty = Assert.Throws<ValidationException>(() => Preferences.Default(director.Id, true).Set(director, org, null, null));
        Assert.Contains(Preferences.DigestField, empty.Errors.Keys);
        var refused = Assert.Throws<RuleViolationException>(() => Preferences.Default(director.Id, true).Set(director, org, false, false));
        Assert.Equal(("officeDirectorEscalations", Preferences.Art30), (refused.Gate, refused.Article));
        var head = org.Person("gao-feng");
        var folded = Preferences.Default(head.Id, true).Set(head, org, null, false);
        Assert.Equal((true, false), (folded.Next.Digest, folded.Next.Escalations));
        Assert.Equal("接收每日待办；升级提醒并入每日待办", folded.Reason);
    }
}
