using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Decisions;

public sealed record DecisionNoticeData(string DecisionId);

/// <summary>The decisions' own emails: the post-implementation evaluation falls due (Art. 18).</summary>
public sealed class DecisionNotices(DecisionService decisions, OrganizationStore organization) : INotificationRenderer
{
    public const string EvaluationDue = DecisionMessages.EvaluationDue;

    public bool Handles(string type) => type == EvaluationDue;

    public async Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct)
    {
        var d = (await decisions.GetAsync(notification.DataAs<DecisionNoticeData>().DecisionId, ct)).Value;
        if (d.Evaluation is not { Findings: null }) return null;
        var org = await organization.OrganizationAsync(ct);
        var head = org.HeadOf(d.SponsorDepartmentId);
        var intro = $"{head.DisplayName}：“{d.Title}”于 {ChinaTime.DayText(d.AdoptedAt!.Value)} 通过，已到实施后评估时间。请通过抽样检查、跟踪调查等方式评估实施情况，及时发现并纠正存在的问题，并在系统中记录评估结论（第十八条）。";
        var facts = DecisionService.Facts(org, d).Select(f => (f.Label, (string?)f.Value)).ToList();
        var body = MailLayout.Notice(org.District.Name, "重大行政决策实施后评估", intro, facts);
        return new OutgoingMail([new MailAddress(head.Email, head.Name)], $"【实施后评估】{d.Title}", body.Html, body.Text)
        {
            Cc = [new MailAddress(org.District.OfficeEmail, org.Office.Name)],
        };
    }
}
