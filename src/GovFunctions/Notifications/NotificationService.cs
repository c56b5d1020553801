using GovFunctions.Platform.Mail;

namespace GovFunctions.Notifications;

/// <summary>
/// A notification is a queue message naming what happened; the email is rendered when it is handled, from the current
/// state, so a message carries no secrets and a notice that no longer applies (a reminder for a task decided meanwhile)
/// is dropped. The envelope's subject is the mail key that makes sending idempotent.
/// </summary>
public interface INotificationRenderer
{
    bool Handles(string type);

    /// <returns>The mail, or null when it no longer applies.</returns>
    Task<OutgoingMail?> RenderAsync(QueueEnvelope notification, CancellationToken ct);
}

/// <summary>A mail a rendered notification would send that is folded into another (e.g. a reminder into the daily digest).</summary>
public interface INotificationFold
{
    Task<bool> FoldsAsync(QueueEnvelope notification, OutgoingMail mail, CancellationToken ct);
}

public sealed partial class NotificationService(IEnumerable<INotificationRenderer> renderers, IEnumerable<INotificationFold> folds,
    MailLog mailLog, ILogger<NotificationService> log)
{
    public static OutboundMessage Message(string type, string mailKey, TimeProvider clock, object data) =>
        new(Queues.Notifications, QueueEnvelope.Create(type, mailKey, clock, data));

    public async Task HandleAsync(QueueEnvelope notification, CancellationToken ct = default)
    {
        var renderer = renderers.FirstOrDefault(r => r.Handles(notification.Type))
            ?? throw new InvalidDataException($"no renderer for notification type {notification.Type}");
        var mail = await renderer.RenderAsync(notification, ct);
        if (mail is null)
        {
            LogDropped(notification.Type, notification.Subject);
            return;
        }
        foreach (var fold in folds)
            if (await fold.FoldsAsync(notification, mail, ct)) return;
        if (!await mailLog.SendOnceAsync(notification.Subject, mail, ct)) LogDuplicate(notification.Subject);
    }

    [LoggerMessage(LogLevel.Information, "Notification {Type} {Key} no longer applies; not sent")]
    private partial void LogDropped(string type, string key);

    [LoggerMessage(LogLevel.Information, "Notification {Key} was already sent; duplicate delivery ignored")]
    private partial void LogDuplicate(string key);
}
