using FsCheck;
using FsCheck.Fluent;
using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Legal;

namespace GovFunctions.Domain.Tests;

/// <summary>How texts reach a person: Chinese only on pages and in emails, status names in words, one way to write a time.</summary>
public class PresentationTests
{
    [Theory]
    [InlineData("结束时间必须晚于开始时间 (end must be after start)", "结束时间必须晚于开始时间")]
    [InlineData("只有值班人员可以登记值班记录（第七十六条） (only duty staff keep the duty log (Art. 76))", "只有值班人员可以登记值班记录（第七十六条）")]
    [InlineData("请以 (yyyy-MM-dd) 格式提供 (date must be yyyy-MM-dd)", "请以 (yyyy-MM-dd) 格式提供")]
    [InlineData("未经合法性审查 (no legality review)；应当听证而未听证 (a required hearing has not been held)", "未经合法性审查；应当听证而未听证")]
    [InlineData("输入有误 (The input is invalid)", "输入有误")]
    [InlineData("人员 张三 不存在 (person 张三 not found)", "人员 张三 不存在")]
    [InlineData("只有中文（第三条）", "只有中文（第三条）")]
    [InlineData("未闭合 (missing", "未闭合 (missing")]
    public void Chinese_DropsTheEnglishPart_AndOnlyIt(string text, string chinese) =>
        Assert.Equal(chinese, Bilingual.Chinese(text));

    [Fact]
    public void Chinese_OfAnyBilingualText_IsItsChinese()
    {
        var zh = Gen.Elements("结", "束", "时", "间", "（", "）", "：", "，", " ", "1", "a", "(", ")").ArrayOf().Select(string.Concat)
            .Where(s => s.Length > 0 && !s.EndsWith(' ') && !s.Contains('；'));
        var en = Gen.Elements("e", "n", "d", " ", "(", ")", "1", "张").ArrayOf().Select(string.Concat)
            .Select(s => "x" + s.Replace("(", "").Replace(")", ""));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000),
            Prop.ForAll(zh.ToArbitrary(), en.ToArbitrary(), (z, e) => Bilingual.Chinese(Bilingual.Text(z, e)) == z));
    }

    public static TheoryData<Type> StatusEnums => [typeof(LeaveStatus), typeof(CallStatus), typeof(DecisionStatus), typeof(DutyLogStatus),
        typeof(DocumentStatus), typeof(ReconsiderationStatus), typeof(ApprovalStatus), typeof(Supervision.SupervisionStatus)];

    [Theory]
    [MemberData(nameof(StatusEnums))]
    public void EveryStatus_HasItsOwnChineseName(Type status)
    {
        var of = typeof(StatusNames).GetMethod(nameof(StatusNames.Of), [status])!;
        var names = Enum.GetValues(status).Cast<object>().Select(v => (string)of.Invoke(null, [v])!).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.DoesNotMatch("[A-Za-z]", n));
    }

    [Fact]
    public void Text_WritesChinaTime_AsPeopleReadIt()
    {
        Assert.Equal("2026年12月18日 17:30", ChinaTime.Text(DateTimeOffset.Parse("2026-12-18T09:30:00Z")));
        Assert.Equal("2026年1月2日 08:05", ChinaTime.Text(DateTimeOffset.Parse("2026-01-02T08:05:00+08:00")));
        Assert.Equal("2026年12月19日", ChinaTime.DayText(DateTimeOffset.Parse("2026-12-18T16:00:00Z")));
    }

    [Theory]
    [InlineData("2026-12-09T09:00:00+08:00", "2026-12-09T12:00:00+08:00", "12月9日 09:00—12:00")]
    [InlineData("2026-12-09T00:00:00+08:00", "2026-12-10T00:00:00+08:00", "12月9日")]
    [InlineData("2026-12-09T09:00:00+08:00", "2026-12-11T17:30:00+08:00", "12月9日—12月11日")]
    [InlineData("2026-12-31T09:00:00+08:00", "2027-01-01T12:00:00+08:00", "12月31日—1月1日")]
    public void SpanText_NamesOneDayOnce(string start, string end, string expected) =>
        Assert.Equal(expected, ChinaTime.SpanText(DateTimeOffset.Parse(start), DateTimeOffset.Parse(end)));
}
