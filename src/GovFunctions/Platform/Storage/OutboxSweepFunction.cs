using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Platform.Storage;

public sealed class OutboxSweepFunction(Outbox outbox)
{
    public const string Schedule = "0 */1 * * * *";

    /// <summary>Every minute: route changes that were committed but whose messages were not enqueued.</summary>
    [Function(nameof(OutboxSweep))]
    public Task OutboxSweep([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken ct) => outbox.SweepAsync(ct);
}
