namespace GovFunctions.Leave;

/// <summary>
/// Timer: the working day after a leave's last day, an official who has not reported back (销假) is reminded; one working day
/// later the government office is told (<see cref="LeaveRequest.ChaseReturn"/>). Looks back over leaves that ended within the
/// last 60 days. Each is marked and mailed through the pipeline (the outbox), so a second run, or a second instance at the
/// same time, finds it marked and sends nothing; an absence whose leave is gone is dropped from the away index.
/// </summary>
public sealed partial class LeaveReturnReminders(LeaveRecords records, OrganizationStore organization, AwayIndex away, TimeProvider clock,
    ILogger<LeaveReturnReminders> log)
{
    public const string Timer = "LeaveReturnReminders";

    /// <returns>How many reminders (or office notices) were sent.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var calendar = await organization.CalendarAsync(ct);
        var ended = (await away.AbsencesAsync(now.AddDays(-60), now, ct)).Where(a => a.End <= now).ToList();
        var due = new List<RecordKey>();
        foreach (var absence in ended)
        {
            var key = LeaveRecords.KeyOf(absence.LeaveId);
            if (await records.Store.FindAsync(key, ct) is not { } leave)
            {
                TimerLog.Dangling(log, Tables.LeaveAway, $"{ChinaTime.DateOf(absence.Start).Year}", absence.LeaveId);
                await away.DropAsync(absence, ct);
            }
            else if (leave.Value.ChaseReturn(calendar, now) is not null) due.Add(key); // re-checked on the fresh state below
        }
        LogRead(ended.Count, due.Count);
        return await records.Store.SweepAsync(due, Actor.System, s => s.Value.ChaseReturn(calendar, now), log, Timer, ct);
    }

    [LoggerMessage(3021, LogLevel.Information, "Leave return reminders: {Ended} ended absence(s) read, {Due} due a reminder or notice")]
    private partial void LogRead(int ended, int due);
}
