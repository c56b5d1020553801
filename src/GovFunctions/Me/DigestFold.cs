using GovFunctions.Approvals;
using GovFunctions.Notifications;
using GovFunctions.Platform.Mail;
using GovFunctions.Supervision;

namespace GovFunctions.Me;

/// <summary>
/// Folds a day's individual reminders (催办) into the digest instead of sending them beside it: an approval task's reminder
/// (<see cref="TaskReminders"/>) and a supervised item's acknowledge reminder (the supervision reminders timer) are not mailed
/// when every person they go to has received today's digest, which listed the same task or item (a task is reminded only
/// after waiting a working day, so it was waiting when the digest was made). Until the digest has gone — it failed, or the
/// person turned it off — their reminders go as before, so nobody is left with neither. The reminder itself is still
/// recorded: its count, and the alert to the office after the configured number, go on as before. Escalations to the office
/// are never folded (the office's mailbox is no person with a digest); escalations to a person only when they chose so, which
/// the office director cannot (第三十条).
/// </summary>
public sealed partial class DigestFold(DigestDay day, OrganizationStore organization, ILogger<DigestFold> log) : INotificationFold
{
    public async Task<bool> FoldsAsync(QueueEnvelope notification, OutgoingMail mail, CancellationToken ct)
    {
        var escalation = IsEscalation(notification);
        if (!escalation && !IsReminder(notification)) return false;
        var org = await organization.OrganizationAsync(ct);
        var people = mail.To.Concat(mail.Cc).Select(a => org.FindByEmail(a.Address)).ToList();
        if (people.Count == 0 || people.Any(p => p is null)) return false;
        foreach (var person in people)
        {
            if (!await day.SentTodayAsync(person!.Id, ct)) return false;
            if (escalation && (await day.PreferencesAsync(person.Id, ct)).Escalations) return false;
        }
        LogFolded(notification.Type, notification.Subject);
        return true;
    }

    private static bool IsReminder(QueueEnvelope n) => n.Type == Notices.Reminder
        || (n.Type == SupervisionNotices.Warning && n.DataAs<SupervisionNotice>().Stage == WarningStage.AcknowledgeReminder);

    private static bool IsEscalation(QueueEnvelope n) => n.Type == Notices.OfficeAlert
        || (n.Type == SupervisionNotices.Warning && n.DataAs<SupervisionNotice>().Stage is WarningStage.Red or WarningStage.Accountability);

    [LoggerMessage(1403, LogLevel.Information, "Notification {Type} {Key} folded into today's digest")]
    private partial void LogFolded(string type, string key);
}
