using GovFunctions.Organization;

namespace GovFunctions.Domain.Tests;

/// <summary>The seeded district has every role the rules address (Art. 3–9, 37, 76).</summary>
public class OrganizationTests
{
    private static readonly OrgChart Org = Seeds.Organization();

    [Fact]
    public void Seed_HasTheLeadershipOfArt3()
    {
        Assert.Equal(Role.DistrictHead, Org.DistrictHead.Role);
        Assert.Equal(Role.ExecutiveDeputyHead, Org.ExecutiveDeputy.Role);
        Assert.True(Org.People.Count(p => p.Role == Role.DeputyHead) >= 3);
        Assert.Contains(Org.People, p => p.Role == Role.AssistantHead);
        Assert.Equal(Role.OfficeDirector, Org.OfficeDirector.Role);
        Assert.True(Org.Departments.Count(d => d.Kind == DepartmentKind.Bureau) >= 8);
        Assert.Contains(Org.People, p => p.Role == Role.HotlineOperator);
        Assert.Contains(Org.People, p => p.Role == Role.DutyOfficer);
    }

    [Fact]
    public void EveryDepartment_HasAHeadAndOneSupervisingLeader_Art6And9()
    {
        foreach (var d in Org.Departments)
        {
            Assert.Equal(d.Id, Org.HeadOf(d.Id).DepartmentId);
            Assert.True(Org.SupervisorOf(d.Id).IsLeader);
        }
    }

    [Fact]
    public void AuditBureau_AnswersToTheDistrictHeadDirectly_Art9()
    {
        var audit = Org.Departments.Single(d => d.Kind == DepartmentKind.Audit);
        Assert.Equal(Org.DistrictHead, Org.SupervisorOf(audit.Id));
    }

    [Fact]
    public void LegalAffairsOffice_IsOneDepartmentWithAHead_Art15And21()
    {
        Assert.Equal(DepartmentKind.Legal, Org.LegalOffice.Kind);
        Assert.Equal(Role.DepartmentHead, Org.HeadOf(Org.LegalOffice.Id).Role);
    }

    [Fact]
    public void EmailLookup_IsCaseInsensitive_AndUsesAnExampleDomain()
    {
        var head = Org.DistrictHead;
        Assert.Equal(head, Org.FindByEmail(head.Email.ToUpperInvariant()));
        Assert.All(Org.People, p => Assert.EndsWith(".example.org", p.Email));
        Assert.Null(Org.FindByEmail("nobody@example.com"));
    }

    [Fact]
    public void HotlineRoster_IsStaffedByTheDistrictHeadAndDeputies_Art37()
    {
        Assert.All(Org.HotlineRoster.Rotation, id =>
            Assert.Contains(Org.Person(id).Role, new[] { Role.DistrictHead, Role.ExecutiveDeputyHead, Role.DeputyHead }));
        Assert.Contains(Org.DistrictHead.Id, Org.HotlineRoster.Rotation);
    }

    [Fact]
    public void HotlineRoster_RotatesWeeklyInOrder()
    {
        var shifts = Org.HotlineRoster.ShiftsBetween(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 28)).ToList();
        Assert.All(shifts, s => Assert.Equal(Org.HotlineRoster.Weekday, s.Date.DayOfWeek));
        Assert.Equal(new DateOnly(2026, 1, 7), shifts[0].Date);
        var n = Org.HotlineRoster.Rotation.Count;
        for (var i = 0; i < shifts.Count; i++) Assert.Equal(Org.HotlineRoster.Rotation[i % n], shifts[i].LeaderId);
    }

    [Fact]
    public void DutyRoster_ChangesShiftAt0830ChinaTime_Art76()
    {
        var roster = Org.DutyRoster;
        var before = roster.ShiftAt(DateTimeOffset.Parse("2026-01-06T08:29:00+08:00"));
        var after = roster.ShiftAt(DateTimeOffset.Parse("2026-01-06T08:30:00+08:00"));
        Assert.Equal(roster.Officers[0], before.OfficerId);
        Assert.Equal(roster.Officers[1], after.OfficerId);
        Assert.Equal(DateTimeOffset.Parse("2026-01-06T08:30:00+08:00"), before.End);
        Assert.Equal(after.Start, before.End);
        Assert.Equal(roster.Leaders[0], after.LeaderId);
    }

    [Fact]
    public void DutyRoster_LeaderOnDutyChangesWeekly()
    {
        var roster = Org.DutyRoster;
        Assert.Equal(roster.Leaders[0], roster.ShiftAt(DateTimeOffset.Parse("2026-01-12T08:00:00+08:00")).LeaderId);
        Assert.Equal(roster.Leaders[1], roster.ShiftAt(DateTimeOffset.Parse("2026-01-12T09:00:00+08:00")).LeaderId);
        // Before the roster's first date the rotation runs backwards: the week before belongs to the last leader.
        Assert.Equal(roster.Leaders[^1], roster.ShiftAt(DateTimeOffset.Parse("2026-01-04T09:00:00+08:00")).LeaderId);
    }

    [Fact]
    public void Organization_WithoutADistrictHead_IsRefused()
    {
        var seed = Seeds.OrganizationFile();
        var broken = seed with { People = seed.People.Where(p => p.Role != Role.DistrictHead).ToList() };
        var e = Assert.Throws<InvalidOperationException>(() => OrganizationSeed.Build(broken));
        Assert.Contains("DistrictHead", e.Message);
    }

    [Fact]
    public void Organization_WithADepartmentSupervisedTwice_IsRefused()
    {
        var seed = Seeds.OrganizationFile();
        var people = seed.People.Select(p => p.Role == Role.AssistantHead ? p with { SupervisedDepartmentIds = ["finance"] } : p).ToList();
        var e = Assert.Throws<InvalidOperationException>(() => OrganizationSeed.Build(seed with { People = people }));
        Assert.Contains("finance", e.Message);
    }
}
