namespace GovFunctions.Legal;

public enum ReconsiderationStatus { Accepted, InSignOff, Decided }

public sealed record ReconsiderationIntake(string? Applicant, string? Respondent, string? Request, DateTimeOffset? AcceptedAt);

/// <summary>
/// An application for administrative reconsideration (行政复议, Art. 23–24): accepted and handled by the legal affairs
/// office, which proposes the decision; the executive deputy and then the district head sign it off. The statutory clock
/// runs on calendar days from acceptance (60 by default), with one extension (30) that must itself be approved.
/// </summary>
public sealed record Reconsideration(
    string Id,
    string Applicant,
    string Respondent,
    string Request,
    DateTimeOffset AcceptedAt,
    string AcceptedById,
    DateTimeOffset DeadlineAt,
    ReconsiderationStatus Status)
{
    public string? Proposal { get; init; }
    public string? SignOffApprovalId { get; init; }
    public string? ReturnedComment { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public bool Extended { get; init; }
    public string? ExtensionApprovalId { get; init; }
    public string? ExtensionReason { get; init; }
    public IReadOnlyList<int> RemindedDaysBefore { get; init; } = [];

    public const string Art23 = "第二十三条 (Art. 23)";

    public static string StateName(ReconsiderationStatus s) => s == ReconsiderationStatus.InSignOff ? "inSignOff" : s.ToString().ToLowerInvariant();

    /// <summary>The statutory deadline: the end of the N-th calendar day after acceptance, in China Standard Time.</summary>
    public static DateTimeOffset DeadlineFrom(DateTimeOffset acceptedAt, int days) =>
        ChinaTime.At(ChinaTime.DateOf(acceptedAt).AddDays(days), new TimeOnly(23, 59, 59));

    /// <summary>Who handles reconsideration: the legal affairs office (Art. 23).</summary>
    public static bool MayHandle(Person p, OrgChart org) => p.DepartmentId == org.LegalOffice.Id;

    public static void Validate(ReconsiderationIntake i, DateTimeOffset now)
    {
        new FieldErrors()
            .Required("applicant", i.Applicant, "申请人").MaxLength("applicant", i.Applicant, 200, "申请人")
            .Required("respondent", i.Respondent, "被申请人").MaxLength("respondent", i.Respondent, 200, "被申请人")
            .Required("request", i.Request, "复议请求").MaxLength("request", i.Request, 8000, "复议请求")
            .Received("acceptedAt", i.AcceptedAt, now, 30, "受理时间")
            .ThrowIfAny();
    }

    public Reconsideration Proposed(string proposal, string approvalId) => Status == ReconsiderationStatus.Accepted
        ? this with { Status = ReconsiderationStatus.InSignOff, Proposal = proposal, SignOffApprovalId = approvalId, ReturnedComment = null }
        : throw Conflict("只有已受理、未在审批中的案件可以提出复议决定意见", "a proposal is made on an accepted case not already in sign-off");

    /// <summary>Signed off by the executive deputy and the district head: decided; refused: back to the legal affairs office.</summary>
    public Reconsideration SignedOff(string approvalId, bool approved, string? comment, DateTimeOffset at) =>
        Status == ReconsiderationStatus.InSignOff && SignOffApprovalId == approvalId
            ? approved
                ? this with { Status = ReconsiderationStatus.Decided, DecidedAt = at }
                : this with { Status = ReconsiderationStatus.Accepted, SignOffApprovalId = null, ReturnedComment = comment }
            : throw Conflict("该签批结果已记录", "this sign-off is already recorded");

    public Reconsideration ExtensionRequested(string approvalId, string reason) =>
        Status != ReconsiderationStatus.Decided && !Extended && ExtensionApprovalId is null
            ? this with { ExtensionApprovalId = approvalId, ExtensionReason = reason }
            : throw Conflict("复议期限只能延长一次，且须在决定作出前", "the deadline may be extended once, before the decision");

    public Reconsideration ExtensionDecided(string approvalId, bool approved, int extensionDays) => ExtensionApprovalId == approvalId && !Extended
        ? this with { Extended = true, DeadlineAt = approved ? DeadlineAt.AddDays(extensionDays) : DeadlineAt }
        : throw Conflict("该延期结果已记录", "this extension's result is already recorded");

    public Reconsideration Reminded(int daysBefore) => Status != ReconsiderationStatus.Decided && !RemindedDaysBefore.Contains(daysBefore)
        ? this with { RemindedDaysBefore = [.. RemindedDaysBefore, daysBefore] }
        : throw Conflict("已提醒", "already reminded");

    private static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}
