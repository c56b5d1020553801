using GovFunctions.Approvals;
using GovFunctions.Legal;
using GovFunctions.Supervision;
using Decision = GovFunctions.Decisions.Decision;

namespace GovFunctions.Me;

/// <summary>What a person must do about something waiting for them.</summary>
public enum WaitingKind
{
    /// <summary>An approval task (审批).</summary>
    Approval,

    /// <summary>A written reply a hotline call asks of a department (答复).</summary>
    Reply,

    /// <summary>An instruction a leader is asked for (批示): an escalated call or a duty log.</summary>
    Instruction,

    /// <summary>A supervised item assigned and not yet acknowledged (签收, 第三十条).</summary>
    Acknowledge,

    /// <summary>A supervised item whose progress report is due on its cadence (进展报告, 第三十条).</summary>
    Report,

    /// <summary>A decision's post-implementation evaluation (第十八条).</summary>
    Evaluation,

    /// <summary>A published normative document to file with the district government (第二十一条).</summary>
    Filing,
}

/// <summary>
/// One thing waiting for one person since a time: what it is, its record, and on whose behalf they act (第七十五条). The link
/// is the record's own one-click page (an approval task's signed single-use link; a record's staff page otherwise).
/// </summary>
public sealed record WaitingItem(WaitingKind Kind, string RecordId, string Title, string PersonId, string? OnBehalfOfId,
    DateTimeOffset Since, string Link)
{
    /// <summary>How often it was chased already (an approval task's 催办 count).</summary>
    public int Reminders { get; init; }

    /// <summary>The approval task's id, for approval kinds.</summary>
    public string? TaskId { get; init; }
}

/// <summary>
/// Who each record waits for: the rules of the one "what waits for a person" query, shared by the daily digest and /me.
/// A department's work waits for its head, or for the head's acting person while they are away (第七十五条, via
/// <see cref="Acting.Resolve"/> as the engine routes tasks).
/// </summary>
public static class WaitingRules
{
    public static WaitingKind KindOf(ResponseKind response) => response switch
    {
        ResponseKind.Reply => WaitingKind.Reply,
        ResponseKind.Instruction => WaitingKind.Instruction,
        _ => WaitingKind.Approval,
    };

    /// <summary>An open task of a pending approval waits for the person the engine routed it to.</summary>
    public static WaitingItem? ForTask(Approval a, ApprovalTask task, string link) =>
        a.IsPending && task.IsOpen && task.Step == a.CurrentStep
            ? new WaitingItem(KindOf(a.Request.Steps[task.Step].Response), a.Id, a.Request.Title, task.ApproverId, task.OnBehalfOfId,
                task.CreatedAt, link)
            { Reminders = task.Reminders, TaskId = task.Id }
            : null;

    /// <summary>
    /// A supervised item (第三十条): assigned → its owner's head must acknowledge it; acknowledged or in progress with a report
    /// due on its cadence → the owner's head, and each co-operating department's head for its own part, must report.
    /// </summary>
    public static IEnumerable<(string DepartmentId, WaitingKind Kind, DateTimeOffset Since)> ForItem(SupervisedItem item,
        DateTimeOffset now, WorkingCalendar calendar)
    {
        if (item.Status == SupervisionStatus.Assigned)
        {
            yield return (item.OwnerDepartmentId, WaitingKind.Acknowledge, item.RegisteredAt);
            yield break;
        }
        if (item.Status is not (SupervisionStatus.Acknowledged or SupervisionStatus.InProgress)) yield break;
        var today = ChinaTime.DateOf(now);
        foreach (var department in item.CoDepartmentIds.Prepend(item.OwnerDepartmentId).Distinct())
        {
            var last = item.Progress.LastOrDefault(p => p.DepartmentId == department)?.At ?? item.RegisteredAt;
            var due = SupervisionClock.NextReportDue(last, item.Cadence, calendar);
            if (due <= today && due < item.DueDate) yield return (department, WaitingKind.Report, ChinaTime.StartOf(due));
        }
    }

    /// <summary>An open evaluation without findings waits for the sponsoring department (第十八条).</summary>
    public static (string DepartmentId, DateTimeOffset Since)? ForEvaluation(Decision d) =>
        d.Evaluation is { Findings: null } e ? (d.SponsorDepartmentId, e.OpenedAt) : null;

    /// <summary>A published document not yet filed waits for its issuing department (第二十一条).</summary>
    public static (string DepartmentId, DateTimeOffset Since)? ForFiling(NormativeDocument d) =>
        d.Status == DocumentStatus.Published ? (d.IssuingDepartmentId, d.PublishedAt ?? d.CreatedAt) : null;

    /// <summary>Working days from the day it began waiting to today (0: since today).</summary>
    public static int AgeInWorkingDays(DateTimeOffset since, DateTimeOffset now, WorkingCalendar calendar) =>
        Math.Max(0, calendar.WorkingDaysBetween(ChinaTime.DateOf(since), ChinaTime.DateOf(now)));

    /// <summary>Oldest first; ties by record, so a list reads the same every time.</summary>
    public static IReadOnlyList<WaitingItem> Ordered(IEnumerable<WaitingItem> items) =>
        items.OrderBy(i => i.Since).ThenBy(i => i.RecordId, StringComparer.Ordinal).ThenBy(i => i.Kind).ToList();

    public static string NameOf(WaitingKind kind) => kind switch
    {
        WaitingKind.Approval => "待审批",
        WaitingKind.Reply => "待答复",
        WaitingKind.Instruction => "待批示",
        WaitingKind.Acknowledge => "督办事项待签收",
        WaitingKind.Report => "督办事项待报送进展",
        WaitingKind.Evaluation => "重大行政决策待实施后评估（第十八条）",
        _ => "规范性文件待报备案（第二十一条）",
    };
}
