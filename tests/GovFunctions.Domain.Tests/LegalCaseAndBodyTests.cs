using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Legal;
using GovFunctions.Organization;

namespace GovFunctions.Domain.Tests;

/// <summary>The district government as respondent or defendant (Art. 24) and coordination bodies (Art. 25).</summary>
public class LegalCaseAndBodyTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly WorkingCalendar Calendar = Seeds.Calendar();
    private static Person P(string id) => Org.Person(id);
    private const string LegalClerk = "qin-hao";
    private const string OfficeClerk = "bai-xue";
    private static DateTimeOffset At(string local) => DateTimeOffset.Parse(local + "+08:00");

    private static LegalCase Litigation(string served = "2026-09-18T10:00", params string[] participants) =>
        LegalCase.Register("lc-1", "ap-1", new LegalCaseIntake(LegalCaseKind.Litigation, "某公司诉区政府行政许可案", [.. participants], At(served)),
            P(LegalClerk), Org, At(served).AddHours(1), 15, Calendar).Next;

    [Fact]
    public void OnlyTheLegalOffice_RegistersACase_Art24() =>
        Assert.Throws<AccessDeniedException>(() => LegalCase.Register("lc-1", "ap-1",
            new LegalCaseIntake(LegalCaseKind.ReconsiderationRespondent, "案情", [], null), P("gao-feng"), Org, At("2026-11-02T10:00"), 15, Calendar));

    [Fact]
    public void Register_AsksEveryParticipatingDepartment_AndNamesWrongFields()
    {
        var t = LegalCase.Register("lc-1", "ap-1", new LegalCaseIntake(LegalCaseKind.ReconsiderationRespondent, "案情", ["housing", "housing", "finance"], null),
            P(LegalClerk), Org, At("2026-11-02T10:00"), 15, Calendar);
        var asked = Assert.IsType<ParticipationRequested>(Assert.Single(t.Events));
        Assert.Equal(("lc-1", "ap-1"), (asked.CaseId, asked.ApprovalId));
        Assert.Equal(["housing", "finance"], asked.DepartmentIds);

        var e = Assert.Throws<ValidationException>(() => LegalCase.Register("lc-1", "ap-1", new LegalCaseIntake(LegalCaseKind.Litigation, "", ["nowhere"], null),
            P(LegalClerk), Org, At("2026-11-02T10:00"), 15, Calendar));
        Assert.Equal(["participantDepartmentIds", "servedAt", "summary"], e.Errors.Keys.Order());
    }

    [Theory]
    [InlineData("2026-11-02T10:00", "2026-11-17T17:30")] // 15 days later, a Tuesday
    [InlineData("2026-09-18T10:00", "2026-10-08T17:30")] // the 15th day is Oct 3, in 国庆: the period ends on the next working day
    [InlineData("2026-11-06T10:00", "2026-11-23T17:30")] // the 15th day is Saturday Nov 21: Monday
    public void TheDefenceIsDue15DaysAfterService_MovedPastRestDays(string served, string due) =>
        Assert.Equal(At(due), Litigation(served).DefenceDueAt);

    [Fact]
    public void ACase_CannotCloseWhileAParticipantHasNotAnswered_Art24()
    {
        var c = Litigation("2026-11-02T10:00", "housing", "finance");
        var refused = Assert.Throws<RuleViolationException>(() => c.Close(P(LegalClerk), Org, LegalCaseOutcome.JudgementWon, null, At("2026-12-01T10:00")));
        Assert.Equal(("第二十四条", "participation"), (refused.Article, refused.Gate));
        Assert.Contains("区住房和城乡建设局", refused.Message);

        c = c.Answered("housing", "gao-feng", "事实与证据", At("2026-11-05T10:00")).Next;
        Assert.Throws<StateConflictException>(() => c.Answered("housing", "gao-feng", "再答", At("2026-11-05T11:00")));
        Assert.Throws<RuleViolationException>(() => c.Close(P(LegalClerk), Org, LegalCaseOutcome.JudgementWon, null, At("2026-12-01T10:00")));
        c = c.Answered("finance", "huang-xiuying", "意见", At("2026-11-06T10:00")).Next;

        Assert.Throws<AccessDeniedException>(() => c.Close(P("gao-feng"), Org, LegalCaseOutcome.JudgementWon, null, At("2026-12-01T10:00")));
        Assert.Throws<ValidationException>(() => c.Close(P(LegalClerk), Org, LegalCaseOutcome.Upheld, null, At("2026-12-01T10:00")));
        var closed = c.Close(P(LegalClerk), Org, LegalCaseOutcome.JudgementWon, "驳回原告诉讼请求", At("2026-12-01T10:00"));
        Assert.Equal(LegalCaseStatus.Closed, closed.Next.Status);
        Assert.DoesNotContain(closed.Events, e => e is RectificationNeeded);
    }

    [Fact]
    public void ALostCase_OpensARectificationItem()
    {
        var c = Litigation("2026-11-02T10:00", "housing").Answered("housing", "gao-feng", "意见", At("2026-11-05T10:00")).Next;
        var closed = c.Close(P(LegalClerk), Org, LegalCaseOutcome.JudgementLost, "判决撤销许可", At("2026-12-01T10:00"));
        Assert.Contains(new RectificationNeeded("lc-1", "housing"), closed.Events);
    }

    private static CoordinationBodyIntake Body(bool required = false, string leader = "wang-lijuan", string end = "2026-12-31") =>
        new("城市更新工作领导小组", "统筹推进老旧小区改造", leader, ["gao-feng", "lin-tao"], required, DateOnly.Parse(end));

    [Fact]
    public void ABodyNoHigherAuthorityRequires_StaysProposedUntilTheDistrictHeadApproves_Art25()
    {
        var t = CoordinationBody.Register("cb-1", "ap-9", Body(), P(OfficeClerk), Org, At("2026-11-02T10:00"));
        Assert.Equal(CoordinationBodyStatus.Proposed, t.Next.Status);
        Assert.Equal(new BodyApprovalNeeded("cb-1", "ap-9", Org.DistrictHead.Id), Assert.Single(t.Events));
        Assert.Equal(CoordinationBodyStatus.Active, t.Next.Decided("ap-9", true).Next.Status);
        Assert.Equal(CoordinationBodyStatus.Refused, t.Next.Decided("ap-9", false).Next.Status);
        Assert.Throws<StateConflictException>(() => t.Next.Decided("ap-9", true).Next.Decided("ap-9", true));

        var required = CoordinationBody.Register("cb-2", "ap-10", Body(required: true), P(OfficeClerk), Org, At("2026-11-02T10:00"));
        Assert.Equal(CoordinationBodyStatus.Active, required.Next.Status);
        Assert.Empty(required.Events);
    }

    [Fact]
    public void Register_NamesWrongFields_AndOnlyTheOfficeKeepsTheRegister()
    {
        Assert.Throws<AccessDeniedException>(() => CoordinationBody.Register("cb-1", "ap", Body(), P("gao-feng"), Org, At("2026-11-02T10:00")));
        var e = Assert.Throws<ValidationException>(() => CoordinationBody.Register("cb-1", "ap",
            new CoordinationBodyIntake("", null, "gao-feng", ["nobody"], false, DateOnly.Parse("2026-10-01")), P(OfficeClerk), Org, At("2026-11-02T10:00")));
        Assert.Equal(["expectedEndDate", "leaderId", "memberIds", "name", "purpose"], e.Errors.Keys.Order());
    }

    [Theory]
    [InlineData(ForbiddenAct.Contract)]
    [InlineData(ForbiddenAct.Loan)]
    [InlineData(ForbiddenAct.Guarantee)]
    [InlineData(ForbiddenAct.NormativeDocument)]
    [InlineData(ForbiddenAct.AdministrativeAct)]
    public void EveryForbiddenAct_IsRecordedAndRefusedUnderArt25(ForbiddenAct act)
    {
        var body = CoordinationBody.Register("cb-1", "ap", Body(required: true), P(OfficeClerk), Org, At("2026-11-02T10:00")).Next;
        var recorded = body.RefuseAct(act, "某项目", P(OfficeClerk), At("2026-11-03T10:00")).Next;
        Assert.Equal(act, Assert.Single(recorded.RefusedActs).Kind);
        Assert.Equal("第二十五条", CoordinationBody.Violation(act).Article);
    }

    [Fact]
    public void AfterItsEndDate_TheLeaderIsRemindedOnce_AndAfter20WorkingDaysTheOfficeIsTold()
    {
        var body = CoordinationBody.Register("cb-1", "ap", Body(required: true, end: "2026-11-30"), P(OfficeClerk), Org, At("2026-11-02T10:00")).Next;
        Assert.Null(body.Remind(At("2026-11-30T20:00"), Calendar, 20));
        var reminded = body.Remind(At("2026-12-01T09:00"), Calendar, 20)!;
        Assert.Equal(new DissolutionReminder("cb-1", false), Assert.Single(reminded.Events));
        Assert.Null(reminded.Next.Remind(At("2026-12-02T09:00"), Calendar, 20)); // once

        // 20 working days after Nov 30 (no holidays in December 2026): Dec 28.
        Assert.Null(reminded.Next.Remind(At("2026-12-25T09:00"), Calendar, 20));
        var listed = reminded.Next.Remind(At("2026-12-28T09:00"), Calendar, 20)!;
        Assert.Equal(new DissolutionReminder("cb-1", true), Assert.Single(listed.Events));
        Assert.Null(listed.Next.Remind(At("2026-12-29T09:00"), Calendar, 20));
        Assert.Null(listed.Next.Dissolve(P(OfficeClerk), Org, At("2026-12-29T10:00")).Next.Remind(At("2027-01-29T09:00"), Calendar, 20));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\u0085")]
    [InlineData("")]
    public void ABlankId_IsRefusedByName_NotDropped(string blank)
    {
        var c = Assert.Throws<ValidationException>(() => LegalCase.Register("lc-1", "ap-1",
            new LegalCaseIntake(LegalCaseKind.ReconsiderationRespondent, "案情", ["housing", blank], null), P(LegalClerk), Org,
            At("2026-11-02T10:00"), 15, Calendar));
        Assert.Equal(["participantDepartmentIds"], c.Errors.Keys);
        var b = Assert.Throws<ValidationException>(() => CoordinationBody.Register("cb-1", "ap",
            Body() with { MemberIds = ["gao-feng", blank] }, P(OfficeClerk), Org, At("2026-11-02T10:00")));
        Assert.Equal(["memberIds"], b.Errors.Keys);
    }

    [Fact]
    public void TheEndedParticipationStep_RecordsEveryAnswerOnce_AndOnlyItsOwn()
    {
        var c = Litigation("2026-11-02T10:00", "housing", "finance");
        var answers = new[]
        {
            new ParticipantAnswer("housing", "gao-feng", "事实与证据", At("2026-11-05T10:00")),
            new ParticipantAnswer("finance", "huang-xiuying", "意见", At("2026-11-06T10:00")),
            new ParticipantAnswer("education", "x", "不是参与部门", At("2026-11-06T10:00")),
        };
        Assert.Null(c.ParticipationEnded("ap-other", answers));
        var t = c.ParticipationEnded("ap-1", answers)!;
        Assert.Equal(["housing", "finance"], t.Next.Answers.Select(a => a.DepartmentId));
        Assert.Empty(t.Next.Unanswered);
        Assert.Equal("参与部门提交意见：housing、finance", t.Reason);
        Assert.Null(t.Next.ParticipationEnded("ap-1", answers)); // a redelivery: nothing new
        t.Next.Close(P(LegalClerk), Org, LegalCaseOutcome.JudgementWon, null, At("2026-12-01T10:00")); // closes now
    }

    [Fact]
    public void Register_AddressesEachParticipationTaskToTheDepartmentsHead()
    {
        var t = LegalCase.Register("lc-1", "ap-1",
            new LegalCaseIntake(LegalCaseKind.ReconsiderationRespondent, "案情", ["housing", "finance"], null), P(LegalClerk), Org,
            At("2026-11-02T10:00"), 15, Calendar);
        var asked = Assert.IsType<ParticipationRequested>(Assert.Single(t.Events));
        Assert.Equal([Org.HeadOf("housing").Id, Org.HeadOf("finance").Id], asked.HeadIds);
        Assert.Equal(["区住房和城乡建设局", Org.FindDepartment("finance")!.Name], asked.DepartmentNames);
    }

    [Fact]
    public void TheDefenceClock_RemindsOnWorkingDays_EachReminderOnce_WithOneEventForWhatIsDue()
    {
        var c = Litigation("2026-11-02T10:00"); // due Tuesday 2026-11-17
        Assert.Null(c.RemindDefence(At("2026-11-09T09:00"), [5, 2], Calendar)); // six working days left
        var first = c.RemindDefence(At("2026-11-10T09:00"), [5, 2], Calendar)!; // 11, 12, 13, 16, 17: five
        Assert.Equal(new DefenceReminderDue("lc-1", 5), Assert.Single(first.Events));
        Assert.Equal("答辩期限提醒（提前5天）", first.Reason);
        Assert.Null(first.Next.RemindDefence(At("2026-11-11T09:00"), [5, 2], Calendar));
        var second = first.Next.RemindDefence(At("2026-11-13T09:00"), [5, 2], Calendar)!; // 16, 17: two
        Assert.Equal(new DefenceReminderDue("lc-1", 2), Assert.Single(second.Events));
        // Missed runs: on a Saturday nothing goes out; on Monday both are due, one mail for the nearest, both recorded.
        Assert.Null(c.RemindDefence(At("2026-11-14T09:00"), [5, 2], Calendar));
        var late = c.RemindDefence(At("2026-11-16T09:00"), [5, 2], Calendar)!;
        Assert.Equal(new DefenceReminderDue("lc-1", 2), Assert.Single(late.Events));
        Assert.Equal([2, 5], late.Next.DefenceRemindersSent.Order());
        Assert.Null(late.Next.RemindDefence(At("2026-11-17T09:00"), [5, 2], Calendar));
        Assert.Null(c.RemindDefence(At("2026-11-18T09:00"), [5, 2], Calendar)); // past due: no "before" reminder
        Assert.Null(c.FileDefence(P(LegalClerk), Org, At("2026-11-10T09:00")).Next.RemindDefence(At("2026-11-16T09:00"), [5, 2], Calendar));
        Assert.Equal(new DefenceReminderDue("lc-1", 3), Assert.Single(c.DefenceReminded(3).Events));
    }

    [Fact]
    public void ALostCase_NamesTheOwnerOfItsRectification_TheLegalOfficeWithoutParticipants()
    {
        var reconsideration = LegalCase.Register("lc-2", "ap-2",
            new LegalCaseIntake(LegalCaseKind.ReconsiderationRespondent, "案情", [], null), P(LegalClerk), Org,
            At("2026-11-02T10:00"), 15, Calendar).Next;
        var revoked = reconsideration.Close(P(LegalClerk), Org, LegalCaseOutcome.Revoked, "复议机关撤销", At("2026-12-01T10:00"));
        Assert.Equal(Org.LegalOffice.Id, revoked.Next.RectificationOwnerId);
        Assert.Contains(new RectificationNeeded("lc-2", Org.LegalOffice.Id), revoked.Events);
        var upheld = reconsideration.Close(P(LegalClerk), Org, LegalCaseOutcome.Upheld, null, At("2026-12-01T10:00"));
        Assert.Null(upheld.Next.RectificationOwnerId);
    }

    [Fact]
    public void TheRectificationItem_IsOwnedByTheNamedDepartment_DueAfterTheMonths_TitleWithinItsLimit()
    {
        var r = GovFunctions.Supervision.SupervisionRules.FromLegalCase("lc-1", new string('案', 500), "housing",
            new DateOnly(2026, 12, 1), 3, Org);
        Assert.Equal((GovFunctions.Supervision.SupervisionSource.LegalCase, "lc-1", "housing", new DateOnly(2027, 3, 1)),
            (r.Source, r.SourceId, r.OwnerDepartmentId, r.DueDate));
        Assert.Equal(GovFunctions.Supervision.SupervisionRules.MaxTitle, r.Title.Length);
        Assert.Equal(Org.HeadOf("housing").Id, r.OwnerHeadId);
    }
}
