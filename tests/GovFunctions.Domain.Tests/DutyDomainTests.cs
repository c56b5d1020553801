using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Duty;
using GovFunctions.Organization;

using static GovFunctions.Domain.Tests.SeedPeople;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// 24-hour duty with a leader on duty (Art. 76): what a duty log must hold, its instruction and carrying-out, who keeps the
/// log, and the seeded roster — officers change daily and the leader on duty weekly, at 08:30 China Standard Time.
/// </summary>
public class DutyDomainTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly DutyRoster Roster = Org.DutyRoster;

    /// <summary>Monday 30 November 2026, 10:00 in Beijing.</summary>
    private static readonly DateTimeOffset Now = T("2026-11-30T10:00:00+08:00");

    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s);

    // ---- Validate ------------------------------------------------------------------------------------------------------

    private static DutyLogIntake Intake(DutyLogKind? kind = DutyLogKind.Notice, string? source = "市政府办公厅",
        string? content = "明日起开展防汛安全大检查，请于12月2日前报送检查方案。", DateTimeOffset? receivedAt = null, bool noReceivedAt = false) =>
        new(kind, source, content, noReceivedAt ? null : receivedAt ?? Now.AddMinutes(-10));

    private static IReadOnlyDictionary<string, string[]> Errors(DutyLogIntake intake) =>
        Assert.Throws<ValidationException>(() => DutyLog.Validate(intake, Now)).Errors;

    private static void AssertOnlyError(DutyLogIntake intake, string field) =>
        Assert.Equal(new[] { field }, Errors(intake).Keys.ToArray());

    [Theory]
    [InlineData(DutyLogKind.Notice)]  // 上级机关的各种通知
    [InlineData(DutyLogKind.Report)]  // 下级机关上报的情况
    [InlineData(DutyLogKind.Other)]   // 其他向区政府通知的有关问题
    public void Validate_ACompleteLogOfEachKindOfArt76_Passes(DutyLogKind kind)
    {
        DutyLog.Validate(Intake(kind), Now);
        DutyLog.Validate(Intake(kind, receivedAt: Now.AddMinutes(5)), Now); // a clock slightly ahead
        DutyLog.Validate(Intake(kind, receivedAt: Now.AddDays(-6)), Now);    // recorded late, within 7 days
    }

    [Fact]
    public void Validate_KindMissing_NamesKind_Art76() =>
        AssertOnlyError(Intake(kind: null), "kind");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_SourceMissing_NamesSource_Art76(string? source) =>
        AssertOnlyError(Intake(source: source), "source");

    [Fact]
    public void Validate_SourceTooLong_NamesSource() =>
        AssertOnlyError(Intake(source: new string('单', 201)), "source");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Validate_ContentMissing_NamesContent_Art76(string? content) =>
        AssertOnlyError(Intake(content: content), "content");

    [Fact]
    public void Validate_ContentTooLong_NamesContent() =>
        AssertOnlyError(Intake(content: new string('文', 4001)), "content");

    [Fact]
    public void Validate_ReceivedAtMissing_NamesReceivedAt() =>
        AssertOnlyError(Intake(noReceivedAt: true), "receivedAt");

    [Fact]
    public void Validate_ReceivedAtInTheFuture_NamesReceivedAt()
    {
        AssertOnlyError(Intake(receivedAt: Now.AddMinutes(6)), "receivedAt");
        Assert.Contains("future", Errors(Intake(receivedAt: Now.AddHours(2)))["receivedAt"][0]);
    }

    [Fact]
    public void Validate_ReceivedAtMoreThanSevenDaysAgo_NamesReceivedAt()
    {
        AssertOnlyError(Intake(receivedAt: Now.AddDays(-8)), "receivedAt");
        Assert.Contains("7 days", Errors(Intake(receivedAt: Now.AddDays(-7).AddMinutes(-1)))["receivedAt"][0]);
    }

    [Fact]
    public void Validate_ReportsEveryMistakeAtOnce() =>
        Assert.Equal(new[] { "content", "kind", "receivedAt", "source" },
            Errors(new DutyLogIntake(null, " ", null, null)).Keys.Order().ToArray());

    // ---- instruction and carrying out (Art. 76: 按照领导指示意见办理) -------------------------------------------------

    private static DutyLog Log(DutyLogStatus status = DutyLogStatus.AwaitingInstruction) =>
        new("dl-20261130-01", DutyLogKind.Notice, "市政府办公厅", "防汛安全大检查", Now, "xiao-ya", "sun-huimin", "ap-duty-1", status);

    [Fact]
    public void Instructed_FromAwaitingInstruction_RecordsTheLeadersInstruction_Art76()
    {
        var at = Now.AddMinutes(30);
        var instructed = Log().Instructed("请应急局牵头，12月1日前报送方案", "sun-huimin", at).Next;

        Assert.Equal(DutyLogStatus.Instructed, instructed.Status);
        Assert.Equal("请应急局牵头，12月1日前报送方案", instructed.Instruction);
        Assert.Equal("sun-huimin", instructed.InstructedById);
        Assert.Equal(at, instructed.InstructedAt);
        Assert.Null(instructed.CarriedOutAt);
    }

    [Theory]
    [InlineData(DutyLogStatus.Instructed)]
    [InlineData(DutyLogStatus.CarriedOut)]
    public void Instructed_OnlyFromAwaitingInstruction_OtherwiseAStateConflict(DutyLogStatus status) =>
        Assert.Throws<StateConflictException>(() => Log(status).Instructed("再次批示", "sun-huimin", Now).Next);

    [Fact]
    public void Instructed_Twice_IsAStateConflict() =>
        Assert.Throws<StateConflictException>(() =>
            Log().Instructed("请办理", "sun-huimin", Now).Next.Instructed("改为…", "lin-jianguo", Now.AddHours(1)).Next);

    [Fact]
    public void CarriedOut_FromInstructed_RecordsWhoDidWhatAndWhen_Art76()
    {
        var at = Now.AddHours(5);
        var done = Log().Instructed("请办理", "sun-huimin", Now.AddMinutes(30)).Next.CarriedOut("xiao-ya", "已转应急局，方案已报送", at).Next;

        Assert.Equal(DutyLogStatus.CarriedOut, done.Status);
        Assert.Equal("xiao-ya", done.CarriedOutById);
        Assert.Equal("已转应急局，方案已报送", done.CarriedOutNote);
        Assert.Equal(at, done.CarriedOutAt);
        Assert.Equal("请办理", done.Instruction); // the instruction stays on record
    }

    [Theory]
    [InlineData(DutyLogStatus.AwaitingInstruction)]
    [InlineData(DutyLogStatus.CarriedOut)]
    public void CarriedOut_OnlyFromInstructed_OtherwiseAStateConflict(DutyLogStatus status) =>
        Assert.Throws<StateConflictException>(() => Log(status).CarriedOut("xiao-ya", "已办理", Now).Next);

    [Fact]
    public void Record_GoesToTheLeaderOnDutyAtItsTime_AskingForAWrittenInstruction_Art76()
    {
        var received = T("2026-11-30T08:29:00+08:00"); // a minute before the shift change: the ending shift's leader
        var shift = Roster.ShiftAt(received);

        var t = DutyLog.Record(Intake(receivedAt: received), Org.Person("zeng-qiang"), Org, "ap-duty-9", Now);

        Assert.Equal((DutyLogStatus.AwaitingInstruction, shift.LeaderId, "ap-duty-9"),
            (t.Next.Status, t.Next.LeaderOnDutyId, t.Next.ApprovalId));
        Assert.StartsWith(DutyLog.PartitionOf(shift) + "-", t.Next.Id);
        Assert.Equal($"登记并报告带班领导{Org.Person(shift.LeaderId).Name}", t.Reason);
        var ask = Assert.IsType<DutyLogRecorded>(Assert.Single(t.Events)).Instruction;
        Assert.Equal(("ap-duty-9", DutyLog.Feature, t.Next.Id, false), (ask.Id, ask.Feature, ask.SubjectId, ask.NotifyOutcome));
        var step = Assert.Single(ask.Steps);
        Assert.Equal((Approvals.ResponseKind.Reply, shift.LeaderId), (step.Response, Assert.Single(step.ApproverIds)));
        Assert.Equal("值班上级通知请批示：市政府办公厅", ask.Title);
    }

    [Fact]
    public void Record_ByAnyoneButDutyStaff_IsRefused_AndAnInvalidIntakeNamesItsField()
    {
        Assert.Throws<AccessDeniedException>(() => DutyLog.Record(Intake(), Org.Person("cao-xiaowen"), Org, "ap-1", Now));
        var e = Assert.Throws<ValidationException>(() => DutyLog.Record(Intake(source: ""), Org.Person("zeng-qiang"), Org, "ap-1", Now));
        Assert.Equal(["source"], e.Errors.Keys);
    }

    [Fact]
    public void Instructed_AndCarriedOut_RaiseTheirEvents_AndQuoteTheTextInTheHistory()
    {
        var instructed = Log().Instructed("请应急局牵头", "sun-huimin", Now);
        Assert.Equal("带班领导批示：请应急局牵头", instructed.Reason);
        Assert.Equal(new DutyLogInstructed("dl-20261130-01", "sun-huimin"), Assert.Single(instructed.Events));

        var done = instructed.Next.CarriedOut("xiao-ya", "已转应急局", Now.AddHours(1));
        Assert.Equal("按批示办理：已转应急局", done.Reason);
        Assert.Equal(new DutyLogCarriedOut("dl-20261130-01", "xiao-ya"), Assert.Single(done.Events));
    }

    [Theory]
    [InlineData(DutyLogStatus.AwaitingInstruction, "awaitingInstruction")]
    [InlineData(DutyLogStatus.Instructed, "instructed")]
    [InlineData(DutyLogStatus.CarriedOut, "carriedOut")]
    public void StateName_IsCamelCase(DutyLogStatus status, string name) =>
        Assert.Equal(name, DutyLog.StateName(status));

    // ---- MayKeepTheLog (Art. 76) ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData("zeng-qiang")]
    [InlineData("xiao-ya")]
    [InlineData("tian-ye")]
    [InlineData("dong-liang")]
    [InlineData("sun-huimin")] // the office director, who runs the duty system
    public void MayKeepTheLog_DutyOfficersAndTheOfficeDirector_May_Art76(string personId) =>
        Assert.True(DutyLog.MayKeepTheLog(Org.Person(personId)));

    [Theory]
    [InlineData(DistrictHead)]
    [InlineData(ExecutiveDeputy)]
    [InlineData(Deputy)]
    [InlineData("zhao-xiaofeng")]     // assistant head
    [InlineData(EducationHead)]
    [InlineData(EducationDeputyHead)]
    [InlineData("yang-fan")]          // deputy director of the office
    [InlineData("cao-xiaowen")]       // hotline operator
    [InlineData("bai-xue")]           // office staff
    public void MayKeepTheLog_EveryoneElse_MayNot_Art76(string personId) =>
        Assert.False(DutyLog.MayKeepTheLog(Org.Person(personId)));

    [Fact]
    public void MayKeepTheLog_HoldsForExactlyTheDutyOfficersAndTheOfficeDirector_Art76() =>
        Assert.All(Org.People, p => Assert.Equal(p.Role is Role.DutyOfficer or Role.OfficeDirector, DutyLog.MayKeepTheLog(p)));

    [Fact]
    public void EveryOfficerOnTheRoster_MayKeepTheLog_AndEveryLeaderOnDuty_IsADistrictLeader_Art76()
    {
        Assert.All(Roster.Officers, id => Assert.True(DutyLog.MayKeepTheLog(Org.Person(id))));
        Assert.All(Roster.Leaders, id => Assert.True(Org.Person(id).IsLeader));
    }

    // ---- DutyRoster.ShiftAt (Art. 76: 24小时值班，领导带班) --------------------------------------------------------------

    [Fact]
    public void Seed_ChangesShiftsAt0830_FromMonday5January2026()
    {
        Assert.Equal(new TimeOnly(8, 30), Roster.ShiftChange);
        Assert.Equal(new DateOnly(2026, 1, 5), Roster.FirstDate);
        Assert.Equal(DayOfWeek.Monday, Roster.FirstDate.DayOfWeek);
    }

    [Fact]
    public void ShiftAt_TheFirstShift_IsTheFirstOfficerAndTheFirstLeader()
    {
        var shift = Roster.ShiftAt(T("2026-01-05T08:30:00+08:00"));
        Assert.Equal("zeng-qiang", shift.OfficerId);
        Assert.Equal(ExecutiveDeputy, shift.LeaderId);
        Assert.Equal(T("2026-01-05T08:30:00+08:00"), shift.Start);
        Assert.Equal(T("2026-01-06T08:30:00+08:00"), shift.End);
        Assert.Equal(TimeSpan.FromHours(8), shift.Start.Offset);
    }

    [Theory]
    [InlineData("2026-01-06T08:29:59+08:00", "zeng-qiang", "2026-01-05T08:30:00+08:00")]
    [InlineData("2026-01-06T08:30:00+08:00", "xiao-ya", "2026-01-06T08:30:00+08:00")]
    [InlineData("2026-01-06T00:29:59Z", "zeng-qiang", "2026-01-05T08:30:00+08:00")] // 08:29:59 in Beijing
    [InlineData("2026-01-06T00:30:00Z", "xiao-ya", "2026-01-06T08:30:00+08:00")]    // 08:30 in Beijing
    [InlineData("2026-01-06T23:59:00+08:00", "xiao-ya", "2026-01-06T08:30:00+08:00")]
    [InlineData("2026-01-07T03:00:00+08:00", "xiao-ya", "2026-01-06T08:30:00+08:00")] // the night belongs to the day before
    [InlineData("2026-01-07T08:30:00+08:00", "tian-ye", "2026-01-07T08:30:00+08:00")]
    [InlineData("2026-01-08T08:30:00+08:00", "dong-liang", "2026-01-08T08:30:00+08:00")]
    [InlineData("2026-01-09T08:30:00+08:00", "zeng-qiang", "2026-01-09T08:30:00+08:00")] // the four officers rotate
    public void ShiftAt_TheOfficerChangesDailyAt0830ChinaTime_Art76(string instant, string officer, string start)
    {
        var shift = Roster.ShiftAt(T(instant));
        Assert.Equal(officer, shift.OfficerId);
        Assert.Equal(T(start), shift.Start);
        Assert.Equal(T(start).AddDays(1), shift.End);
    }

    [Theory]
    [InlineData("2026-01-12T08:29:00+08:00", ExecutiveDeputy)] // Monday, before the change: last week's leader
    [InlineData("2026-01-12T08:30:00+08:00", Deputy)]          // Monday 08:30: the next leader
    [InlineData("2026-01-12T00:30:00Z", Deputy)]               // the same instant in UTC
    [InlineData("2026-01-11T20:00:00+08:00", ExecutiveDeputy)] // Sunday evening
    [InlineData("2026-01-18T23:00:00+08:00", Deputy)]          // the next Sunday
    [InlineData("2026-01-19T08:30:00+08:00", "wang-lijuan")]
    [InlineData("2026-02-23T08:29:00+08:00", DistrictHead)]    // the seventh leader…
    [InlineData("2026-02-23T08:30:00+08:00", ExecutiveDeputy)] // …and back to the first after seven weeks
    [InlineData("2026-11-30T08:29:00+08:00", "zhao-xiaofeng")]
    [InlineData("2026-11-30T08:30:00+08:00", "sun-huimin")]
    public void ShiftAt_TheLeaderOnDutyChangesOnMondaysAt0830ChinaTime_Art76(string instant, string leader) =>
        Assert.Equal(leader, Roster.ShiftAt(T(instant)).LeaderId);

    [Fact]
    public void ShiftAt_TheLeaderOnDuty_ChangesOnlyOnMondayAt0830_OverTheWholeYear()
    {
        var previous = Roster.ShiftAt(T("2026-01-05T08:30:00+08:00"));
        var changes = 0;
        for (var at = T("2026-01-05T09:00:00+08:00"); at < T("2027-01-04T09:00:00+08:00"); at = at.AddMinutes(30))
        {
            var shift = Roster.ShiftAt(at);
            if (shift.LeaderId != previous.LeaderId)
            {
                changes++;
                Assert.Equal(DayOfWeek.Monday, at.ToChina().DayOfWeek);
                Assert.Equal(new TimeOnly(8, 30), ChinaTime.TimeOf(at));
            }
            if (shift.OfficerId != previous.OfficerId)
                Assert.Equal(new TimeOnly(8, 30), ChinaTime.TimeOf(at));
            previous = shift;
        }
        Assert.Equal(52, changes);
    }

    [Fact]
    public void ShiftAt_EveryInstant_LiesWithinItsShift_OfTwentyFourHours()
    {
        for (var at = T("2026-09-28T00:00:00+08:00"); at < T("2026-10-12T00:00:00+08:00"); at = at.AddMinutes(17))
        {
            var shift = Roster.ShiftAt(at);
            Assert.InRange(at, shift.Start, shift.End.AddTicks(-1));
            Assert.Equal(TimeSpan.FromHours(24), shift.End - shift.Start);
            Assert.Equal(new TimeOnly(8, 30), ChinaTime.TimeOf(shift.Start));
        }
    }

    [Fact]
    public void ShiftAt_BeforeTheFirstDate_StillRotates_Backwards()
    {
        var shift = Roster.ShiftAt(T("2026-01-05T08:00:00+08:00")); // the night of Sunday 4 January
        Assert.Equal("dong-liang", shift.OfficerId);
        Assert.Equal(DistrictHead, shift.LeaderId);
        Assert.Equal(T("2026-01-04T08:30:00+08:00"), shift.Start);
    }
}
