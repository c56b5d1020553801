using GovFunctions.Approvals;
using GovFunctions.Platform.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GovFunctions.Tests.Support;

/// <summary>
/// Plays the Functions host for the queue triggers: receives from the app's queues, calls the same function methods the
/// host calls, and deletes a message only when its function returned — so what the tests see is what the host does.
/// </summary>
public sealed class QueuePump(TestApp app)
{
    private readonly ApprovalRoutingFunctions _functions = ActivatorUtilities.CreateInstance<ApprovalRoutingFunctions>(app.Services);

    /// <summary>Runs until both queues are empty; returns how many messages were handled.</summary>
    public async Task<int> RunAsync(int maxRounds = 100)
    {
        var handled = 0;
        for (var round = 0; round < maxRounds; round++)
        {
            var progress = false;
            foreach (var queue in new[] { Queues.ApprovalRouting, Queues.Notifications })
            {
                var client = await app.Storage.QueueAsync(queue);
                foreach (var m in (await client.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value)
                {
                    await Handle(queue, m.Body.ToString());
                    await client.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                    handled++;
                    progress = true;
                }
            }
            if (!progress) return handled;
        }
        throw new InvalidOperationException("queues did not drain");
    }

    /// <summary>Takes the next message of a queue without handling it (to deliver it by hand, e.g. many times at once).</summary>
    public async Task<string> TakeAsync(string queue, string type)
    {
        var client = await app.Storage.QueueAsync(queue);
        var m = (await client.ReceiveMessagesAsync(32)).Value;
        var match = m.Single(x => QueueEnvelope.Parse(x.Body.ToString()).Type == type);
        await client.DeleteMessageAsync(match.MessageId, match.PopReceipt);
        return match.Body.ToString();
    }

    /// <summary>Takes the next <paramref name="count"/> messages of a type (to deliver them by hand, e.g. at the same moment).</summary>
    public async Task<IReadOnlyList<string>> TakeAllAsync(string queue, string type, int count)
    {
        var client = await app.Storage.QueueAsync(queue);
        var taken = new List<string>();
        for (var round = 0; taken.Count < count && round < 20; round++)
            foreach (var m in (await client.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value)
            {
                if (QueueEnvelope.Parse(m.Body.ToString()).Type != type) continue;
                await client.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                taken.Add(m.Body.ToString());
            }
        Assert.Equal(count, taken.Count);
        return taken;
    }

    public Task Handle(string queue, string body) => queue switch
    {
        Queues.ApprovalRouting => _functions.ApprovalRouter(body, CancellationToken.None),
        Queues.Notifications => _functions.SendNotification(body, CancellationToken.None),
        _ => throw new ArgumentException(queue),
    };
}
