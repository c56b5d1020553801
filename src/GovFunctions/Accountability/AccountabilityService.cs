using Azure.Data.Tables;
using GovFunctions.Notifications;
using GovFunctions.Supervision;

namespace GovFunctions.Accountability;

/// <summary>What the competent department posts: the proposal and why.</summary>
public sealed record ProposalIntake(string? Proposal, string? Reason);

/// <summary>
/// The accountability list as records (Art. 32): one record per listing, partitioned by the month it was listed in, each with
/// its proposal state; the second clause's deadline is kept by <see cref="LapseAsync"/>.
/// </summary>
public sealed partial class AccountabilityService(StorageClients storage, Outbox outbox, OrganizationStore organization,
    IOptions<SupervisionOptions> options, TimeProvider clock, ILogger<AccountabilityService> log)
{
    public const string ProposalMissedNotice = "accountability.proposal-missed";

    public RecordStore<AccountabilityEntry> Store { get; } = new(storage, outbox, Tables.AccountabilityEntries)
    {
        MessagesOf = (entry, e) => e is ProposalMissed
            ? [NotificationService.Message(ProposalMissedNotice, $"accountability|{entry.Id}|missed", clock, new EntryNotice(entry.Id))]
            : [],
    };

    public sealed record EntryNotice(string EntryId);

    /// <summary>An entry's id starts with the month it was listed in (its partition).</summary>
    public static RecordKey KeyOf(string id) => new(id.Length > 7 ? id[..7] : id, id);

    public static string IdFor(DateTimeOffset listedAt, string source, string subjectId, string occurrence) =>
        $"{listedAt.ToChina():yyyy-MM}.{source}.{subjectId}.{occurrence}";

    /// <summary>Lists a fault once: a second listing of the same occurrence (a redelivered message) returns the first.</summary>
    public async Task<Stored<AccountabilityEntry>> ListAsync(string source, string subjectId, string occurrence, string title,
        string article, string responsiblePersonId, string competentDepartmentId, DateTimeOffset listedAt, CancellationToken ct = default)
    {
        var id = IdFor(listedAt, source, subjectId, occurrence);
        if (await Store.FindAsync(KeyOf(id), ct) is { } existing) return existing;
        var calendar = await organization.CalendarAsync(ct);
        var first = AccountabilityEntry.List(id, source, subjectId, title, article, responsiblePersonId, competentDepartmentId, listedAt,
            options.Value.AccountabilityProposalWorkingDays, calendar);
        try
        {
            var stored = await Store.CreateAsync(KeyOf(id), first, Actor.System, ct: ct);
            LogListed(id, source, subjectId);
            return stored;
        }
        catch (StateConflictException)
        {
            return await Store.GetAsync(KeyOf(id), ct);
        }
    }

    public async Task<Stored<AccountabilityEntry>> ProposeAsync(Person caller, string id, ProposalIntake body,
        CancellationToken ct = default)
    {
        if (!KeyOf(id).IsValid || await Store.FindAsync(KeyOf(id), ct) is null)
            throw new NotFoundException(Bilingual.Text($"问责清单条目 {id} 不存在", $"entry {id} not found"));
        var applied = await Store.ApplyAsync(KeyOf(id), new Actor(caller.Id, caller.Name),
            s => s.Value.Propose(caller, body.Proposal, body.Reason, clock.GetUtcNow()), ct: ct);
        return applied.Record;
    }

    public async Task<IReadOnlyList<AccountabilityEntry>> MonthAsync(int year, int month, CancellationToken ct = default) =>
        (await Store.InPartitionAsync($"{year:D4}-{month:D2}", ct)).Select(s => s.Value).OrderBy(e => e.ListedAt).ToList();

    /// <summary>Timer: every entry still awaiting its proposal past the deadline lapses, once; the office is told.</summary>
    public async Task<int> LapseAsync(CancellationToken ct = default)
    {
        var table = await Store.TableAsync();
        var org = await organization.OrganizationAsync(ct);
        var now = clock.GetUtcNow();
        var lapsed = 0;
        var filter = TableClient.CreateQueryFilter($"State eq {"awaiting"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: ct))
        {
            var id = row.RowKey[..^"|record".Length];
            try
            {
                var applied = await Store.ApplyAsync(KeyOf(id), Actor.System, s => s.Value.Lapse(now, org), $"lapse:{id}", ct: ct);
                if (applied.Changed) lapsed++;
            }
            catch (NotFoundException)
            {
                LogMissing(id);
            }
        }
        if (lapsed > 0) LogLapsed(lapsed);
        return lapsed;
    }

    [LoggerMessage(1101, LogLevel.Information, "Accountability entry {EntryId} listed for {Source} {SubjectId}")]
    private partial void LogListed(string entryId, string source, string subjectId);

    [LoggerMessage(1102, LogLevel.Information, "{Count} accountability entries passed their proposal deadline; the office is told")]
    private partial void LogLapsed(int count);

    [LoggerMessage(1103, LogLevel.Warning, "Accountability entry {EntryId} vanished while the timer read it; skipped")]
    private partial void LogMissing(string entryId);
}
