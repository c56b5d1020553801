using GovFunctions.Records;

namespace GovFunctions.Supervision;

/// <summary>The answer of <c>POST /api/supervision/items</c>: the item's id, status, supervising leader and due date.</summary>
public sealed record SupervisionCreatedView(string Id, string Status, string StatusName, string SupervisingLeaderId, DateOnly DueDate)
{
    public static SupervisionCreatedView From(Stored<SupervisedItem> stored)
    {
        var item = stored.Value;
        return new(item.Id, item.StateName, StatusNames.Of(item.Status), item.SupervisingLeaderId, item.DueDate);
    }
}

/// <summary>An item as the list and the board show it, with its light computed now.</summary>
public sealed record SupervisedItemView(
    string Id, string Title, SupervisionSource Source, string? SourceId, string OwnerDepartmentId, string OwnerDepartmentName,
    IReadOnlyList<string> CoDepartmentIds, string SupervisingLeaderId, string SupervisingLeaderName, DateOnly DueDate,
    DateOnly OriginalDueDate, ProgressCadence Cadence, string Status, string StatusName, WarningColor Color, string ColorName,
    int Percent, int ExpectedPercent, DateOnly? NextReportDue, int WorkingDaysLeft, string? Proposer, DateTimeOffset RegisteredAt,
    DateTimeOffset? AcknowledgedAt, IReadOnlyList<MilestoneView> Milestones);

/// <summary>One item with every progress report, completion, extension and warning, and its history.</summary>
public sealed record SupervisedItemDetailView(SupervisedItemView Item, IReadOnlyList<ProgressReportView> Progress,
    IReadOnlyList<CompletionReportView> Completions, IReadOnlyList<ExtensionView> Extensions, IReadOnlyList<SentWarningView> Warnings,
    IReadOnlyList<HistoryEntryView> History)
{
    public static SupervisedItemDetailView From(SupervisedItemView view, SupervisedItem item, IEnumerable<HistoryEntry> history) =>
        new(view, item.Progress.Select(ProgressReportView.From).ToList(), item.Completions.Select(CompletionReportView.From).ToList(),
            item.Extensions.Select(ExtensionView.Of).ToList(), item.Warnings.Select(SentWarningView.From).ToList(),
            HistoryEntryView.List(history));
}

/// <summary>A milestone of an item: what is due by when.</summary>
public sealed record MilestoneView(string Title, DateOnly Due)
{
    public static IReadOnlyList<MilestoneView> List(IEnumerable<Milestone> milestones) =>
        milestones.Select(m => new MilestoneView(m.Title, m.Due)).ToList();
}

/// <summary>A progress report (进展报告), by the owner or a co-operating department.</summary>
public sealed record ProgressReportView(DateTimeOffset At, string DepartmentId, string ById, string Text, int Percent,
    bool NeedsCoordination)
{
    public static ProgressReportView From(ProgressReport p) => new(p.At, p.DepartmentId, p.ById, p.Text, p.Percent, p.NeedsCoordination);
}

/// <summary>A completion report (办结报告) and the office's verification (复核) of it.</summary>
public sealed record CompletionReportView(DateTimeOffset At, string ById, string Text, bool? Accepted, string? VerifiedById, string? Reason,
    DateOnly? DueDate)
{
    public static CompletionReportView From(CompletionReport c) =>
        new(c.At, c.ById, c.Text, c.Accepted, c.VerifiedById, c.Reason, c.DueDate);
}

/// <summary>An extension (延期): asked with a reason, decided by the supervising leader.</summary>
public sealed record ExtensionView(DateOnly From, DateOnly To, string Reason, string RequestedById, DateTimeOffset RequestedAt,
    string ApproverId, string ApprovalId, ExtensionState State, string? Comment)
{
    public static ExtensionView Of(Extension e) =>
        new(e.From, e.To, e.Reason, e.RequestedById, e.RequestedAt, e.ApproverId, e.ApprovalId, e.State, e.Comment);
}

/// <summary>A warning already sent: its stage, the occurrence it was for, and when.</summary>
public sealed record SentWarningView(WarningStage Stage, string Key, DateTimeOffset At)
{
    public static SentWarningView From(SentWarning w) => new(w.Stage, w.Key, w.At);
}
