using GovFunctions.Approvals;

namespace GovFunctions.Hotline;

/// <summary>
/// Recording a call (POST /api/hotline/calls, Art. 37): every call is recorded, the ones answered on the spot too, linked to
/// the open calls about the same issue, in a free shard with its counters. The path is measured (issue 15): the organisation,
/// calendar and open calls come from caches; storage sees the index upsert of an open call and the one commit.
/// </summary>
public sealed partial class HotlineIntake(HotlineCallStore calls, OrganizationStore organization, HotlineOpenCalls open,
    IOptions<HotlineOptions> options, TimeProvider clock, ILogger<HotlineIntake> log)
{
    private readonly HotlineOptions _options = options.Value;

    public async Task<Stored<HotlineCall>> RecordAsync(Person operatorPerson, CallIntake intake, CancellationToken ct = default)
    {
        if (!HotlineRules.MayAnswerTheLine(operatorPerson))
            throw new AccessDeniedException(Bilingual.Text("只有区长电话接线员和值守的区领导可以登记来电（第三十七条）",
                "only hotline operators and the leaders staffing the line record calls (Art. 37)"));
        var org = await organization.OrganizationAsync(ct);
        var now = clock.GetUtcNow();
        HotlineRules.Validate(intake, org, now);
        var calendar = await organization.CalendarAsync(ct);

        var receivedAt = intake.ReceivedAt!.Value;
        var category = intake.Category!.Value;
        var location = string.IsNullOrWhiteSpace(intake.Location) ? null : intake.Location.Trim();
        var window = TimeSpan.FromDays(_options.SameIssueDays);
        var linked = HotlineRules.SameIssueIds(await open.CandidatesAsync(category, location, receivedAt, window, ct),
            category, location, intake.Content!.Trim(), receivedAt, window);
        var dueAt = HotlineRules.DeadlineFor(category, receivedAt, calendar, _options.Deadlines);

        var stored = await calls.CreateAsync(shard => HotlineCall.Receive(HotlineIds.New(receivedAt, shard), intake, operatorPerson.Id,
            linked, now, dueAt, ApprovalEngine.NewId(), org), new Actor(operatorPerson.Id, operatorPerson.Name), ct);
        LogRecorded(stored.Id, stored.Value.Disposition.ToString(), linked.Count);
        return stored;
    }

    [LoggerMessage(4011, LogLevel.Debug, "Hotline call {CallId} recorded ({Disposition}), linked to {Linked} open call(s)")]
    private partial void LogRecorded(string callId, string disposition, int linked);
}
