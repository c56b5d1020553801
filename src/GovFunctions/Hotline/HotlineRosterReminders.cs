using GovFunctions.Notifications;

namespace GovFunctions.Hotline;

/// <summary>Timer (Art. 37): each leader staffing the line is reminded on the working day before their shift.</summary>
public sealed partial class HotlineRosterReminders(StorageClients storage, OrganizationStore organization, TimeProvider clock,
    ILogger<HotlineRosterReminders> log)
{
    /// <returns>How many shifts were reminded of.</returns>
    public async Task<int> RemindRosterAsync(CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        var calendar = await organization.CalendarAsync(ct);
        var today = ChinaTime.Today(clock);
        if (!calendar.IsWorkingDay(today)) return 0;
        var next = calendar.NextWorkingDay(today);
        var shifts = org.HotlineRoster.ShiftsBetween(today.AddDays(1), next).ToList();
        // No record changes here (a shift is part of the organisation, not a call), so there is no transaction for the outbox
        // to ride on: the mail goes straight to the notification queue, and its mail key keeps a rerun of the hourly timer
        // to one email per shift.
        var notifications = await storage.QueueAsync(Queues.Notifications);
        foreach (var shift in shifts)
        {
            var m = NotificationService.Message(HotlineNotices.RosterReminder, $"hotline|roster|{shift.Date:yyyyMMdd}", clock,
                new RosterNoticeData(shift.Date, shift.LeaderId));
            await notifications.SendMessageAsync(m.Envelope.Serialize(), ct);
        }
        LogReminded(shifts.Count, today);
        return shifts.Count;
    }

    [LoggerMessage(4031, LogLevel.Information, "Hotline roster: {Shifts} shift reminder(s) sent on {Today}")]
    private partial void LogReminded(int shifts, DateOnly today);
}
