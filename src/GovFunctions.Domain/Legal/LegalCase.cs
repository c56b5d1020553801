namespace GovFunctions.Legal;

/// <summary>A case against the district government (Art. 24): as respondent in a reconsideration, or as defendant in court.</summary>
public enum LegalCaseKind { ReconsiderationRespondent, Litigation }

public enum LegalCaseStatus { Open, Closed }

public enum LegalCaseOutcome { Upheld, Revoked, Withdrawn, Settled, JudgementWon, JudgementLost }

public sealed record LegalCaseIntake(
    LegalCaseKind? Kind, string? Summary, List<string>? ParticipantDepartmentIds, DateTimeOffset? ServedAt);

/// <summary>A participating department's answer through its link: the facts, the documents it holds, its opinion.</summary>
public sealed record ParticipantAnswer(string DepartmentId, string ById, string Text, DateTimeOffset At);

/// <summary>The departments concerned are asked to take part: a written reply each, addressed to its head (the engine's step).</summary>
public sealed record ParticipationRequested(string CaseId, string ApprovalId, IReadOnlyList<string> DepartmentIds,
    IReadOnlyList<string> HeadIds, IReadOnlyList<string> DepartmentNames) : IDomainEvent;
public sealed record DefenceFiled(string CaseId) : IDomainEvent;
public sealed record CaseClosed(string CaseId, LegalCaseOutcome Outcome) : IDomainEvent;

/// <summary>A lost case opens a rectification item in supervision (Art. 30, 32).</summary>
public sealed record RectificationNeeded(string CaseId, string OwnerDepartmentId) : IDomainEvent;

/// <summary>The statement of defence is due in <see cref="DaysBefore"/> days or fewer: the legal affairs office is reminded.</summary>
public sealed record DefenceReminderDue(string CaseId, int DaysBefore) : IDomainEvent;

/// <summary>
/// A case the legal affairs office leads (Art. 24). Transitions:
/// <code>
/// Register          → open     (the departments concerned are asked to take part: a reply task each)
/// Answered          open       (a department's answer, from the engine)
/// ParticipationEnded open      (the engine's reply step ended: every department's answer recorded at once)
/// RemindDefence     open       (the defence clock: a reminder N days before the due date, once each)
/// FileDefence       open       (litigation: the statement of defence, 答辩状, due 15 days after service)
/// Close             open → closed   (422 第二十四条 while a participant has not answered; a lost case → rectification)
/// </code>
/// </summary>
public sealed record LegalCase(
    string Id,
    LegalCaseKind Kind,
    string Summary,
    IReadOnlyList<string> ParticipantDepartmentIds,
    DateTimeOffset? ServedAt,
    DateTimeOffset? DefenceDueAt,
    string ParticipationApprovalId,
    string RegisteredById,
    DateTimeOffset RegisteredAt,
    LegalCaseStatus Status) : IStateful
{
    public const string Article = "第二十四条";
    public const int MaxSummary = 4000;

    public IReadOnlyList<ParticipantAnswer> Answers { get; init; } = [];
    public DateTimeOffset? DefenceFiledAt { get; init; }
    public LegalCaseOutcome? Outcome { get; init; }
    public string? OutcomeText { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public IReadOnlyList<int> DefenceRemindersSent { get; init; } = [];

    /// <summary>A lost case: the department that owns its rectification item in supervision.</summary>
    public string? RectificationOwnerId { get; init; }

    public string StateName => Status.ToString().ToLowerInvariant();

    public IEnumerable<string> Unanswered => ParticipantDepartmentIds.Where(d => Answers.All(a => a.DepartmentId != d));

    /// <summary>The defence is due N days after service (a statutory period in days); a period ending on a rest day ends on the
    /// next working day, at the close of office.</summary>
    public static DateTimeOffset DefenceDue(DateTimeOffset servedAt, int days, WorkingCalendar calendar) =>
        ChinaTime.At(calendar.AddWorkingDays(ChinaTime.DateOf(servedAt).AddDays(days), 0), calendar.Hours.Close);

    public static Transition<LegalCase> Register(string id, string approvalId, LegalCaseIntake i, Person by, OrgChart org,
        DateTimeOffset now, int defenceDays, WorkingCalendar calendar)
    {
        if (by.DepartmentId != org.LegalOffice.Id)
            throw new AccessDeniedException(Bilingual.Text(
                "应诉和被申请复议案件由区政府法制机构牵头办理（第二十四条）",
                "the legal affairs office leads these cases (Art. 24)"));
        var errors = new FieldErrors()
            .Required("summary", i.Summary, "案情摘要")
            .MaxLength("summary", i.Summary, MaxSummary, "案情摘要");
        if (i.Kind is null) errors.Add("kind", "请选择案件类型", "kind is required");
        var participants = (i.ParticipantDepartmentIds ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();
        if (participants.Any(d => org.FindDepartment(d) is null) || (i.ParticipantDepartmentIds ?? []).Any(string.IsNullOrWhiteSpace))
            errors.Add("participantDepartmentIds", "参与部门不存在", "participantDepartmentIds names an unknown department");
        if (i.Kind == LegalCaseKind.Litigation && i.ServedAt is null)
            errors.Add("servedAt", "行政诉讼须填写起诉状副本送达时间", "servedAt is required for litigation");
        if (i.ServedAt > now.AddMinutes(5)) errors.Add("servedAt", "送达时间不能晚于现在", "servedAt is in the future");
        errors.ThrowIfAny();

        var due = i.Kind == LegalCaseKind.Litigation ? DefenceDue(i.ServedAt!.Value, defenceDays, calendar) : (DateTimeOffset?)null;
        var events = participants.Count > 0 ? new IDomainEvent[]
            {
                new ParticipationRequested(id, approvalId, participants, participants.Select(d => org.HeadOf(d).Id).ToList(),
                    participants.Select(d => org.FindDepartment(d)!.Name).ToList()),
            } : [];
        return Transition<LegalCase>.To(
            new LegalCase(id, i.Kind!.Value, i.Summary!.Trim(), participants, i.ServedAt, due, approvalId, by.Id, now,
                LegalCaseStatus.Open),
            i.Kind == LegalCaseKind.Litigation ? "登记行政诉讼案件" : "登记被申请行政复议案件",
            events);
    }

    public Transition<LegalCase> Answered(string departmentId, string byId, string text, DateTimeOffset at)
    {
        if (!ParticipantDepartmentIds.Contains(departmentId) || Answers.Any(a => a.DepartmentId == departmentId))
            throw new StateConflictException(Bilingual.Text("该部门的意见已记录", "this department's answer is already recorded"));
        return Transition<LegalCase>.To(this with { Answers = [.. Answers, new ParticipantAnswer(departmentId, byId, text, at)] },
            $"参与部门 {departmentId} 提交意见");
    }

    /// <summary>
    /// The participation step (a countersign of written replies) ended: every answer it carries is recorded at once. Null when
    /// the approval is not this case's, or every answer is already recorded (a redelivery, or answers taken one by one).
    /// </summary>
    public Transition<LegalCase>? ParticipationEnded(string approvalId, IEnumerable<ParticipantAnswer> answers)
    {
        if (approvalId != ParticipationApprovalId) return null;
        var fresh = answers.Where(a => Unanswered.Contains(a.DepartmentId)).GroupBy(a => a.DepartmentId).Select(g => g.First()).ToList();
        if (fresh.Count == 0) return null;
        return Transition<LegalCase>.To(this with { Answers = [.. Answers, .. fresh] },
            $"参与部门提交意见：{string.Join("、", fresh.Select(a => a.DepartmentId))}");
    }

    public Transition<LegalCase> FileDefence(Person by, OrgChart org, DateTimeOffset now)
    {
        RequireLegalOffice(by, org);
        if (Kind != LegalCaseKind.Litigation)
            throw Conflict("只有行政诉讼案件提交答辩状", "only litigation has a statement of defence");
        if (DefenceFiledAt is not null || Status != LegalCaseStatus.Open)
            throw Conflict("答辩状已提交", "the defence is already filed");
        return Transition<LegalCase>.To(this with { DefenceFiledAt = now }, "提交答辩状", new DefenceFiled(Id));
    }

    /// <summary>Closes the case with its outcome; not while a participating department has not answered (Art. 24).</summary>
    public Transition<LegalCase> Close(Person by, OrgChart org, LegalCaseOutcome outcome, string? text, DateTimeOffset now)
    {
        RequireLegalOffice(by, org);
        if (Status != LegalCaseStatus.Open) throw Conflict("案件已结案", "the case is already closed");
        var litigationOnly = outcome is LegalCaseOutcome.JudgementWon or LegalCaseOutcome.JudgementLost;
        var reconsiderationOnly = outcome is LegalCaseOutcome.Upheld or LegalCaseOutcome.Revoked;
        if (litigationOnly && Kind != LegalCaseKind.Litigation || reconsiderationOnly && Kind == LegalCaseKind.Litigation)
            throw ValidationException.For("outcome", "结案结果与案件类型不符", "the outcome does not fit the kind of case");
        new FieldErrors().MaxLength("text", text, MaxSummary, "结案说明").ThrowIfAny();
        var missing = Unanswered.ToList();
        if (missing.Count > 0)
            throw new RuleViolationException(Article, "participation", Bilingual.Text(
                $"参与部门尚未提交意见：{string.Join("、", missing.Select(d => org.FindDepartment(d)?.Name ?? d))}"
                    + "，不能结案",
                $"departments have not answered: {string.Join(", ", missing)}"));
        var lost = outcome is LegalCaseOutcome.JudgementLost or LegalCaseOutcome.Revoked;
        var events = new List<IDomainEvent> { new CaseClosed(Id, outcome) };
        var owner = lost ? ParticipantDepartmentIds.FirstOrDefault() ?? org.LegalOffice.Id : null;
        if (owner is not null) events.Add(new RectificationNeeded(Id, owner));
        return new Transition<LegalCase>(
            this with
            {
                Status = LegalCaseStatus.Closed,
                Outcome = outcome,
                OutcomeText = text?.Trim(),
                ClosedAt = now,
                RectificationOwnerId = owner,
            },
            $"结案：{OutcomeName(outcome)}" + (lost ? "，开立整改督办事项" : ""), events);
    }

    /// <summary>Records a defence reminder sent (days before the due date), once each; its mail is the event's.</summary>
    public Transition<LegalCase> DefenceReminded(int daysBefore)
    {
        if (DefenceRemindersSent.Contains(daysBefore)) throw Conflict("该提醒已发送", "this reminder was already sent");
        return Transition<LegalCase>.To(this with { DefenceRemindersSent = [.. DefenceRemindersSent, daysBefore] },
            $"答辩期限提醒（提前{daysBefore}天）", new DefenceReminderDue(Id, daysBefore));
    }

    /// <summary>
    /// The defence clock's daily look, on working days: the reminders due by now (<paramref name="reminderWorkingDays"/> working days
    /// or fewer before the due date, not sent yet) are recorded together with one mail, for the nearest; null on a rest day, when
    /// none is due, past the due date, or once the defence is filed or the case closed.
    /// </summary>
    public Transition<LegalCase>? RemindDefence(DateTimeOffset now, IEnumerable<int> reminderWorkingDays, WorkingCalendar calendar)
    {
        if (Status != LegalCaseStatus.Open || DefenceFiledAt is not null || DefenceDueAt is not { } dueAt) return null;
        var (today, dueDay) = (ChinaTime.DateOf(now), ChinaTime.DateOf(dueAt));
        if (!calendar.IsWorkingDay(today) || today > dueDay) return null;
        var left = calendar.WorkingDaysBetween(today, dueDay);
        var due = reminderWorkingDays.Distinct().Where(d => left <= d && !DefenceRemindersSent.Contains(d)).ToList();
        if (due.Count == 0) return null;
        var reminded = DefenceReminded(due.Min());
        return reminded with { Next = reminded.Next with { DefenceRemindersSent = [.. DefenceRemindersSent, .. due] } };
    }

    public static string OutcomeName(LegalCaseOutcome o) => o switch
    {
        LegalCaseOutcome.Upheld => "维持",
        LegalCaseOutcome.Revoked => "撤销",
        LegalCaseOutcome.Withdrawn => "撤回",
        LegalCaseOutcome.Settled => "和解",
        LegalCaseOutcome.JudgementWon => "胜诉",
        _ => "败诉",
    };

    private static void RequireLegalOffice(Person by, OrgChart org)
    {
        if (by.DepartmentId != org.LegalOffice.Id)
            throw new AccessDeniedException(Bilingual.Text("只有区政府法制机构可以办理此案件",
                "only the legal affairs office handles the case"));
    }

    private static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}
