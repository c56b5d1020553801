using GovFunctions.Platform.Mail;

namespace GovFunctions.Notifications;

/// <summary>
/// A queue message that failed every attempt lands in its <c>-poison</c> queue; the operations address is told what it
/// was, so no approval silently stops. The poison message itself stays in the queue for a person to replay or discard.
/// </summary>
public sealed class PoisonNotices(OrganizationStore organization, TimeProvider clock) : INotificationRenderer
{
    public const string Type = "ops.poison";

    public sealed record PoisonData(string Queue, string? MessageId, string? MessageType, string? Subject, string Body);

    /// <summary>The notice for a message found in a poison queue; keyed by the message so it is sent once.</summary>
    public OutboundMessage NoticeFor(string poisonQueue, string body)
    {
        QueueEnvelope? envelope = null;
        try { envelope = QueueEnvelope.Parse(body); } catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException) { }
        var id = envelope?.Id ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body)))[..16];
        return NotificationService.Message(Type, $"poison|{poisonQueue}|{id}", clock,
            new PoisonData(poisonQueue, envelope?.Id, envelope?.Type, envelope?.Subject, body.Length > 4000 ? body[..4000] : body));
    }

    /// <summary>The alert's model (<c>Templates/Notifications/poison</c>): what to do, the message's facts, its body as it was.</summary>
    public sealed record PoisonView(string Intro, IReadOnlyList<FactRow> Facts, string Body);

    public bool Handles(string type) => type == Type;

    public async Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct)
    {
        var d = notification.DataAs<PoisonData>();
        var org = await organization.OrganizationAsync(ct);
        var facts = new (string, string?)[] { ("队列", d.Queue), ("消息编号", d.MessageId), ("类型", d.MessageType), ("对象", d.Subject) };
        var intro = "以下队列消息多次处理失败，已转入死信队列，相关流程已暂停，请运维人员排查后重新投递或人工处理。";
        var body = MailLayout.Render(org.District.Name, "消息处理失败", "Notifications/poison", new PoisonView(intro, FactRow.Of(facts), d.Body));
        return new OutgoingMail([new MailAddress(org.District.OperationsEmail, "运维")], $"【系统告警】消息处理失败：{d.MessageType ?? d.Queue}",
            body.Html, body.Text);
    }
}
