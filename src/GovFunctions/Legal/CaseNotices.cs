using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Legal;

/// <summary>
/// The emails of the defence clock (Art. 24) and of coordination bodies past their expected end (Art. 25). The participation
/// tasks and the district head's approval are the engine's mails.
/// </summary>
public sealed class CaseNotices(LegalCaseService cases, CoordinationBodyService bodies, OrganizationStore organization)
    : INotificationRenderer
{
    public const string DefenceDue = "legal-case.defence-due";
    public const string Dissolution = "coordination-body.dissolution";

    public bool Handles(string type) => type is DefenceDue or Dissolution;

    public async Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct)
    {
        var org = await organization.OrganizationAsync(ct);
        return notification.Type == DefenceDue
            ? await DefenceMailAsync(org, notification.DataAs<LegalCaseNotice>(), ct)
            : await DissolutionMailAsync(org, notification.DataAs<CoordinationBodyNotice>().BodyId, ct);
    }

    private async Task<OutgoingMail?> DefenceMailAsync(OrgChart org, LegalCaseNotice notice, CancellationToken ct)
    {
        var c = (await cases.GetAsync(notice.CaseId, ct)).Value;
        if (c.Status != LegalCaseStatus.Open || c.DefenceFiledAt is not null) return null; // filed meanwhile: nothing to remind
        var subject = $"【答辩期限提醒】{Shorten(c.Summary)}";
        var intro = $"行政诉讼案件的答辩状应于 {ChinaTime.DayText(c.DefenceDueAt!.Value)} 前提交，请区政府法制机构抓紧办理（第二十四条）。";
        var names = c.ParticipantDepartmentIds.Select(d => org.FindDepartment(d)?.Name ?? d);
        return LegalNotices.Mail(org, [org.HeadOf(org.LegalOffice.Id)], [], subject, intro, LegalCaseService.Facts(c, names));
    }

    private async Task<OutgoingMail?> DissolutionMailAsync(OrgChart org, string bodyId, CancellationToken ct)
    {
        var b = (await bodies.GetAsync(bodyId, ct)).Value;
        if (b.Status != CoordinationBodyStatus.Active) return null; // dissolved meanwhile
        var leader = org.Person(b.LeaderId);
        var end = b.ExpectedEndDate.ToString("yyyy年M月d日");
        return b.ListedForOffice
            ? LegalNotices.Mail(org, [org.OfficeDirector], [leader], $"【待撤销议事协调机构】{b.Name}",
                $"议事协调机构“{b.Name}”预计于 {end} 完成工作，逾期仍未撤销，已列入待撤销名单，请区政府办公室督促撤销（第二十五条）。",
                CoordinationBodyService.Facts(b))
            : LegalNotices.Mail(org, [leader], [], $"【撤销提醒】{b.Name}",
                $"议事协调机构“{b.Name}”预计于 {end} 完成工作，工作任务完成后应当及时撤销，请牵头领导研究（第二十五条）。",
                CoordinationBodyService.Facts(b));
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
