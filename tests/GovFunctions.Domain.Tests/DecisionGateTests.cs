using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Organization;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The rules of major administrative decisions (重大行政决策) as pure functions: the gates before a meeting's agenda
/// (Art. 15–17, 19), the intake's validation (Art. 15, 40) and the meetings' membership and quorum (Art. 3, 5).
/// </summary>
public class DecisionGateTests
{
    private static readonly DateOnly Today = DecisionSamples.Today;
    private const int MinimumDays = DecisionSamples.MinimumCommentDays;

    private static IReadOnlyList<OpenGate> Gates(Decision d, DateOnly? today = null, int minimumDays = MinimumDays) =>
        DecisionRules.OpenGates(d, today ?? Today, minimumDays);

    private static OpenGate OnlyGate(Decision d, DateOnly? today = null, int minimumDays = MinimumDays) =>
        Assert.Single(Gates(d, today, minimumDays));

    // ---- everything in place / nothing in place ---------------------------------------------------------------------

    [Fact]
    public void OpenGates_WithEveryGatePassed_IsEmpty()
    {
        Assert.Empty(Gates(DecisionSamples.Ready()));
    }

    [Fact]
    public void OpenGates_FreshDraftWithEveryFlag_ReportsAllSixGatesAtOnceInAStableOrder_Art15To17And19()
    {
        var draft = DecisionSamples.Draft(["finance", "education"], touchesLowerLevels: true, publicInterest: true, hearingRequired: true);

        var gates = Gates(draft);

        string[] expected = ["legalityReview", "research", "consultation", "lowerLevels", "publicComment", "hearing"];
        Assert.Equal(expected, gates.Select(g => g.Gate));
        Assert.Equal(expected, Gates(draft).Select(g => g.Gate));
        Assert.Equal(gates, Gates(draft));
        Assert.Contains("第十五条", gates[0].Article);
        Assert.Contains("第十九条", gates[0].Article);
        Assert.Contains("第十六条", gates[1].Article);
        Assert.Contains("第十七条", gates[2].Article);
        Assert.Contains("第十七条", gates[3].Article);
        Assert.Contains("第十七条", gates[4].Article);
        Assert.Contains("第十七条", gates[5].Article);
        Assert.Contains("第十九条", gates[5].Article);
        Assert.All(gates, g => Assert.False(string.IsNullOrWhiteSpace(g.Message)));
    }

    [Fact]
    public void OpenGates_FreshDraftWithoutFlags_ReportsOnlyTheLegalityReviewAndTheResearch_Art15Art16()
    {
        var gates = Gates(DecisionSamples.Draft());

        Assert.Equal(["legalityReview", "research"], gates.Select(g => g.Gate));
    }

    [Fact]
    public void Schedule_WithoutLegalityReview_IsRefusedUnderArt15()
    {
        // The service refuses the agenda with RuleViolationException.For(OpenGates(...)): the first gate names the article.
        var d = DecisionSamples.Ready() with { LegalityReview = Review.NotStarted };

        var refusal = RuleViolationException.For(Gates(d));

        Assert.Equal("legalityReview", refusal.Gate);
        Assert.Contains("第十五条", refusal.Article);
        Assert.Contains("第十九条", refusal.Article);
        Assert.Equal("legalityReview", Assert.Single(refusal.Gates).Gate);
        Assert.Contains("合法性审查", refusal.Message);
    }

    [Fact]
    public void Schedule_WithSeveralGatesOpen_IsRefusedNamingEveryGate_Art16Art17Art19()
    {
        var d = DecisionSamples.Ready() with { Evidence = [], Hearing = null };

        var refusal = RuleViolationException.For(Gates(d));

        Assert.Equal("research", refusal.Gate);
        Assert.Contains("第十六条", refusal.Article);
        Assert.Equal(["research", "lowerLevels", "hearing"], refusal.Gates.Select(g => g.Gate));
        Assert.Contains("缺少基础性、战略性研究", refusal.Message);
        Assert.Contains("应当听证而未听证", refusal.Message);
    }

    // ---- legality review (Art. 15, 19) ------------------------------------------------------------------------------

    [Theory]
    [InlineData(ReviewState.NotStarted)]
    [InlineData(ReviewState.Pending)]
    public void LegalityReview_NotYetPassed_KeepsTheGateOpenUnderArt15AndArt19(ReviewState state)
    {
        var d = DecisionSamples.Ready() with { LegalityReview = new Review(state, state == ReviewState.Pending ? "L9" : null) };

        var gate = OnlyGate(d);

        Assert.Equal("legalityReview", gate.Gate);
        Assert.Contains("第十五条", gate.Article);
        Assert.Contains("第十九条", gate.Article);
        Assert.Contains("未经区政府法制机构合法性审查", gate.Message);
    }

    [Fact]
    public void LegalityReview_Failed_KeepsTheGateOpenSayingItDidNotPass_Art15Art19()
    {
        var d = DecisionSamples.Ready() with { LegalityReview = new Review(ReviewState.Failed, "L1", "与上位法抵触") };

        var gate = OnlyGate(d);

        Assert.Equal("legalityReview", gate.Gate);
        Assert.Contains("第十五条", gate.Article);
        Assert.Contains("第十九条", gate.Article);
        Assert.Contains("合法性审查未通过", gate.Message);
        Assert.Contains("did not pass", gate.Message);
    }

    [Fact]
    public void LegalityReview_Passed_ClosesTheGate_Art15()
    {
        var d = DecisionSamples.Ready() with { LegalityReview = new Review(ReviewState.Passed, "L1") };

        Assert.DoesNotContain(Gates(d), g => g.Gate == "legalityReview");
    }

    // ---- research, expert assessment, legal analysis (Art. 16) ------------------------------------------------------

    [Fact]
    public void Research_Missing_KeepsTheGateOpenUnderArt16()
    {
        var d = DecisionSamples.Ready() with
        {
            Evidence = [DecisionSamples.Evidence(EvidenceKind.ExpertAssessment), DecisionSamples.Evidence(EvidenceKind.LegalAnalysis),
                DecisionSamples.Evidence(EvidenceKind.LowerLevelOpinions)],
        };

        var gate = OnlyGate(d);

        Assert.Equal("research", gate.Gate);
        Assert.Contains("第十六条", gate.Article);
        Assert.Contains("no research basis", gate.Message);
    }

    [Fact]
    public void Research_WithoutExpertAssessmentOrLegalAnalysis_KeepsTheGateOpenUnderArt16()
    {
        var d = DecisionSamples.Ready() with
        {
            Evidence = [DecisionSamples.Evidence(EvidenceKind.Research), DecisionSamples.Evidence(EvidenceKind.LowerLevelOpinions)],
        };

        var gate = OnlyGate(d);

        Assert.Equal("research", gate.Gate);
        Assert.Contains("第十六条", gate.Article);
        Assert.Contains("no expert assessment or legal analysis", gate.Message);
    }

    [Theory]
    [InlineData(EvidenceKind.ExpertAssessment)]
    [InlineData(EvidenceKind.LegalAnalysis)]
    public void Research_WithExpertAssessmentOrLegalAnalysis_ClosesTheGate_Art16(EvidenceKind assessment)
    {
        var d = DecisionSamples.Ready() with
        {
            Evidence = [DecisionSamples.Evidence(EvidenceKind.Research), DecisionSamples.Evidence(assessment),
                DecisionSamples.Evidence(EvidenceKind.LowerLevelOpinions)],
        };

        Assert.Empty(Gates(d));
    }

    // ---- consultation of the departments it touches (Art. 17) -------------------------------------------------------

    [Fact]
    public void Consultation_WithNoDepartmentsToConsult_IsNoGate_Art17()
    {
        var d = DecisionSamples.Ready() with { ConsultDepartmentIds = [], Consultation = Review.NotStarted };

        Assert.Empty(Gates(d));
    }

    [Theory]
    [InlineData(ReviewState.NotStarted)]
    [InlineData(ReviewState.Pending)]
    public void Consultation_NotYetPassed_KeepsTheGateOpenUnderArt17(ReviewState state)
    {
        var d = DecisionSamples.Ready() with { Consultation = new Review(state, state == ReviewState.Pending ? "C9" : null) };

        var gate = OnlyGate(d);

        Assert.Equal("consultation", gate.Gate);
        Assert.Contains("第十七条", gate.Article);
        Assert.Contains("尚未征求全部相关部门意见", gate.Message);
    }

    [Fact]
    public void Consultation_Failed_KeepsTheGateOpenWithTheObjectionInTheMessage_Art17()
    {
        const string objection = "区财政局：资金来源未落实";
        var d = DecisionSamples.Ready() with { Consultation = new Review(ReviewState.Failed, "C1", objection) };

        var gate = OnlyGate(d);

        Assert.Equal("consultation", gate.Gate);
        Assert.Contains("第十七条", gate.Article);
        Assert.Contains(objection, gate.Message);
        Assert.Contains("objected", gate.Message);
    }

    [Fact]
    public void Consultation_Passed_ClosesTheGate_Art17()
    {
        var d = DecisionSamples.Ready() with { Consultation = new Review(ReviewState.Passed, "C1", null) };

        Assert.DoesNotContain(Gates(d), g => g.Gate == "consultation");
    }

    // ---- lower levels (Art. 17) -------------------------------------------------------------------------------------

    [Fact]
    public void LowerLevels_TouchedWithoutTheirOpinions_KeepsTheGateOpenUnderArt17()
    {
        var d = DecisionSamples.Ready() with
        {
            Evidence = [DecisionSamples.Evidence(EvidenceKind.Research), DecisionSamples.Evidence(EvidenceKind.ExpertAssessment)],
        };

        var gate = OnlyGate(d);

        Assert.Equal("lowerLevels", gate.Gate);
        Assert.Contains("第十七条", gate.Article);
    }

    [Fact]
    public void LowerLevels_OpinionsOnRecord_CloseTheGate_Art17()
    {
        var d = DecisionSamples.Ready();

        Assert.True(d.TouchesLowerLevels);
        Assert.DoesNotContain(Gates(d), g => g.Gate == "lowerLevels");
    }

    [Fact]
    public void LowerLevels_NotTouched_IsNoGateEvenWithoutOpinions_Art17()
    {
        var d = DecisionSamples.Ready() with
        {
            TouchesLowerLevels = false,
            Evidence = [DecisionSamples.Evidence(EvidenceKind.Research), DecisionSamples.Evidence(EvidenceKind.ExpertAssessment)],
        };

        Assert.Empty(Gates(d));
    }

    // ---- public comment (Art. 17) -----------------------------------------------------------------------------------

    private static PublicComment Comment(DateOnly start, DateOnly end) => new(start, end, 8, "群众意见集中在停车位和加装电梯", "全部采纳");

    [Fact]
    public void PublicComment_Missing_KeepsTheGateOpenUnderArt17()
    {
        var d = DecisionSamples.Ready() with { PublicComment = null };

        var gate = OnlyGate(d);

        Assert.Equal("publicComment", gate.Gate);
        Assert.Contains("第十七条", gate.Article);
        Assert.Contains("no public comment period", gate.Message);
    }

    [Fact]
    public void PublicComment_NotOfPublicInterest_IsNoGate_Art17()
    {
        var d = DecisionSamples.Ready() with { PublicInterest = false, PublicComment = null };

        Assert.Empty(Gates(d));
    }

    [Fact]
    public void PublicComment_ThirtyDaysInclusive_MeetsAThirtyDayMinimum_Art17()
    {
        var start = Today.AddDays(-40);
        var d = DecisionSamples.Ready() with { PublicComment = Comment(start, start.AddDays(29)) };

        Assert.Empty(Gates(d, minimumDays: 30));
    }

    [Fact]
    public void PublicComment_TwentyNineDaysInclusive_IsShorterThanAThirtyDayMinimum_Art17()
    {
        var start = Today.AddDays(-40);
        var d = DecisionSamples.Ready() with { PublicComment = Comment(start, start.AddDays(28)) };

        var gate = OnlyGate(d, minimumDays: 30);

        Assert.Equal("publicComment", gate.Gate);
        Assert.Contains("第十七条", gate.Article);
        Assert.Contains("公开征求意见期限不足30日", gate.Message);
        Assert.Contains("shorter than 30 days", gate.Message);
    }

    [Fact]
    public void PublicComment_EndingToday_IsStillOpenUnderArt17()
    {
        var d = DecisionSamples.Ready() with { PublicComment = Comment(Today.AddDays(-40), Today) };

        var gate = OnlyGate(d);

        Assert.Equal("publicComment", gate.Gate);
        Assert.Contains("第十七条", gate.Article);
        Assert.Contains("has not ended", gate.Message);
    }

    [Fact]
    public void PublicComment_EndingInTheFuture_IsStillOpenUnderArt17()
    {
        var d = DecisionSamples.Ready() with { PublicComment = Comment(Today.AddDays(-40), Today.AddDays(3)) };

        Assert.Contains("has not ended", OnlyGate(d).Message);
    }

    [Fact]
    public void PublicComment_LongEnoughAndEndedYesterday_ClosesTheGate_Art17()
    {
        var d = DecisionSamples.Ready() with { PublicComment = Comment(Today.AddDays(-30), Today.AddDays(-1)) };

        Assert.Empty(Gates(d));
    }

    // ---- hearing (Art. 17, 19) --------------------------------------------------------------------------------------

    [Fact]
    public void Hearing_RequiredButNotHeld_KeepsTheGateOpenUnderArt17AndArt19()
    {
        var d = DecisionSamples.Ready() with { Hearing = null };

        var gate = OnlyGate(d);

        Assert.Equal("hearing", gate.Gate);
        Assert.Contains("第十七条", gate.Article);
        Assert.Contains("第十九条", gate.Article);
        Assert.Contains("应当听证而未听证", gate.Message);
    }

    [Fact]
    public void Hearing_NotRequired_IsNoGate_Art17()
    {
        var d = DecisionSamples.Ready() with { HearingRequired = false, Hearing = null };

        Assert.Empty(Gates(d));
    }

    [Fact]
    public void Hearing_Held_ClosesTheGate_Art17Art19()
    {
        var d = DecisionSamples.Ready();

        Assert.NotNull(d.Hearing);
        Assert.DoesNotContain(Gates(d), g => g.Gate == "hearing");
    }

    // ---- validation of the intake (Art. 15, 40) ---------------------------------------------------------------------

    private static readonly OrgChart Org = Seeds.Organization();

    private static DecisionIntake Intake() => new("老旧小区改造三年行动方案", DecisionCategory.LivelihoodStability,
        "对全区 2000 年以前建成的老旧小区实施综合改造。", "housing", ["finance", "urban-management"], true, true, false, false, null);

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(DecisionIntake i) =>
        Assert.Throws<ValidationException>(() => DecisionRules.Validate(i, Org)).Errors;

    [Fact]
    public void Validate_ACompleteIntake_Passes()
    {
        DecisionRules.Validate(Intake(), Org);
        DecisionRules.Validate(Intake() with { ConsultDepartmentIds = null }, Org);
        DecisionRules.Validate(Intake() with { Confidential = true, ConfidentialReason = "涉及国家秘密（第四十条）" }, Org);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_WithoutTitle_NamesTheTitle(string? title)
    {
        var errors = ErrorsOf(Intake() with { Title = title });

        Assert.Equal(["title"], errors.Keys);
    }

    [Fact]
    public void Validate_TitleLongerThan200_NamesTheTitle()
    {
        DecisionRules.Validate(Intake() with { Title = new string('题', 200) }, Org);

        Assert.Equal(["title"], ErrorsOf(Intake() with { Title = new string('题', 201) }).Keys);
    }

    [Fact]
    public void Validate_WithoutCategory_NamesTheCategoryUnderArt15()
    {
        var errors = ErrorsOf(Intake() with { Category = null });

        Assert.Equal(["category"], errors.Keys);
        Assert.Contains("第十五条", Assert.Single(errors["category"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Validate_WithoutSummary_NamesTheSummary(string? summary)
    {
        Assert.Equal(["summary"], ErrorsOf(Intake() with { Summary = summary }).Keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-such-bureau")]
    [InlineData("Housing")]
    public void Validate_UnknownSponsor_NamesTheSponsorDepartment(string? sponsor)
    {
        Assert.Equal(["sponsorDepartmentId"], ErrorsOf(Intake() with { SponsorDepartmentId = sponsor, ConsultDepartmentIds = ["finance"] }).Keys);
    }

    [Fact]
    public void Validate_UnknownDepartmentToConsult_NamesConsultDepartmentIds_Art17()
    {
        var errors = ErrorsOf(Intake() with { ConsultDepartmentIds = ["finance", "no-such-bureau"] });

        Assert.Equal(["consultDepartmentIds"], errors.Keys);
        Assert.Contains("no-such-bureau", Assert.Single(errors["consultDepartmentIds"]));
    }

    [Fact]
    public void Validate_ConsultingTheSponsorItself_NamesConsultDepartmentIds_Art17()
    {
        var errors = ErrorsOf(Intake() with { ConsultDepartmentIds = ["finance", "housing"] });

        Assert.Equal(["consultDepartmentIds"], errors.Keys);
        Assert.Contains("the sponsor need not consult itself", Assert.Single(errors["consultDepartmentIds"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_ConfidentialWithoutReason_NamesTheConfidentialReasonUnderArt40(string? reason)
    {
        var errors = ErrorsOf(Intake() with { Confidential = true, ConfidentialReason = reason });

        Assert.Equal(["confidentialReason"], errors.Keys);
        Assert.Contains("第四十条", Assert.Single(errors["confidentialReason"]));
    }

    [Fact]
    public void Validate_NotConfidential_NeedsNoReason_Art40()
    {
        DecisionRules.Validate(Intake() with { Confidential = false, ConfidentialReason = null }, Org);
    }

    [Fact]
    public void Validate_ConfidentialReasonLongerThan1000_NamesTheConfidentialReason_Art40()
    {
        Assert.Equal(["confidentialReason"],
            ErrorsOf(Intake() with { Confidential = true, ConfidentialReason = new string('密', 1001) }).Keys);
    }

    [Fact]
    public void Validate_ManyMistakes_NamesEveryFieldAtOnce()
    {
        var errors = ErrorsOf(new DecisionIntake(" ", null, null, "no-such-bureau", ["nowhere"], false, false, false, true, null));

        Assert.Equal(
            new[] { "category", "confidentialReason", "consultDepartmentIds", "sponsorDepartmentId", "summary", "title" },
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_UnknownAndSelfConsultation_ReportsBothUnderOneField()
    {
        var errors = ErrorsOf(Intake() with { ConsultDepartmentIds = ["nowhere", "housing"] });

        Assert.Equal(2, errors["consultDepartmentIds"].Length);
    }

    // ---- membership and quorum (Art. 3, 5) --------------------------------------------------------------------------

    private static readonly string[] LeaderIds =
        ["lin-jianguo", "zhou-minghua", "chen-siyuan", "wang-lijuan", "liu-haitao", "zhao-xiaofeng", "sun-huimin"];

    /// <summary>The seeded district plus one assistant head without a portfolio: an even number of members in both meetings.</summary>
    private static OrgChart EvenOrganization()
    {
        var f = Seeds.OrganizationFile();
        return OrganizationSeed.Build(f with
        {
            People = [.. f.People, new Person("extra-assistant", "额外助理", "extra-assistant@qinghe.example.org", Role.AssistantHead, "区长助理", null, [])],
        });
    }

    [Fact]
    public void MembersOf_Executive_IsTheDistrictLeadershipOnly_Art5()
    {
        var members = DecisionRules.MembersOf(Org, MeetingType.Executive).Select(p => p.Id);

        Assert.Equal(LeaderIds.Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void MembersOf_Plenary_IsEveryLeaderAndEveryDepartmentHead_Art3Art5()
    {
        var members = DecisionRules.MembersOf(Org, MeetingType.Plenary).Select(p => p.Id).ToList();

        var expected = LeaderIds.Concat(Org.Departments.Select(d => Org.HeadOf(d.Id).Id)).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(expected, members.Order(StringComparer.Ordinal));
        Assert.Equal(17, Org.Departments.Count);
        Assert.Equal(23, members.Count); // 7 leaders + 16 department heads (the office's head is the office director)
        Assert.Equal(members.Count, members.Distinct().Count());
        Assert.Contains("huang-xiuying", members); // head of finance
        Assert.DoesNotContain("jiang-hui", members); // deputy head of finance
        Assert.DoesNotContain("qin-hao", members); // staff
        Assert.DoesNotContain("cao-xiaowen", members); // hotline operator
    }

    [Theory]
    [InlineData(MeetingType.Executive, 3, false)]
    [InlineData(MeetingType.Executive, 4, true)]
    [InlineData(MeetingType.Plenary, 11, false)]
    [InlineData(MeetingType.Plenary, 12, true)]
    public void HasQuorum_SeededDistrict_NeedsMoreThanHalf_Art5(MeetingType meeting, int attending, bool quorate)
    {
        var attendees = DecisionRules.MembersOf(Org, meeting).Take(attending).Select(p => p.Id);

        Assert.Equal(quorate, DecisionRules.HasQuorum(Org, meeting, attendees, out var present, out var members));
        Assert.Equal(attending, present);
        Assert.Equal(meeting == MeetingType.Plenary ? 23 : 7, members);
    }

    [Theory]
    [InlineData(MeetingType.Executive, 8)]
    [InlineData(MeetingType.Plenary, 24)]
    public void HasQuorum_ExactlyHalf_Fails_AndHalfPlusOne_Passes_Art5(MeetingType meeting, int expectedMembers)
    {
        var org = EvenOrganization();
        var all = DecisionRules.MembersOf(org, meeting).Select(p => p.Id).ToList();
        Assert.Equal(expectedMembers, all.Count);

        Assert.False(DecisionRules.HasQuorum(org, meeting, all.Take(all.Count / 2), out var half, out var members));
        Assert.Equal(expectedMembers / 2, half);
        Assert.Equal(expectedMembers, members);
        Assert.True(DecisionRules.HasQuorum(org, meeting, all.Take(all.Count / 2 + 1), out var halfPlusOne, out _));
        Assert.Equal(expectedMembers / 2 + 1, halfPlusOne);
    }

    [Fact]
    public void HasQuorum_DuplicateAttendees_CountOnce_Art5()
    {
        string[] attendees = ["lin-jianguo", "lin-jianguo", "zhou-minghua", "zhou-minghua", "chen-siyuan", "chen-siyuan", "chen-siyuan"];

        Assert.False(DecisionRules.HasQuorum(Org, MeetingType.Executive, attendees, out var present, out var members));
        Assert.Equal(3, present);
        Assert.Equal(7, members);
    }

    [Fact]
    public void HasQuorum_NonMembers_DoNotCount_Art5()
    {
        // Department heads are not members of the executive meeting; deputies, staff and strangers of neither.
        string[] attendees = ["lin-jianguo", "zhou-minghua", "chen-siyuan", "huang-xiuying", "gao-feng", "wu-jianping",
            "jiang-hui", "qin-hao", "nobody-at-all"];

        Assert.False(DecisionRules.HasQuorum(Org, MeetingType.Executive, attendees, out var present, out _));
        Assert.Equal(3, present);

        // In the plenary the three department heads do count, the deputy head, the staff member and the stranger do not.
        Assert.False(DecisionRules.HasQuorum(Org, MeetingType.Plenary, attendees, out var plenaryPresent, out var plenaryMembers));
        Assert.Equal(6, plenaryPresent);
        Assert.Equal(23, plenaryMembers);
    }

    [Fact]
    public void HasQuorum_NobodyPresent_Fails_Art5()
    {
        Assert.False(DecisionRules.HasQuorum(Org, MeetingType.Executive, [], out var present, out _));
        Assert.Equal(0, present);
    }
}

/// <summary>Decisions in known states for the decision tests: a housing bureau proposal, seeded people, a fixed clock.</summary>
internal static class DecisionSamples
{
    public static readonly DateOnly Today = new(2026, 3, 10);
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
    public const int MinimumCommentDays = 30;
    public const string Creator = "gao-feng"; // head of the housing bureau, the sponsor
    public const string OfficeDirector = "sun-huimin";

    public static readonly OrgChart Org = Seeds.Organization();
    public static readonly Attendance Attended = new(4, 7);

    public static readonly string[] ExecutiveQuorum = ["lin-jianguo", "zhou-minghua", "chen-siyuan", "wang-lijuan"];

    public static Decision Draft(IReadOnlyList<string>? consult = null, bool touchesLowerLevels = false, bool publicInterest = false,
        bool hearingRequired = false, bool confidential = false, string? confidentialReason = null,
        DecisionCategory category = DecisionCategory.LivelihoodStability) =>
        new("dec-20260101-0001", "老旧小区改造三年行动方案", category, "对全区 2000 年以前建成的老旧小区实施综合改造。", "housing",
            consult ?? [], touchesLowerLevels, publicInterest, hearingRequired, confidential,
            confidential ? confidentialReason ?? "涉及国家秘密" : confidentialReason, Creator, Now.AddDays(-60), DecisionStatus.Draft);

    public static Evidence Evidence(EvidenceKind kind) => new(kind, $"{kind}：调研报告摘要", "区发展研究中心", Today.AddDays(-20), Creator);

    /// <summary>In review with every gate passed: every flag set, both reviews passed, every piece of evidence, a 40-day
    /// public comment period that ended yesterday, a hearing.</summary>
    public static Decision Ready(bool confidential = false) =>
        Draft(["finance"], touchesLowerLevels: true, publicInterest: true, hearingRequired: true, confidential: confidential) with
        {
            Status = DecisionStatus.InReview,
            LegalityReview = new Review(ReviewState.Passed, "L1"),
            Consultation = new Review(ReviewState.Passed, "C1"),
            Evidence = [Evidence(EvidenceKind.Research), Evidence(EvidenceKind.ExpertAssessment), Evidence(EvidenceKind.LowerLevelOpinions)],
            PublicComment = new PublicComment(Today.AddDays(-40), Today.AddDays(-1), 12, "意见集中在加装电梯", "全部采纳"),
            Hearing = new Hearing(Today.AddDays(-5), "居民代表 15 人、街道 3 人", "多数赞成，少数担心施工扰民"),
        };

    public static MeetingOutcome Outcome(MeetingResult result, MeetingType meeting = MeetingType.Executive, string minutes = "会议纪要：同意按修改意见实施") =>
        new(meeting, Today, ExecutiveQuorum, result, minutes, OfficeDirector);

    public static Decision Scheduled(bool confidential = false) => Ready(confidential).Schedule(MeetingType.Executive, Today).Next;

    public static Decision Decided(MeetingResult result, bool confidential = false) =>
        Scheduled(confidential).Decided(Outcome(result), Now, TimeSpan.FromDays(365), DecisionSamples.Attended).Next;
}
