using GovFunctions.Approvals;

namespace GovFunctions.Hotline;

/// <summary>
/// A call's closed loop after it was recorded: the department's reply and the leader's instruction (the engine's tasks, told
/// here as their approval ends), the one extension, and the operator's call-back (回访). Each a domain transition through
/// <see cref="HotlineCallStore"/>.
/// </summary>
public sealed partial class HotlineHandling(HotlineCallStore calls, OrganizationStore organization, IOptions<HotlineOptions> options,
    ILogger<HotlineHandling> log) : IApprovalSubject
{
    private readonly HotlineOptions _options = options.Value;

    string IApprovalSubject.Feature => HotlineCallStore.Feature;

    /// <summary>The operator's call-back (回访): satisfied closes the call; unsatisfied reopens it to the same department.</summary>
    public async Task<Stored<HotlineCall>> CallbackAsync(Person operatorPerson, string id, bool satisfied, string? note,
        CancellationToken ct = default)
    {
        if (!HotlineRules.MayAnswerTheLine(operatorPerson))
            throw new AccessDeniedException(Bilingual.Text("只有接线员可以回访", "only hotline operators call back"));
        var org = await organization.OrganizationAsync(ct);
        var calendar = await organization.CalendarAsync(ct);
        var applied = await calls.ApplyAsync(id, ActorOf(operatorPerson), (call, now) => call.CalledBack(satisfied, note?.Trim(), now,
            HotlineRules.DeadlineFor(call.Category, now, calendar, _options.Deadlines), satisfied ? null : ApprovalEngine.NewId(), org),
            null, ct);
        LogCalledBack(id, satisfied);
        return applied.Record;
    }

    /// <summary>The handling department asks once for more working days; the office director approves (an engine decision step).</summary>
    public async Task<Stored<HotlineCall>> RequestExtensionAsync(Person caller, string id, int workingDays, string? reason,
        CancellationToken ct = default)
    {
        var errors = new FieldErrors().Required("reason", reason, "延期理由").MaxLength("reason", reason, 1000, "延期理由");
        if (workingDays is < 1 or > 30) errors.Add("workingDays", "延期天数应为1至30个工作日", "workingDays must be 1 to 30");
        errors.ThrowIfAny();
        var org = await organization.OrganizationAsync(ct);
        var applied = await calls.ApplyAsync(id, ActorOf(caller), (call, _) =>
            call.RequestExtension(caller, new ExtensionRequest(ApprovalEngine.NewId(), workingDays, reason!.Trim(), caller.Id), org),
            null, ct);
        LogExtensionRequested(id, workingDays);
        return applied.Record;
    }

    /// <summary>
    /// The engine's completion: a reply recorded, an instruction given, an extension decided. A redelivery changes nothing.
    /// </summary>
    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var org = await organization.OrganizationAsync(ct);
        var calendar = await organization.CalendarAsync(ct);
        var task = approval.Tasks.LastOrDefault(t => t.IsDecided);
        var actor = task is null ? Actor.System : ApprovalEngine.ActorFor(org, task);
        var applied = await calls.ApplyAsync(approval.Request.SubjectId, actor, (call, now) =>
        {
            if (call.PendingExtension?.ApprovalId == approval.Id)
                return call.ExtensionDecided(approval.Status == ApprovalStatus.Approved,
                    calendar.DeadlineAfter(call.DueAt ?? now, call.PendingExtension.WorkingDays));
            if (call.ApprovalId != approval.Id || approval.Status != ApprovalStatus.Approved || approval.LastAnswer is not { } answer)
                return null;
            if (call.Status != CallStatus.Escalated) return call.Replied(answer.Text, task!.DecidedAt!.Value);
            var due = answer.DueDate is { } d
                ? ChinaTime.At(d, calendar.Hours.Close)
                : HotlineRules.DeadlineFor(call.Category, now, calendar, _options.Deadlines);
            return call.Instructed(answer.Text, task!.ApproverId, answer.DepartmentId!, due, ApprovalEngine.NewId(), org, answer.Supervise);
        }, messageId, ct);
        LogApprovalEnded(approval.Request.SubjectId, approval.Id, applied.Changed);
    }

    private static Actor ActorOf(Person p) => new(p.Id, p.Name);

    [LoggerMessage(4021, LogLevel.Information, "Hotline call {CallId} called back, satisfied: {Satisfied}")]
    private partial void LogCalledBack(string callId, bool satisfied);

    [LoggerMessage(4022, LogLevel.Information, "Hotline call {CallId}: an extension of {WorkingDays} working day(s) asked")]
    private partial void LogExtensionRequested(string callId, int workingDays);

    [LoggerMessage(4023, LogLevel.Information, "Hotline call {CallId}: approval {ApprovalId} ended, changed: {Changed}")]
    private partial void LogApprovalEnded(string callId, string approvalId, bool changed);
}
