using GovFunctions.Accountability;
using GovFunctions.Common;
using GovFunctions.Organization;

namespace GovFunctions.Domain.Tests;

/// <summary>The second clause of Art. 32: the competent department proposes accountability in time, or its head answers for it.</summary>
public class AccountabilityTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static DateTimeOffset At(string local) => DateTimeOffset.Parse(local + "+08:00");

    // Listed Monday Sep 28, 2026: its 10 working days run across 国庆 (Oct 1–7) and the 调休 Saturday Oct 10.
    private static AccountabilityEntry Listed() => AccountabilityEntry.List("acc-1", "supervision", "sv-1", "义务教育学校扩容逾期", "第三十二条",
        "wu-jianping", "office", At("2026-09-28T10:00"), 10, Seeds.Calendar()).Next;

    [Fact]
    public void TheProposalIsDue10WorkingDaysAfterListing_AcrossNationalDay()
    {
        // Sep 29, 30, Oct 8, 9, 10 (调休), 12, 13, 14, 15, 16: the 10th working day is Oct 16, at the close of office.
        Assert.Equal(At("2026-10-16T17:30"), Listed().ProposalDueAt);
    }

    [Theory]
    [InlineData("2026-10-16T17:29", false)]
    [InlineData("2026-10-16T17:31", true)]
    public void WithoutAProposalInTime_TheCompetentHeadIsNamed_Once(string now, bool lapses)
    {
        var lapsed = Listed().Lapse(At(now), Org);
        Assert.Equal(lapses, lapsed is not null);
        if (lapsed is null) return;
        Assert.Equal((ProposalState.NotProposed, "sun-huimin"), (lapsed.Next.State, lapsed.Next.NotProposingPersonId));
        Assert.Equal(new ProposalMissed("acc-1", "sun-huimin"), Assert.Single(lapsed.Events));
        Assert.Null(lapsed.Next.Lapse(At(now).AddDays(1), Org)); // the office is told once
    }

    [Fact]
    public void AProposalInTime_StopsTheLapse_AndIsRecordedWithWhoAndWhy()
    {
        var proposed = Listed().Propose(Org.Person("bai-xue"), "建议对区教育局予以通报批评", "逾期5个工作日未办结", At("2026-10-12T10:00")).Next;
        Assert.Equal((ProposalState.Proposed, "bai-xue"), (proposed.State, proposed.Proposal!.ById));
        Assert.Null(proposed.Lapse(At("2026-10-20T10:00"), Org));
        Assert.Throws<StateConflictException>(() => proposed.Propose(Org.Person("bai-xue"), "再提", "理由", At("2026-10-13T10:00")));
    }

    [Fact]
    public void OnlyTheCompetentDepartmentProposes_AndBothFieldsAreRequired()
    {
        Assert.Throws<AccessDeniedException>(() => Listed().Propose(Org.Person("wu-jianping"), "建议", "理由", At("2026-10-12T10:00")));
        var e = Assert.Throws<ValidationException>(() => Listed().Propose(Org.Person("bai-xue"), " ", null, At("2026-10-12T10:00")));
        Assert.Equal(["proposal", "reason"], e.Errors.Keys.Order());
    }
}
