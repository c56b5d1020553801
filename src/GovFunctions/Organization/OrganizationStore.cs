using System.Text.Json;
using Azure.Data.Tables;

namespace GovFunctions.Organization;

/// <summary>
/// The organization and the holiday calendar as kept in Table Storage, read into memory and cached for a few
/// minutes (they change a few times a year). Rows: <c>Organization</c> (PartitionKey = kind, RowKey = id,
/// <c>Json</c> = the seed record) and <c>Calendar</c> (PartitionKey = year, RowKey = date).
/// </summary>
public sealed partial class OrganizationStore(StorageClients storage, TimeProvider clock, ILogger<OrganizationStore> log)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    private (OrgChart Org, WorkingCalendar Calendar, DateTimeOffset LoadedAt)? _cache;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public async Task<OrgChart> OrganizationAsync(CancellationToken ct = default) => (await LoadAsync(ct)).Org;

    public async Task<WorkingCalendar> CalendarAsync(CancellationToken ct = default) => (await LoadAsync(ct)).Calendar;

    public void Invalidate() => _cache = null;

    private async Task<(OrgChart Org, WorkingCalendar Calendar, DateTimeOffset LoadedAt)> LoadAsync(CancellationToken ct)
    {
        if (_cache is { } c && clock.GetUtcNow() - c.LoadedAt < CacheFor) return c;
        await _loading.WaitAsync(ct);
        try
        {
            if (_cache is { } again && clock.GetUtcNow() - again.LoadedAt < CacheFor) return again;
            var org = await ReadOrganizationAsync(ct);
            var calendar = await ReadCalendarAsync(ct);
            _cache = (org, calendar, clock.GetUtcNow());
            return _cache.Value;
        }
        finally { _loading.Release(); }
    }

    private async Task<OrgChart> ReadOrganizationAsync(CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.Organization);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: ct)) rows.Add(row);
        T One<T>(string kind, string id) => Parse<T>(rows.SingleOrDefault(r => r.PartitionKey == kind && r.RowKey == id)
            ?? throw new OrganizationNotLoadedException());
        IEnumerable<T> All<T>(string kind) => rows.Where(r => r.PartitionKey == kind).Select(Parse<T>);

        var org = new OrgChart(One<District>(Kinds.District, Kinds.District), All<Department>(Kinds.Department),
            All<Person>(Kinds.Person), One<HotlineRoster>(Kinds.Roster, Kinds.HotlineRoster), One<DutyRoster>(Kinds.Roster, Kinds.DutyRoster));
        LogLoaded(org.People.Count, org.Departments.Count);
        return org;
    }

    private async Task<WorkingCalendar> ReadCalendarAsync(CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.Calendar);
        var days = new List<CalendarDay>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: ct))
            days.Add(new CalendarDay(DateOnly.ParseExact(row.RowKey, "yyyy-MM-dd"),
                Enum.Parse<DayKind>(row.GetString("Kind")), row.GetString("Name")));
        return new WorkingCalendar(days);
    }

    private static T Parse<T>(TableEntity row) =>
        JsonSerializer.Deserialize<T>(row.GetString("Json"), OrganizationSeed.Json) ?? throw new InvalidDataException(row.RowKey);

    internal static class Kinds
    {
        public const string District = "district";
        public const string Department = "department";
        public const string Person = "person";
        public const string Roster = "roster";
        public const string HotlineRoster = "hotline";
        public const string DutyRoster = "duty";
    }

    [LoggerMessage(LogLevel.Information, "Organization loaded: {People} people, {Departments} departments")]
    private partial void LogLoaded(int people, int departments);
}

/// <summary>The seed data has not been loaded into this storage account yet.</summary>
public sealed class OrganizationNotLoadedException()
    : Exception("The organization has not been loaded into Table Storage; run the seed loader (see README).");
