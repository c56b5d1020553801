using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Accountability;

/// <summary>Tells the office, once, that a competent department let its proposal deadline pass (second clause of Art. 32).</summary>
public sealed class AccountabilityNotices(AccountabilityService accountability, OrganizationStore organization) : INotificationRenderer
{
    private const string Intro =
        "主管部门应当提出问责建议而未在期限内提出，依照第三十二条对该主管部门责任人提起问责。";

    public bool Handles(string type) => type == AccountabilityService.ProposalMissedNotice;

    public async Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct)
    {
        var id = notification.DataAs<AccountabilityService.EntryNotice>().EntryId;
        var entry = (await accountability.Store.GetAsync(AccountabilityService.KeyOf(id), ct)).Value;
        if (entry.State != ProposalState.NotProposed) return null;
        var org = await organization.OrganizationAsync(ct);
        var head = org.Person(entry.NotProposingPersonId!);
        var subject = $"【问责】{org.FindDepartment(entry.CompetentDepartmentId)?.Name}逾期未提出问责建议";
        var facts = new List<(string, string?)>
        {
            ("问责事项", entry.Title), ("依据", entry.Article), ("责任人", org.FindPerson(entry.ResponsiblePersonId)?.DisplayName),
            ("提出问责建议期限", ChinaTime.Text(entry.ProposalDueAt)),
            ("未提出建议的主管部门负责人", head.DisplayName),
        };
        var body = MailLayout.Notice(org.District.Name, subject, Intro, facts);
        return new OutgoingMail([new MailAddress(org.District.OfficeEmail, org.Office.Name)], subject, body.Html, body.Text)
        {
            Cc = [new MailAddress(org.DistrictHead.Email, org.DistrictHead.Name)],
        };
    }
}
