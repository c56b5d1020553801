using System.Text.Json;
using System.Text.Json.Serialization;

namespace GovFunctions.Organization;

/// <summary>The shape of <c>seeds/organization.json</c> and <c>seeds/calendar/*.json</c>.</summary>
public static class OrganizationSeed
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public sealed record File(
        District District,
        List<Department> Departments,
        List<Person> People,
        HotlineRoster HotlineRoster,
        DutyRoster DutyRoster);

    public sealed record CalendarFile(int Year, List<Entry> Holidays, List<Entry> AdjustedWorkdays)
    {
        public IEnumerable<CalendarDay> Days =>
            Holidays.Select(h => new CalendarDay(h.Date, DayKind.Holiday, h.Name))
                .Concat(AdjustedWorkdays.Select(w => new CalendarDay(w.Date, DayKind.AdjustedWorkday, w.Name)));
    }

    public sealed record Entry(DateOnly Date, string Name);

    public static File ParseOrganization(string json) =>
        JsonSerializer.Deserialize<File>(json, Json) ?? throw new InvalidDataException("empty organization seed");

    public static CalendarFile ParseCalendar(string json) =>
        JsonSerializer.Deserialize<CalendarFile>(json, Json) ?? throw new InvalidDataException("empty calendar seed");

    public static OrgChart Build(File f) =>
        new(f.District, f.Departments, f.People.Select(p => p with { SupervisedDepartmentIds = p.SupervisedDepartmentIds ?? [] }),
            f.HotlineRoster, f.DutyRoster);
}
