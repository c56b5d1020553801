using GovFunctions.Records;

namespace GovFunctions.Hotline;

/// <summary>The answer of <c>POST /api/hotline/calls</c>: the call's id, status, deadline and the calls linked to it.</summary>
public sealed record CallCreatedView(string Id, CallStatus Status, string StatusName, DateTimeOffset? DueAt, string? DueAtText,
    IReadOnlyList<string> LinkedCallIds)
{
    public static CallCreatedView From(Stored<HotlineCall> stored)
    {
        var c = stored.Value;
        return new(stored.Id, c.Status, StatusNames.Of(c.Status), c.DueAt?.ToChina(), c.DueAt is { } due ? ChinaTime.Text(due) : null,
            c.LinkedCallIds);
    }
}

/// <summary>A hotline call with its history (<c>GET /api/hotline/calls/{id}</c>); the number masked but for the call-back.</summary>
public sealed record CallView(string Id, CallStatus Status, string StatusName, string CallerName, string CallerPhone,
    DateTimeOffset ReceivedAt, CallCategory Category, string Content, string? Location, string OperatorId, Disposition Disposition,
    string? Answer, string? DepartmentId, DateTimeOffset? DueAt, string? EscalatedToId, string? Instruction, string? InstructedById,
    string? Reply, DateTimeOffset? RepliedAt, bool? RepliedOnTime, bool? Satisfied, string? CallbackNote, DateTimeOffset? ClosedAt,
    int Reopened, bool Extended, bool ExtensionPending, DateTimeOffset? OverdueRemindedAt, DateTimeOffset? AccountableAt,
    IReadOnlyList<string> LinkedCallIds, string? SupervisedItemId, IReadOnlyList<HistoryEntryView> History)
{
    public static CallView From(HotlineCall c, bool revealPhone, IEnumerable<HistoryEntry> history) => new(c.Id, c.Status,
        StatusNames.Of(c.Status), c.CallerName, revealPhone ? c.CallerPhone : HotlineRules.Mask(c.CallerPhone), c.ReceivedAt.ToChina(),
        c.Category, c.Content, c.Location, c.OperatorId, c.Disposition, c.Answer, c.DepartmentId, c.DueAt?.ToChina(), c.EscalatedToId,
        c.Instruction, c.InstructedById, c.Reply, c.RepliedAt?.ToChina(), c.RepliedOnTime, c.Satisfied, c.CallbackNote,
        c.ClosedAt?.ToChina(), c.Reopened, c.Extended, c.PendingExtension is not null, c.OverdueRemindedAt?.ToChina(),
        c.AccountableAt?.ToChina(), c.LinkedCallIds, c.SupervisedItemId, HistoryEntryView.List(history));
}

/// <summary>The answer of <c>GET /api/hotline/figures</c>: a month's counters, for the district or one department.</summary>
public sealed record FiguresView(string Month, string? DepartmentId, CallCountsView Counts, double? OnTimeRate, double? SatisfactionRate)
{
    public static FiguresView From(DateOnly month, string? departmentId, CallCounts counts) =>
        new($"{month:yyyy-MM}", departmentId, CallCountsView.From(counts), counts.OnTimeRate, counts.SatisfactionRate);
}

/// <summary>The hotline's counters for a period, with the two rates they give.</summary>
public sealed record CallCountsView(long Received, long AnsweredAtOnce, long Assigned, long Escalated, long Open, long Closed,
    long ClosedOnTime, long Satisfied, long Unsatisfied, long Overdue, long Accountable, double? OnTimeRate, double? SatisfactionRate)
{
    public static CallCountsView From(CallCounts c) => new(c.Received, c.AnsweredAtOnce, c.Assigned, c.Escalated, c.Open, c.Closed,
        c.ClosedOnTime, c.Satisfied, c.Unsatisfied, c.Overdue, c.Accountable, c.OnTimeRate, c.SatisfactionRate);
}
