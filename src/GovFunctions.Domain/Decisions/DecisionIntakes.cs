namespace GovFunctions.Decisions;

public sealed record EvidenceIntake(EvidenceKind? Kind, string? Summary, string? By, DateOnly? Date);
public sealed record PublicCommentIntake(DateOnly? Start, DateOnly? End, int? Comments, string? Summary, string? ReasonsNotAdopted);
public sealed record HearingIntake(DateOnly? Date, string? Participants, string? TranscriptSummary);
public sealed record ScheduleIntake(MeetingType? Meeting, DateOnly? Date);
public sealed record OutcomeIntake(MeetingType? Meeting, DateOnly? Date, List<string>? AttendeeIds, MeetingResult? Result, string? Minutes);

/// <summary>What each decision step's intake must hold (400 naming the field), and the records they become.</summary>
public static class DecisionIntakes
{
    public static Evidence Evidence(EvidenceIntake e, string recordedById)
    {
        var errors = new FieldErrors().Required("summary", e.Summary, "内容摘要").MaxLength("summary", e.Summary, 4000, "内容摘要")
            .Required("by", e.By, "出具单位或专家").MaxLength("by", e.By, 200, "出具单位或专家");
        if (e.Kind is null)
            errors.Add("kind", "请选择材料类别：研究依据、专家论证、法律分析、下级意见",
                "kind is required: research, expertAssessment, legalAnalysis or lowerLevelOpinions");
        if (e.Date is null) errors.Add("date", "日期为必填项", "date is required");
        errors.ThrowIfAny();
        return new Evidence(e.Kind!.Value, e.Summary!.Trim(), e.By!.Trim(), e.Date!.Value, recordedById);
    }

    public static PublicComment PublicComment(PublicCommentIntake c)
    {
        var errors = new FieldErrors().Required("summary", c.Summary, "意见概要").MaxLength("summary", c.Summary, 4000, "意见概要")
            .MaxLength("reasonsNotAdopted", c.ReasonsNotAdopted, 4000, "未采纳理由");
        if (c.Start is null) errors.Add("start", "征求意见开始日期为必填项", "start is required");
        if (c.End is null) errors.Add("end", "征求意见结束日期为必填项", "end is required");
        if (c.Start is { } s && c.End is { } e && e < s) errors.Add("end", "结束日期不能早于开始日期", "end is before start");
        if (c.Comments is null or < 0) errors.Add("comments", "请填写收到的意见条数", "comments must be zero or more");
        else if (c.Comments > 0 && string.IsNullOrWhiteSpace(c.ReasonsNotAdopted))
            errors.Add("reasonsNotAdopted", "请说明意见采纳情况及未采纳的理由（无未采纳可填“全部采纳”）",
                "reasonsNotAdopted is required when comments were received");
        errors.ThrowIfAny();
        return new PublicComment(c.Start!.Value, c.End!.Value, c.Comments!.Value, c.Summary!.Trim(), c.ReasonsNotAdopted?.Trim());
    }

    public static Hearing Hearing(HearingIntake h)
    {
        var errors = new FieldErrors()
            .Required("participants", h.Participants, "参加人员").MaxLength("participants", h.Participants, 2000, "参加人员")
            .Required("transcriptSummary", h.TranscriptSummary, "听证笔录摘要")
            .MaxLength("transcriptSummary", h.TranscriptSummary, 8000, "听证笔录摘要");
        if (h.Date is null) errors.Add("date", "听证日期为必填项", "date is required");
        errors.ThrowIfAny();
        return new Hearing(h.Date!.Value, h.Participants!.Trim(), h.TranscriptSummary!.Trim());
    }

    public static (MeetingType Meeting, DateOnly Date) Schedule(ScheduleIntake s, DateOnly today)
    {
        var errors = new FieldErrors();
        if (s.Meeting is null) errors.Add("meeting", "请选择区政府全体会议或常务会议（第五条）", "meeting must be plenary or executive (Art. 5)");
        if (s.Date is null) errors.Add("date", "会议日期为必填项", "date is required");
        else if (s.Date < today) errors.Add("date", "会议日期不能早于今天", "date is in the past");
        errors.ThrowIfAny();
        return (s.Meeting!.Value, s.Date!.Value);
    }

    /// <summary>The meeting's outcome, refused without a quorum of more than half the members (Art. 5).</summary>
    public static (MeetingOutcome Outcome, Attendance Attendance) Outcome(OutcomeIntake o, OrgChart org, string recordedById)
    {
        var errors = new FieldErrors().Required("minutes", o.Minutes, "会议纪要").MaxLength("minutes", o.Minutes, 20000, "会议纪要");
        if (o.Meeting is null) errors.Add("meeting", "请选择会议类型", "meeting is required");
        if (o.Date is null) errors.Add("date", "会议日期为必填项", "date is required");
        if (o.Result is null)
            errors.Add("result", "请选择会议结果：通过、不通过、修改后通过、暂缓", "result must be adopted, rejected, amended or deferred");
        if (o.AttendeeIds is null || o.AttendeeIds.Count == 0) errors.Add("attendeeIds", "请填写出席人员", "attendeeIds is required");
        else if (o.AttendeeIds.FirstOrDefault(a => org.FindPerson(a) is null) is { } unknown)
            errors.Add("attendeeIds", $"人员 {unknown} 不存在", $"{unknown} is not a person");
        errors.ThrowIfAny();
        if (!DecisionRules.HasQuorum(org, o.Meeting!.Value, o.AttendeeIds!, out var present, out var members))
            throw new RuleViolationException(DecisionRules.Art5, "quorum", Bilingual.Text(
                $"出席成员 {present} 人，未超过应出席 {members} 人的半数，会议不能作出决定", $"{present} of {members} members present: no quorum"));
        return (new MeetingOutcome(o.Meeting.Value, o.Date!.Value, o.AttendeeIds!.Distinct().ToList(), o.Result!.Value, o.Minutes!.Trim(),
            recordedById), new Attendance(present, members));
    }

    /// <summary>The route posts the findings as <c>text</c>: the refusal names the field the caller sent.</summary>
    public static string Findings(string? findings)
    {
        new FieldErrors().Required("text", findings, "评估结论").MaxLength("text", findings, 8000, "评估结论").ThrowIfAny();
        return findings!.Trim();
    }
}
