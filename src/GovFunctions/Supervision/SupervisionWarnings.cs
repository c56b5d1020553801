using Azure.Data.Tables;

namespace GovFunctions.Supervision;

/// <summary>
/// The supervision reminders timer (三色督办): every open item's warnings due now are recorded on the item and sent, each once
/// per item, stage and occurrence, through the pipeline: a second run, or a second instance at the same time, finds them
/// recorded (or loses the race, re-reads and finds them recorded) and sends nothing.
/// </summary>
public sealed partial class SupervisionWarnings(SupervisionService supervision, OrganizationStore organization,
    IOptions<SupervisionOptions> options, TimeProvider clock, ILogger<SupervisionWarnings> log)
{
    private static readonly string[] OpenStates = ["assigned", "acknowledged", "inProgress"];

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var calendar = await organization.CalendarAsync(ct);
        var thresholds = options.Value.Thresholds;
        var now = clock.GetUtcNow();
        int warned = 0, items = 0;
        foreach (var state in OpenStates)
            await foreach (var stored in supervision.Store.WhereAsync(TableClient.CreateQueryFilter($"State eq {state}"), ct))
            {
                items++;
                try
                {
                    var applied = await supervision.ApplyAsync(stored.Key, Actor.System, s =>
                        SupervisionClock.WarningsDue(s.Value, now, calendar, thresholds) is { Count: > 0 } due
                            ? s.Value.Warn(due, now) : null, ct: ct);
                    if (applied.Changed) warned += applied.Transition!.Events.Count;
                }
                catch (GovException e)
                {
                    LogSkipped(e, stored.Id); // changed or gone meanwhile: the next run looks again
                }
            }
        LogRan(items, warned);
        return warned;
    }

    [LoggerMessage(1021, LogLevel.Information, "Supervision reminders: {Items} open items read, {Warnings} warnings sent")]
    private partial void LogRan(int items, int warnings);

    [LoggerMessage(1022, LogLevel.Warning, "Supervision reminders skipped item {ItemId}")]
    private partial void LogSkipped(Exception e, string itemId);
}
