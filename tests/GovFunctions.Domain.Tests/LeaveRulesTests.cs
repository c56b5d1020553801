using GovFunctions.Approvals;
using GovFunctions.Common;
using GovFunctions.Leave;
using GovFunctions.Organization;

using static GovFunctions.Domain.Tests.SeedPeople;

namespace GovFunctions.Domain.Tests;

/// <summary>The leave and travel rules of Art. 4, 74 and 75: who approves, and what an application must hold.</summary>
public class LeaveRulesTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));


    // ---- builders -------------------------------------------------------------------------------------------------

    /// <summary>A complete application: tomorrow for two days, to Beijing.</summary>
    private static LeaveApplication Application(string? actingPersonId = null) =>
        new(Now.AddDays(1), Now.AddDays(3), "北京市", "13800138000", "参加市里培训", actingPersonId);

    private static LeaveRequest Existing(string applicantId, DateTimeOffset start, DateTimeOffset end, LeaveStatus status) =>
        new(LeaveRequest.NewId(applicantId, Now.AddDays(-10)), applicantId, start, end, "上海市", "13900139000", null, null,
            [DistrictHead], "ap00000000000000000001", status, Now.AddDays(-10));

    private static void Validate(LeaveApplication a, string applicantId,
        IEnumerable<LeaveRequest>? own = null, IEnumerable<LeaveRequest>? acting = null) =>
        LeaveRules.Validate(a, Org.Person(applicantId), Org, own ?? [], acting ?? [], Now);

    private static IReadOnlyDictionary<string, string[]> Errors(LeaveApplication a, string applicantId,
        IEnumerable<LeaveRequest>? own = null, IEnumerable<LeaveRequest>? acting = null) =>
        Assert.Throws<ValidationException>(() => Validate(a, applicantId, own, acting)).Errors;

    private static IReadOnlyList<string> Chain(string personId) =>
        LeaveRules.ChainFor(Org, Org.Person(personId)).Select(s => string.Join("|", s.ApproverIds)).ToList();

    // ---- ChainFor ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Chain_ForTheDistrictHead_IsEmpty_TheTravelIsRecorded_Art4()
    {
        Assert.Empty(LeaveRules.ChainFor(Org, Org.Person(DistrictHead)));
    }

    [Theory]
    [InlineData("zhou-minghua")]  // executive deputy
    [InlineData("chen-siyuan")]   // deputy head
    [InlineData("wang-lijuan")]   // deputy head
    [InlineData("liu-haitao")]    // deputy head
    [InlineData("zhao-xiaofeng")] // assistant head
    [InlineData("sun-huimin")]    // office director
    public void Chain_ForADeputyAssistantHeadOrOfficeDirector_IsTheDistrictHeadAlone_Art74(string personId)
    {
        var step = Assert.Single(LeaveRules.ChainFor(Org, Org.Person(personId)));

        Assert.Equal(StepKind.Single, step.Kind);
        Assert.Equal([DistrictHead], step.ApproverIds);
    }

    [Theory]
    [InlineData("wu-jianping", "chen-siyuan")]    // education
    [InlineData("han-bing", "chen-siyuan")]       // human resources
    [InlineData("huang-xiuying", "zhou-minghua")] // finance: the executive deputy supervises it
    [InlineData("zheng-wenbo", "zhou-minghua")]   // legal affairs
    [InlineData("gao-feng", "wang-lijuan")]       // housing
    [InlineData("luo-bin", "liu-haitao")]         // market regulation
    public void Chain_ForADepartmentHead_IsSupervisingDeputyThenDistrictHead_Art75(string personId, string supervisor)
    {
        var steps = LeaveRules.ChainFor(Org, Org.Person(personId));

        Assert.Equal([supervisor, DistrictHead], Chain(personId));
        Assert.All(steps, s => Assert.Equal(StepKind.Single, s.Kind));
    }

    [Fact]
    public void Chain_ForTheAuditHead_IsTheDistrictHeadOnce_AsHeSupervisesAuditDirectly_Art9And75()
    {
        Assert.Equal([DistrictHead], Chain(AuditHead));
    }

    [Theory]
    [InlineData("ye-ming")]     // deputy department head
    [InlineData("yang-fan")]    // deputy director of the office
    [InlineData("bai-xue")]     // staff
    [InlineData("qin-hao")]     // staff
    [InlineData("cao-xiaowen")] // hotline operator
    [InlineData("zeng-qiang")]  // duty officer
    public void Chain_ForAnyoneOutsideArt74And75_IsARuleViolationCitingArt74(string personId)
    {
        var e = Assert.Throws<RuleViolationException>(() => LeaveRules.ChainFor(Org, Org.Person(personId)));

        Assert.Contains("七十四", e.Article);
        Assert.Equal("applicantRole", e.Gate);
    }

    [Fact]
    public void Chain_ForEveryoneInTheSeed_FollowsTheirRole_Art4And74And75()
    {
        foreach (var p in Org.People)
        {
            if (p.Role is Role.DeputyDepartmentHead or Role.Staff or Role.HotlineOperator or Role.DutyOfficer)
            {
                Assert.Throws<RuleViolationException>(() => LeaveRules.ChainFor(Org, p));
                continue;
            }
            var chain = LeaveRules.ChainFor(Org, p).Select(s => Assert.Single(s.ApproverIds)).ToList();
            IReadOnlyList<string> expected = p.Role switch
            {
                Role.DistrictHead => [],
                Role.DepartmentHead when Org.SupervisorOf(p.DepartmentId!).Id != DistrictHead =>
                    [Org.SupervisorOf(p.DepartmentId!).Id, DistrictHead],
                _ => [DistrictHead],
            };
            Assert.True(expected.SequenceEqual(chain), $"{p.Id} ({p.Role}): [{string.Join(", ", chain)}]");
            Assert.DoesNotContain(p.Id, chain); // nobody approves their own leave
        }
    }

    // ---- Validate: the fields ---------------------------------------------------------------------------------------

    [Fact]
    public void Validate_ACompleteApplication_IsAccepted()
    {
        Validate(Application(EducationDeputyHead), EducationHead);
        Validate(Application(), Deputy);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("end")]
    [InlineData("destination")]
    [InlineData("contact")]
    public void Validate_AMissingRequiredField_IsNamed_Art74(string field)
    {
        var a = field switch
        {
            "start" => Application() with { Start = null },
            "end" => Application() with { End = null },
            "destination" => Application() with { Destination = null },
            _ => Application() with { Contact = null },
        };

        Assert.Equal([field], Errors(a, Deputy).Keys);
    }

    [Theory]
    [InlineData("destination")]
    [InlineData("contact")]
    public void Validate_ABlankDestinationOrContact_IsNamed_Art74(string field)
    {
        var a = field == "destination" ? Application() with { Destination = "   " } : Application() with { Contact = "" };

        Assert.Equal([field], Errors(a, Deputy).Keys);
    }

    [Theory]
    [InlineData(0)]   // ends when it starts
    [InlineData(-1)]  // ends a day before it starts
    public void Validate_AnEndNotAfterTheStart_IsAnEndError(int endDaysAfterStart)
    {
        var a = Application() with { Start = Now.AddDays(3), End = Now.AddDays(3 + endDaysAfterStart) };

        Assert.Equal(["end"], Errors(a, Deputy).Keys);
    }

    [Fact]
    public void Validate_AnEndInThePast_IsAnEndError()
    {
        var a = Application() with { Start = Now.AddDays(-3), End = Now.AddDays(-1) };

        Assert.Equal(["end"], Errors(a, Deputy).Keys);
    }

    [Fact]
    public void Validate_AnEndAtThisVeryInstant_IsAnEndError()
    {
        var a = Application() with { Start = Now.AddDays(-3), End = Now };

        Assert.Equal(["end"], Errors(a, Deputy).Keys);
    }

    [Fact]
    public void Validate_ALeaveAlreadyUnderwayButNotOver_IsAccepted()
    {
        Validate(Application() with { Start = Now.AddHours(-2), End = Now.AddDays(1) }, Deputy);
    }

    [Fact]
    public void Validate_MoreThan90Days_IsAnEndError()
    {
        Validate(Application() with { End = Now.AddDays(1 + 90) }, Deputy);

        var a = Application() with { End = Now.AddDays(1 + 90).AddMinutes(1) };
        Assert.Equal(["end"], Errors(a, Deputy).Keys);
    }

    [Theory]
    [InlineData("destination", 200)]
    [InlineData("contact", 100)]
    [InlineData("reason", 1000)]
    public void Validate_TooLongAField_IsNamed(string field, int max)
    {
        LeaveApplication With(int length) => field switch
        {
            "destination" => Application() with { Destination = new string('京', length) },
            "contact" => Application() with { Contact = new string('1', length) },
            _ => Application() with { Reason = new string('事', length) },
        };

        Validate(With(max), Deputy);
        Assert.Equal([field], Errors(With(max + 1), Deputy).Keys);
    }

    // ---- Validate: the acting person --------------------------------------------------------------------------------

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_ADepartmentHeadWithoutAnActingPerson_IsAnActingPersonError_Art75(string? acting)
    {
        var errors = Errors(Application(acting), EducationHead);

        Assert.Equal(["actingPersonId"], errors.Keys);
        Assert.Contains("七十五", errors["actingPersonId"][0]);
    }

    [Fact]
    public void Validate_TheAuditHeadWithoutAnActingPerson_IsAnActingPersonError_Art75()
    {
        Assert.Equal(["actingPersonId"], Errors(Application(), AuditHead).Keys);
    }

    [Theory]
    [InlineData("zhou-minghua")]  // executive deputy
    [InlineData("chen-siyuan")]   // deputy head
    [InlineData("zhao-xiaofeng")] // assistant head
    [InlineData("sun-huimin")]    // office director
    public void Validate_ALeaderWithoutAnActingPerson_IsAccepted_Art74(string leader)
    {
        Validate(Application(), leader);
    }

    [Fact]
    public void Validate_NamingOneselfAsActingPerson_IsAnActingPersonError()
    {
        Assert.Equal(["actingPersonId"], Errors(Application(EducationHead), EducationHead).Keys);
        Assert.Equal(["actingPersonId"], Errors(Application(Deputy), Deputy).Keys);
    }

    [Fact]
    public void Validate_AnUnknownActingPerson_IsAnActingPersonError()
    {
        Assert.Equal(["actingPersonId"], Errors(Application("nobody-here"), EducationHead).Keys);
        Assert.Equal(["actingPersonId"], Errors(Application("nobody-here"), Deputy).Keys);
    }

    [Theory]
    [InlineData(LeaveStatus.Pending)]
    [InlineData(LeaveStatus.Approved)]
    public void Validate_AnActingPersonAwayThen_IsAnActingPersonError(LeaveStatus status)
    {
        var theirs = Existing(EducationDeputyHead, Now.AddDays(2), Now.AddDays(5), status);

        var errors = Errors(Application(EducationDeputyHead), EducationHead, acting: [theirs]);

        Assert.Equal(["actingPersonId"], errors.Keys);
        Assert.Contains(theirs.Id, errors["actingPersonId"][0]);
    }

    [Theory]
    [InlineData(LeaveStatus.Withdrawn)]
    [InlineData(LeaveStatus.Rejected)]
    [InlineData(LeaveStatus.Returned)]
    public void Validate_AnActingPersonsWithdrawnRejectedOrReturnedRequest_DoesNotCount(LeaveStatus status)
    {
        var theirs = Existing(EducationDeputyHead, Now.AddDays(2), Now.AddDays(5), status);

        Validate(Application(EducationDeputyHead), EducationHead, acting: [theirs]);
    }

    [Fact]
    public void Validate_AnActingPersonAwayOnlyBeforeOrAfter_IsAccepted()
    {
        // The application runs from Now+1d to Now+3d; these touch it at the edges but do not overlap.
        var before = Existing(EducationDeputyHead, Now.AddDays(-1), Now.AddDays(1), LeaveStatus.Approved);
        var after = Existing(EducationDeputyHead, Now.AddDays(3), Now.AddDays(4), LeaveStatus.Pending);

        Validate(Application(EducationDeputyHead), EducationHead, acting: [before, after]);
    }

    // ---- Validate: the applicant's own requests ---------------------------------------------------------------------

    [Theory]
    [InlineData(LeaveStatus.Pending)]
    [InlineData(LeaveStatus.Approved)]
    public void Validate_OverlappingOneOfOnesOwnActiveRequests_IsAStartError(LeaveStatus status)
    {
        var mine = Existing(Deputy, Now.AddDays(2), Now.AddDays(4), status);

        var errors = Errors(Application(), Deputy, own: [mine]);

        Assert.Equal(["start"], errors.Keys);
        Assert.Contains(mine.Id, errors["start"][0]);
    }

    [Theory]
    [InlineData(LeaveStatus.Withdrawn)]
    [InlineData(LeaveStatus.Rejected)]
    public void Validate_OverlappingOneOfOnesOwnWithdrawnOrRejectedRequests_IsAccepted(LeaveStatus status)
    {
        Validate(Application(), Deputy, own: [Existing(Deputy, Now.AddDays(2), Now.AddDays(4), status)]);
    }

    [Fact]
    public void Validate_OnesOwnRequestEndingWhenThisStarts_IsAccepted()
    {
        Validate(Application(), Deputy, own: [Existing(Deputy, Now, Now.AddDays(1), LeaveStatus.Approved)]);
    }

    // ---- Validate: the district head (Art. 4) -----------------------------------------------------------------------

    [Theory]
    [InlineData("chen-siyuan")]
    [InlineData("sun-huimin")]
    [InlineData("lin-jianguo")]
    [InlineData("nobody-here")]
    public void Validate_TheDistrictHeadNamingAnyoneButTheExecutiveDeputy_IsAnActingPersonError_Art4(string acting)
    {
        var errors = Errors(Application(acting), DistrictHead);

        Assert.Equal(["actingPersonId"], errors.Keys);
        Assert.Contains("第四条", errors["actingPersonId"][0]);
    }

    [Fact]
    public void Validate_TheDistrictHeadNamingTheExecutiveDeputyOrNobody_IsAccepted_Art4()
    {
        Validate(Application(ExecutiveDeputy), DistrictHead);
        Validate(Application(), DistrictHead);
    }

    [Fact]
    public void ActingPersonFor_TheDistrictHead_IsAlwaysTheExecutiveDeputy_Art4()
    {
        Assert.Equal(ExecutiveDeputy, LeaveRules.ActingPersonFor(Org, Org.Person(DistrictHead), Application()));
        Assert.Equal(EducationDeputyHead,
            LeaveRules.ActingPersonFor(Org, Org.Person(EducationHead), Application(" " + EducationDeputyHead + " ")));
        Assert.Null(LeaveRules.ActingPersonFor(Org, Org.Person(Deputy), Application("  ")));
    }

    // ---- Validate: everything at once -------------------------------------------------------------------------------

    [Fact]
    public void Validate_SeveralMistakes_AreAllReportedTogether()
    {
        var a = new LeaveApplication(Now.AddDays(3), Now.AddDays(1), null, " ", null, null);

        var errors = Errors(a, EducationHead);

        Assert.Equal(
            new[] { "actingPersonId", "contact", "destination", "end" },
            errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Validate_AllFieldsMissing_ReportsEachOne()
    {
        var errors = Errors(new LeaveApplication(null, null, null, null, null, null), EducationHead);

        Assert.Equal(
            new[] { "actingPersonId", "contact", "destination", "end", "start" },
            errors.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    // ---- who is told -----------------------------------------------------------------------------------------------

    [Fact]
    public void OnlyDepartmentHeadsMustNameAnActingPerson_Art75()
    {
        Assert.All(Org.People, p => Assert.Equal(p.Role == Role.DepartmentHead, LeaveRules.RequiresActingPerson(p)));
    }

    [Fact]
    public void LeadersOtherThanTheDistrictHead_ReportBackToHim_Art74()
    {
        Assert.False(LeaveRules.ReportsBackToDistrictHead(Org.Person(DistrictHead)));
        Assert.True(LeaveRules.ReportsBackToDistrictHead(Org.Person(Deputy)));
        Assert.True(LeaveRules.ReportsBackToDistrictHead(Org.Person("sun-huimin")));
        Assert.False(LeaveRules.ReportsBackToDistrictHead(Org.Person(EducationHead)));
        Assert.True(LeaveRules.OfficeInformsLeaders(Org.Person(Deputy)));
        Assert.False(LeaveRules.OfficeInformsLeaders(Org.Person(EducationHead)));
    }

    // ---- Art. 75: who presides in a department head's absence ------------------------------------------------------------

    [Theory]
    [InlineData("qian-lu")]      // 司法局副局长: another department's leader
    [InlineData(Deputy)]         // a deputy district head
    [InlineData("xia-yu")]       // 市场监督管理局副局长
    [InlineData("bai-xue")]      // staff of the office
    public void Validate_ADepartmentHeadNamingSomeoneOutsideTheDepartmentsLeadership_IsRefusedUnderArt75(string acting)
    {
        var e = Assert.Throws<RuleViolationException>(() => Validate(Application(acting), EducationHead));
        Assert.Contains("第七十五条", e.Article);
        Assert.Equal("actingPerson", e.Gate);
        Assert.Contains(Org.Person(EducationDeputyHead).Name, e.Message);
    }

    [Fact]
    public void ActingCandidates_ForADepartmentHead_AreThatDepartmentsDeputyHeadsOnly()
    {
        Assert.Equal([EducationDeputyHead], LeaveRules.ActingCandidates(Org, Org.Person(EducationHead)).Select(p => p.Id));
        Assert.Equal(["feng-kai"], LeaveRules.ActingCandidates(Org, Org.Person("gao-feng")).Select(p => p.Id));
        Assert.Equal([ExecutiveDeputy], LeaveRules.ActingCandidates(Org, Org.Person(DistrictHead)).Select(p => p.Id));
    }

    [Fact]
    public void EveryDepartmentHeadOfTheSeed_HasADeputyWhoCanPreside()
    {
        Assert.All(Org.People.Where(p => p.Role == Role.DepartmentHead), head =>
        {
            var deputy = Assert.Single(LeaveRules.ActingCandidates(Org, head));
            Validate(Application(deputy.Id), head.Id);
        });
    }
}

/// <summary>The life of a leave request: pending → approved/rejected/withdrawn; approved → returned (销假).</summary>
public class LeaveRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly OrgChart Org = Seeds.Organization();
    private static Person Applicant => Org.Person("chen-siyuan");

    private static LeaveRequest Request(LeaveStatus status, DateTimeOffset? end = null) =>
        new("chen-siyuan.20260302.a1b2c3", "chen-siyuan", Now.AddDays(1), end ?? Now.AddDays(3), "北京市", "13800138000",
            null, null, ["lin-jianguo"], "ap00000000000000000001", status, Now);

    public static TheoryData<LeaveStatus> NotPending => [LeaveStatus.Approved, LeaveStatus.Rejected, LeaveStatus.Withdrawn, LeaveStatus.Returned];
    public static TheoryData<LeaveStatus> NotApproved => [LeaveStatus.Pending, LeaveStatus.Rejected, LeaveStatus.Withdrawn, LeaveStatus.Returned];

    [Theory]
    [InlineData(true, LeaveStatus.Approved)]
    [InlineData(false, LeaveStatus.Rejected)]
    public void Decide_FromPending_SetsTheOutcomeAndWhen(bool approved, LeaveStatus expected)
    {
        var decided = Request(LeaveStatus.Pending).Decide(approved, Applicant, Now.AddHours(1)).Next;

        Assert.Equal(expected, decided.Status);
        Assert.Equal(Now.AddHours(1), decided.DecidedAt);
    }

    [Theory]
    [MemberData(nameof(NotPending))]
    public void Decide_FromAnythingButPending_IsAStateConflict(LeaveStatus status)
    {
        Assert.Throws<StateConflictException>(() => Request(status).Decide(true, Applicant, Now).Next);
        Assert.Throws<StateConflictException>(() => Request(status).Decide(false, Applicant, Now).Next);
    }

    [Fact]
    public void Withdraw_FromPending_IsWithdrawn()
    {
        var w = Request(LeaveStatus.Pending).Withdraw(Now.AddHours(1)).Next;

        Assert.Equal(LeaveStatus.Withdrawn, w.Status);
        Assert.Equal(Now.AddHours(1), w.DecidedAt);
        Assert.False(w.IsActive);
    }

    [Theory]
    [MemberData(nameof(NotPending))]
    public void Withdraw_FromAnythingButPending_IsAStateConflict(LeaveStatus status)
    {
        Assert.Throws<StateConflictException>(() => Request(status).Withdraw(Now).Next);
    }

    [Fact]
    public void Return_FromApproved_IsReturned_WithTheNoteTrimmed()
    {
        var r = Request(LeaveStatus.Approved).Return(Now.AddDays(4), "  已按时返岗  ").Next;

        Assert.Equal(LeaveStatus.Returned, r.Status);
        Assert.Equal(Now.AddDays(4), r.ReturnedAt);
        Assert.Equal("已按时返岗", r.ReturnNote);
        Assert.False(r.IsActive);
        Assert.Null(Request(LeaveStatus.Approved).Return(Now, "  ").Next.ReturnNote);
    }

    [Theory]
    [MemberData(nameof(NotApproved))]
    public void Return_FromAnythingButApproved_IsAStateConflict(LeaveStatus status)
    {
        Assert.Throws<StateConflictException>(() => Request(status).Return(Now, null).Next);
    }

    [Theory]
    [InlineData("chen-siyuan")]
    [InlineData("wu-jianping")]
    [InlineData("lin-jianguo")]
    public void PartitionOf_ANewId_IsTheApplicantsId(string applicantId)
    {
        Assert.Equal(applicantId, LeaveRequest.PartitionOf(LeaveRequest.NewId(applicantId, Now)));
    }

    [Fact]
    public void NewId_CarriesTheChinaStandardTimeDate_AndDiffers()
    {
        var lateUtc = new DateTimeOffset(2026, 3, 1, 17, 30, 0, TimeSpan.Zero); // 2026-03-02 01:30 in Beijing

        var id = LeaveRequest.NewId("chen-siyuan", lateUtc);

        Assert.Matches("^chen-siyuan\\.20260302\\.[0-9a-f]{6}$", id);
        Assert.NotEqual(id, LeaveRequest.NewId("chen-siyuan", lateUtc)); // random suffix
    }

    [Fact]
    public void LastDay_OfAnEndAtMidnightChinaTime_IsThePreviousDay()
    {
        var midnight = new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(new DateOnly(2026, 3, 4), Request(LeaveStatus.Approved, midnight).LastDay);
        // The same instant written in UTC.
        Assert.Equal(new DateOnly(2026, 3, 4), Request(LeaveStatus.Approved, midnight.ToUniversalTime()).LastDay);
    }

    [Fact]
    public void LastDay_OfAnEndDuringTheDay_IsThatDayInChinaTime()
    {
        Assert.Equal(new DateOnly(2026, 3, 5),
            Request(LeaveStatus.Approved, new DateTimeOffset(2026, 3, 5, 0, 0, 1, TimeSpan.FromHours(8))).LastDay);
        // 2026-03-04 18:00 UTC is 2026-03-05 02:00 in Beijing.
        Assert.Equal(new DateOnly(2026, 3, 5),
            Request(LeaveStatus.Approved, new DateTimeOffset(2026, 3, 4, 18, 0, 0, TimeSpan.Zero)).LastDay);
    }

    [Theory]
    [InlineData(LeaveStatus.Pending, true)]
    [InlineData(LeaveStatus.Approved, true)]
    [InlineData(LeaveStatus.Rejected, false)]
    [InlineData(LeaveStatus.Withdrawn, false)]
    [InlineData(LeaveStatus.Returned, false)]
    public void IsActive_OnlyWhilePendingOrApproved(LeaveStatus status, bool active)
    {
        Assert.Equal(active, Request(status).IsActive);
    }
}
