using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Duty;

/// <summary>The handover summary (交班) to the incoming duty officer and leader on duty (Art. 76).</summary>
public sealed class DutyNotices(DutyService duty, OrganizationStore organization) : INotificationRenderer
{
    public const string Handover = "duty.handover";

    /// <summary>The handover's model (<c>Templates/Duty/handover</c>): the summary, then one row per log of the shift.</summary>
    public sealed record HandoverView(string Intro, IReadOnlyList<HandoverRow> Logs);

    public sealed record HandoverRow(string Time, string Kind, string Source, string Content, string Instruction, string Status);

    public bool Handles(string type) => type == Handover;

    public async Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct)
    {
        var d = notification.DataAs<HandoverData>();
        var org = await organization.OrganizationAsync(ct);
        var logs = await duty.ShiftLogsAsync(d.Partition, ct);
        var incoming = org.DutyRoster.ShiftAt(d.ShiftStart.AddDays(1));
        var ended = org.DutyRoster.ShiftAt(d.ShiftStart);
        var to = new[] { incoming.OfficerId, incoming.LeaderId }.Distinct().Select(org.Person).Select(p => new MailAddress(p.Email, p.Name)).ToList();
        var cc = new[] { ended.OfficerId }.Except([incoming.OfficerId]).Select(org.Person).Select(p => new MailAddress(p.Email, p.Name)).ToList();
        var open = logs.Count(l => l.Status != DutyLogStatus.CarriedOut);
        var title = $"值班交接：{ChinaTime.ShortText(ended.Start)} 至 {ChinaTime.ShortText(ended.End)}";
        var intro = $"本班共登记 {logs.Count} 条值班记录，其中 {open} 条尚未办结，请接班人员跟进（第七十六条）。"
            + $"带班领导：{org.Person(ended.LeaderId).Name}；值班员：{org.Person(ended.OfficerId).Name}。";
        var view = new HandoverView(intro, logs.Select(l => new HandoverRow($"{l.ReceivedAt.ToChina():HH:mm}", DutyService.KindName(l.Kind),
            l.Source, l.Content, l.Instruction ?? "待批示", StatusNames.Of(l.Status))).ToList());
        var body = MailLayout.Render(org.District.Name, title, "Duty/handover", view);
        return new OutgoingMail(to, $"【值班交接】{ended.Start.ToChina():M月d日}", body.Html, body.Text) { Cc = cc };
    }
}
