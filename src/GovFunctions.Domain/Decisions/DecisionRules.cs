using GovFunctions.Approvals;
namespace GovFunctions.Decisions;

/// <summary>A published decision as the public sees it (政务公开, Art. 40–41): nothing but what may be public.</summary>
public sealed record PublicEntry(string Id, string Title, DecisionCategory Category, string Summary, MeetingType Meeting, DateOnly MeetingDate,
    MeetingResult Result, DateTimeOffset AdoptedAt);

/// <summary>The rules of major administrative decisions: Art. 5, 15–19 and 40–41.</summary>
public static class DecisionRules
{
    public const string Art5 = "第五条 (Art. 5)";
    public const string Art15 = "第十五条 (Art. 15)";
    public const string Art16 = "第十六条 (Art. 16)";
    public const string Art17 = "第十七条 (Art. 17)";
    public const string Art19 = "第十九条 (Art. 19)";

    public static void Validate(DecisionIntake i, OrgChart org)
    {
        var errors = new FieldErrors()
            .Required("title", i.Title, "事项名称").MaxLength("title", i.Title, 200, "事项名称")
            .Required("summary", i.Summary, "事项概要").MaxLength("summary", i.Summary, 8000, "事项概要");
        if (i.Category is null) errors.Add("category", "请选择决策类别（第十五条）", "category is required (Art. 15)");
        if (org.FindDepartment(i.SponsorDepartmentId) is null) errors.Add("sponsorDepartmentId", "请选择提请部门", "sponsorDepartmentId is not a department");
        foreach (var d in i.ConsultDepartmentIds ?? [])
            if (org.FindDepartment(d) is null) errors.Add("consultDepartmentIds", $"部门 {d} 不存在", $"{d} is not a department");
            else if (d == i.SponsorDepartmentId) errors.Add("consultDepartmentIds", "征求意见的部门不应包括提请部门本身", "the sponsor need not consult itself");
        if (i.Confidential) errors.Required("confidentialReason", i.ConfidentialReason, "保密理由（第四十条）");
        errors.MaxLength("confidentialReason", i.ConfidentialReason, 1000, "保密理由");
        errors.ThrowIfAny();
    }

    /// <summary>
    /// The gates that must all be passed before a decision may go on a meeting's agenda, each refusal naming its article:
    /// the legality review (Art. 15, 19); research and expert assessment or legal analysis (Art. 16); the opinions of the
    /// departments it touches, of the lower levels it affects, the public's where citizens' interests are concerned, and a
    /// hearing where one is required (Art. 17, 19).
    /// </summary>
    public static IReadOnlyList<OpenGate> OpenGates(Decision d, DateOnly today, int minimumCommentDays)
    {
        var open = new List<OpenGate>();
        if (d.LegalityReview.State != ReviewState.Passed)
            open.Add(new("legalityReview", $"{Art15}；{Art19}", d.LegalityReview.State == ReviewState.Failed
                ? Bilingual.Text("合法性审查未通过", "the legality review did not pass")
                : Bilingual.Text("未经区政府法制机构合法性审查", "no passed legality review by the legal affairs office")));
        var research = d.Evidence.Any(e => e.Kind == EvidenceKind.Research);
        var assessed = d.Evidence.Any(e => e.Kind is EvidenceKind.ExpertAssessment or EvidenceKind.LegalAnalysis);
        if (!research || !assessed)
            open.Add(new("research", Art16, Bilingual.Text(
                !research ? "缺少基础性、战略性研究或发展规划依据" : "缺少专家或研究、咨询机构的论证评估或法律分析",
                !research ? "no research basis" : "no expert assessment or legal analysis")));
        if (d.ConsultDepartmentIds.Count > 0 && d.Consultation.State != ReviewState.Passed)
            open.Add(new("consultation", Art17, d.Consultation.State == ReviewState.Failed
                ? Bilingual.Text($"相关部门提出不同意见，尚未协商一致：{d.Consultation.Comment}", "a consulted department objected")
                : Bilingual.Text("尚未征求全部相关部门意见", "not every department whose duties it touches has given its opinion")));
        if (d.TouchesLowerLevels && !d.Evidence.Any(e => e.Kind == EvidenceKind.LowerLevelOpinions))
            open.Add(new("lowerLevels", Art17, Bilingual.Text("涉及下级或基层，尚未事先征求意见和建议", "the lower levels it affects have not been consulted")));
        if (d.PublicInterest)
        {
            var c = d.PublicComment;
            if (c is null)
                open.Add(new("publicComment", Art17, Bilingual.Text("与群众切身利益密切相关，尚未向社会公开征求意见", "no public comment period")));
            else if (c.End.DayNumber - c.Start.DayNumber + 1 < minimumCommentDays)
                open.Add(new("publicComment", Art17, Bilingual.Text($"公开征求意见期限不足{minimumCommentDays}日", $"the comment period is shorter than {minimumCommentDays} days")));
            else if (c.End >= today)
                open.Add(new("publicComment", Art17, Bilingual.Text("公开征求意见尚未结束", "the comment period has not ended")));
        }
        if (d.HearingRequired && d.Hearing is null)
            open.Add(new("hearing", $"{Art17}；{Art19}", Bilingual.Text("应当听证而未听证", "a required hearing has not been held")));
        return open;
    }

    /// <summary>The members of each meeting: the plenary (全体会议) is the whole government (Art. 3); the executive meeting
    /// (常务会议) the district head, deputies, assistant heads and the office director.</summary>
    public static IReadOnlyList<Person> MembersOf(OrgChart org, MeetingType meeting) => meeting == MeetingType.Plenary
        ? org.People.Where(p => p.IsLeader || p.Role == Role.DepartmentHead).ToList()
        : org.Leaders.ToList();

    /// <summary>More than half of the meeting's members present; attendees who are not members do not count.</summary>
    public static bool HasQuorum(OrgChart org, MeetingType meeting, IEnumerable<string> attendeeIds, out int present, out int members)
    {
        var memberIds = MembersOf(org, meeting).Select(p => p.Id).ToHashSet();
        members = memberIds.Count;
        present = attendeeIds.Distinct().Count(memberIds.Contains);
        return present * 2 > members;
    }

    /// <summary>Art. 40–41: an adopted decision is published unless it is confidential; a confidential one never appears.</summary>
    public static PublicEntry? PublicEntryOf(Decision d) =>
        d.IsAdopted && !d.Confidential && d.Outcome is { } o && d.AdoptedAt is { } at
            ? new PublicEntry(d.Id, d.Title, d.Category, d.Summary, o.Meeting, o.Date, o.Result, at)
            : null;

    public static string CategoryName(DecisionCategory c) => c switch
    {
        DecisionCategory.DevelopmentPlanBudget => "国民经济和社会发展计划及财政预算",
        DecisionCategory.MacroControlReform => "宏观调控和改革开放的重大政策措施",
        DecisionCategory.LivelihoodStability => "重要民生问题和社会稳定事项",
        DecisionCategory.LargeFundUse => "大额度资金使用",
        DecisionCategory.MajorProject => "重大工程和重要项目安排",
        DecisionCategory.SocialManagement => "社会管理重要事务",
        _ => "其他",
    };

    public static string MeetingName(MeetingType m) => m == MeetingType.Plenary ? "区政府全体会议" : "区政府常务会议";

    public static string EvidenceName(EvidenceKind k) => k switch
    {
        EvidenceKind.Research => "研究依据",
        EvidenceKind.ExpertAssessment => "专家论证评估",
        EvidenceKind.LegalAnalysis => "法律分析",
        _ => "下级或基层意见",
    };

    public static string ResultName(MeetingResult r) => r switch
    {
        MeetingResult.Adopted => "通过",
        MeetingResult.Rejected => "不通过",
        MeetingResult.Amended => "修改后通过",
        _ => "暂缓",
    };

    /// <summary>What an approval of the decision and its emails show.</summary>
    public static IReadOnlyList<Fact> Facts(OrgChart org, Decision d) =>
    [
        new("决策事项", d.Title),
        new("类别（第十五条）", CategoryName(d.Category)),
        new("提请部门", org.FindDepartment(d.SponsorDepartmentId)?.Name ?? d.SponsorDepartmentId),
        new("事项概要", d.Summary),
        new("涉及群众切身利益", d.PublicInterest ? "是" : "否"),
        new("需要听证", d.HearingRequired ? "是" : "否"),
        new("编号", d.Id),
    ];
}
