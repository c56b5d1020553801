using GovFunctions.Approvals;
using GovFunctions.Calendar;
using GovFunctions.Common;
using GovFunctions.Organization;
using GovFunctions.Supervision;

namespace GovFunctions.Domain.Tests;

/// <summary>
/// The email links of a supervised item (第三十条): signed as the engine's, one action for one department, held by the head or
/// the acting person (第七十五条), spent by their answer, expiring.
/// </summary>
public class SupervisionLinkTests
{
    private static readonly OrgChart Org = Seeds.Organization();
    private static readonly SignedLinks Signer = new("a-test-signing-key-of-at-least-32-chars!");
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-02T10:00:00+08:00");
    private static Person P(string id) => Org.Person(id);

    private static LinkIssuer Issuer(params Absence[] away) => new(Signer, Org, away, Lifetime);

    private static Transition<SupervisedItem> Registered(LinkIssuer? issuer = null, List<string>? co = null)
    {
        var intake = new SupervisionIntake("推进义务教育学校扩容", SupervisionSource.Deployment, null, "education", co ?? ["health"],
            new DateOnly(2026, 11, 30), ProgressCadence.Weekly, null, null);
        var r = SupervisionRules.Validate(intake, P("bai-xue"), Org, ChinaTime.DateOf(Now), 3);
        return SupervisedItem.Register("education.sv1", r, P("bai-xue"), Now).WithLinks(issuer ?? Issuer(), Now);
    }

    private static ItemLink LinkOf(SupervisedItem item, LinkAction action, string dept = "education") => item.OpenLink(action, dept)!;

    private static SupervisedItem Answer(SupervisedItem item, ItemLink link, LinkAnswer? answer = null, DateTimeOffset? at = null) =>
        item.AnswerThroughLink(link.Id, P(link.HolderId), answer ?? new("进展", 30, false), at ?? Now.AddHours(1)).Next;

    [Fact]
    public void TheAssignment_IssuesTheOwnersThreeLinks_AndEachCoDepartmentsProgressLink_CarriedByItsOwnMails()
    {
        var t = Registered();
        Assert.Equal(
            [(LinkAction.Acknowledge, "education"), (LinkAction.Progress, "education"), (LinkAction.Complete, "education"),
                (LinkAction.Progress, "health")],
            t.Next.Links.Select(l => (l.Action, l.DepartmentId)));
        Assert.Equal(["wu-jianping", "wu-jianping", "wu-jianping", "xu-li"], t.Next.Links.Select(l => l.HolderId));
        Assert.DoesNotContain(t.Events, e => e is LinksIssued); // the assignment mails carry them
        var link = LinkOf(t.Next, LinkAction.Acknowledge);
        var token = SupervisionLinks.TokenFor(Signer, t.Next.Id, link);
        Assert.True(SignedLinks.Matches(token, SupervisionLinks.TokenFor(Signer, t.Next.Id, link), link.TokenHash));
        Assert.Equal(("education.sv1", link.Id), SignedLinks.Split(token)); // the item's id has a dot: split from the right
        Assert.Equal(Now + Lifetime, link.ExpiresAt);
        Assert.True(LinkOf(t.Next, LinkAction.Complete).ExpiresAt >= ChinaTime.StartOf(new DateOnly(2026, 12, 1)) + Lifetime);
    }

    [Fact]
    public void ATokenSignedForApprovals_OrWithAnotherHolder_DoesNotOpenTheLink()
    {
        var item = Registered().Next;
        var link = LinkOf(item, LinkAction.Acknowledge);
        var forgedHolder = SupervisionLinks.TokenFor(Signer, item.Id, link with { HolderId = "ye-ming" });
        var approvalPurpose = Signer.Sign(ApprovalLinks.Purpose, item.Id, link.Id, link.HolderId, $"{link.Action}|{link.DepartmentId}",
            link.Nonce);
        var expected = SupervisionLinks.TokenFor(Signer, item.Id, link);
        Assert.False(SignedLinks.Matches(forgedHolder, expected, link.TokenHash));
        Assert.False(SignedLinks.Matches(approvalPurpose, expected, link.TokenHash));
    }

    [Fact]
    public void WhileTheHeadIsAway_TheActingPersonHoldsTheLinks_第七十五条()
    {
        var away = new Absence("wu-jianping", Now.AddDays(-1), Now.AddDays(3), "ye-ming", "lv-1");
        var item = Registered(Issuer(away)).Next;
        var link = LinkOf(item, LinkAction.Acknowledge);
        Assert.Equal(("ye-ming", "wu-jianping", "wu-jianping"), (link.HolderId, link.AddressedToId, link.OnBehalfOfId));
        var acknowledged = Answer(item, link);
        Assert.Equal(("ye-ming", SupervisionStatus.Acknowledged), (acknowledged.AcknowledgedById, acknowledged.Status));

        // Back from leave: the next change hands the unused links to the head again, under new tokens, and mails them.
        var next = new Transition<SupervisedItem>(acknowledged, "x", []).WithLinks(Issuer(), Now.AddDays(4));
        Assert.Equal("wu-jianping", LinkOf(next.Next, LinkAction.Progress).HolderId);
        Assert.Null(next.Next.Link(LinkOf(item, LinkAction.Progress).Id));
        Assert.Contains(next.Events, e => e is LinksIssued { DepartmentId: "education" });
    }

    [Fact]
    public void AnAcknowledgeLink_IsSpentByItsAnswer_AndByASignatureGivenAnotherWay()
    {
        var item = Registered().Next;
        var link = LinkOf(item, LinkAction.Acknowledge);
        Assert.Equal(LinkState.Usable, item.StateOf(link, Now));
        var acknowledged = Answer(item, link);
        Assert.Equal(LinkState.Used, acknowledged.StateOf(acknowledged.Link(link.Id)!, Now.AddHours(2)));
        Assert.Throws<StateConflictException>(() => Answer(acknowledged, link));

        var byRoute = item.Acknowledge(P("wu-jianping"), Now).Next;
        Assert.Equal(LinkState.Used, byRoute.StateOf(link, Now));
    }

    [Fact]
    public void AProgressLink_AnswersOnce_AndTheNextLinkIsIssuedAndMailed()
    {
        var registered = Registered().Next;
        var item = Answer(registered, LinkOf(registered, LinkAction.Acknowledge));
        var progress = LinkOf(item, LinkAction.Progress);
        var t = item.AnswerThroughLink(progress.Id, P("wu-jianping"), new("已完成选址", 40, true), Now.AddHours(2));
        Assert.Equal("报送进展（40%）", t.Reason);
        Assert.Contains(t.Events, e => e is ProgressReported { DepartmentId: "education", NeedsCoordination: true });
        Assert.Throws<StateConflictException>(() => t.Next.AnswerThroughLink(progress.Id, P("wu-jianping"), new("再报", 50, false), Now));

        var issued = t.WithLinks(Issuer(), Now.AddHours(2));
        var fresh = LinkOf(issued.Next, LinkAction.Progress);
        Assert.NotEqual(progress.Id, fresh.Id);
        var mailed = issued.Events.OfType<LinksIssued>().Single();
        Assert.Equal((item.Id, "education"), (mailed.ItemId, mailed.DepartmentId));
        Assert.Equal([fresh.Id], mailed.LinkIds);
    }

    [Fact]
    public void ACompletionReport_ThroughItsLink_BeforeTheItemIsSignedFor_IsAConflict_第三十条()
    {
        var item = Registered().Next;
        var e = Assert.Throws<StateConflictException>(() => Answer(item, LinkOf(item, LinkAction.Complete), new("办结", null, false)));
        Assert.Contains("尚未签收", e.Message);
        Assert.Null(item.Link(LinkOf(item, LinkAction.Complete).Id)!.UsedAt);
    }

    [Fact]
    public void ACoOperatingDepartmentsLink_RecordsItsPart_AndAnyOtherDepartmentIsRefused()
    {
        var registered = Registered().Next;
        var item = Answer(registered, LinkOf(registered, LinkAction.Acknowledge));
        var t = item.AnswerThroughLink(LinkOf(item, LinkAction.Progress, "health").Id, P("xu-li"), new("卫健局配合", 30, false),
            Now.AddHours(2));
        Assert.Equal("协办单位报送进展（30%）", t.Reason);
        Assert.Equal(("health", "xu-li"), (t.Next.Progress[^1].DepartmentId, t.Next.Progress[^1].ById));

        // A link naming a department that neither owns nor co-operates (it could only be forged into the record): 403.
        var stray = LinkOf(item, LinkAction.Progress, "health") with { Id = "stray", DepartmentId = "housing", HolderId = "gao-feng" };
        var tampered = item with { Links = [.. item.Links, stray] };
        Assert.Throws<AccessDeniedException>(() => tampered.AnswerThroughLink("stray", P("gao-feng"), new("x", 1, false), Now.AddHours(2)));
    }

    [Fact]
    public void AnExpiredLink_IsGone_AndTheNextChangeReplacesIt()
    {
        var item = Registered().Next;
        var link = LinkOf(item, LinkAction.Acknowledge);
        var later = link.ExpiresAt;
        Assert.Equal(LinkState.Expired, item.StateOf(link, later));
        Assert.Throws<GoneException>(() => Answer(item, link, at: later));
        var renewed = new Transition<SupervisedItem>(item, "x", []).WithLinks(Issuer(), later);
        Assert.NotEqual(link.Id, LinkOf(renewed.Next, LinkAction.Acknowledge).Id);
        Assert.Equal(later + Lifetime, LinkOf(renewed.Next, LinkAction.Acknowledge).ExpiresAt);
    }

    [Fact]
    public void AGrantedExtension_LengthensTheReportLinks_WithoutNewTokens()
    {
        var item = Registered().Next;
        var complete = LinkOf(item, LinkAction.Complete);
        var extended = new Transition<SupervisedItem>(item with { DueDate = new DateOnly(2026, 12, 31) }, "x", []).WithLinks(Issuer(), Now);
        var after = extended.Next.Link(complete.Id)!;
        Assert.True(after.ExpiresAt > complete.ExpiresAt);
        Assert.Equal(complete.TokenHash, after.TokenHash);
        Assert.DoesNotContain(extended.Events, e => e is LinksIssued);
    }

    [Fact]
    public void NoLinks_OnceTheItemIsCompleted_AndEachFormFieldIsNamed()
    {
        var registered = Registered().Next;
        var item = Answer(registered, LinkOf(registered, LinkAction.Acknowledge));
        var completed = Answer(item, LinkOf(item, LinkAction.Complete), new("办结报告", null, false));
        Assert.Equal(LinkState.Closed, completed.StateOf(LinkOf(completed, LinkAction.Progress, "health"), Now.AddHours(2)));
        Assert.Empty(SupervisionLinks.Needed(completed));

        Assert.Contains("percent", Assert.Throws<ValidationException>(() =>
            SupervisedItem.ValidateAnswer(LinkAction.Progress, new("进展", 120, false))).Errors.Keys);
        Assert.Contains("text", Assert.Throws<ValidationException>(() =>
            SupervisedItem.ValidateAnswer(LinkAction.Complete, new(" ", null, false))).Errors.Keys);
        SupervisedItem.ValidateAnswer(LinkAction.Acknowledge, new(null, null, false));
    }
}
