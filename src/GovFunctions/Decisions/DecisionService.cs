using System.Security.Cryptography;
using Azure.Data.Tables;
using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Notifications;
using GovFunctions.Organization;
using GovFunctions.Platform.Routing;
using GovFunctions.Platform.Storage;
using GovFunctions.Supervision;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GovFunctions.Decisions;

public sealed record EvidenceIntake(EvidenceKind? Kind, string? Summary, string? By, DateOnly? Date);
public sealed record PublicCommentIntake(DateOnly? Start, DateOnly? End, int? Comments, string? Summary, string? ReasonsNotAdopted);
public sealed record HearingIntake(DateOnly? Date, string? Participants, string? TranscriptSummary);
public sealed record ScheduleIntake(MeetingType? Meeting, DateOnly? Date);
public sealed record OutcomeIntake(MeetingType? Meeting, DateOnly? Date, List<string>? AttendeeIds, MeetingResult? Result, string? Minutes);

/// <summary>
/// Major administrative decisions: recorded with their Art. 15 category; reviewed for legality by the legal affairs office
/// and consulted with every touched department (countersign) through the engine; evidenced; refused a place on an agenda
/// while any gate is open — each refusal recorded as an accountability flag (Art. 19); decided at a meeting with a quorum;
/// published unless confidential (Art. 40–41); evaluated after implementation (Art. 18).
/// </summary>
public sealed class DecisionService(StorageClients storage, Outbox outbox, ApprovalEngine engine, OrganizationStore organization,
    AccountabilityList accountability, IOptions<DecisionOptions> options, TimeProvider clock, ILogger<DecisionService> log) : IQueueHandler, IApprovalSubject
{
    public const string Feature = "decision";
    public const string PublishType = "decision.publish";

    public RecordStore<Decision> Store { get; } = new(storage, outbox, Tables.Decisions);
    public string TypePrefix => "decision.";

    string IApprovalSubject.Feature => Feature;

    public static RecordKey KeyOf(string id) => RecordKey.Own(id);

    public async Task<Stored<Decision>> CreateAsync(Person caller, DecisionIntake intake, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        DecisionRules.Validate(intake, org);
        RequireSponsor(caller, intake.SponsorDepartmentId!);
        var now = clock.GetUtcNow();
        var id = Ids.Dated("dc", now);
        var decision = new Decision(id, intake.Title!.Trim(), intake.Category!.Value, intake.Summary!.Trim(), intake.SponsorDepartmentId!,
            (intake.ConsultDepartmentIds ?? []).Distinct().ToList(), intake.TouchesLowerLevels, intake.PublicInterest, intake.HearingRequired,
            intake.Confidential, intake.Confidential ? intake.ConfidentialReason!.Trim() : null, caller.Id, now, DecisionStatus.Draft);
        return await Store.CreateAsync(KeyOf(id), decision, History(caller, null, decision.Status, "登记决策事项"), ct: ct);
    }

    public async Task<Stored<Decision>> GetAsync(string id, CancellationToken ct = default) =>
        await Store.FindAsync(KeyOf(id), ct) ?? throw new NotFoundException(Bilingual.Text($"决策事项 {id} 不存在", $"decision {id} not found"));

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(KeyOf(id), ct);

    /// <summary>The gates still open today (Art. 15–17, 19).</summary>
    public IReadOnlyList<OpenGate> OpenGates(Decision d) => DecisionRules.OpenGates(d, ChinaTime.Today(clock), options.Value.MinimumCommentDays);

    /// <summary>Starts the legality review (Art. 15, 19) and the countersigned consultation of the touched departments (Art. 17).</summary>
    public async Task<Stored<Decision>> SubmitAsync(Person caller, string id, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        return await ChangeAsync(id, caller, d =>
        {
            RequireSponsor(caller, d.SponsorDepartmentId);
            var legality = d.NeedsLegalityRound ? ApprovalEngine.NewId() : null;
            var consultation = d.NeedsConsultationRound ? ApprovalEngine.NewId() : null;
            var next = d.Submit(legality ?? "", consultation);
            var messages = new List<OutboundMessage>();
            if (legality is not null)
                messages.Add(engine.StartMessage(Request(org, d, legality, "合法性审查", [new StepSpec("区政府法制机构合法性审查", StepKind.Single, [org.HeadOf(org.LegalOffice.Id).Id])])));
            if (consultation is not null)
                messages.Add(engine.StartMessage(Request(org, d, consultation, "征求相关部门意见",
                    [new StepSpec("相关部门会签", StepKind.Countersign, d.ConsultDepartmentIds.Select(x => org.HeadOf(x).Id).ToList())])));
            return (next, "提交合法性审查" + (consultation is null ? "" : "并征求相关部门意见（会签）"), messages);
        }, ct);
    }

    public async Task<Stored<Decision>> AddEvidenceAsync(Person caller, string id, EvidenceIntake e, CancellationToken ct = default)
    {
        var errors = new FieldErrors().Required("summary", e.Summary, "内容摘要").MaxLength("summary", e.Summary, 4000, "内容摘要")
            .Required("by", e.By, "出具单位或专家").MaxLength("by", e.By, 200, "出具单位或专家");
        if (e.Kind is null) errors.Add("kind", "请选择材料类别：研究依据、专家论证、法律分析、下级意见", "kind is required: research, expertAssessment, legalAnalysis or lowerLevelOpinions");
        if (e.Date is null) errors.Add("date", "日期为必填项", "date is required");
        errors.ThrowIfAny();
        return await ChangeAsync(id, caller, d =>
        {
            RequireSponsor(caller, d.SponsorDepartmentId);
            return (d.WithEvidence(new Evidence(e.Kind!.Value, e.Summary!.Trim(), e.By!.Trim(), e.Date!.Value, caller.Id)), $"补充材料：{EvidenceName(e.Kind!.Value)}（{e.By!.Trim()}）", []);
        }, ct);
    }

    public async Task<Stored<Decision>> RecordPublicCommentAsync(Person caller, string id, PublicCommentIntake c, CancellationToken ct = default)
    {
        var errors = new FieldErrors().Required("summary", c.Summary, "意见概要").MaxLength("summary", c.Summary, 4000, "意见概要")
            .MaxLength("reasonsNotAdopted", c.ReasonsNotAdopted, 4000, "未采纳理由");
        if (c.Start is null) errors.Add("start", "征求意见开始日期为必填项", "start is required");
        if (c.End is null) errors.Add("end", "征求意见结束日期为必填项", "end is required");
        if (c.Start is { } s && c.End is { } e && e < s) errors.Add("end", "结束日期不能早于开始日期", "end is before start");
        if (c.Comments is null or < 0) errors.Add("comments", "请填写收到的意见条数", "comments must be zero or more");
        else if (c.Comments > 0 && string.IsNullOrWhiteSpace(c.ReasonsNotAdopted))
            errors.Add("reasonsNotAdopted", "请说明意见采纳情况及未采纳的理由（无未采纳可填“全部采纳”）", "reasonsNotAdopted is required when comments were received");
        errors.ThrowIfAny();
        return await ChangeAsync(id, caller, d =>
        {
            RequireSponsor(caller, d.SponsorDepartmentId);
            var comment = new PublicComment(c.Start!.Value, c.End!.Value, c.Comments!.Value, c.Summary!.Trim(), c.ReasonsNotAdopted?.Trim());
            return (d.WithPublicComment(comment), $"公开征求意见 {comment.Start:yyyy-MM-dd} 至 {comment.End:yyyy-MM-dd}，收到 {comment.Comments} 条", []);
        }, ct);
    }

    public async Task<Stored<Decision>> RecordHearingAsync(Person caller, string id, HearingIntake h, CancellationToken ct = default)
    {
        var errors = new FieldErrors().Required("participants", h.Participants, "参加人员").MaxLength("participants", h.Participants, 2000, "参加人员")
            .Required("transcriptSummary", h.TranscriptSummary, "听证笔录摘要").MaxLength("transcriptSummary", h.TranscriptSummary, 8000, "听证笔录摘要");
        if (h.Date is null) errors.Add("date", "听证日期为必填项", "date is required");
        errors.ThrowIfAny();
        return await ChangeAsync(id, caller, d =>
        {
            RequireSponsor(caller, d.SponsorDepartmentId);
            return (d.WithHearing(new Hearing(h.Date!.Value, h.Participants!.Trim(), h.TranscriptSummary!.Trim())), $"举行听证（{h.Date:yyyy-MM-dd}）", []);
        }, ct);
    }

    /// <summary>
    /// The government office puts the decision on a plenary or executive meeting's agenda (Art. 5, 15). An open gate refuses
    /// it (422 naming every open gate and its article) and the attempt is recorded as an accountability flag (Art. 19).
    /// </summary>
    public async Task<Stored<Decision>> ScheduleAsync(Person caller, string id, ScheduleIntake s, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        RequireOffice(caller, org);
        var errors = new FieldErrors();
        if (s.Meeting is null) errors.Add("meeting", "请选择区政府全体会议或常务会议（第五条）", "meeting must be plenary or executive (Art. 5)");
        if (s.Date is null) errors.Add("date", "会议日期为必填项", "date is required");
        else if (s.Date < ChinaTime.Today(clock)) errors.Add("date", "会议日期不能早于今天", "date is in the past");
        errors.ThrowIfAny();

        var stored = await GetAsync(id, ct);
        var open = OpenGates(stored.Value);
        if (open.Count > 0)
        {
            await FlagAsync(stored, caller, open, ct);
            throw RuleViolationException.For(open);
        }
        return await ChangeAsync(id, caller, d => (d.Schedule(s.Meeting!.Value, s.Date!.Value),
            $"排入{DecisionRules.MeetingName(s.Meeting!.Value)}议程（{s.Date:yyyy-MM-dd}）", []), ct);
    }

    /// <summary>The meeting's outcome: a quorum of more than half the members (Art. 5); adopted decisions are published unless confidential.</summary>
    public async Task<Stored<Decision>> RecordOutcomeAsync(Person caller, string id, OutcomeIntake o, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        RequireOffice(caller, org);
        var errors = new FieldErrors().Required("minutes", o.Minutes, "会议纪要").MaxLength("minutes", o.Minutes, 20000, "会议纪要");
        if (o.Meeting is null) errors.Add("meeting", "请选择会议类型", "meeting is required");
        if (o.Date is null) errors.Add("date", "会议日期为必填项", "date is required");
        if (o.Result is null) errors.Add("result", "请选择会议结果：通过、不通过、修改后通过、暂缓", "result must be adopted, rejected, amended or deferred");
        if (o.AttendeeIds is null || o.AttendeeIds.Count == 0) errors.Add("attendeeIds", "请填写出席人员", "attendeeIds is required");
        else if (o.AttendeeIds.FirstOrDefault(a => org.FindPerson(a) is null) is { } unknown) errors.Add("attendeeIds", $"人员 {unknown} 不存在", $"{unknown} is not a person");
        errors.ThrowIfAny();
        if (!DecisionRules.HasQuorum(org, o.Meeting!.Value, o.AttendeeIds!, out var present, out var members))
            throw new RuleViolationException(DecisionRules.Art5, "quorum", Bilingual.Text(
                $"出席成员 {present} 人，未超过应出席 {members} 人的半数，会议不能作出决定", $"{present} of {members} members present: no quorum"));

        var evaluationAfter = ChinaTime.Now(clock).AddMonths(options.Value.EvaluationAfterMonths) - ChinaTime.Now(clock);
        return await ChangeAsync(id, caller, d =>
        {
            var outcome = new MeetingOutcome(o.Meeting!.Value, o.Date!.Value, o.AttendeeIds!.Distinct().ToList(), o.Result!.Value, o.Minutes!.Trim(), caller.Id);
            var next = d.Decided(outcome, clock.GetUtcNow(), evaluationAfter);
            var messages = DecisionRules.PublicEntryOf(next) is null ? [] : new List<OutboundMessage> { new(Queues.ApprovalRouting, QueueEnvelope.Create(PublishType, id, clock)) };
            if (next.IsAdopted) // its implementation becomes supervised work (Art. 30)
                messages.Add(SupervisionService.FromDecision(new(next.Id, next.Title, next.SponsorDepartmentId, next.ConsultDepartmentIds,
                    outcome.Date), clock));
            return (next, $"{DecisionRules.MeetingName(outcome.Meeting)}（{outcome.Date:yyyy-MM-dd}，出席 {present}/{members}）：{ResultName(outcome.Result)}"
                + (next.IsAdopted && next.Confidential ? $"；依法不予公开：{next.ConfidentialReason}" : ""), messages);
        }, ct);
    }

    public async Task<Stored<Decision>> RecordEvaluationAsync(Person caller, string id, string? findings, CancellationToken ct = default)
    {
        // The route posts the findings as "text" (DecisionFunctions.Findings): the refusal names the field the caller sent.
        new FieldErrors().Required("text", findings, "评估结论").MaxLength("text", findings, 8000, "评估结论").ThrowIfAny();
        return await ChangeAsync(id, caller, d =>
        {
            RequireSponsor(caller, d.SponsorDepartmentId);
            return (d.EvaluationRecorded(findings!.Trim(), caller.Id, clock.GetUtcNow()), "记录实施后评估结论（第十八条）", []);
        }, ct);
    }

    /// <summary>Timer: opens the evaluation of decisions adopted the configured time ago and reminds the sponsor (Art. 18).</summary>
    public async Task<int> OpenEvaluationsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var table = await Store.TableAsync();
        var opened = 0;
        // Decisions are few (major ones only); the adopted ones are found by their state column, then checked in full.
        var filter = TableClient.CreateQueryFilter($"State eq {"adopted"} or State eq {"amended"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            if (await Store.FindAsync(KeyOf(row.PartitionKey), ct) is not { } stored)
            {
                TimerLog.Dangling(log, Tables.Decisions, row.PartitionKey, row.RowKey); // not a record's row: left alone, skipped
                continue;
            }
            if (stored.Value is not { Evaluation: null, EvaluationDueAt: { } due } || due > now) continue;
            var next = stored.Value.EvaluationOpened(now);
            try
            {
                await Store.UpdateAsync(stored, next, History(Actor.System, stored.Value.Status, next.Status, "开启实施后评估（第十八条）"),
                    [NotificationService.Message(DecisionNotices.EvaluationDue, $"decision|{stored.Id}|evaluation", clock, new DecisionNoticeData(stored.Id))], ct: ct);
                opened++;
            }
            catch (StateConflictException) { }
        }
        return opened;
    }

    public async Task HandleAsync(QueueEnvelope message, CancellationToken ct)
    {
        if (message.Type == PublishType)
        {
            await PublishAsync(message.Subject, message.Id, ct);
            return;
        }
        throw new InvalidDataException($"unknown decision message type {message.Type}");
    }

    public async Task ApprovalEndedAsync(Approval approval, string messageId, CancellationToken ct)
    {
        var org = await organization.OrganizationAsync(ct);
        var objections = approval.Tasks.Where(t => t.Status == ApprovalTaskStatus.Rejected)
            .Select(t => $"{org.FindDepartment(org.Person(t.AddressedToId).DepartmentId)?.Name ?? org.Person(t.AddressedToId).Name}：{t.Comment ?? "不同意"}").ToList();
        var passed = approval.Status == ApprovalStatus.Approved;
        var reason = $"{approval.Request.Steps[0].Name}：{(passed ? "通过" : "未通过")}"
            + (objections.Count > 0 ? $"（{string.Join("；", objections)}）" : "");
        // The legality review and the consultation may end at the same moment: a conflict is retried here, never left to the queue.
        await Store.ChangeAsync(KeyOf(approval.Request.SubjectId), d =>
        {
            var next = d.Reviewed(approval.Id, passed, objections.Count > 0 ? string.Join("；", objections) : null);
            return (next, History(Actor.System, d.Status, next.Status, reason), []);
        }, messageId, ct: ct);
    }

    private async Task PublishAsync(string id, string messageId, CancellationToken ct)
    {
        var stored = await GetAsync(id, ct);
        if (DecisionRules.PublicEntryOf(stored.Value) is not { } entry || stored.Value.PublishedAt is not null) return;
        await PublicFeed.PutAsync(storage, entry, ct);
        await Store.ChangeAsync(KeyOf(id), d =>
        {
            if (d.PublishedAt is not null) return null;
            var next = d.Published(clock.GetUtcNow());
            return (next, History(Actor.System, d.Status, next.Status, "向社会公开（第四十条、第四十一条）"), []);
        }, messageId, ct: ct);
    }

    private async Task FlagAsync(Stored<Decision> stored, Person caller, IReadOnlyList<OpenGate> open, CancellationToken ct)
    {
        await accountability.AddAsync("decision", stored.Id, string.Join("；", open.Select(g => g.Article).Distinct()),
            new Dictionary<string, object?> { ["Gates"] = string.Join(",", open.Select(g => g.Gate)), ["ActorId"] = caller.Id },
            occurrence: clock.GetUtcNow().UtcTicks.ToString(), ct: ct);
        try
        {
            await Store.UpdateAsync(stored, stored.Value, History(caller, stored.Value.Status, stored.Value.Status,
                $"拒绝排入会议议程并记录问责（第十九条）：{string.Join("；", open.Select(g => $"{g.Gate}（{g.Article}）"))}"), ct: ct);
        }
        catch (StateConflictException)
        {
            // The flag row is written; the history line is best effort when the record moved meanwhile.
        }
    }

    private Task<Stored<Decision>> ChangeAsync(string id, Person caller, Func<Decision, (Decision Next, string Reason, List<OutboundMessage> Messages)> change,
        CancellationToken ct) =>
        Store.ChangeAsync(KeyOf(id), current =>
        {
            var (next, reason, messages) = change(current);
            return (next, History(caller, current.Status, next.Status, reason), messages);
        }, ct: ct);

    private static ApprovalRequest Request(OrgChart org, Decision d, string approvalId, string what, IReadOnlyList<StepSpec> steps) =>
        new(approvalId, Feature, d.Id, $"{what}：{d.Title}", d.CreatedById, Facts(org, d), steps, []) { NotifyOutcome = true };

    public static IReadOnlyList<Fact> Facts(OrgChart org, Decision d) =>
    [
        new("决策事项", d.Title),
        new("类别（第十五条）", DecisionRules.CategoryName(d.Category)),
        new("提请部门", org.FindDepartment(d.SponsorDepartmentId)?.Name ?? d.SponsorDepartmentId),
        new("事项概要", d.Summary),
        new("涉及群众切身利益", d.PublicInterest ? "是" : "否"),
        new("需要听证", d.HearingRequired ? "是" : "否"),
        new("编号", d.Id),
    ];

    private static void RequireSponsor(Person caller, string sponsorDepartmentId)
    {
        if (caller.DepartmentId != sponsorDepartmentId && !caller.IsLeader)
            throw new AccessDeniedException(Bilingual.Text("只有提请部门或区政府领导可以办理", "only the sponsoring department or a district leader may do this"));
    }

    private static void RequireOffice(Person caller, OrgChart org)
    {
        if (caller.DepartmentId != org.Office.Id && caller.Role is not (Role.DistrictHead or Role.ExecutiveDeputyHead))
            throw new AccessDeniedException(Bilingual.Text("会议议程由区政府办公室安排", "the government office arranges meeting agendas"));
    }

    private HistoryEntry History(Person actor, DecisionStatus? from, DecisionStatus to, string reason) => History(new Actor(actor.Id, actor.Name), from, to, reason);

    private HistoryEntry History(Actor actor, DecisionStatus? from, DecisionStatus to, string reason) =>
        new(clock.GetUtcNow(), actor.Id, actor.Name, from is { } f ? Decision.StateName(f) : null, Decision.StateName(to), reason);

    public static string EvidenceName(EvidenceKind k) => k switch
    {
        EvidenceKind.Research => "研究依据",
        EvidenceKind.ExpertAssessment => "专家论证评估",
        EvidenceKind.LegalAnalysis => "法律分析",
        _ => "下级或基层意见",
    };

    public static string ResultName(MeetingResult r) => r switch
    {
        MeetingResult.Adopted => "通过",
        MeetingResult.Rejected => "不通过",
        MeetingResult.Amended => "修改后通过",
        _ => "暂缓",
    };
}
