using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Organization;
using GovFunctions.Supervision;

namespace GovFunctions.Domain.Tests;

/// <summary>Supervised items (督办, Art. 30, 32): registration, the lifecycle, and the three-colour lights on the working-day clock.</summary>
public class SupervisionTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly WorkingCalendar Calendar = Seeds.Calendar();
    private static readonly SupervisionThresholds Thresholds = new();
    private static Person P(string id) => Org.Person(id);
    private const string OfficeClerk = "bai-xue";

    private static DateTimeOffset At(string local) => DateTimeOffset.Parse(local + "+08:00");

    private static SupervisionIntake Intake(string owner = "education", string due = "2026-12-31", SupervisionSource source = SupervisionSource.Deployment,
        string? proposer = null, List<string>? co = null, ProgressCadence cadence = ProgressCadence.Weekly) =>
        new("推进义务教育学校扩容", source, source is SupervisionSource.Decision or SupervisionSource.Instruction ? "src-1" : null, owner, co,
            due is "" ? null : DateOnly.Parse(due), cadence, proposer, null);

    private static SupervisedItem Registered(string registeredAt = "2026-11-02T10:00", string owner = "education", string due = "2026-12-31",
        ProgressCadence cadence = ProgressCadence.Weekly, List<string>? co = null)
    {
        var now = At(registeredAt);
        var registration = SupervisionRules.Validate(Intake(owner, due, co: co, cadence: cadence), P(OfficeClerk), Org, ChinaTime.DateOf(now), 3);
        return SupervisedItem.Register("sv-1", registration, P(OfficeClerk), now).Next;
    }

    private static ValidationException Invalid(SupervisionIntake intake, string by = OfficeClerk) =>
        Assert.Throws<ValidationException>(() => SupervisionRules.Validate(intake, P(by), Org, new DateOnly(2026, 11, 2), 3));

    [Theory]
    [InlineData("education", "chen-siyuan")]  // the portfolio's deputy (分管, Art. 6)
    [InlineData("finance", "zhou-minghua")]   // the executive deputy's portfolio
    [InlineData("audit", "lin-jianguo")]      // the audit bureau answers to the district head (Art. 9)
    [InlineData("office", "lin-jianguo")]     // the office's own items
    public void Register_DerivesTheSupervisingLeader_AndAssignsToTheOwnersHead(string owner, string leader)
    {
        var t = SupervisedItem.Register("sv-1",
            SupervisionRules.Validate(Intake(owner), P(OfficeClerk), Org, new DateOnly(2026, 11, 2), 3), P(OfficeClerk), At("2026-11-02T10:00"));
        Assert.Equal(leader, t.Next.SupervisingLeaderId);
        Assert.Equal(SupervisionStatus.Assigned, t.Next.Status);
        Assert.Equal(new ItemAssigned("sv-1", Org.HeadOf(owner).Id), Assert.Single(t.Events));
    }

    [Theory]
    [InlineData("cao-xiaowen")] // a hotline operator of the office
    [InlineData("wu-jianping")] // a department head
    public void Register_ByAnyoneButTheOfficeOrALeader_IsForbidden(string by) =>
        Assert.Throws<AccessDeniedException>(() => SupervisionRules.Validate(Intake(), P(by), Org, new DateOnly(2026, 11, 2), 3));

    [Fact]
    public void Register_NamesEveryWrongField()
    {
        var e = Invalid(new SupervisionIntake("", null, null, "nowhere", ["nowhere-else"], null, null, null, null));
        Assert.Equal(["coDepartmentIds", "dueDate", "ownerDepartmentId", "source", "title"], e.Errors.Keys.Order());
        Assert.Contains("coDepartmentIds", Invalid(Intake(co: ["education"])).Errors.Keys);
        Assert.Contains("dueDate", Invalid(Intake(due: "2032-01-01")).Errors.Keys);
        Assert.Contains("sourceId", Invalid(Intake() with { Source = SupervisionSource.Instruction, SourceId = null }).Errors.Keys);
    }

    [Fact]
    public void AProposal_NeedsItsProposer_AndIsDueAfterTheStatutoryPeriodByDefault_Art31()
    {
        Assert.Contains("proposer", Invalid(Intake(source: SupervisionSource.Proposal, due: "")).Errors.Keys);
        var r = SupervisionRules.Validate(Intake(source: SupervisionSource.Proposal, due: "", proposer: "张代表"), P(OfficeClerk), Org,
            new DateOnly(2026, 11, 2), 3);
        Assert.Equal((new DateOnly(2027, 2, 2), "张代表"), (r.DueDate, r.Proposer));
    }

    [Fact]
    public void APastDueDate_IsAccepted_ForAnOverdueItemBeingEntered() =>
        Assert.Equal(new DateOnly(2026, 10, 9), SupervisionRules.Validate(Intake(due: "2026-10-09"), P(OfficeClerk), Org, new DateOnly(2026, 11, 2), 3).DueDate);

    [Fact]
    public void Lifecycle_AcknowledgeReportCompleteVerify_EachStepRefusedOutOfTurn()
    {
        var item = Registered(co: ["health"]);
        var now = At("2026-11-03T09:00");
        Assert.Throws<AccessDeniedException>(() => item.Acknowledge(P("xu-li"), now)); // a co-operating department does not acknowledge
        Assert.Throws<StateConflictException>(() => item.Complete(P("wu-jianping"), "已完成", now)); // not acknowledged: 409
        Assert.Throws<StateConflictException>(() => item.ReportProgress(P("wu-jianping"), "进展", 10, false, now));

        item = item.Acknowledge(P("ye-ming"), now).Next; // the acting deputy of the owner department may sign
        Assert.Equal(SupervisionStatus.Acknowledged, item.Status);
        Assert.Throws<StateConflictException>(() => item.Acknowledge(P("wu-jianping"), now));
        Assert.Throws<AccessDeniedException>(() => item.ReportProgress(P("gao-feng"), "进展", 10, false, now)); // housing is not involved

        var part = item.ReportProgress(P("xu-li"), "卫健局配合完成体检", 30, true, now);
        Assert.Equal(new ProgressReported("sv-1", "health", true), Assert.Single(part.Events));
        item = part.Next.ReportProgress(P("wu-jianping"), "已完成选址", 40, false, now).Next;
        Assert.Equal((SupervisionStatus.InProgress, 40), (item.Status, item.LatestOwnerReport!.Percent));
        Assert.Throws<AccessDeniedException>(() => item.Complete(P("xu-li"), "完成", now)); // only the owner reports completion

        item = item.Complete(P("wu-jianping"), "办结报告", now).Next;
        Assert.Equal(SupervisionStatus.Completed, item.Status);
        Assert.Throws<AccessDeniedException>(() => item.Verify(P("wu-jianping"), true, null, Org, now));
        Assert.Throws<ValidationException>(() => item.Verify(P(OfficeClerk), false, " ", Org, now));

        var returned = item.Verify(P(OfficeClerk), false, "缺少验收材料", Org, now);
        Assert.Equal(SupervisionStatus.InProgress, returned.Next.Status);
        Assert.Equal(new CompletionReturned("sv-1", "缺少验收材料"), Assert.Single(returned.Events));
        var closed = returned.Next.Complete(P("wu-jianping"), "补充材料", now).Next.Verify(P(OfficeClerk), true, null, Org, now);
        Assert.Equal((SupervisionStatus.Closed, 2), (closed.Next.Status, closed.Next.Completions.Count));
        Assert.Throws<StateConflictException>(() => closed.Next.Verify(P(OfficeClerk), true, null, Org, now));
    }

    [Fact]
    public void Extension_FirstByTheSupervisingLeader_ASecondOnlyByTheDistrictHead()
    {
        var item = Registered().Acknowledge(P("wu-jianping"), At("2026-11-03T09:00")).Next;
        var asked = item.RequestExtension(P("wu-jianping"), new DateOnly(2027, 1, 15), "施工受阻", "ap-1", Org, At("2026-11-10T09:00"));
        Assert.Equal(new ExtensionRequested("sv-1", "ap-1", "chen-siyuan"), Assert.Single(asked.Events));
        Assert.Throws<StateConflictException>(() =>
            asked.Next.RequestExtension(P("wu-jianping"), new DateOnly(2027, 1, 20), "再延", "ap-2", Org, At("2026-11-10T09:00")));

        var granted = asked.Next.ExtensionDecidedBy("ap-1", true, "同意").Next;
        Assert.Equal((new DateOnly(2027, 1, 15), new DateOnly(2026, 12, 31)), (granted.DueDate, granted.OriginalDueDate));
        Assert.Throws<StateConflictException>(() => granted.ExtensionDecidedBy("ap-1", true, "同意")); // decided once
        Assert.Throws<ValidationException>(() =>
            granted.RequestExtension(P("wu-jianping"), new DateOnly(2027, 1, 1), "提前", "ap-2", Org, At("2026-11-11T09:00")));
        var second = granted.RequestExtension(P("wu-jianping"), new DateOnly(2027, 2, 1), "再延", "ap-2", Org, At("2026-11-11T09:00"));
        Assert.Equal("lin-jianguo", ((ExtensionRequested)Assert.Single(second.Events)).ApproverId);
    }

    // 国庆 2026: Oct 1–7 are holidays, Saturday Oct 10 is a 调休 workday. An item due Friday Oct 9.
    [Theory]
    [InlineData("2026-09-28T09:00", WarningColor.Green)]  // 4 working days left: Sep 29, 30, Oct 8, 9
    [InlineData("2026-09-29T09:00", WarningColor.Blue)]   // 3 left across the holiday
    [InlineData("2026-10-05T12:00", WarningColor.Blue)]   // in the holiday: 2 left (Oct 8, 9)
    [InlineData("2026-10-09T17:29", WarningColor.Blue)]   // the due day, before the close of office
    [InlineData("2026-10-09T17:31", WarningColor.Red)]    // past the close of office on the due day
    public void Color_AtItsExactWorkingDayBoundary_AcrossNationalDay(string now, WarningColor expected)
    {
        var item = Registered("2026-09-21T10:00", due: "2026-10-09", cadence: ProgressCadence.Monthly) with
        {
            Progress = [new ProgressReport(At("2026-09-22T10:00"), "education", "wu-jianping", "按计划推进", 95, false)],
        };
        Assert.Equal(expected, SupervisionClock.Color(item, At(now), Calendar, Thresholds));
    }

    [Theory]
    [InlineData("2026-10-14T09:00", false)] // 4 working days past due: Oct 10 (调休 Saturday), 12, 13, 14
    [InlineData("2026-10-15T09:00", true)]  // the 5th: on the accountability list (Art. 32)
    public void Accountability_FiveWorkingDaysPastDue_CountsTheAdjustedSaturday_Art32(string now, bool listed)
    {
        var item = Registered("2026-09-21T10:00", due: "2026-10-09", cadence: ProgressCadence.Monthly);
        var due = SupervisionClock.WarningsDue(item, At(now), Calendar, Thresholds);
        Assert.Contains((WarningStage.Red, "red:2026-10-09"), due);
        Assert.Equal(listed, due.Contains((WarningStage.Accountability, "accountability:2026-10-09")));
    }

    [Theory]
    [InlineData("2026-11-09T16:00", WarningColor.Green)]  // the weekly report is due today (5 working days after Nov 2)
    [InlineData("2026-11-10T09:00", WarningColor.Yellow)] // missed by one working day
    public void Yellow_WhenAWeeklyReportIsMissedByOneWorkingDay(string now, WarningColor expected)
    {
        var item = Registered("2026-11-02T10:00", due: "2026-12-31");
        Assert.Equal(new DateOnly(2026, 11, 9), SupervisionClock.NextReportDue(item, Calendar));
        Assert.Equal(expected, SupervisionClock.Color(item, At(now), Calendar, Thresholds));
    }

    [Theory]
    [InlineData(10, WarningColor.Yellow)] // 65% of the working days elapsed (13 of 20), 10% done: 55 points behind
    [InlineData(50, WarningColor.Green)]  // 15 points behind: within the 20 allowed
    public void Yellow_WhenProgressIsMoreThanTwentyPointsBehindTheShareElapsed(int percent, WarningColor expected)
    {
        var item = Registered("2026-11-02T10:00", due: "2026-11-30") with
        {
            Progress = [new ProgressReport(At("2026-11-12T10:00"), "education", "wu-jianping", "推进中", percent, false)],
        };
        Assert.Equal(65, SupervisionClock.ExpectedPercent(item, At("2026-11-19T09:00"), Calendar));
        Assert.Equal(expected, SupervisionClock.Color(item, At("2026-11-19T09:00"), Calendar, Thresholds));
    }

    [Theory]
    [InlineData("2026-11-03T17:29", false)]
    [InlineData("2026-11-03T17:31", true)] // not acknowledged by the close of the next working day
    public void AcknowledgeReminder_AfterOneWorkingDay(string now, bool due) =>
        Assert.Equal(due, SupervisionClock.WarningsDue(Registered("2026-11-02T10:00"), At(now), Calendar, Thresholds)
            .Contains((WarningStage.AcknowledgeReminder, "acknowledge")));

    [Fact]
    public void EachWarning_IsDueOncePerOccurrence_AndAnExtensionOpensANewOne()
    {
        var item = Registered("2026-11-02T10:00", due: "2026-11-30").Acknowledge(P("wu-jianping"), At("2026-11-02T11:00")).Next with
        {
            Progress = [new ProgressReport(At("2026-11-24T10:00"), "education", "wu-jianping", "收尾", 90, false)],
        };
        var now = At("2026-11-25T09:00");
        var due = SupervisionClock.WarningsDue(item, now, Calendar, Thresholds);
        Assert.Equal([(WarningStage.Blue, "blue:2026-11-30")], due);
        var warned = item.Warn(due, now);
        Assert.Equal(new WarningRaised("sv-1", WarningStage.Blue, "blue:2026-11-30"), Assert.Single(warned.Events));
        Assert.Empty(SupervisionClock.WarningsDue(warned.Next, now.AddHours(3), Calendar, Thresholds)); // the timer fired again
        Assert.Throws<StateConflictException>(() => warned.Next.Warn(due, now));

        var extended = warned.Next.RequestExtension(P("wu-jianping"), new DateOnly(2026, 12, 4), "验收推迟", "ap-1", Org, now).Next
            .ExtensionDecidedBy("ap-1", true, null).Next;
        Assert.Equal([(WarningStage.Blue, "blue:2026-12-04")], SupervisionClock.WarningsDue(extended, At("2026-12-01T09:00"), Calendar, Thresholds));
    }

    [Fact]
    public void ACompletedItem_ShowsGreen_AndRaisesNoWarning()
    {
        var item = Registered("2026-09-21T10:00", due: "2026-10-09").Acknowledge(P("wu-jianping"), At("2026-09-21T11:00")).Next
            .Complete(P("wu-jianping"), "完成", At("2026-10-12T09:00")).Next;
        Assert.Equal(WarningColor.Green, SupervisionClock.Color(item, At("2026-10-20T09:00"), Calendar, Thresholds));
        Assert.Empty(SupervisionClock.WarningsDue(item, At("2026-10-20T09:00"), Calendar, Thresholds));
    }

    [Theory]
    [InlineData("lin-jianguo", true)]   // the district head: everything
    [InlineData("bai-xue", true)]       // the office
    [InlineData("chen-siyuan", true)]   // education is in his portfolio
    [InlineData("wang-lijuan", false)]  // another portfolio
    [InlineData("wu-jianping", true)]   // the owner's head
    [InlineData("xu-li", true)]         // a co-operating department
    [InlineData("gao-feng", false)]     // an uninvolved department
    [InlineData("cao-xiaowen", false)]  // a hotline operator
    public void Scope_DeputiesSeeTheirPortfolio_DepartmentsTheirOwn(string person, bool sees) =>
        Assert.Equal(sees, SupervisionRules.CanSee(P(person), Org, Registered(co: ["health"])));
}
