namespace GovFunctions.Platform.Routing;

/// <summary>Handles the messages of one family of types (by prefix, e.g. <c>approval.</c>) on a shared queue.</summary>
public interface IQueueHandler
{
    string TypePrefix { get; }

    Task HandleAsync(QueueEnvelope message, CancellationToken ct);
}

/// <summary>Hands a routing-queue message to the handler of its type family.</summary>
public sealed class QueueRouter(IEnumerable<IQueueHandler> handlers, MessagePayloads payloads)
{
    private const string LegacyCompletedSuffix = ".approval-completed";
    private const string CompletedType = Approvals.ApprovalEngine.CompletedType;

    public async Task HandleAsync(string body, CancellationToken ct = default)
    {
        var message = await payloads.ResolveAsync(QueueEnvelope.Parse(body), ct);
        // Written before the engine took approvals' ends itself (a type named after the feature, ending in
        // .approval-completed): the engine's now.
        if (message.Type.EndsWith(LegacyCompletedSuffix, StringComparison.Ordinal)) message = message with { Type = CompletedType };
        var handler = handlers.SingleOrDefault(h => message.Type.StartsWith(h.TypePrefix, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"no handler for message type {message.Type}");
        await handler.HandleAsync(message, ct);
    }
}
