using GovFunctions.Common;
using GovFunctions.Calendar;
using GovFunctions.Notifications;
using GovFunctions.Organization;
using GovFunctions.Platform;
using GovFunctions.Platform.Mail;
using GovFunctions.Platform.Storage;

namespace GovFunctions.Duty;

/// <summary>The handover summary (交班) to the incoming duty officer and leader on duty (Art. 76).</summary>
public sealed class DutyNotices(DutyService duty, OrganizationStore organization) : INotificationRenderer
{
    public const string Handover = "duty.handover";

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
        var rows = string.Concat(logs.Select(l =>
            $"<tr><td>{l.ReceivedAt.ToChina():HH:mm}</td><td>{Html.E(DutyService.KindName(l.Kind))}</td><td>{Html.E(l.Source)}</td><td>{Html.E(l.Content)}</td><td>{Html.E(l.Instruction ?? "待批示")}</td><td>{Html.E(StatusNames.Of(l.Status))}</td></tr>"));
        var intro = $"本班共登记 {logs.Count} 条值班记录，其中 {open} 条尚未办结，请接班人员跟进（第七十六条）。带班领导：{org.Person(ended.LeaderId).Name}；值班员：{org.Person(ended.OfficerId).Name}。";
        var table = logs.Count == 0 ? "<p>本班无值班记录。</p>"
            : $"<div style=\"overflow-x:auto\"><table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse;min-width:100%\"><tr><th>时间</th><th>类别</th><th>来源</th><th>内容</th><th>批示</th><th>状态</th></tr>{rows}</table></div>";
        var text = intro + "\n\n" + string.Join("\n", logs.Select(l => $"{l.ReceivedAt.ToChina():HH:mm} {DutyService.KindName(l.Kind)} {l.Source}：{l.Content}｜批示：{l.Instruction ?? "待批示"}｜{StatusNames.Of(l.Status)}"));
        return new OutgoingMail(to, $"【值班交接】{ended.Start.ToChina():M月d日}", MailLayout.Html(org.District.Name, title, $"<p>{Html.E(intro)}</p>{table}"),
            MailLayout.Text(org.District.Name, title, text)) { Cc = cc };
    }
}
