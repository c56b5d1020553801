namespace GovFunctions.Hotline;

/// <summary>
/// Timer: assigned calls past their deadline (Art. 32). From the working day after the deadline the department head is reminded
/// and the supervising leader copied; five working days later the call goes on the accountability list and the office is told.
/// Each call's mark is a transition through <see cref="HotlineCallStore"/>, its mail sent through the outbox with it.
/// </summary>
public sealed partial class HotlineOverdue(HotlineCallStore calls, HotlineOpenCalls open, OrganizationStore organization,
    AccountabilityList accountability, IOptions<HotlineOptions> options, TimeProvider clock, ILogger<HotlineOverdue> log)
{
    public const string Timer = "HotlineOverdue";
    private readonly HotlineOptions _options = options.Value;

    /// <returns>How many calls were marked.</returns>
    public async Task<int> ChaseOverdueAsync(CancellationToken ct = default)
    {
        var calendar = await organization.CalendarAsync(ct);
        var acted = 0;
        foreach (var indexed in await open.AllAsync(ct))
        {
            var stored = await calls.Store.FindAsync(HotlineIds.KeyOf(indexed.Id), ct);
            if (stored is null || !stored.Value.IsOpen)
            {
                if (stored is null) TimerLog.Dangling(log, Tables.HotlineOpen, indexed.Category.ToString(), indexed.Id);
                await open.RemoveAsync(indexed, ct);
                continue;
            }
            try
            {
                var call = stored.Value;
                if (Stage(call, clock.GetUtcNow(), calendar) == HotlineRules.OverdueStage.Accountability && call.AccountableAt is null)
                    await accountability.AddAsync("hotline", call.Id, "第三十二条", // first: an idempotent row, so a failed mark is retried whole
                        new Dictionary<string, object?> { ["DepartmentId"] = call.DepartmentId, ["DueAt"] = call.DueAt }, ct: ct);
                var applied = await calls.ApplyAsync(indexed.Id, Actor.System, (call, now) => Chase(call, now, calendar), null, ct);
                if (applied.Changed) acted++;
            }
            catch (StateConflictException e) // changed by others on every attempt: the next run looks again
            {
                TimerLog.NotChanged(log, Timer, Tables.HotlineCalls, stored.Key.Partition, stored.Id, e.Message);
            }
        }
        TimerLog.Swept(log, Timer, acted);
        return acted;
    }

    /// <summary>The mark due on the fresh state (null: none): the accountability list, else the one reminder of the round.</summary>
    private Transition<HotlineCall>? Chase(HotlineCall call, DateTimeOffset now, WorkingCalendar calendar) =>
        Stage(call, now, calendar) switch
        {
            HotlineRules.OverdueStage.Accountability when call.AccountableAt is null => call.MarkAccountable(now),
            not HotlineRules.OverdueStage.None when call.OverdueRemindedAt is null => call.MarkOverdueReminded(now),
            _ => null,
        };

    private HotlineRules.OverdueStage Stage(HotlineCall call, DateTimeOffset now, WorkingCalendar calendar) =>
        HotlineRules.Overdue(call, now, calendar, _options.AccountabilityAfterWorkingDays);
}
