using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Legal;

public sealed record LegalNoticeData(string Id);

/// <summary>The legal affairs emails: filing reminders and late filings (Art. 21), reconsideration deadlines (Art. 23).</summary>
public sealed class LegalNotices(NormativeDocumentService documents, ReconsiderationService reconsiderations, OrganizationStore organization) : INotificationRenderer
{
    public const string FilingDue = LegalMessages.FilingDue;
    public const string FilingLate = LegalMessages.FilingLate;
    public const string ReconsiderationDeadline = LegalMessages.ReconsiderationDeadline;

    public bool Handles(string type) => type.StartsWith(LegalMessages.NoticePrefix, StringComparison.Ordinal);

    public async Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct)
    {
        var org = await organization.OrganizationAsync(ct);
        var id = notification.DataAs<LegalNoticeData>().Id;
        if (notification.Type == ReconsiderationDeadline)
        {
            var r = (await reconsiderations.GetAsync(id, ct)).Value;
            if (r.Status == ReconsiderationStatus.Decided) return null;
            var legalHead = org.HeadOf(org.LegalOffice.Id);
            var intro = $"行政复议案件“{r.Applicant}诉{r.Respondent}”的法定期限将于 {ChinaTime.DayText(r.DeadlineAt)} 届满，请抓紧办理（第二十三条）。";
            return Mail(org, [legalHead], [org.ExecutiveDeputy], $"【复议期限提醒】{r.Applicant}诉{r.Respondent}", intro, ReconsiderationService.Facts(r));
        }
        var d = (await documents.GetAsync(id, ct)).Value;
        if (d.Status != DocumentStatus.Published) return null;
        var head = org.HeadOf(d.IssuingDepartmentId);
        var facts = NormativeDocumentService.Facts(org, d);
        return notification.Type == FilingDue
            ? Mail(org, [head], [], $"【备案提醒】{d.Title}", $"规范性文件“{d.Title}”已发布，请于 {ChinaTime.DayText(d.FilingDueAt!.Value)} 前报区政府备案（第二十一条）。", facts)
            : Mail(org, [head], [org.OfficeDirector, org.HeadOf(org.LegalOffice.Id)], $"【逾期未备案】{d.Title}",
                $"规范性文件“{d.Title}”未在 {ChinaTime.DayText(d.FilingDueAt!.Value)} 前报区政府备案，已列入问责清单（第二十一条、第三十二条）。", facts);
    }

    /// <summary>The legal flows' notice: a paragraph and the record's facts, to and CC named people (also <see cref="CaseNotices"/>).</summary>
    internal static OutgoingMail Mail(OrgChart org, IEnumerable<Person> to, IEnumerable<Person> cc, string subject, string intro,
        IReadOnlyList<Approvals.Fact> facts)
    {
        var body = MailLayout.Notice(org.District.Name, subject, intro, facts.Select(f => (f.Label, (string?)f.Value)));
        return new OutgoingMail(to.Select(p => new MailAddress(p.Email, p.Name)).ToList(), subject, body.Html, body.Text)
        { Cc = cc.Select(p => new MailAddress(p.Email, p.Name)).ToList() };
    }
}
