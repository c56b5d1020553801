using System.Text.Json;
using Azure.Data.Tables;
using Kinds = GovFunctions.Organization.OrganizationStore.Kinds;

namespace GovFunctions.Organization;

/// <summary>
/// Puts <c>seeds/organization.json</c> and <c>seeds/calendar/*.json</c> into Table Storage. Idempotent: a row
/// whose content is unchanged is not written at all, so a second run changes nothing (not even an ETag).
/// The organization is validated before anything is written.
/// </summary>
public sealed partial class SeedLoader(StorageClients storage, OrganizationStore store, ILogger<SeedLoader> log)
{
    public async Task<SeedResult> LoadAsync(string seedsDirectory, CancellationToken ct = default)
    {
        var seed = OrganizationSeed.ParseOrganization(await File.ReadAllTextAsync(Path.Combine(seedsDirectory, "organization.json"), ct));
        var org = OrganizationSeed.Build(seed);
        var calendars = new List<OrganizationSeed.CalendarFile>();
        foreach (var file in Directory.GetFiles(Path.Combine(seedsDirectory, "calendar"), "*.json").Order())
            calendars.Add(OrganizationSeed.ParseCalendar(await File.ReadAllTextAsync(file, ct)));

        var orgRows = new List<TableEntity> { Row(Kinds.District, Kinds.District, org.District) };
        orgRows.AddRange(org.Departments.Select(d => Row(Kinds.Department, d.Id, d)));
        orgRows.AddRange(org.People.Select(p => Row(Kinds.Person, p.Id, p)));
        orgRows.Add(Row(Kinds.Roster, Kinds.HotlineRoster, org.HotlineRoster));
        orgRows.Add(Row(Kinds.Roster, Kinds.DutyRoster, org.DutyRoster));

        var calendarRows = calendars.SelectMany(c => c.Days).Select(d => new TableEntity(d.Date.Year.ToString(), d.Date.ToString("yyyy-MM-dd"))
        {
            ["Kind"] = d.Kind.ToString(),
            ["Name"] = d.Name,
        }).ToList();

        var result = await UpsertChangedAsync(await storage.TableAsync(Tables.Organization), orgRows, ct)
                   + await UpsertChangedAsync(await storage.TableAsync(Tables.Calendar), calendarRows, ct);
        store.Invalidate();
        LogSeeded(result.Added, result.Updated, result.Unchanged);
        return result;
    }

    private static TableEntity Row<T>(string kind, string id, T value) =>
        new(kind, id) { ["Json"] = JsonSerializer.Serialize(value, OrganizationSeed.Json) };

    private static async Task<SeedResult> UpsertChangedAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken ct)
    {
        var existing = new Dictionary<(string, string), TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: ct)) existing[(row.PartitionKey, row.RowKey)] = row;
        int added = 0, updated = 0, unchanged = 0;
        foreach (var group in rows.GroupBy(r => r.PartitionKey))
        {
            var actions = new List<TableTransactionAction>();
            foreach (var row in group)
            {
                if (!existing.TryGetValue((row.PartitionKey, row.RowKey), out var old)) added++;
                else if (SameContent(old, row)) { unchanged++; continue; }
                else updated++;
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            }
            foreach (var chunk in actions.Chunk(100)) await table.SubmitTransactionAsync(chunk, ct);
        }
        return new SeedResult(added, updated, unchanged);
    }

    private static bool SameContent(TableEntity old, TableEntity row) =>
        row.Keys.Where(k => k is not ("PartitionKey" or "RowKey")).All(k => old.TryGetValue(k, out var v) && Equals(v, row[k]));

    [LoggerMessage(LogLevel.Information, "Seeds loaded: {Added} added, {Updated} updated, {Unchanged} unchanged")]
    private partial void LogSeeded(int added, int updated, int unchanged);
}

public sealed record SeedResult(int Added, int Updated, int Unchanged)
{
    public static SeedResult operator +(SeedResult a, SeedResult b) =>
        new(a.Added + b.Added, a.Updated + b.Updated, a.Unchanged + b.Unchanged);
}
