namespace GovFunctions.Approvals;

/// <summary>
/// Timer: each open task waiting longer than the reminder interval on the working-day clock gets one reminder (催办), which
/// also renews its link's life; at the configured count the government office is told. Runs only within office hours on
/// working days. Each reminder is a transition of the approval through the record store, its mails through the outbox.
/// </summary>
public sealed partial class TaskReminders(ApprovalEngine engine, PendingTaskIndex index, OrganizationStore organization,
    IOptions<ApprovalOptions> options, TimeProvider clock, ILogger<TaskReminders> log)
{
    public async Task<int> RemindAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var calendar = await organization.CalendarAsync(ct);
        if (!calendar.IsWorkingDay(now) || calendar.WorkingTimeBetween(now, now.AddMinutes(1)) == TimeSpan.Zero) return 0;
        var (sent, looked) = (0, 0);
        await foreach (var entry in index.AllAsync(ct))
        {
            looked++;
            var stored = await engine.FindAsync(entry.ApprovalId, ct);
            var task = stored?.Value.Tasks.SingleOrDefault(t => t.Id == entry.TaskId);
            if (stored is null || task is null || !task.IsOpen || !stored.Value.IsPending)
            {
                // An entry is written just before its approval's commit: one pointing at nothing an hour on never committed.
                if (stored is null && entry.IndexedAt >= now - TimeSpan.FromHours(1)) continue;
                if (stored is null) TimerLog.Dangling(log, Tables.PendingTasks, entry.Partition, entry.Row);
                await index.DropAsync(entry, ct);
                continue;
            }
            if (now < DueAt(calendar, task)) continue;
            try
            {
                var applied = await engine.Store.ApplyAsync(stored.Key, Actor.System, s =>
                {
                    var t = s.Value.Tasks.Single(x => x.Id == entry.TaskId);
                    if (!t.IsOpen || !s.Value.IsPending || now < DueAt(calendar, t)) return null; // decided or reminded meanwhile
                    var alertOffice = !t.OfficeAlerted && t.Reminders + 1 >= options.Value.EscalateAfterReminders;
                    return s.Value.Remind(t.Id, now, alertOffice, now + options.Value.LinkLifetime);
                }, ct: ct);
                if (applied.Changed) sent++;
            }
            catch (StateConflictException)
            {
                LogBusy(entry.ApprovalId); // changed on every attempt; the next run looks again
            }
        }
        LogRun(looked, sent);
        return sent;
    }

    private DateTimeOffset DueAt(WorkingCalendar calendar, ApprovalTask task)
    {
        var since = task.LastRemindedAt ?? task.CreatedAt;
        var day = calendar.AddWorkingDays(ChinaTime.DateOf(since), options.Value.RemindAfterWorkingDays);
        return ChinaTime.At(day, ChinaTime.TimeOf(since));
    }

    [LoggerMessage(2020, LogLevel.Information, "Approval reminders: {Looked} open task(s) looked at, {Sent} reminded")]
    private partial void LogRun(int looked, int sent);

    [LoggerMessage(2021, LogLevel.Warning, "Approval {ApprovalId} kept changing while being reminded; the next run looks again")]
    private partial void LogBusy(string approvalId);
}
