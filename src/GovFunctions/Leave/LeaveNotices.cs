using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Leave;

public sealed record LeaveNoticeData(string LeaveId);

/// <summary>
/// The leave emails (zh-CN): the office is informed of an approved absence with time, destination, contact and acting
/// person, and informs the other leaders (Art. 74, 75); return reminders; the report back (销假).
/// </summary>
public sealed class LeaveNotices(LeaveService leave, OrganizationStore organization) : INotificationRenderer
{
    public const string OfficeInformed = "leave.office-informed";
    public const string LeadersInformed = "leave.leaders-informed";
    public const string ReturnReminder = "leave.return-reminder";
    public const string NotReturned = "leave.not-returned";
    public const string Returned = "leave.returned";

    public bool Handles(string type) => type.StartsWith("leave.", StringComparison.Ordinal);

    public async Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct)
    {
        var l = (await leave.GetAsync(notification.DataAs<LeaveNoticeData>().LeaveId, ct)).Value;
        var org = await organization.OrganizationAsync(ct);
        var applicant = org.Person(l.ApplicantId);
        var office = new MailAddress(org.District.OfficeEmail, org.Office.Name);
        var facts = Facts(org, l).ToList();
        return notification.Type switch
        {
            OfficeInformed when l.Status is LeaveStatus.Approved or LeaveStatus.Returned => Mail(org, [office],
                $"【请假报备】{Title(applicant, l)}",
                l.IsRecordOnly ? "区长出差（出访）已备案，期间由常务副区长主持区政府工作（第四条）。" : "以下请假已经批准，报区政府办公室备案（第七十四条、第七十五条）。",
                facts),
            LeadersInformed when l.Status is LeaveStatus.Approved or LeaveStatus.Returned => Mail(org,
                org.Leaders.Where(p => p.Id != applicant.Id).Select(p => new MailAddress(p.Email, p.Name)).ToList(),
                $"【通报】{applicant.DisplayName}离岗外出",
                $"区政府办公室通报：{applicant.DisplayName}将离岗外出，有关情况如下（第七十四条）。", facts),
            ReturnReminder when l.Status == LeaveStatus.Approved => Mail(org, [new MailAddress(applicant.Email, applicant.Name)],
                $"【销假提醒】{Title(applicant, l)}",
                $"{applicant.DisplayName}：您的请假已于 {ChinaTime.Text(l.LastDay)} 结束，请及时销假（在系统中报告返岗）。", facts),
            NotReturned when l.Status == LeaveStatus.Approved => Mail(org, [office],
                $"【逾期未销假】{Title(applicant, l)}",
                $"{applicant.DisplayName}的请假已于 {ChinaTime.Text(l.LastDay)} 结束，经提醒仍未销假，请区政府办公室了解情况。", facts),
            Returned when l.Status == LeaveStatus.Returned => Mail(org,
                LeaveRules.ReportsBackToDistrictHead(applicant) ? [office, new MailAddress(org.DistrictHead.Email, org.DistrictHead.Name)] : [office],
                $"【销假】{applicant.DisplayName}已返岗",
                $"{applicant.DisplayName}已于 {ChinaTime.Text(l.ReturnedAt!.Value)} 返岗销假（第七十四条、第七十五条）。"
                    + (l.ReturnNote is null ? "" : $"情况报告：{l.ReturnNote}"), facts),
            _ => null,
        };
    }

    public static string Title(Person applicant, LeaveRequest l) => l.TitleFor(applicant);

    public static IEnumerable<(string Label, string Value)> Facts(OrgChart org, LeaveRequest l) => l.FactsFor(org).Select(f => (f.Label, f.Value));

    private static OutgoingMail Mail(OrgChart org, IReadOnlyList<MailAddress> to, string subject, string intro, IReadOnlyList<(string Label, string Value)> facts)
    {
        var body = MailLayout.Notice(org.District.Name, subject, intro, facts.Select(f => (f.Label, (string?)f.Value)));
        return new OutgoingMail(to, subject, body.Html, body.Text);
    }
}
