using GovFunctions.Calendar;
using GovFunctions.Organization;

namespace GovFunctions.Domain.Tests;

/// <summary>The committed seed data, read from the repository's seeds/ folder.</summary>
public static class Seeds
{
    public static string Directory { get; } = Find();

    public static OrganizationSeed.File OrganizationFile() =>
        OrganizationSeed.ParseOrganization(File.ReadAllText(Path.Combine(Directory, "organization.json")));

    public static OrgChart Organization() => OrganizationSeed.Build(OrganizationFile());

    public static WorkingCalendar Calendar() => new(
        System.IO.Directory.GetFiles(Path.Combine(Directory, "calendar"), "*.json")
            .SelectMany(f => OrganizationSeed.ParseCalendar(File.ReadAllText(f)).Days));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GovFunctions.sln"))) return Path.Combine(dir.FullName, "seeds");
        throw new DirectoryNotFoundException("seeds/ not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Ids of seeded people the tests name by their role.</summary>
public static class SeedPeople
{
    public const string DistrictHead = "lin-jianguo";
    public const string ExecutiveDeputy = "zhou-minghua";
    public const string Deputy = "chen-siyuan"; // supervises education, health, civil affairs, human resources
    public const string EducationHead = "wu-jianping";
    public const string EducationDeputyHead = "ye-ming";
    public const string AuditHead = "he-jing";
}
