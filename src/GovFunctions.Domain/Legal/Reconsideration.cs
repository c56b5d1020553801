using GovFunctions.Approvals;
namespace GovFunctions.Legal;

public enum ReconsiderationStatus { Accepted, InSignOff, Decided }

public sealed record CaseAccepted(string CaseId) : IDomainEvent;

/// <summary>The proposed decision goes to sign-off: the executive deputy, then the district head (Art. 23).</summary>
public sealed record SignOffRequested(string CaseId, ApprovalRequest Request) : IDomainEvent;
public sealed record CaseDecided(string CaseId) : IDomainEvent;
public sealed record ProposalReturned(string CaseId) : IDomainEvent;

/// <summary>An extension of the statutory time limit is asked of the district head.</summary>
public sealed record ExtensionApprovalRequested(string CaseId, ApprovalRequest Request) : IDomainEvent;
public sealed record ExtensionResolved(string CaseId, bool Granted) : IDomainEvent;

/// <summary>The deadline is near: the legal affairs office and the executive deputy are reminded.</summary>
public sealed record DeadlineNear(string CaseId, int DaysBefore, DateTimeOffset DeadlineAt) : IDomainEvent;

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
    ReconsiderationStatus Status) : IStateful
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

    /// <summary>The feature name its approvals carry (stored with every approval: never renamed).</summary>
    public const string ApprovalFeature = "reconsideration";

    public static string StateName(ReconsiderationStatus s) =>
        s == ReconsiderationStatus.InSignOff ? "inSignOff" : s.ToString().ToLowerInvariant();

    string IStateful.StateName => StateName(Status);

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

    /// <summary>The first state: accepted by the legal affairs office, from an intake <see cref="Validate"/> passed.</summary>
    public static Transition<Reconsideration> Accept(string id, ReconsiderationIntake i, string acceptedById, int days)
    {
        var r = new Reconsideration(id, i.Applicant!.Trim(), i.Respondent!.Trim(), i.Request!.Trim(), i.AcceptedAt!.Value, acceptedById,
            DeadlineFrom(i.AcceptedAt.Value, days), ReconsiderationStatus.Accepted);
        return Transition<Reconsideration>.To(r, $"区政府法制机构受理，法定期限至 {r.DeadlineAt.ToChina():yyyy-MM-dd}（第二十三条）",
            new CaseAccepted(id));
    }

    /// <summary>The proposed decision goes to the executive deputy, then the district head (Art. 23), an approval of the engine.</summary>
    public Transition<Reconsideration> Proposed(string proposal, string approvalId, OrgChart org, string requestedById)
    {
        if (Status != ReconsiderationStatus.Accepted)
            throw Conflict("只有已受理、未在审批中的案件可以提出复议决定意见", "a proposal is made on an accepted case not already in sign-off");
        var next = this with
        {
            Status = ReconsiderationStatus.InSignOff,
            Proposal = proposal,
            SignOffApprovalId = approvalId,
            ReturnedComment = null,
        };
        return Transition<Reconsideration>.To(next, "提出复议决定意见，报常务副区长、区长审批签发", new SignOffRequested(Id,
            new ApprovalRequest(approvalId, ApprovalFeature, Id, $"行政复议决定签批：{Applicant}诉{Respondent}", requestedById,
                [.. next.Facts(), new Fact("复议决定意见", proposal)],
                [new StepSpec("常务副区长审批", StepKind.Single, [org.ExecutiveDeputy.Id]),
                    new StepSpec("区长签发", StepKind.Single, [org.DistrictHead.Id])], [])));
    }

    /// <summary>Signed off by the executive deputy and the district head: decided; refused: back to the legal affairs office.</summary>
    public Transition<Reconsideration> SignedOff(string approvalId, bool approved, string? comment, DateTimeOffset at) =>
        Status == ReconsiderationStatus.InSignOff && SignOffApprovalId == approvalId
            ? approved
                ? Transition<Reconsideration>.To(this with { Status = ReconsiderationStatus.Decided, DecidedAt = at },
                    "常务副区长、区长审批签发，复议决定作出", new CaseDecided(Id))
                : Transition<Reconsideration>.To(
                    this with { Status = ReconsiderationStatus.Accepted, SignOffApprovalId = null, ReturnedComment = comment },
                    $"签批未通过，退回法制机构：{comment}", new ProposalReturned(Id))
            : throw Conflict("该签批结果已记录", "this sign-off is already recorded");

    /// <summary>One extension of the statutory time limit, approved by the district head.</summary>
    public Transition<Reconsideration> ExtensionRequested(string approvalId, string reason, int extensionDays, OrgChart org,
        string requestedById) =>
        Status != ReconsiderationStatus.Decided && !Extended && ExtensionApprovalId is null
            ? Transition<Reconsideration>.To(this with { ExtensionApprovalId = approvalId, ExtensionReason = reason },
                $"申请延长复议期限{extensionDays}日：{reason}", new ExtensionApprovalRequested(Id,
                    new ApprovalRequest(approvalId, ApprovalFeature, Id, $"行政复议延期审批：{Applicant}诉{Respondent}", requestedById,
                        [.. Facts(), new Fact("延期", $"{extensionDays}日"), new Fact("理由", reason)],
                        [new StepSpec("区长批准延期", StepKind.Single, [org.DistrictHead.Id])], [])))
            : throw Conflict("复议期限只能延长一次，且须在决定作出前", "the deadline may be extended once, before the decision");

    /// <summary>The extension's result; a granted one moves the deadline, so the reminders start again.</summary>
    public Transition<Reconsideration> ExtensionDecided(string approvalId, bool approved, int extensionDays) =>
        ExtensionApprovalId == approvalId && !Extended
            ? Transition<Reconsideration>.To(this with
            {
                Extended = true,
                DeadlineAt = approved ? DeadlineAt.AddDays(extensionDays) : DeadlineAt,
                RemindedDaysBefore = approved && extensionDays != 0 ? [] : RemindedDaysBefore,
            }, approved ? "区长批准延长复议期限" : "延期未获批准", new ExtensionResolved(Id, approved))
            : throw Conflict("该延期结果已记录", "this extension's result is already recorded");

    /// <summary>An approval of the case ended: the extension's or the sign-off's; null when it no longer applies.</summary>
    public Transition<Reconsideration>? ApprovalEnded(string approvalId, bool approved, string? comment, DateTimeOffset at,
        int extensionDays) =>
        ExtensionApprovalId == approvalId && !Extended ? ExtensionDecided(approvalId, approved, extensionDays)
        : SignOffApprovalId == approvalId && Status == ReconsiderationStatus.InSignOff ? SignedOff(approvalId, approved, comment, at)
        : null;

    /// <summary>The reminder timer's step: the configured days before the deadline not reminded yet; null when none is due.</summary>
    public Transition<Reconsideration>? Reminded(IEnumerable<int> reminderDays, DateOnly today)
    {
        var daysLeft = ChinaTime.DateOf(DeadlineAt).DayNumber - today.DayNumber;
        var due = reminderDays.Where(d => daysLeft <= d && !RemindedDaysBefore.Contains(d)).OrderBy(d => d).ToList();
        if (due.Count == 0 || Status == ReconsiderationStatus.Decided) return null;
        return Transition<Reconsideration>.To(this with { RemindedDaysBefore = [.. RemindedDaysBefore, .. due] },
            $"复议期限届满前{due[0]}日提醒", new DeadlineNear(Id, due[0], DeadlineAt));
    }

    /// <summary>What its approvals and its emails show.</summary>
    public IReadOnlyList<Fact> Facts() =>
    [
        new("申请人", Applicant),
        new("被申请人", Respondent),
        new("复议请求", Request),
        new("受理时间", ChinaTime.DayText(AcceptedAt)),
        new("法定期限", ChinaTime.DayText(DeadlineAt) + (Extended ? "（已延期）" : "")),
        new("编号", Id),
    ];

    private static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}
