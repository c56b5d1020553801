using GovFunctions.Approvals;

namespace GovFunctions.Me;

/// <summary>
/// The approval, reply and instruction tasks waiting for people, read from the open-task index (<see cref="PendingTaskIndex"/>)
/// and one read per approval; each with its own signed, single-use, expiring link, made by the engine's link builder
/// (<see cref="ApprovalLinks"/>) exactly as the task's email makes it. A task waits for whom the engine routed it to: the acting
/// person of an approver away when it was created (第七十五条).
/// </summary>
public sealed class WaitingTasks(ApprovalEngine engine, PendingTaskIndex index, ApprovalLinks links, IOptions<SiteOptions> site)
{
    public async Task<IReadOnlyList<WaitingItem>> AllAsync(CancellationToken ct = default)
    {
        var byApproval = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var entry in index.AllAsync(ct))
        {
            if (!byApproval.TryGetValue(entry.ApprovalId, out var ids)) byApproval[entry.ApprovalId] = ids = [];
            ids.Add(entry.TaskId);
        }
        var items = new List<WaitingItem>();
        foreach (var (approvalId, taskIds) in byApproval)
        {
            if ((await engine.FindAsync(approvalId, ct))?.Value is not { } approval) continue; // never committed: the reminders drop it
            foreach (var task in approval.Tasks.Where(t => taskIds.Contains(t.Id)))
                if (WaitingRules.ForTask(approval, task, LinkOf(approval, task)) is { } item) items.Add(item);
        }
        return items;
    }

    /// <summary>The task's one-click page, as its email links it.</summary>
    public string LinkOf(Approval approval, ApprovalTask task) => site.Value.Link("approvals/" + links.TokenFor(approval.Id, task));
}
