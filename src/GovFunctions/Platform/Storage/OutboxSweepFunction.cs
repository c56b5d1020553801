using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Platform.Storage;

public sealed class OutboxSweepFunction(Outbox outbox, MessagePayloads payloads)
{
    public const string Schedule = "0 */1 * * * *";

    /// <summary>Every minute: route changes that were committed but whose messages were not enqueued; drop old message payloads.</summary>
    [Function(nameof(OutboxSweep))]
    public async Task OutboxSweep([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct)
    {
        await outbox.SweepAsync(ct);
        await payloads.PruneAsync(ct);
    }
}
