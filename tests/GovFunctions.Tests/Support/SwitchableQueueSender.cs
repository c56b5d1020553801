using Azure;
using GovFunctions.Platform.Storage;

namespace GovFunctions.Tests.Support;

/// <summary>The real queue sender, which a test can make fail on purpose (as if the process died before enqueueing).</summary>
public sealed class SwitchableQueueSender(StorageQueueSender inner) : IQueueSender
{
    public bool Fail { get; set; }
    public int Sent { get; private set; }

    public async Task SendAsync(string queue, string body, CancellationToken ct = default)
    {
        if (Fail) throw new RequestFailedException(503, "queue unavailable (test)");
        await inner.SendAsync(queue, body, ct);
        Sent++;
    }
}
