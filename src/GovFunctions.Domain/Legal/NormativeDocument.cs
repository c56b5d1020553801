using GovFunctions.Approvals;
using GovFunctions.Decisions;

namespace GovFunctions.Legal;

public enum DocumentStatus { Draft, InLegalReview, Reviewed, ReviewFailed, Published, Filed }

public sealed record DocumentRegistered(string DocumentId) : IDomainEvent;

/// <summary>The legal affairs office's review is asked of the engine (Art. 21).</summary>
public sealed record LegalReviewRequested(string DocumentId, ApprovalRequest Request) : IDomainEvent;
public sealed record DocumentReviewed(string DocumentId, bool Passed) : IDomainEvent;
public sealed record DocumentPublished(string DocumentId) : IDomainEvent;
public sealed record DocumentFiled(string DocumentId, bool OnTime) : IDomainEvent;

/// <summary>The filing deadline is near: the issuing department is reminded.</summary>
public sealed record FilingReminderDue(string DocumentId) : IDomainEvent;

/// <summary>The filing is late: the issuing department is told, the office and the legal affairs office in copy.</summary>
public sealed record FilingLate(string DocumentId) : IDomainEvent;

/// <param name="IssuingBodyId">The body a document is issued in the name of, when not the department itself: a deliberation and
/// coordination body may not issue one (Art. 25), so naming one is refused.</param>
public sealed record DocumentIntake(string? Title, string? Summary, string? IssuingDepartmentId, List<string>? TouchedDepartmentIds,
    List<string>? JointDepartmentIds, string? IssuingBodyId = null);

/// <summary>
/// A normative document of a department (规范性文件, Art. 21): reviewed by the legal affairs office before publication,
/// filed with the district within a set number of working days after. A matter touching the duties of two or more
/// departments is not one department's document: it is issued jointly by them, or by the district government.
/// </summary>
public sealed record NormativeDocument(
    string Id,
    string Title,
    string Summary,
    string IssuingDepartmentId,
    IReadOnlyList<string> TouchedDepartmentIds,
    IReadOnlyList<string> JointDepartmentIds,
    string CreatedById,
    DateTimeOffset CreatedAt,
    DocumentStatus Status) : IStateful
{
    public Review LegalReview { get; init; } = Review.NotStarted;
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? FilingDueAt { get; init; }
    public DateTimeOffset? FiledAt { get; init; }
    public bool? FiledOnTime { get; init; }
    public DateTimeOffset? FilingRemindedAt { get; init; }
    public DateTimeOffset? LateFlaggedAt { get; init; }

    public const string Art21 = "第二十一条 (Art. 21)";

    public static string StateName(DocumentStatus s) => s switch
    {
        DocumentStatus.InLegalReview => "inLegalReview",
        DocumentStatus.ReviewFailed => "reviewFailed",
        _ => s.ToString().ToLowerInvariant(),
    };

    string IStateful.StateName => StateName(Status);

    public static void Validate(DocumentIntake i, OrgChart org)
    {
        var errors = new FieldErrors()
            .Required("title", i.Title, "文件名称").MaxLength("title", i.Title, 200, "文件名称")
            .Required("summary", i.Summary, "主要内容").MaxLength("summary", i.Summary, 8000, "主要内容");
        if (org.FindDepartment(i.IssuingDepartmentId) is null) errors.Add("issuingDepartmentId", "请选择制定部门", "issuingDepartmentId is not a department");
        foreach (var d in (i.TouchedDepartmentIds ?? []).Concat(i.JointDepartmentIds ?? []))
            if (org.FindDepartment(d) is null) errors.Add("touchedDepartmentIds", $"部门 {d} 不存在", $"{d} is not a department");
        errors.ThrowIfAny();
    }

    /// <summary>Art. 21: a document touching other departments' duties must be issued jointly with each of them.</summary>
    public static void RequireWithinOneDepartment(DocumentIntake i)
    {
        var others = (i.TouchedDepartmentIds ?? []).Where(d => d != i.IssuingDepartmentId).Distinct().ToList();
        var missing = others.Except(i.JointDepartmentIds ?? []).ToList();
        if (missing.Count > 0)
            throw new RuleViolationException(Art21, "singleDepartment", Bilingual.Text(
                $"涉及两个以上部门职权范围的事项，应由有关部门联合制定规范性文件或由区政府发布，不能由一个部门单独制定（未联合：{string.Join("、", missing)}）",
                "a matter touching two or more departments' duties is issued jointly or by the district government, not by one department"));
    }

    /// <summary>The feature name its approvals carry (stored with every approval: never renamed).</summary>
    public const string ApprovalFeature = "normative-document";

    /// <summary>The first state (登记), from an intake <see cref="Validate"/> and <see cref="RequireWithinOneDepartment"/> passed.</summary>
    public static Transition<NormativeDocument> Register(string id, DocumentIntake i, string createdById, DateTimeOffset now) =>
        Transition<NormativeDocument>.To(new NormativeDocument(id, i.Title!.Trim(), i.Summary!.Trim(), i.IssuingDepartmentId!,
            (i.TouchedDepartmentIds ?? []).Distinct().ToList(), (i.JointDepartmentIds ?? []).Distinct().ToList(), createdById, now,
            DocumentStatus.Draft), "登记规范性文件", new DocumentRegistered(id));

    /// <summary>Submitted to the legal affairs office's review, an approval asked of the engine (Art. 21).</summary>
    public Transition<NormativeDocument> SubmittedForReview(string approvalId, OrgChart org, string requestedById) =>
        Status is DocumentStatus.Draft or DocumentStatus.ReviewFailed
            ? Transition<NormativeDocument>.To(
                this with { Status = DocumentStatus.InLegalReview, LegalReview = new Review(ReviewState.Pending, approvalId) },
                "提交区政府法制机构审核（第二十一条）",
                new LegalReviewRequested(Id, new ApprovalRequest(approvalId, ApprovalFeature, Id, $"规范性文件发布前审核：{Title}",
                    requestedById, Facts(org), [new StepSpec("区政府法制机构审核", StepKind.Single, [org.HeadOf(org.LegalOffice.Id).Id])], [])))
            : throw Conflict("只有草稿或审核未通过的文件可以提交法制审核", "only a draft or a refused document can be submitted for review");

    /// <summary>The review's result; null when it is not this document's pending review (any more).</summary>
    public Transition<NormativeDocument>? ReviewEnded(string approvalId, bool passed, string? comment) =>
        LegalReview.ApprovalId == approvalId && Status == DocumentStatus.InLegalReview ? Reviewed(approvalId, passed, comment) : null;

    public Transition<NormativeDocument> Reviewed(string approvalId, bool passed, string? comment) =>
        Status == DocumentStatus.InLegalReview && LegalReview.ApprovalId == approvalId
            ? Transition<NormativeDocument>.To(this with
            {
                Status = passed ? DocumentStatus.Reviewed : DocumentStatus.ReviewFailed,
                LegalReview = LegalReview with { State = passed ? ReviewState.Passed : ReviewState.Failed, Comment = comment },
            }, (passed ? "法制审核通过" : "法制审核未通过") + (comment is null ? "" : $"：{comment}"), new DocumentReviewed(Id, passed))
            : throw Conflict("该审核结果已记录", "this review's result is already recorded");

    /// <summary>Published only after the legal affairs office's review passed (Art. 21); the filing clock starts.</summary>
    public Transition<NormativeDocument> Published(DateTimeOffset at, DateTimeOffset filingDueAt)
    {
        if (Status != DocumentStatus.Reviewed)
            throw new RuleViolationException(Art21, "legalReview", Bilingual.Text("规范性文件发布前，应经区政府法制机构审核",
                "a normative document is reviewed by the legal affairs office before publication"));
        return Transition<NormativeDocument>.To(
            this with { Status = DocumentStatus.Published, PublishedAt = at, FilingDueAt = filingDueAt },
            $"发布，须于 {filingDueAt.ToChina():yyyy-MM-dd} 前报区政府备案", new DocumentPublished(Id));
    }

    public Transition<NormativeDocument> Filed(DateTimeOffset at) => Status == DocumentStatus.Published
        ? Transition<NormativeDocument>.To(this with { Status = DocumentStatus.Filed, FiledAt = at, FiledOnTime = at <= FilingDueAt },
            at <= FilingDueAt ? "报区政府备案" : "逾期报区政府备案", new DocumentFiled(Id, at <= FilingDueAt))
        : throw Conflict("只有已发布的文件可以备案", "only a published document can be filed");

    /// <summary>Late: past the filing deadline and not flagged yet (the timer lists it for accountability first).</summary>
    public bool IsLateUnflagged(DateTimeOffset now) => Status == DocumentStatus.Published && now > FilingDueAt && LateFlaggedAt is null;

    /// <summary>
    /// The filing timer's step (Art. 21, 32): flags a late filing, or reminds within the last working days before the deadline;
    /// null when nothing is due.
    /// </summary>
    public Transition<NormativeDocument>? FilingChased(DateTimeOffset now, WorkingCalendar calendar, int reminderWorkingDays)
    {
        if (Status != DocumentStatus.Published) return null;
        var due = FilingDueAt!.Value;
        if (now > due) return LateFlaggedAt is null ? MarkLate(now) : null;
        return FilingRemindedAt is null && calendar.WorkingDaysBetween(ChinaTime.DateOf(now), ChinaTime.DateOf(due)) <= reminderWorkingDays
            ? MarkFilingReminded(now) : null;
    }

    public Transition<NormativeDocument> MarkFilingReminded(DateTimeOffset at) =>
        Status == DocumentStatus.Published && FilingRemindedAt is null
        ? Transition<NormativeDocument>.To(this with { FilingRemindedAt = at }, "提醒报区政府备案", new FilingReminderDue(Id))
        : throw Conflict("无需提醒备案", "no filing reminder is due");

    public Transition<NormativeDocument> MarkLate(DateTimeOffset at) => Status == DocumentStatus.Published && LateFlaggedAt is null
        ? Transition<NormativeDocument>.To(this with { LateFlaggedAt = at }, "逾期未报备案，列入问责清单", new FilingLate(Id))
        : throw Conflict("无需标记逾期", "not to be flagged late");

    /// <summary>What its approval and its emails show.</summary>
    public IReadOnlyList<Fact> Facts(OrgChart org) =>
    [
        new("文件名称", Title),
        new("制定部门", org.FindDepartment(IssuingDepartmentId)?.Name ?? IssuingDepartmentId),
        new("主要内容", Summary),
        new("联合制定部门", JointDepartmentIds.Count == 0 ? "无"
            : string.Join("、", JointDepartmentIds.Select(x => org.FindDepartment(x)?.Name ?? x))),
        new("编号", Id),
    ];

    private static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}
