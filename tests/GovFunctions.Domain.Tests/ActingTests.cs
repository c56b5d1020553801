using GovFunctions.Approvals;
using GovFunctions.Organization;

using static GovFunctions.Domain.Tests.SeedPeople;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// Whom a task addressed to someone away actually goes to (Art. 4: the executive deputy presides while the district head
/// travels; Art. 75: a department head on leave names who acts for them).
/// </summary>
public class ActingTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));


    // ---- builders -------------------------------------------------------------------------------------------------

    /// <summary>Away from a day before <see cref="Now"/> to two days after, with the given acting person.</summary>
    private static Absence Away(string personId, string? actingPersonId = null) =>
        new(personId, Now.AddDays(-1), Now.AddDays(2), actingPersonId, $"{personId}.20260301.abcdef");

    private static ActingAssignment Resolve(string addressedTo, params Absence[] absences) =>
        Acting.Resolve(Org, addressedTo, absences, Now);

    // ---- nobody away ----------------------------------------------------------------------------------------------

    [Fact]
    public void Resolve_WhenNobodyIsAway_IsTheAddressee()
    {
        var r = Resolve(EducationHead);

        Assert.Equal(new ActingAssignment(EducationHead, EducationHead, null), r);
    }

    [Fact]
    public void Resolve_WhenSomeoneElseIsAway_IsTheAddressee()
    {
        var r = Resolve(EducationHead, Away(Deputy, ExecutiveDeputy), Away(DistrictHead));

        Assert.Equal(new ActingAssignment(EducationHead, EducationHead, null), r);
    }

    // ---- a named acting person (Art. 75) ----------------------------------------------------------------------------

    [Fact]
    public void Resolve_WhenTheAddresseeIsAwayWithANamedActingPerson_IsThatPerson_OnBehalfOfTheAddressee_Art75()
    {
        var r = Resolve(EducationHead, Away(EducationHead, EducationDeputyHead));

        Assert.Equal(EducationHead, r.AddressedToId);
        Assert.Equal(EducationDeputyHead, r.ApproverId);
        Assert.Equal(EducationHead, r.OnBehalfOfId);
    }

    [Fact]
    public void Resolve_TheNamedActingPersonWins_OverTheDefault()
    {
        // Without a name the district head's tasks would go to the executive deputy (Art. 4).
        var r = Resolve(DistrictHead, Away(DistrictHead, Deputy));

        Assert.Equal(Deputy, r.ApproverId);
        Assert.Equal(DistrictHead, r.OnBehalfOfId);
    }

    // ---- defaults without a named acting person ---------------------------------------------------------------------

    [Fact]
    public void Resolve_TheDistrictHeadAwayWithoutANamedActingPerson_IsTheExecutiveDeputy_Art4()
    {
        var r = Resolve(DistrictHead, Away(DistrictHead));

        Assert.Equal(new ActingAssignment(DistrictHead, ExecutiveDeputy, DistrictHead), r);
    }

    [Theory]
    [InlineData("chen-siyuan")]   // deputy head
    [InlineData("zhao-xiaofeng")] // assistant head
    [InlineData("sun-huimin")]    // office director
    public void Resolve_AnotherLeaderAwayWithoutANamedActingPerson_IsTheExecutiveDeputy_Art4(string leader)
    {
        var r = Resolve(leader, Away(leader));

        Assert.Equal(ExecutiveDeputy, r.ApproverId);
        Assert.Equal(leader, r.OnBehalfOfId);
    }

    [Fact]
    public void Resolve_TheExecutiveDeputyAwayWithoutANamedActingPerson_IsTheDistrictHead()
    {
        var r = Resolve(ExecutiveDeputy, Away(ExecutiveDeputy));

        Assert.Equal(DistrictHead, r.ApproverId);
        Assert.Equal(ExecutiveDeputy, r.OnBehalfOfId);
    }

    [Fact]
    public void Resolve_ADeputyDepartmentHeadAwayWithoutANamedActingPerson_IsTheHeadOfTheirDepartment()
    {
        var r = Resolve(EducationDeputyHead, Away(EducationDeputyHead));

        Assert.Equal(EducationHead, r.ApproverId);
        Assert.Equal(EducationDeputyHead, r.OnBehalfOfId);
    }

    [Fact]
    public void Resolve_ADepartmentHeadAwayWithoutANamedActingPerson_StaysWithThem()
    {
        // Nobody to fall back to (Art. 75 makes them name one; the leave rules refuse a request without it).
        var r = Resolve(EducationHead, Away(EducationHead));

        Assert.Equal(new ActingAssignment(EducationHead, EducationHead, null), r);
    }

    // ---- chains of absences -----------------------------------------------------------------------------------------

    [Fact]
    public void Resolve_WhenTheActingPersonIsAwayToo_FollowsToTheirActingPerson()
    {
        var r = Resolve(Deputy, Away(Deputy, "wang-lijuan"), Away("wang-lijuan", "liu-haitao"));

        Assert.Equal("liu-haitao", r.ApproverId);
        Assert.Equal(Deputy, r.AddressedToId);
        Assert.Equal(Deputy, r.OnBehalfOfId); // the task is still on behalf of whom the chain named
    }

    [Fact]
    public void Resolve_TheDistrictHeadAndTheExecutiveDeputyBothAway_FollowsTheExecutiveDeputysActingPerson_Art4()
    {
        var r = Resolve(DistrictHead, Away(DistrictHead), Away(ExecutiveDeputy, Deputy));

        Assert.Equal(Deputy, r.ApproverId);
        Assert.Equal(DistrictHead, r.OnBehalfOfId);
    }

    [Fact]
    public async Task Resolve_WhenTwoPeopleActForEachOtherAndBothAreAway_Terminates()
    {
        Absence[] absences = [Away(EducationHead, EducationDeputyHead), Away(EducationDeputyHead, EducationHead)];

        var r = await Task.Run(() => Acting.Resolve(Org, EducationHead, absences, Now))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(EducationHead, r.AddressedToId);
        Assert.Contains(r.ApproverId, new[] { EducationHead, EducationDeputyHead });
        Assert.Equal(r.ApproverId == EducationHead ? null : EducationHead, r.OnBehalfOfId);
    }

    [Fact]
    public async Task Resolve_ALongerCycleOfDefaults_Terminates_Art4()
    {
        // District head → executive deputy (default) → district head (default): both away, nobody named.
        Absence[] absences = [Away(DistrictHead), Away(ExecutiveDeputy)];

        var r = await Task.Run(() => Acting.Resolve(Org, DistrictHead, absences, Now))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Contains(r.ApproverId, new[] { DistrictHead, ExecutiveDeputy });
    }

    // ---- which absences count ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(-1L)]                   // a tick before it starts
    [InlineData(-TimeSpan.TicksPerDay)] // a day before it starts
    public void Resolve_IgnoresAnAbsenceThatHasNotStarted(long ticksFromStart)
    {
        var away = new Absence(EducationHead, Now, Now.AddDays(2), EducationDeputyHead, "l1");

        var r = Acting.Resolve(Org, EducationHead, [away], Now.AddTicks(ticksFromStart));

        Assert.Equal(EducationHead, r.ApproverId);
        Assert.Null(r.OnBehalfOfId);
    }

    [Theory]
    [InlineData(0L)]                   // at the instant it ends
    [InlineData(1L)]                   // a tick after
    [InlineData(TimeSpan.TicksPerDay)] // a day after
    public void Resolve_IgnoresAnAbsenceThatHasEnded(long ticksFromEnd)
    {
        var away = new Absence(EducationHead, Now.AddDays(-2), Now, EducationDeputyHead, "l1");

        var r = Acting.Resolve(Org, EducationHead, [away], Now.AddTicks(ticksFromEnd));

        Assert.Equal(EducationHead, r.ApproverId);
        Assert.Null(r.OnBehalfOfId);
    }

    [Theory]
    [InlineData(0L)]  // at the instant it starts
    [InlineData(-1L)] // a tick before it ends
    public void Resolve_CountsAnAbsenceFromItsStartUntilJustBeforeItsEnd(long ticks)
    {
        var start = Now;
        var end = Now.AddDays(2);
        var away = new Absence(EducationHead, start, end, EducationDeputyHead, "l1");
        var at = ticks == 0 ? start : end.AddTicks(ticks);

        Assert.Equal(EducationDeputyHead, Acting.Resolve(Org, EducationHead, [away], at).ApproverId);
    }

    [Fact]
    public void Resolve_AnActingPersonWhoseOwnAbsenceIsOver_ReceivesTheTask()
    {
        var r = Acting.Resolve(Org, Deputy,
            [Away(Deputy, "wang-lijuan"), new Absence("wang-lijuan", Now.AddDays(-5), Now.AddDays(-1), "liu-haitao", "l2")], Now);

        Assert.Equal("wang-lijuan", r.ApproverId);
    }

    [Fact]
    public void Absence_Covers_IsHalfOpen()
    {
        var a = new Absence(EducationHead, Now, Now.AddHours(1), null, "l1");

        Assert.True(a.Covers(Now));
        Assert.True(a.Covers(Now.AddMinutes(59)));
        Assert.False(a.Covers(Now.AddHours(1)));
        Assert.False(a.Covers(Now.AddTicks(-1)));
    }

    [Fact]
    public void Resolve_NeverHandsADecisionToSomeoneWhoMayNotTakeIt_TheAddresseeKeepsIt()
    {
        var org = Seeds.Organization();
        var at = DateTimeOffset.Parse("2026-11-26T10:00:00+08:00");
        Absence[] away = [new("lin-jianguo", at.AddDays(-1), at.AddDays(1), "zhou-minghua", "lv1")];

        var blocked = Acting.Resolve(org, "lin-jianguo", away, at, new HashSet<string> { "zhou-minghua" });
        var allowed = Acting.Resolve(org, "lin-jianguo", away, at, new HashSet<string> { "someone-else" });

        Assert.Equal(("lin-jianguo", (string?)null), (blocked.ApproverId, blocked.OnBehalfOfId));
        Assert.Equal("zhou-minghua", allowed.ApproverId);
    }
}
