using GovFunctions.Decisions;

namespace GovFunctions.Legal;

public enum DocumentStatus { Draft, InLegalReview, Reviewed, ReviewFailed, Published, Filed }

public sealed record DocumentIntake(string? Title, string? Summary, string? IssuingDepartmentId, List<string>? TouchedDepartmentIds, List<string>? JointDepartmentIds);

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
    DocumentStatus Status)
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

    public NormativeDocument SubmittedForReview(string approvalId) => Status is DocumentStatus.Draft or DocumentStatus.ReviewFailed
        ? this with { Status = DocumentStatus.InLegalReview, LegalReview = new Review(ReviewState.Pending, approvalId) }
        : throw Conflict("只有草稿或审核未通过的文件可以提交法制审核", "only a draft or a refused document can be submitted for review");

    public NormativeDocument Reviewed(string approvalId, bool passed, string? comment) =>
        Status == DocumentStatus.InLegalReview && LegalReview.ApprovalId == approvalId
            ? this with { Status = passed ? DocumentStatus.Reviewed : DocumentStatus.ReviewFailed, LegalReview = LegalReview with { State = passed ? ReviewState.Passed : ReviewState.Failed, Comment = comment } }
            : throw Conflict("该审核结果已记录", "this review's result is already recorded");

    /// <summary>Published only after the legal affairs office's review passed (Art. 21); the filing clock starts.</summary>
    public NormativeDocument Published(DateTimeOffset at, DateTimeOffset filingDueAt)
    {
        if (Status != DocumentStatus.Reviewed)
            throw new RuleViolationException(Art21, "legalReview", Bilingual.Text("规范性文件发布前，应经区政府法制机构审核", "a normative document is reviewed by the legal affairs office before publication"));
        return this with { Status = DocumentStatus.Published, PublishedAt = at, FilingDueAt = filingDueAt };
    }

    public NormativeDocument Filed(DateTimeOffset at) => Status == DocumentStatus.Published
        ? this with { Status = DocumentStatus.Filed, FiledAt = at, FiledOnTime = at <= FilingDueAt }
        : throw Conflict("只有已发布的文件可以备案", "only a published document can be filed");

    public NormativeDocument MarkFilingReminded(DateTimeOffset at) => Status == DocumentStatus.Published && FilingRemindedAt is null
        ? this with { FilingRemindedAt = at } : throw Conflict("无需提醒备案", "no filing reminder is due");

    public NormativeDocument MarkLate(DateTimeOffset at) => Status == DocumentStatus.Published && LateFlaggedAt is null
        ? this with { LateFlaggedAt = at } : throw Conflict("无需标记逾期", "not to be flagged late");

    private static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}
