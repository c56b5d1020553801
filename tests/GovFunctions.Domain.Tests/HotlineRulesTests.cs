using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Hotline;
using GovFunctions.Organization;

using static GovFunctions.Domain.Tests.SeedPeople;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The rules of the district-head hotline (区长电话, Art. 37): time limits on the working-day clock of the 2026 holiday
/// notice, masking of callers' numbers, same-issue detection, intake validation, who answers the line and who an
/// escalation goes to, and the overdue stages that lead to the accountability list (Art. 32).
/// </summary>
public class HotlineRulesTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly WorkingCalendar Calendar = Seeds.Calendar();
    private static readonly HotlineDeadlines Defaults = new();

    /// <summary>Wednesday 25 November 2026, 10:00 in Beijing: an ordinary working morning.</summary>
    private static readonly DateTimeOffset Now = T("2026-11-25T10:00:00+08:00");

    private static DateTimeOffset T(string s) => DateTimeOffset.Parse(s);

    private static DateTimeOffset Deadline(CallCategory category, string received, HotlineDeadlines? limits = null) =>
        HotlineRules.DeadlineFor(category, T(received), Calendar, limits ?? Defaults);

    // ---- DeadlineFor: the default 12345 limits (Art. 37) -------------------------------------------------------------

    [Fact]
    public void DefaultDeadlines_AreTheUsual12345Limits_InWorkingDays()
    {
        Assert.Equal(0, Defaults.For(CallCategory.Urgent));
        Assert.Equal(3, Defaults.For(CallCategory.Consultation));
        Assert.Equal(13, Defaults.For(CallCategory.Complaint));
        Assert.Equal(13, Defaults.For(CallCategory.Request));
        Assert.Equal(13, Defaults.For(CallCategory.Suggestion));
    }

    [Theory]
    [InlineData("2026-11-25T10:00:00+08:00", "2026-11-25T17:30:00+08:00")] // office hours: the same day
    [InlineData("2026-11-25T07:00:00+08:00", "2026-11-25T17:30:00+08:00")] // before opening on a working day: the same day
    [InlineData("2026-11-25T12:30:00+08:00", "2026-11-25T17:30:00+08:00")] // lunch break: still the same day
    [InlineData("2026-11-25T17:29:00+08:00", "2026-11-25T17:30:00+08:00")] // a minute before close
    [InlineData("2026-10-10T10:00:00+08:00", "2026-10-10T17:30:00+08:00")] // Saturday made a workday (调休): the same day
    public void Urgent_ReceivedOnAWorkingDayBeforeClose_IsDueAtTheCloseOfThatDay_Art37(string received, string expected) =>
        Assert.Equal(T(expected), Deadline(CallCategory.Urgent, received));

    [Theory]
    [InlineData("2026-11-25T17:30:00+08:00", "2026-11-26T17:30:00+08:00")] // at the close: the next working day
    [InlineData("2026-11-25T21:00:00+08:00", "2026-11-26T17:30:00+08:00")] // evening
    [InlineData("2026-11-27T19:00:00+08:00", "2026-11-30T17:30:00+08:00")] // Friday evening: Monday
    [InlineData("2026-11-28T10:00:00+08:00", "2026-11-30T17:30:00+08:00")] // an ordinary Saturday: Monday
    [InlineData("2026-09-30T18:00:00+08:00", "2026-10-08T17:30:00+08:00")] // the eve of 国庆: the first day back
    [InlineData("2026-10-03T09:00:00+08:00", "2026-10-08T17:30:00+08:00")] // during 国庆
    [InlineData("2026-02-17T11:00:00+08:00", "2026-02-24T17:30:00+08:00")] // during 春节
    public void Urgent_ReceivedAfterCloseOrOnARestDay_IsDueAtTheCloseOfTheNextWorkingDay_Art37(string received, string expected) =>
        Assert.Equal(T(expected), Deadline(CallCategory.Urgent, received));

    [Fact]
    public void Consultation_ReceivedTheDayBeforeNationalDay_CountsOct8Oct9AndTheAdjustedSaturdayOct10_Art37()
    {
        // 国庆 1–7 October are not counted; 8 (Thu), 9 (Fri) and 10 (Saturday made a workday, 调休) are working days 1–3.
        Assert.Equal(T("2026-10-10T17:30:00+08:00"), Deadline(CallCategory.Consultation, "2026-09-30T10:00:00+08:00"));
    }

    [Theory]
    [InlineData(CallCategory.Complaint)]
    [InlineData(CallCategory.Request)]
    [InlineData(CallCategory.Suggestion)]
    public void ThirteenDayCategories_ReceivedTheDayBeforeNationalDay_AreDueOct23_CountingTheAdjustedSaturday_Art37(CallCategory category)
    {
        // 10/8, 10/9, 10/10 (调休 Saturday), 10/12–16, 10/19–23: the 13th working day is Friday 23 October.
        Assert.Equal(T("2026-10-23T17:30:00+08:00"), Deadline(category, "2026-09-30T10:00:00+08:00"));
    }

    [Fact]
    public void Consultation_ReceivedTheFridayBeforeSpringFestival_CountsTheAdjustedSaturday_ThenSkipsTheHoliday_Art37()
    {
        // 2/14 (Saturday made a workday) is day 1; 春节 2/15–2/23 is skipped; 2/24 is day 2 and 2/25 day 3.
        Assert.Equal(T("2026-02-25T17:30:00+08:00"), Deadline(CallCategory.Consultation, "2026-02-13T10:00:00+08:00"));
    }

    [Fact]
    public void Complaint_ReceivedTheFridayBeforeSpringFestival_CountsBothAdjustedSaturdays_Art37()
    {
        // 2/14, 2/24–27, 2/28 (调休 Saturday), 3/2–6, 3/9, 3/10.
        Assert.Equal(T("2026-03-10T17:30:00+08:00"), Deadline(CallCategory.Complaint, "2026-02-13T10:00:00+08:00"));
    }

    [Fact]
    public void Consultation_ReceivedOnAHoliday_CountsFromTheHoliday_NotIncludingIt()
    {
        // Received on 3 October: 10/8, 10/9, 10/10.
        Assert.Equal(T("2026-10-10T17:30:00+08:00"), Deadline(CallCategory.Consultation, "2026-10-03T09:00:00+08:00"));
    }

    [Theory]
    [InlineData(CallCategory.Urgent, "2026-11-25T02:00:00Z")]
    [InlineData(CallCategory.Consultation, "2026-11-25T02:00:00Z")]
    [InlineData(CallCategory.Complaint, "2026-11-24T20:00:00-05:00")]
    [InlineData(CallCategory.Suggestion, "2026-11-25T10:00:00+08:00")]
    public void Deadline_IsExpressedInChinaStandardTime_PlusEight(CallCategory category, string received)
    {
        var deadline = Deadline(category, received);
        Assert.Equal(TimeSpan.FromHours(8), deadline.Offset);
        Assert.Equal(new TimeOnly(17, 30), TimeOnly.FromDateTime(deadline.DateTime));
    }

    [Fact]
    public void Urgent_ReadsTheDayAndHourInChinaTime_NotUtc()
    {
        // 2026-11-24T20:00Z is 04:00 on Wednesday 25 November in Beijing: before close, so the same (Beijing) day.
        Assert.Equal(T("2026-11-25T17:30:00+08:00"), Deadline(CallCategory.Urgent, "2026-11-24T20:00:00Z"));
        // 2026-11-25T10:00Z is 18:00 in Beijing: after close, so the next working day.
        Assert.Equal(T("2026-11-26T17:30:00+08:00"), Deadline(CallCategory.Urgent, "2026-11-25T10:00:00Z"));
    }

    [Fact]
    public void CustomLimitsFromSettings_ChangeTheDeadline()
    {
        var limits = new HotlineDeadlines { Urgent = 1, Consultation = 1, Complaint = 5, Request = 20, Suggestion = 2 };

        Assert.Equal(T("2026-11-26T17:30:00+08:00"), Deadline(CallCategory.Urgent, "2026-11-25T10:00:00+08:00", limits));
        Assert.Equal(T("2026-10-08T17:30:00+08:00"), Deadline(CallCategory.Consultation, "2026-09-30T10:00:00+08:00", limits));
        Assert.Equal(T("2026-12-02T17:30:00+08:00"), Deadline(CallCategory.Complaint, "2026-11-25T10:00:00+08:00", limits));
        Assert.Equal(T("2026-12-23T17:30:00+08:00"), Deadline(CallCategory.Request, "2026-11-25T10:00:00+08:00", limits));
        Assert.Equal(T("2026-11-27T17:30:00+08:00"), Deadline(CallCategory.Suggestion, "2026-11-25T10:00:00+08:00", limits));

        Assert.NotEqual(Deadline(CallCategory.Complaint, "2026-11-25T10:00:00+08:00"),
            Deadline(CallCategory.Complaint, "2026-11-25T10:00:00+08:00", limits));
    }

    // ---- Mask ---------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("138 1234 5678", "138****5678")]
    [InlineData("138-1234-5678", "138****5678")]
    public void Mask_Mobile_KeepsTheFirstThreeAndLastFourDigits(string phone, string expected) =>
        Assert.Equal(expected, HotlineRules.Mask(phone));

    [Theory]
    [InlineData("010-65123456", "010****3456")]
    [InlineData("010 6512 3456", "010****3456")]
    [InlineData("0755-8888-1234", "075****1234")]
    [InlineData("(021) 6321 5678", "021****5678")]
    public void Mask_LandlineWithDashesOrSpaces_KeepsTheFirstThreeAndLastFourDigits(string phone, string expected) =>
        Assert.Equal(expected, HotlineRules.Mask(phone));

    [Theory]
    [InlineData("62345678", "****5678")]     // a local number without its area code
    [InlineData("0571876543", "****6543")]
    public void Mask_LocalNumbers_KeepOnlyTheLastFourDigits(string phone, string expected) =>
        Assert.Equal(expected, HotlineRules.Mask(phone));

    [Theory]
    [InlineData("12345", "***45")]
    [InlineData("1234567", "*****67")]
    [InlineData("95598", "***98")]
    [InlineData("110", "*10")]
    [InlineData("12", "****")]
    [InlineData("", "****")]
    [InlineData("无号码", "****")]
    public void Mask_ShortNumbers_KeepOnlyTheLastTwoDigits(string phone, string expected) =>
        Assert.Equal(expected, HotlineRules.Mask(phone));

    [Fact]
    public void Mask_NeverReturnsTheFullNumber_ForAnyNumberOfFiveOrMoreDigits()
    {
        var random = new Random(20261125);
        string[] separators = ["", "-", " ", "--", " - "];
        for (var i = 0; i < 2000; i++)
        {
            var length = 5 + i % 11; // 5..15 digits, as IsPhone accepts
            var digits = string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))));
            var separator = separators[random.Next(separators.Length)];
            var phone = random.Next(2) == 0
                ? digits
                : string.Join(separator, digits.Chunk(1 + random.Next(4)).Select(c => new string(c)));

            var masked = HotlineRules.Mask(phone);

            var shown = new string(masked.Where(char.IsDigit).ToArray());
            Assert.True(shown.Length < length, $"{phone} → {masked} shows every digit");
            if (length >= 8) Assert.True(length - shown.Length >= 4, $"{phone} → {masked} hides fewer than four digits");
            Assert.DoesNotContain(digits, masked);
            Assert.NotEqual(phone, masked);
            Assert.Contains("*", masked);
        }
    }

    // ---- IsPhone ------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("13812345678")]
    [InlineData("138 1234 5678")]
    [InlineData("+86 138-1234-5678")]
    [InlineData("010-65123456")]
    [InlineData("(010) 6512 3456")]
    [InlineData("12345")]           // five digits: a service number
    [InlineData("123456789012345")] // fifteen digits: the longest (E.164)
    public void IsPhone_Accepts_FiveToFifteenDigitsWithTheUsualSeparators(string phone) =>
        Assert.True(HotlineRules.IsPhone(phone));

    [Theory]
    [InlineData("1234")]              // too short
    [InlineData("110")]
    [InlineData("1234567890123456")]  // sixteen digits
    [InlineData("138.1234.5678")]     // dots are not a separator
    [InlineData("138-abcd-5678")]     // letters
    [InlineData("电话13812345678")]    // words
    [InlineData("13812345678#")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("---- ----")]
    public void IsPhone_Rejects_TooFewOrTooManyDigitsAndOtherCharacters(string phone) =>
        Assert.False(HotlineRules.IsPhone(phone));

    // ---- Similarity ---------------------------------------------------------------------------------------------------

    private const string StreetLight = "幸福路小区门口的路灯坏了一个星期，晚上很黑，请尽快修理。";
    private const string StreetLightReworded = "幸福路小区门口路灯坏了，晚上太黑了，希望尽快修。";
    private const string SchoolFees = "孩子所在学校今年额外收取补课费，家长们认为不合理。";

    [Fact]
    public void Similarity_OfIdenticalTexts_IsOne() =>
        Assert.Equal(1.0, HotlineRules.Similarity(StreetLight, StreetLight));

    [Fact]
    public void Similarity_OfTextsSharingNoBigram_IsZero()
    {
        Assert.Equal(0.0, HotlineRules.Similarity("路灯坏了", "学校收费"));
        Assert.Equal(0.0, HotlineRules.Similarity(StreetLight, ""));
        Assert.Equal(0.0, HotlineRules.Similarity("，。！", StreetLight));
    }

    [Fact]
    public void Similarity_OfAShortRewordingOfTheSameComplaint_ReachesTheSameIssueThreshold()
    {
        var similarity = HotlineRules.Similarity(StreetLight, StreetLightReworded);
        Assert.True(similarity >= HotlineRules.SameIssueSimilarity, $"similarity {similarity}");
        Assert.Equal(similarity, HotlineRules.Similarity(StreetLightReworded, StreetLight));
    }

    [Fact]
    public void Similarity_OfAShortCallAboutTheSameLamp_AgainstALongOne_ReachesTheThreshold() =>
        Assert.True(HotlineRules.Similarity(StreetLight, "幸福路小区门口路灯坏了") >= HotlineRules.SameIssueSimilarity);

    [Fact]
    public void Similarity_OfAnUnrelatedComplaint_IsBelowTheSameIssueThreshold()
    {
        Assert.True(HotlineRules.Similarity(StreetLight, SchoolFees) < HotlineRules.SameIssueSimilarity);
        Assert.True(HotlineRules.Similarity(StreetLight, "幸福路菜市场占道经营，噪音很大。") < HotlineRules.SameIssueSimilarity);
    }

    [Theory]
    [InlineData("路灯坏了请尽快修理", "路灯 坏了，请 尽快修理！")]
    [InlineData("路灯坏了请尽快修理", "“路灯坏了”——请尽快修理……")]
    [InlineData("路灯坏了请尽快修理", "路灯\t坏了\n请尽快修理。")]
    [InlineData("street light broken", "street-light, broken!")]
    public void Similarity_IgnoresPunctuationAndWhitespace(string a, string b) =>
        Assert.Equal(1.0, HotlineRules.Similarity(a, b));

    // ---- IsSameIssue --------------------------------------------------------------------------------------------------

    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    private static HotlineCall OpenCall(string? location = "幸福路12号", CallStatus status = CallStatus.Assigned) =>
        new("hc-1", "张先生", "13812345678", Now, CallCategory.Complaint, StreetLight, location, "cao-xiaowen",
            Disposition.Assign, null, status)
        { DepartmentId = "urban-management", DueAt = Now.AddDays(18) };

    private static bool Same(HotlineCall open, CallCategory category = CallCategory.Complaint, string? location = "幸福路12号",
        string content = StreetLightReworded, DateTimeOffset? receivedAt = null) =>
        HotlineRules.IsSameIssue(open, category, location, content, receivedAt ?? Now.AddDays(2), Window);

    [Fact]
    public void IsSameIssue_OpenCallOfTheSameCategoryPlaceAndSimilarText_WithinTheWindow_IsTheSameIssue()
    {
        Assert.True(Same(OpenCall()));
        Assert.True(Same(OpenCall(), location: " 幸福路 12号 "));             // whitespace in the place is ignored
        Assert.True(Same(OpenCall(), receivedAt: Now.Add(Window)));          // the window's last instant
        Assert.True(Same(OpenCall(), receivedAt: Now.AddMinutes(-3)));       // clocks a few minutes apart
        Assert.True(Same(OpenCall(status: CallStatus.Replied)));             // replied is still open
        Assert.True(Same(OpenCall(status: CallStatus.Escalated)));
    }

    [Fact]
    public void IsSameIssue_DifferentCategory_IsNot() =>
        Assert.False(Same(OpenCall(), category: CallCategory.Request));

    [Fact]
    public void IsSameIssue_DifferentLocation_IsNot() =>
        Assert.False(Same(OpenCall(), location: "幸福路14号"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void IsSameIssue_WithoutALocation_NeverMatches_EvenAnOpenCallWithoutOne(string? location)
    {
        Assert.False(Same(OpenCall(), location: location));
        Assert.False(Same(OpenCall(location: location), location: location));
        Assert.False(Same(OpenCall(location: null), location: "幸福路12号"));
    }

    [Fact]
    public void IsSameIssue_OutsideTheWindow_IsNot()
    {
        Assert.False(Same(OpenCall(), receivedAt: Now.Add(Window).AddMinutes(1)));
        Assert.False(Same(OpenCall(), receivedAt: Now.AddDays(30)));
        Assert.False(Same(OpenCall(), receivedAt: Now.AddHours(-1))); // received well before the open call
    }

    [Fact]
    public void IsSameIssue_TheOpenCallClosed_IsNot() =>
        Assert.False(Same(OpenCall(status: CallStatus.Closed)));

    [Fact]
    public void IsSameIssue_DissimilarText_IsNot() =>
        Assert.False(Same(OpenCall(), content: SchoolFees));

    [Fact]
    public void SameIssueIds_LinksExactlyTheCallsIsSameIssueLinks_InTheirOrder_AtMostTheLimit()
    {
        var open = new List<HotlineCall>();
        for (var i = 0; i < 40; i++)
            open.Add(OpenCall(location: i % 3 == 0 ? "幸福路 12号" : "幸福路14号") with
            {
                Id = $"hc-{i}",
                Content = i % 4 == 0 ? SchoolFees : StreetLight,
                Status = i % 7 == 0 ? CallStatus.Closed : CallStatus.Assigned,
                ReceivedAt = Now.AddDays(-(i % 10)),
            });
        var expected = open.Where(c => HotlineRules.IsSameIssue(c, CallCategory.Complaint, "幸福路12号", StreetLightReworded, Now.AddDays(2), Window))
            .Select(c => c.Id).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, HotlineRules.SameIssueIds(open, CallCategory.Complaint, "幸福路12号", StreetLightReworded, Now.AddDays(2), Window));
        Assert.Equal(expected.Take(2), HotlineRules.SameIssueIds(open, CallCategory.Complaint, "幸福路12号", StreetLightReworded, Now.AddDays(2), Window, max: 2));
        Assert.Empty(HotlineRules.SameIssueIds(open, CallCategory.Complaint, " ", StreetLightReworded, Now.AddDays(2), Window));
    }

    // ---- Validate -----------------------------------------------------------------------------------------------------

    private static CallIntake Intake(
        string? callerName = "张先生", string? callerPhone = "138 1234 5678", DateTimeOffset? receivedAt = null,
        CallCategory? category = CallCategory.Complaint, string? content = StreetLight, string? location = "幸福路12号",
        Disposition? disposition = Disposition.Assign, string? answer = null, string? departmentId = "urban-management",
        bool noReceivedAt = false) =>
        new(callerName, callerPhone, noReceivedAt ? null : receivedAt ?? Now.AddMinutes(-20), category, content, location,
            disposition, answer, departmentId);

    private static IReadOnlyDictionary<string, string[]> Errors(CallIntake intake) =>
        Assert.Throws<ValidationException>(() => HotlineRules.Validate(intake, Org, Now)).Errors;

    private static void AssertOnlyError(CallIntake intake, string field) =>
        Assert.Equal(new[] { field }, Errors(intake).Keys.ToArray());

    [Fact]
    public void Validate_ACompleteIntake_Passes_ForEachDisposition()
    {
        HotlineRules.Validate(Intake(), Org, Now);
        HotlineRules.Validate(Intake(disposition: Disposition.Answered, answer: "已告知办理流程", departmentId: null), Org, Now);
        HotlineRules.Validate(Intake(disposition: Disposition.Escalate, departmentId: null), Org, Now);
        HotlineRules.Validate(Intake(disposition: Disposition.Escalate, departmentId: "education"), Org, Now);
        HotlineRules.Validate(Intake(location: null), Org, Now);
        HotlineRules.Validate(Intake(receivedAt: Now.AddMinutes(5)), Org, Now);    // a clock slightly ahead
        HotlineRules.Validate(Intake(receivedAt: Now.AddDays(-29)), Org, Now);     // recorded late, within 30 days
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_CallerNameMissing_NamesCallerName(string? name) =>
        AssertOnlyError(Intake(callerName: name), "callerName");

    [Fact]
    public void Validate_CallerNameTooLong_NamesCallerName() =>
        AssertOnlyError(Intake(callerName: new string('张', 51)), "callerName");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("1234")]
    [InlineData("138.1234.5678")]
    [InlineData("不记得")]
    public void Validate_CallerPhoneMissingOrNotAPhone_NamesCallerPhone(string? phone) =>
        AssertOnlyError(Intake(callerPhone: phone), "callerPhone");

    [Fact]
    public void Validate_ReceivedAtMissing_NamesReceivedAt() =>
        AssertOnlyError(Intake(noReceivedAt: true), "receivedAt");

    [Fact]
    public void Validate_ReceivedAtInTheFuture_NamesReceivedAt()
    {
        AssertOnlyError(Intake(receivedAt: Now.AddMinutes(6)), "receivedAt");
        Assert.Contains("future", Errors(Intake(receivedAt: Now.AddDays(1)))["receivedAt"][0]);
    }

    [Fact]
    public void Validate_ReceivedAtMoreThanThirtyDaysAgo_NamesReceivedAt()
    {
        AssertOnlyError(Intake(receivedAt: Now.AddDays(-31)), "receivedAt");
        Assert.Contains("30 days", Errors(Intake(receivedAt: Now.AddDays(-30).AddMinutes(-1)))["receivedAt"][0]);
    }

    [Fact]
    public void Validate_CategoryMissing_NamesCategory() =>
        AssertOnlyError(Intake(category: null), "category");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n ")]
    public void Validate_ContentMissing_NamesContent(string? content) =>
        AssertOnlyError(Intake(content: content), "content");

    [Fact]
    public void Validate_ContentTooLong_NamesContent() =>
        AssertOnlyError(Intake(content: new string('长', 4001)), "content");

    [Fact]
    public void Validate_DispositionMissing_NamesDisposition() =>
        AssertOnlyError(Intake(disposition: null), "disposition");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_AnsweredAtOnce_RequiresTheAnswer(string? answer) =>
        AssertOnlyError(Intake(disposition: Disposition.Answered, answer: answer, departmentId: null), "answer");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_Assign_RequiresADepartment(string? departmentId)
    {
        AssertOnlyError(Intake(disposition: Disposition.Assign, departmentId: departmentId), "departmentId");
        Assert.Contains("required", Errors(Intake(departmentId: departmentId))["departmentId"][0]);
    }

    [Fact]
    public void Validate_Assign_ToAnUnknownDepartment_NamesDepartmentId()
    {
        AssertOnlyError(Intake(disposition: Disposition.Assign, departmentId: "no-such-bureau"), "departmentId");
        Assert.Contains("not a department", Errors(Intake(departmentId: "no-such-bureau"))["departmentId"][0]);
    }

    [Fact]
    public void Validate_Escalate_ConcerningAnUnknownDepartment_NamesDepartmentId() =>
        AssertOnlyError(Intake(disposition: Disposition.Escalate, departmentId: "no-such-bureau"), "departmentId");

    [Fact]
    public void Validate_ReportsEveryMistakeAtOnce()
    {
        var errors = Errors(new CallIntake(null, "12", null, null, "  ", null, null, null, null));
        Assert.Equal(
            new[] { "callerName", "callerPhone", "category", "content", "disposition", "receivedAt" },
            errors.Keys.Order().ToArray());

        var more = Errors(Intake(callerName: "", callerPhone: null, receivedAt: Now.AddDays(-40), disposition: Disposition.Assign,
            departmentId: "no-such-bureau"));
        Assert.Equal(new[] { "callerName", "callerPhone", "departmentId", "receivedAt" }, more.Keys.Order().ToArray());
    }

    // ---- ResponsibleLeader (Art. 37, 6, 9) ----------------------------------------------------------------------------

    [Theory]
    [InlineData("education", Deputy)]
    [InlineData("health", Deputy)]
    [InlineData("housing", "wang-lijuan")]
    [InlineData("transport", "liu-haitao")]
    [InlineData("finance", ExecutiveDeputy)]
    public void ResponsibleLeader_OfADepartment_IsTheLeaderWhosePortfolioHoldsIt_Art37(string departmentId, string leaderId) =>
        Assert.Equal(leaderId, HotlineRules.ResponsibleLeader(Org, departmentId).Id);

    [Fact]
    public void ResponsibleLeader_OfTheAuditBureau_IsTheDistrictHead_Art9() =>
        Assert.Equal(DistrictHead, HotlineRules.ResponsibleLeader(Org, "audit").Id);

    [Theory]
    [InlineData(null)]
    [InlineData("no-such-bureau")]
    public void ResponsibleLeader_WithoutAKnownDepartment_IsTheDistrictHead_Art37(string? departmentId) =>
        Assert.Equal(DistrictHead, HotlineRules.ResponsibleLeader(Org, departmentId).Id);

    // ---- MayAnswerTheLine (Art. 37) -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("cao-xiaowen")]   // hotline operators
    [InlineData("deng-jia")]
    [InlineData("peng-yu")]
    [InlineData(DistrictHead)]    // 区长、副区长定期直接值守区长电话
    [InlineData(ExecutiveDeputy)]
    [InlineData(Deputy)]
    [InlineData("wang-lijuan")]
    [InlineData("liu-haitao")]
    public void MayAnswerTheLine_OperatorsTheDistrictHeadAndDeputies_May_Art37(string personId) =>
        Assert.True(HotlineRules.MayAnswerTheLine(Org.Person(personId)));

    [Theory]
    [InlineData("bai-xue")]           // staff
    [InlineData("qin-hao")]           // staff
    [InlineData(EducationHead)]       // department head
    [InlineData(AuditHead)]           // department head
    [InlineData(EducationDeputyHead)] // deputy department head
    [InlineData("zeng-qiang")]        // duty officer
    [InlineData("zhao-xiaofeng")]     // assistant head: not named by Art. 37
    [InlineData("sun-huimin")]        // office director
    public void MayAnswerTheLine_StaffAndDepartmentHeads_MayNot_Art37(string personId) =>
        Assert.False(HotlineRules.MayAnswerTheLine(Org.Person(personId)));

    [Fact]
    public void MayAnswerTheLine_EveryLeaderOnTheHotlineRoster_May_Art37() =>
        Assert.All(Org.HotlineRoster.Rotation, id => Assert.True(HotlineRules.MayAnswerTheLine(Org.Person(id))));

    // ---- Overdue (Art. 32) --------------------------------------------------------------------------------------------

    private static HotlineCall AssignedDue(string due, CallStatus status = CallStatus.Assigned) =>
        new("hc-2", "李女士", "13900001111", T(due).AddDays(-5), CallCategory.Complaint, StreetLight, "幸福路12号", "deng-jia",
            Disposition.Assign, null, status)
        { DepartmentId = "urban-management", DueAt = T(due) };

    private static HotlineRules.OverdueStage Stage(string due, string now, CallStatus status = CallStatus.Assigned) =>
        HotlineRules.Overdue(AssignedDue(due, status), T(now), Calendar);

    [Theory]
    [InlineData("2026-11-25T10:00:00+08:00")] // before the deadline
    [InlineData("2026-11-25T17:30:00+08:00")] // at the deadline
    [InlineData("2026-11-25T18:00:00+08:00")] // past it, but still the deadline's day
    [InlineData("2026-11-25T23:59:59+08:00")]
    [InlineData("2026-11-25T15:59:59Z")]      // 23:59:59 in Beijing
    public void Overdue_BeforeTheWorkingDayAfterTheDeadline_IsNone_Art32(string now) =>
        Assert.Equal(HotlineRules.OverdueStage.None, Stage("2026-11-25T17:30:00+08:00", now));

    [Theory]
    [InlineData("2026-11-26T00:00:00+08:00")]
    [InlineData("2026-11-25T16:00:00Z")]      // 00:00 on the 26th in Beijing
    [InlineData("2026-11-26T09:00:00+08:00")]
    [InlineData("2026-11-28T10:00:00+08:00")] // the weekend in between does not count
    [InlineData("2026-12-02T17:00:00+08:00")] // the 4th working day after the first reminder day
    public void Overdue_FromTheWorkingDayAfterTheDeadline_IsRemind_Art32(string now) =>
        Assert.Equal(HotlineRules.OverdueStage.Remind, Stage("2026-11-25T17:30:00+08:00", now));

    [Theory]
    [InlineData("2026-12-03T00:00:00+08:00")] // 11/26 + 5 working days: 11/27, 11/30, 12/1, 12/2, 12/3
    [InlineData("2026-12-31T10:00:00+08:00")]
    public void Overdue_FiveWorkingDaysAfterTheFirstReminderDay_IsAccountability_Art32(string now) =>
        Assert.Equal(HotlineRules.OverdueStage.Accountability, Stage("2026-11-25T17:30:00+08:00", now));

    [Theory]
    [InlineData("2026-11-27T18:00:00+08:00", HotlineRules.OverdueStage.None)]   // Friday evening
    [InlineData("2026-11-28T10:00:00+08:00", HotlineRules.OverdueStage.None)]   // Saturday
    [InlineData("2026-11-29T23:00:00+08:00", HotlineRules.OverdueStage.None)]   // Sunday
    [InlineData("2026-11-30T08:00:00+08:00", HotlineRules.OverdueStage.Remind)] // Monday
    public void Overdue_ADeadlineBeforeAWeekend_IsFirstRemindedOnMonday_Art32(string now, HotlineRules.OverdueStage expected) =>
        Assert.Equal(expected, Stage("2026-11-27T17:30:00+08:00", now));

    [Theory]
    [InlineData("2026-10-01T09:00:00+08:00", HotlineRules.OverdueStage.None)]
    [InlineData("2026-10-07T20:00:00+08:00", HotlineRules.OverdueStage.None)]
    [InlineData("2026-10-08T08:00:00+08:00", HotlineRules.OverdueStage.Remind)]
    [InlineData("2026-10-13T17:00:00+08:00", HotlineRules.OverdueStage.Remind)]         // 10/9, 10/10 (调休), 10/12, 10/13: four
    [InlineData("2026-10-14T08:00:00+08:00", HotlineRules.OverdueStage.Accountability)] // the fifth
    public void Overdue_ADeadlineBeforeNationalDay_WaitsForTheFirstDayBack_AndCountsTheAdjustedSaturday_Art32(
        string now, HotlineRules.OverdueStage expected) =>
        Assert.Equal(expected, Stage("2026-09-30T17:30:00+08:00", now));

    [Theory]
    [InlineData("2026-02-14T09:00:00+08:00", HotlineRules.OverdueStage.Remind)]         // the adjusted Saturday is a working day
    [InlineData("2026-02-23T09:00:00+08:00", HotlineRules.OverdueStage.Remind)]         // 春节 does not count towards accountability
    [InlineData("2026-02-27T09:00:00+08:00", HotlineRules.OverdueStage.Remind)]         // 2/24–2/27: four
    [InlineData("2026-02-28T09:00:00+08:00", HotlineRules.OverdueStage.Accountability)] // 2/28 (调休): the fifth
    public void Overdue_ADeadlineBeforeSpringFestival_CountsOnlyWorkingDays_Art32(string now, HotlineRules.OverdueStage expected) =>
        Assert.Equal(expected, Stage("2026-02-13T17:30:00+08:00", now));

    [Fact]
    public void Overdue_AccountabilityAfter_IsASetting()
    {
        var call = AssignedDue("2026-11-25T17:30:00+08:00");
        Assert.Equal(HotlineRules.OverdueStage.Accountability, HotlineRules.Overdue(call, T("2026-11-27T09:00:00+08:00"), Calendar, 1));
        Assert.Equal(HotlineRules.OverdueStage.Remind, HotlineRules.Overdue(call, T("2026-11-26T09:00:00+08:00"), Calendar, 1));
        Assert.Equal(HotlineRules.OverdueStage.Remind, HotlineRules.Overdue(call, T("2026-12-03T09:00:00+08:00"), Calendar, 10));
    }

    [Theory]
    [InlineData(CallStatus.Replied)]
    [InlineData(CallStatus.Escalated)]
    [InlineData(CallStatus.Closed)]
    public void Overdue_OfACallThatIsNotAssigned_IsNone_HoweverLate_Art32(CallStatus status) =>
        Assert.Equal(HotlineRules.OverdueStage.None, Stage("2026-11-25T17:30:00+08:00", "2026-12-31T10:00:00+08:00", status));

    [Fact]
    public void Overdue_OfAnAssignedCallWithoutADeadline_IsNone() =>
        Assert.Equal(HotlineRules.OverdueStage.None,
            HotlineRules.Overdue(AssignedDue("2026-11-25T17:30:00+08:00") with { DueAt = null }, T("2026-12-31T10:00:00+08:00"), Calendar));
}
