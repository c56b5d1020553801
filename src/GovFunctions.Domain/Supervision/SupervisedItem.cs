namespace GovFunctions.Supervision;

/// <summary>Where supervised work comes from (Art. 30, 31).</summary>
/// <summary>Where an item comes from; <c>LegalCase</c>: the rectification a lost case calls for (Art. 24), opened by the system.</summary>
public enum SupervisionSource { Decision, Instruction, Deployment, Proposal, LegalCase }

/// <summary>How often the owner reports progress, on the working-day clock.</summary>
public enum ProgressCadence { Weekly, Biweekly, Monthly }

public enum SupervisionStatus { Assigned, Acknowledged, InProgress, Completed, Closed }

/// <summary>The lights of the three-colour supervision sheet (三色督办单), plus green for work on track.</summary>
public enum WarningColor { Green, Blue, Yellow, Red }

/// <summary>A warning a timer sends, each once per item, stage and occurrence.</summary>
public enum WarningStage { AcknowledgeReminder, Blue, YellowReport, YellowBehind, Red, Accountability }

public enum ExtensionState { Pending, Granted, Refused }

public sealed record Milestone(string Title, DateOnly Due);

/// <summary>A progress report (进展报告): by the owner, or by a co-operating department for its part.</summary>
public sealed record ProgressReport(DateTimeOffset At, string DepartmentId, string ById, string Text, int Percent, bool NeedsCoordination);

/// <summary>The owner's completion report (办结报告) and the office's verification (复核) of it.</summary>
public sealed record CompletionReport(DateTimeOffset At, string ById, string Text, bool? Accepted = null, string? VerifiedById = null,
    string? Reason = null)
{
    /// <summary>The due date in force when it was reported (an extension may move the item's later).</summary>
    public DateOnly? DueDate { get; init; }
}

/// <summary>
/// An extension (延期): asked by the owner with a reason, decided by the supervising leader (a second one: the district head).
/// </summary>
public sealed record Extension(DateOnly From, DateOnly To, string Reason, string RequestedById, DateTimeOffset RequestedAt,
    string ApproverId, string ApprovalId, ExtensionState State = ExtensionState.Pending, string? Comment = null);

/// <summary>A warning already sent: its stage and the occurrence it was for (e.g. the due date it warned of).</summary>
public sealed record SentWarning(WarningStage Stage, string Key, DateTimeOffset At);

public sealed record ItemAssigned(string ItemId, string OwnerHeadId) : IDomainEvent;
public sealed record ProgressReported(string ItemId, string DepartmentId, bool NeedsCoordination) : IDomainEvent;
public sealed record CompletionReported(string ItemId) : IDomainEvent;
public sealed record CompletionReturned(string ItemId, string Reason) : IDomainEvent;
public sealed record ItemClosed(string ItemId) : IDomainEvent;
public sealed record ExtensionRequested(string ItemId, string ApprovalId, string ApproverId) : IDomainEvent;
public sealed record ExtensionDecided(string ItemId, bool Granted) : IDomainEvent;
public sealed record WarningRaised(string ItemId, WarningStage Stage, string Key) : IDomainEvent;

/// <summary>
/// A supervised item (督办事项, Art. 30, 32). Transitions, each in the history:
/// <code>
/// Register             → assigned      (交办: the owner's head gets a link)
/// Acknowledge          assigned → acknowledged                       (签收)
/// ReportProgress       acknowledged | inProgress → inProgress         (owner or co-operating department)
/// Complete             acknowledged | inProgress → completed          (办结报告; not before acknowledgement: 409)
/// Verify accepted      completed → closed                             (复核 by the office, 销号)
/// Verify returned      completed → inProgress                         (with a reason)
/// RequestExtension     any open state; one pending at a time          (延期, an engine step)
/// ExtensionDecided     moves the due date when granted
/// Warn                 records the warnings a timer sent              (蓝 / 黄 / 红 / 问责)
/// </code>
/// </summary>
public sealed partial record SupervisedItem(
    string Id,
    string Title,
    SupervisionSource Source,
    string? SourceId,
    string OwnerDepartmentId,
    IReadOnlyList<string> CoDepartmentIds,
    string SupervisingLeaderId,
    DateOnly DueDate,
    ProgressCadence Cadence,
    string? Proposer,
    string RegisteredById,
    DateTimeOffset RegisteredAt,
    SupervisionStatus Status) : IStateful
{
    public IReadOnlyList<Milestone> Milestones { get; init; } = [];
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedById { get; init; }
    public IReadOnlyList<ProgressReport> Progress { get; init; } = [];
    public IReadOnlyList<CompletionReport> Completions { get; init; } = [];
    public DateTimeOffset? ClosedAt { get; init; }
    public IReadOnlyList<Extension> Extensions { get; init; } = [];
    public IReadOnlyList<SentWarning> Warnings { get; init; } = [];

    /// <summary>The due date as first registered, before any extension.</summary>
    public DateOnly OriginalDueDate { get; init; } = DueDate;

    public string StateName => NameOf(Status);

    public static string NameOf(SupervisionStatus s) => s switch
    {
        SupervisionStatus.InProgress => "inProgress",
        _ => s.ToString().ToLowerInvariant(),
    };

    public bool IsOpen => Status is not (SupervisionStatus.Completed or SupervisionStatus.Closed);

    public bool Involves(string departmentId) => OwnerDepartmentId == departmentId || CoDepartmentIds.Contains(departmentId);

    public ProgressReport? LatestOwnerReport => Progress.LastOrDefault(p => p.DepartmentId == OwnerDepartmentId);

    public Extension? PendingExtension => Extensions.FirstOrDefault(e => e.State == ExtensionState.Pending);

    public bool WasWarned(string key) => Warnings.Any(w => w.Key == key);

    /// <summary>The first state (交办), from a registration the rules have already checked.</summary>
    public static Transition<SupervisedItem> Register(string id, SupervisionRegistration r, Person by, DateTimeOffset now) =>
        Register(id, r, by.Id, now, "立项并交办");

    /// <param name="registeredById">Who registered it: a person, or <c>system</c> for an item opened from its source.</param>
    public static Transition<SupervisedItem> Register(string id, SupervisionRegistration r, string registeredById, DateTimeOffset now,
        string reason) =>
        Transition<SupervisedItem>.To(
            new SupervisedItem(id, r.Title, r.Source, r.SourceId, r.OwnerDepartmentId, r.CoDepartmentIds, r.SupervisingLeaderId, r.DueDate,
                r.Cadence, r.Proposer, registeredById, now, SupervisionStatus.Assigned)
            { Milestones = r.Milestones },
            reason, new ItemAssigned(id, r.OwnerHeadId));

    public Transition<SupervisedItem> Acknowledge(Person by, DateTimeOffset now)
    {
        RequireOwner(by);
        if (Status != SupervisionStatus.Assigned) throw Conflict("该督办事项已签收", "the item is already acknowledged");
        return Transition<SupervisedItem>.To(
            this with { Status = SupervisionStatus.Acknowledged, AcknowledgedAt = now, AcknowledgedById = by.Id },
            "签收");
    }

    public Transition<SupervisedItem> ReportProgress(Person by, string text, int percent, bool needsCoordination, DateTimeOffset now)
    {
        if (by.DepartmentId is not { } dept || !Involves(dept))
            throw new AccessDeniedException(Bilingual.Text("只有牵头或协办单位可以报送进展",
                "only the owner or a co-operating department reports progress"));
        if (Status == SupervisionStatus.Assigned) throw Conflict("请先签收该督办事项", "acknowledge the item first");
        if (!IsOpen) throw Conflict("该督办事项已办结", "the item is already completed");
        var report = new ProgressReport(now, dept, by.Id, text, percent, needsCoordination);
        var owner = dept == OwnerDepartmentId;
        return Transition<SupervisedItem>.To(this with
        {
            Progress = [.. Progress, report],
            Status = SupervisionStatus.InProgress,
        }, owner ? $"报送进展（{percent}%）" : $"协办单位报送进展（{percent}%）",
            new ProgressReported(Id, dept, needsCoordination));
    }

    public Transition<SupervisedItem> Complete(Person by, string text, DateTimeOffset now)
    {
        RequireOwner(by);
        if (Status == SupervisionStatus.Assigned)
            throw Conflict("尚未签收的督办事项不能报送办结", "an item not acknowledged cannot be completed");
        if (!IsOpen) throw Conflict("该督办事项已报送办结", "the item is already completed");
        return Transition<SupervisedItem>.To(this with
        {
            Status = SupervisionStatus.Completed,
            Completions = [.. Completions, new CompletionReport(now, by.Id, text) { DueDate = DueDate }],
        }, "报送办结报告", new CompletionReported(Id));
    }

    /// <summary>The office's verification (复核): accepted closes the item (销号); returned sends it back with the reason.</summary>
    public Transition<SupervisedItem> Verify(Person by, bool accepted, string? reason, OrgChart org, DateTimeOffset now)
    {
        if (!SupervisionRules.IsOfficeStaff(by, org))
            throw new AccessDeniedException(Bilingual.Text("办结复核由区政府办公室进行",
                "the government office verifies completion"));
        if (!accepted && string.IsNullOrWhiteSpace(reason))
            throw ValidationException.For("reason", "退回时须说明理由", "a return must state its reason");
        if (Status != SupervisionStatus.Completed)
            throw Conflict("只有已报送办结的事项可以复核", "only a completed item can be verified");
        var last = Completions[^1] with { Accepted = accepted, VerifiedById = by.Id, Reason = reason };
        var completions = Completions.Take(Completions.Count - 1).Append(last).ToList();
        return accepted
            ? Transition<SupervisedItem>.To(this with { Status = SupervisionStatus.Closed, ClosedAt = now, Completions = completions },
                "复核通过，销号", new ItemClosed(Id))
            : Transition<SupervisedItem>.To(this with { Status = SupervisionStatus.InProgress, Completions = completions },
                $"复核退回：{reason}", new CompletionReturned(Id, reason!));
    }

    /// <summary>Who decides an extension: the supervising leader for the first, the district head for any later one.</summary>
    public string ExtensionApprover(OrgChart org) =>
        Extensions.Any(e => e.State == ExtensionState.Granted) ? org.DistrictHead.Id : SupervisingLeaderId;

    public Transition<SupervisedItem> RequestExtension(Person by, DateOnly to, string reason, string approvalId, OrgChart org,
        DateTimeOffset now)
    {
        RequireOwner(by);
        if (!IsOpen) throw Conflict("已办结的事项不能申请延期", "a completed item cannot be extended");
        if (PendingExtension is not null)
            throw Conflict("已有延期申请正在审批", "an extension is already waiting for a decision");
        if (to <= DueDate)
            throw ValidationException.For("dueDate", "延期后的期限必须晚于现期限",
                "the new due date must be after the current one");
        var approver = ExtensionApprover(org);
        return Transition<SupervisedItem>.To(this with
        {
            Extensions = [.. Extensions, new Extension(DueDate, to, reason, by.Id, now, approver, approvalId)],
        }, $"申请延期至 {to:yyyy-MM-dd}：{reason}", new ExtensionRequested(Id, approvalId, approver));
    }

    public Transition<SupervisedItem> ExtensionDecidedBy(string approvalId, bool granted, string? comment)
    {
        var pending = PendingExtension;
        if (pending is null || pending.ApprovalId != approvalId)
            throw Conflict("该延期申请已处理", "this extension was already decided");
        var decided = pending with { State = granted ? ExtensionState.Granted : ExtensionState.Refused, Comment = comment };
        return Transition<SupervisedItem>.To(this with
        {
            Extensions = Extensions.Select(e => e == pending ? decided : e).ToList(),
            DueDate = granted ? pending.To : DueDate,
        }, granted ? $"同意延期至 {pending.To:yyyy-MM-dd}" : "不同意延期", new ExtensionDecided(Id, granted));
    }

    /// <summary>Records the warnings a timer found due (<see cref="SupervisionClock.WarningsDue"/>); each key once.</summary>
    public Transition<SupervisedItem> Warn(IReadOnlyList<(WarningStage Stage, string Key)> due, DateTimeOffset now)
    {
        var fresh = due.Where(d => !WasWarned(d.Key)).ToList();
        if (fresh.Count == 0) throw Conflict("这些提醒已发送", "these warnings were already sent");
        return new Transition<SupervisedItem>(
            this with { Warnings = [.. Warnings, .. fresh.Select(f => new SentWarning(f.Stage, f.Key, now))] },
            "督办提醒：" + string.Join("、", fresh.Select(f => SupervisionClock.NameOf(f.Stage))),
            fresh.Select(f => (IDomainEvent)new WarningRaised(Id, f.Stage, f.Key)).ToList());
    }

    private void RequireOwner(Person by)
    {
        if (by.DepartmentId != OwnerDepartmentId)
            throw new AccessDeniedException(Bilingual.Text("只有牵头单位可以办理此事项",
                "only the owner department may do this"));
    }

    private static StateConflictException Conflict(string zh, string en) => new(Bilingual.Text(zh, en));
}
