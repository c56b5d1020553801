using Azure.Data.Tables;

namespace GovFunctions.Hotline;

/// <summary>
/// The district-head hotline (Art. 37) as a closed loop: every call recorded; answered at once and closed, assigned to a
/// department whose head replies through an email link (an engine task asking for text), or escalated to the leader
/// responsible, whose instruction (批示) assigns it; then the operator's call-back closes it or reopens it.
/// The entry point the function class calls; the work is done by its parts: <see cref="HotlineIntake"/> (recording a call),
/// <see cref="HotlineHandling"/> (the loop after it), the timers <see cref="HotlineOverdue"/> and <see cref="HotlineRosterReminders"/>,
/// and <see cref="HotlineQueries"/>.
/// </summary>
public sealed class HotlineService(HotlineIntake intake, HotlineHandling handling, HotlineOverdue overdue, HotlineRosterReminders roster,
    HotlineQueries queries)
{
    public const string Feature = HotlineCallStore.Feature;

    public RecordStore<HotlineCall> Store => queries.Store;

    public HotlineOptions Options => queries.Options;

    /// <summary>Records a call (POST /api/hotline/calls). Every call is recorded, the ones answered on the spot too.</summary>
    public Task<Stored<HotlineCall>> RecordAsync(Person operatorPerson, CallIntake call, CancellationToken ct = default) =>
        intake.RecordAsync(operatorPerson, call, ct);

    public Task<Stored<HotlineCall>> GetAsync(string id, CancellationToken ct = default) => queries.GetAsync(id, ct);

    public Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string id, CancellationToken ct = default) => queries.HistoryAsync(id, ct);

    /// <summary>The operator's call-back (回访): satisfied closes the call; unsatisfied reopens it to the same department.</summary>
    public Task<Stored<HotlineCall>> CallbackAsync(Person operatorPerson, string id, bool satisfied, string? note,
        CancellationToken ct = default) =>
        handling.CallbackAsync(operatorPerson, id, satisfied, note, ct);

    /// <summary>The handling department asks once for more working days; the office director approves (an engine decision step).</summary>
    public Task<Stored<HotlineCall>> RequestExtensionAsync(Person caller, string id, int workingDays, string? reason,
        CancellationToken ct = default) =>
        handling.RequestExtensionAsync(caller, id, workingDays, reason, ct);

    /// <summary>Timer: the overdue reminders and the accountability list (Art. 32).</summary>
    public Task<int> ChaseOverdueAsync(CancellationToken ct = default) => overdue.ChaseOverdueAsync(ct);

    /// <summary>Timer (Art. 37): each leader staffing the line is reminded on the working day before their shift.</summary>
    public Task<int> RemindRosterAsync(CancellationToken ct = default) => roster.RemindRosterAsync(ct);

    public Task<CallCounts> MonthFiguresAsync(int year, int month, string key = CallCounts.All, CancellationToken ct = default) =>
        queries.MonthFiguresAsync(year, month, key, ct);

    public Task<IReadOnlyList<TableEntity>> AccountabilityListAsync(int year, int month, CancellationToken ct = default) =>
        queries.AccountabilityListAsync(year, month, ct);
}
