using Azure.Data.Tables;
using GovFunctions.Approvals;

namespace GovFunctions.Decisions;

/// <summary>
/// Major administrative decisions, the staff's use cases: recorded with their Art. 15 category; reviewed for legality and
/// consulted through the engine (the results come back through <see cref="DecisionReviews"/>); evidenced; refused a place on
/// an agenda while any gate is open — each refusal a transition of the decision and an accountability flag (Art. 19);
/// decided at a meeting with a quorum; evaluated after implementation (Art. 18). Every change is a domain transition
/// applied by the record store (<see cref="DecisionRecords"/>).
/// </summary>
public sealed partial class DecisionService(DecisionRecords records, OrganizationStore organization, AccountabilityList accountability,
    IOptions<DecisionOptions> options, TimeProvider clock, ILogger<DecisionService> log)
{
    public RecordStore<Decision> Store => records.Store;

    public static RecordKey KeyOf(string id) => DecisionRecords.KeyOf(id);

    public async Task<Stored<Decision>> CreateAsync(Person caller, DecisionIntake intake, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        DecisionRules.Validate(intake, org);
        RequireSponsor(caller, intake.SponsorDepartmentId!);
        var now = clock.GetUtcNow();
        var id = Ids.Dated("dc", now);
        var stored = await Store.CreateAsync(KeyOf(id), Decision.Register(id, intake, caller.Id, now), ActorOf(caller), ct: ct);
        LogRegistered(id, intake.SponsorDepartmentId!);
        return stored;
    }

    public Task<Stored<Decision>> GetAsync(string id, CancellationToken ct = default) => records.GetAsync(id, ct);

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => Store.HistoryAsync(KeyOf(id), ct);

    /// <summary>The gates still open today (Art. 15–17, 19).</summary>
    public IReadOnlyList<OpenGate> OpenGates(Decision d) =>
        DecisionRules.OpenGates(d, ChinaTime.Today(clock), options.Value.MinimumCommentDays);

    /// <summary>Starts the legality review (Art. 15, 19) and the countersigned consultation of the touched departments (Art. 17).</summary>
    public async Task<Stored<Decision>> SubmitAsync(Person caller, string id, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        return await ApplyAsync(caller, id, d =>
        {
            RequireSponsor(caller, d.SponsorDepartmentId);
            return d.Submit(d.NeedsLegalityRound ? ApprovalEngine.NewId() : "",
                d.NeedsConsultationRound ? ApprovalEngine.NewId() : null, org);
        }, ct);
    }

    public Task<Stored<Decision>> AddEvidenceAsync(Person caller, string id, EvidenceIntake e, CancellationToken ct = default)
    {
        var evidence = DecisionIntakes.Evidence(e, caller.Id);
        return AsSponsorAsync(caller, id, d => d.WithEvidence(evidence), ct);
    }

    public Task<Stored<Decision>> RecordPublicCommentAsync(Person caller, string id, PublicCommentIntake c, CancellationToken ct = default)
    {
        var comment = DecisionIntakes.PublicComment(c);
        return AsSponsorAsync(caller, id, d => d.WithPublicComment(comment), ct);
    }

    public Task<Stored<Decision>> RecordHearingAsync(Person caller, string id, HearingIntake h, CancellationToken ct = default)
    {
        var hearing = DecisionIntakes.Hearing(h);
        return AsSponsorAsync(caller, id, d => d.WithHearing(hearing), ct);
    }

    /// <summary>
    /// The government office puts the decision on a plenary or executive meeting's agenda (Art. 5, 15). An open gate refuses
    /// it (422 naming every open gate and its article); the attempt is recorded as an accountability flag and in the decision's
    /// history (Art. 19).
    /// </summary>
    public async Task<Stored<Decision>> ScheduleAsync(Person caller, string id, ScheduleIntake s, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        RequireOffice(caller, org);
        var (meeting, date) = DecisionIntakes.Schedule(s, ChinaTime.Today(clock));
        var open = OpenGates((await GetAsync(id, ct)).Value);
        if (open.Count > 0)
        {
            await FlagAsync(id, caller, open, ct);
            throw RuleViolationException.For(open);
        }
        return await ApplyAsync(caller, id, d => d.Schedule(meeting, date), ct);
    }

    /// <summary>
    /// The meeting's outcome: a quorum of more than half the members (Art. 5); adopted decisions are published unless
    /// confidential.
    /// </summary>
    public async Task<Stored<Decision>> RecordOutcomeAsync(Person caller, string id, OutcomeIntake o, CancellationToken ct = default)
    {
        var org = await organization.OrganizationAsync(ct);
        RequireOffice(caller, org);
        var (outcome, attendance) = DecisionIntakes.Outcome(o, org, caller.Id);
        var evaluationAfter = ChinaTime.Now(clock).AddMonths(options.Value.EvaluationAfterMonths) - ChinaTime.Now(clock);
        return await ApplyAsync(caller, id, d => d.Decided(outcome, clock.GetUtcNow(), evaluationAfter, attendance), ct);
    }

    public Task<Stored<Decision>> RecordEvaluationAsync(Person caller, string id, string? findings, CancellationToken ct = default)
    {
        var text = DecisionIntakes.Findings(findings);
        return AsSponsorAsync(caller, id, d => d.EvaluationRecorded(text, caller.Id, clock.GetUtcNow()), ct);
    }

    /// <summary>Timer: opens the evaluation of decisions adopted the configured time ago and reminds the sponsor (Art. 18).</summary>
    public async Task<int> OpenEvaluationsAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var due = new List<RecordKey>();
        // Decisions are few (major ones only); the adopted ones are found by their state column, then checked in full.
        await foreach (var s in Store.WhereAsync(TableClient.CreateQueryFilter($"State eq {"adopted"} or State eq {"amended"}"), ct))
            if (s.Value.EvaluationOpenedIfDue(now) is not null) due.Add(KeyOf(s.Id));
        return await Store.SweepAsync(due, Actor.System, s => s.Value.EvaluationOpenedIfDue(now), log, "DecisionEvaluations", ct);
    }

    /// <summary>The refusal's two records: the accountability row (as before), then the decision's own transition.</summary>
    private async Task FlagAsync(string id, Person caller, IReadOnlyList<OpenGate> open, CancellationToken ct)
    {
        await accountability.AddAsync("decision", id, string.Join("；", open.Select(g => g.Article).Distinct()),
            new Dictionary<string, object?> { ["Gates"] = string.Join(",", open.Select(g => g.Gate)), ["ActorId"] = caller.Id },
            occurrence: clock.GetUtcNow().UtcTicks.ToString(), ct: ct);
        await Store.ApplyAsync(KeyOf(id), ActorOf(caller), s => s.Value.AgendaRefusedFor(open), extra: records.Tallies, ct: ct);
        LogAgendaRefused(id, string.Join(",", open.Select(g => g.Gate)));
    }

    private Task<Stored<Decision>> AsSponsorAsync(Person caller, string id, Func<Decision, Transition<Decision>> change,
        CancellationToken ct) =>
        ApplyAsync(caller, id, d =>
        {
            RequireSponsor(caller, d.SponsorDepartmentId);
            return change(d);
        }, ct);

    private async Task<Stored<Decision>> ApplyAsync(Person caller, string id, Func<Decision, Transition<Decision>> change,
        CancellationToken ct) =>
        (await Store.ApplyAsync(KeyOf(id), ActorOf(caller), s => change(s.Value), extra: records.Tallies, ct: ct)).Record;

    /// <summary>What an approval of the decision and its emails show.</summary>
    public static IReadOnlyList<Fact> Facts(OrgChart org, Decision d) => DecisionRules.Facts(org, d);

    public static string ResultName(MeetingResult r) => DecisionRules.ResultName(r);

    private static void RequireSponsor(Person caller, string sponsorDepartmentId)
    {
        if (caller.DepartmentId != sponsorDepartmentId && !caller.IsLeader)
            throw new AccessDeniedException(Bilingual.Text("只有提请部门或区政府领导可以办理",
                "only the sponsoring department or a district leader may do this"));
    }

    private static void RequireOffice(Person caller, OrgChart org)
    {
        if (caller.DepartmentId != org.Office.Id && caller.Role is not (Role.DistrictHead or Role.ExecutiveDeputyHead))
            throw new AccessDeniedException(Bilingual.Text("会议议程由区政府办公室安排", "the government office arranges meeting agendas"));
    }

    private static Actor ActorOf(Person p) => new(p.Id, p.Name);

    [LoggerMessage(5001, LogLevel.Information, "Decision {DecisionId} registered by {Department}")]
    private partial void LogRegistered(string decisionId, string department);

    [LoggerMessage(5002, LogLevel.Warning, "Decision {DecisionId} refused a place on an agenda, open gates {Gates}: flagged (Art. 19)")]
    private partial void LogAgendaRefused(string decisionId, string gates);
}
