using GovFunctions.Platform.Routing;

namespace GovFunctions.Approvals;

/// <summary>
/// The engine's queue handler: routes a new approval's first step, moves a decided step on (or ends the approval), and hands
/// an ended approval to its feature. Each message is handled once: its id is marked in the same transaction as the change,
/// a redelivery finds it marked, and a concurrent change makes the record store read again and re-apply in-process.
/// </summary>
public sealed partial class StepRouter(ApprovalEngine engine, StepTasks steps, PendingTaskIndex index,
    IEnumerable<IApprovalSubject> subjects, TimeProvider clock, ILogger<StepRouter> log) : IQueueHandler
{
    public string TypePrefix => "approval.";

    public Task HandleAsync(QueueEnvelope message, CancellationToken ct = default) => message.Type switch
    {
        ApprovalEngine.StartType => StartAsync(message.DataAs<ApprovalRequest>(), message.Id, ct),
        ApprovalEngine.DecidedType => AdvanceAsync(message.Subject, message.Id, ct),
        ApprovalEngine.CompletedType => EndedAsync(message.Subject, message.Id, ct),
        _ => throw new InvalidDataException($"unknown approval message type {message.Type}"),
    };

    private async Task StartAsync(ApprovalRequest request, string messageId, CancellationToken ct)
    {
        if (await engine.FindAsync(request.Id, ct) is not null) return; // routed already, or withdrawn before routing
        var now = clock.GetUtcNow();
        var tasks = await steps.CreateAsync(request, [], 0, now, ct);
        await index.AddAsync(request.Id, tasks, ct);
        try
        {
            await engine.Store.CreateAsync(ApprovalEngine.KeyOf(request.Id), Approval.Open(request, tasks, now), Actor.System, messageId,
                ct: ct);
            LogStarted(request.Id, request.Feature, tasks.Count);
        }
        catch (StateConflictException)
        {
            LogStartedMeanwhile(request.Id); // a concurrent delivery (or a withdrawal) created it first; its tasks are the only ones
        }
    }

    private async Task AdvanceAsync(string approvalId, string messageId, CancellationToken ct)
    {
        if (await engine.FindAsync(approvalId, ct) is null) throw new InvalidDataException($"approval {approvalId} not found");
        List<string> closing = [];
        var applied = await engine.Store.ApplyLookingUpAsync(ApprovalEngine.KeyOf(approvalId), Actor.System, async s =>
        {
            var a = s.Value;
            if (!a.IsPending || a.CurrentOutcome() == StepOutcome.Open) return null;
            var now = clock.GetUtcNow();
            var next = a.OpensNextStep ? await steps.CreateAsync(a.Request, a.Tasks, a.CurrentStep + 1, now, ct) : [];
            await index.AddAsync(approvalId, next, ct); // before the commit: a committed open task is always indexed
            closing = a.CurrentTasks.Where(t => t.IsOpen).Select(t => t.Id).ToList();
            return a.Advance(next, now);
        }, messageId, ct: ct);
        if (!applied.Changed) return;
        await index.RemoveAsync(approvalId, closing, ct);
        LogAdvanced(approvalId, Approval.StateName(applied.Record.Value.Status), applied.Record.Value.CurrentStep);
    }

    /// <summary>The approval is over: its feature takes the outcome (<see cref="IApprovalSubject"/>).</summary>
    private async Task EndedAsync(string approvalId, string messageId, CancellationToken ct)
    {
        var approval = (await engine.FindAsync(approvalId, ct))?.Value
            ?? throw new InvalidDataException($"approval {approvalId} not found");
        if (approval.IsPending) throw new InvalidDataException($"approval {approvalId} is still pending");
        var subject = subjects.SingleOrDefault(s => s.Feature == approval.Request.Feature)
            ?? throw new InvalidDataException($"no feature {approval.Request.Feature} takes approvals");
        await subject.ApprovalEndedAsync(approval, messageId, ct);
        LogEnded(approvalId, approval.Request.Feature, Approval.StateName(approval.Status));
    }

    [LoggerMessage(2001, LogLevel.Information, "Approval {ApprovalId} ({Feature}) started with {Tasks} task(s)")]
    private partial void LogStarted(string approvalId, string feature, int tasks);

    [LoggerMessage(2002, LogLevel.Information, "Approval {ApprovalId} was created by a concurrent delivery; this start routes nothing")]
    private partial void LogStartedMeanwhile(string approvalId);

    [LoggerMessage(2003, LogLevel.Information, "Approval {ApprovalId} is {Status} at step {Step}")]
    private partial void LogAdvanced(string approvalId, string status, int step);

    [LoggerMessage(2006, LogLevel.Information, "Approval {ApprovalId} ended ({Status}); {Feature} took the outcome")]
    private partial void LogEnded(string approvalId, string feature, string status);
}
