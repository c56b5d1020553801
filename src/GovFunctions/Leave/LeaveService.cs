using GovFunctions.Approvals;
using Polly;
using Polly.Retry;

namespace GovFunctions.Leave;

/// <summary>
/// Leave and travel requests (Art. 4, 74, 75), the use cases the routes call. Every change is a domain transition committed by
/// the feature's record store (<see cref="LeaveRecords"/>, where its events become messages). A request and its applicant's
/// other requests share a partition with a guard row, so two overlapping requests submitted at once cannot both be accepted.
/// The approval runs in the <see cref="ApprovalEngine"/>, asked in the same transaction as the request; its end reaches the
/// request through <see cref="LeaveQueueHandler"/>.
/// </summary>
public sealed partial class LeaveService
{
    public const string Feature = LeaveRequest.Feature;

    /// <summary>Further attempts of a submission another one of the same person's overtook (as before the pipeline).</summary>
    private const int SubmitRetries = 5;

    private readonly LeaveRecords _records;
    private readonly ApprovalEngine _engine;
    private readonly OrganizationStore _organization;
    private readonly LeaveReturnReminders _reminders;
    private readonly TimeProvider _clock;
    private readonly ILogger<LeaveService> _log;
    private readonly ResiliencePipeline _submitRetry;

    public LeaveService(LeaveRecords records, ApprovalEngine engine, OrganizationStore organization, LeaveReturnReminders reminders,
        TimeProvider clock, ILogger<LeaveService> log)
    {
        _records = records;
        _engine = engine;
        _organization = organization;
        _reminders = reminders;
        _clock = clock;
        _log = log;
        _submitRetry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<StateConflictException>(),
            MaxRetryAttempts = SubmitRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(4),
            UseJitter = true,
            OnRetry = a =>
            {
                LogSubmitOvertaken(a.Outcome.Exception!, a.AttemptNumber + 1);
                return default;
            },
        }).Build();
    }

    public RecordStore<LeaveRequest> Store => _records.Store;

    public static RecordKey KeyOf(string id) => LeaveRecords.KeyOf(id);

    /// <summary>
    /// Validates and stores a request and asks for its approval in one transaction. A concurrent submission by the same person
    /// moves the guard row first; this one then reads again and re-validates, so two overlapping requests cannot both pass
    /// while two that do not overlap both do.
    /// </summary>
    public async Task<Stored<LeaveRequest>> SubmitAsync(Person applicant, LeaveApplication application, CancellationToken ct = default) =>
        await _submitRetry.ExecuteAsync(async token => await TrySubmitAsync(applicant, application, token), ct);

    private async Task<Stored<LeaveRequest>> TrySubmitAsync(Person applicant, LeaveApplication application, CancellationToken ct)
    {
        var org = await _organization.OrganizationAsync(ct);
        var guard = await _records.GuardAsync(applicant.Id, ct); // before the requests it guards
        var own = (await Store.InPartitionAsync(applicant.Id, ct)).Select(s => s.Value);
        var acting = org.FindPerson(application.ActingPersonId) is { } a && a.Id != applicant.Id
            ? (await Store.InPartitionAsync(a.Id, ct)).Select(s => s.Value)
            : [];
        var submitted = LeaveRequest.Submit(application, applicant, org, own, acting, ApprovalEngine.NewId(), _clock.GetUtcNow());
        var id = submitted.Next.Id;
        var stored = await Store.CreateAsync(KeyOf(id), submitted, ActorOf(applicant), extra: [guard(id)], ct: ct);
        LogSubmitted(id, applicant.Id, submitted.Next.ApproverIds.Count);
        return stored;
    }

    public Task<Stored<LeaveRequest>> GetAsync(string id, CancellationToken ct = default) => _records.GetAsync(id, ct);

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => _records.HistoryAsync(id, ct);

    public async Task<Approval?> ApprovalAsync(string approvalId, CancellationToken ct = default) =>
        (await _engine.FindAsync(approvalId, ct))?.Value;

    /// <summary>
    /// Withdraw before the final approval: the engine withdraws the approval (its open tasks die), and the request takes that
    /// end — here, or in the engine's completion, whichever comes first; the other finds it withdrawn and changes nothing.
    /// </summary>
    public async Task<Stored<LeaveRequest>> WithdrawAsync(Person caller, string id, CancellationToken ct = default)
    {
        var leave = (await GetAsync(id, ct)).Value;
        leave.RequireApplicant(caller);
        leave.Withdraw(_clock.GetUtcNow()); // 409 unless pending, before the engine is asked
        if (leave.ApprovalId is not null)
            await _engine.WithdrawAsync(leave.ApprovalRequestFor(await _organization.OrganizationAsync(ct)), ActorOf(caller), ct);
        var applied = await Store.ApplyAsync(KeyOf(id), ActorOf(caller),
            s => s.Value.ApprovalEnded(ApprovalStatus.Withdrawn, caller, _clock.GetUtcNow()), ct: ct);
        LogWithdrawn(id, applied.Changed);
        return applied.Record;
    }

    /// <summary>销假: the official reports back; the office (and for leaders the district head) is told.</summary>
    public async Task<Stored<LeaveRequest>> ReturnAsync(Person caller, string id, string? note, CancellationToken ct = default)
    {
        (await GetAsync(id, ct)).Value.RequireApplicant(caller);
        var applied = await Store.ApplyAsync(KeyOf(id), ActorOf(caller), s => s.Value.Return(_clock.GetUtcNow(), note), ct: ct);
        LogReturned(id);
        return applied.Record;
    }

    public Task<IReadOnlyList<(Absence Absence, LeaveRequest Leave)>> AwayOnAsync(DateOnly date, CancellationToken ct = default) =>
        _records.AwayOnAsync(date, ct);

    /// <summary>The return reminders timer (<see cref="LeaveReturnReminders"/>).</summary>
    public Task<int> RemindReturnsAsync(CancellationToken ct = default) => _reminders.RunAsync(ct);

    private static Actor ActorOf(Person p) => new(p.Id, p.Name);

    [LoggerMessage(3001, LogLevel.Information, "Leave request {LeaveId} submitted by {ApplicantId} with {Approvers} approver(s)")]
    private partial void LogSubmitted(string leaveId, string applicantId, int approvers);

    [LoggerMessage(3002, LogLevel.Information, "A leave submission was overtaken by another of the same person; try {Attempt} re-validates")]
    private partial void LogSubmitOvertaken(Exception e, int attempt);

    [LoggerMessage(3003, LogLevel.Information, "Leave request {LeaveId} withdrawn by its applicant (recorded here: {Here})")]
    private partial void LogWithdrawn(string leaveId, bool here);

    [LoggerMessage(3004, LogLevel.Information, "Leave request {LeaveId} reported back (销假)")]
    private partial void LogReturned(string leaveId);
}
