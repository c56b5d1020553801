using GovFunctions.Approvals;

namespace GovFunctions.Supervision;

/// <summary>What an item's email link does: sign for it (签收), report progress (进展), report completion (办结报告).</summary>
public enum LinkAction { Acknowledge, Progress, Complete }

/// <summary>Whether a link can be used now: used (or its action done another way), the item closed for it, or expired.</summary>
public enum LinkState { Usable, Used, Closed, Expired }

/// <summary>
/// An item's email link, signed as the engine's are (<see cref="SignedLinks"/>): one action for one department, held by
/// the department's head or, while the head is away, by their acting person (第七十五条) — <see cref="OnBehalfOfId"/> then
/// names the head. Only the nonce and the token's hash are kept; a link answers once.
/// </summary>
public sealed record ItemLink(string Id, LinkAction Action, string DepartmentId, string AddressedToId, string HolderId,
    string? OnBehalfOfId, string Nonce, string TokenHash, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public DateTimeOffset? UsedAt { get; init; }

    public bool IsUsed => UsedAt is not null;
}

/// <summary>What a progress or completion form posts through a link.</summary>
public sealed record LinkAnswer(string? Text, int? Percent, bool NeedsCoordination);

/// <summary>New links for a department, to be mailed to their holder.</summary>
public sealed record LinksIssued(string ItemId, string DepartmentId, IReadOnlyList<string> LinkIds) : IDomainEvent;

/// <summary>What issuing links needs: the signing key, who is away now (and who acts for them), how long a link lives.</summary>
public sealed record LinkIssuer(SignedLinks Signer, OrgChart Org, IReadOnlyList<Absence> Absences, TimeSpan Lifetime);

public static class SupervisionLinks
{
    public const string Purpose = "supervision-link";

    public static string TokenFor(SignedLinks signer, string itemId, ItemLink l) =>
        signer.Sign(Purpose, itemId, l.Id, l.HolderId, $"{l.Action}|{l.DepartmentId}", l.Nonce);

    /// <summary>
    /// The links an item's state calls for: the owner's head signs for an assigned item, the owner reports progress and
    /// completion and each co-operating department its part (第三十条) while the item is open — all from the assignment on, so
    /// a report before acknowledgement is refused by the item's rules, not by a missing link.
    /// </summary>
    public static IEnumerable<(LinkAction Action, string DepartmentId)> Needed(SupervisedItem item)
    {
        if (!item.IsOpen) yield break;
        if (item.Status == SupervisionStatus.Assigned) yield return (LinkAction.Acknowledge, item.OwnerDepartmentId);
        yield return (LinkAction.Progress, item.OwnerDepartmentId);
        yield return (LinkAction.Complete, item.OwnerDepartmentId);
        foreach (var d in item.CoDepartmentIds) yield return (LinkAction.Progress, d);
    }

    /// <summary>
    /// A change with the links its next state needs: each missing one issued, one expired or held by someone who no longer
    /// acts for the head (第七十五条) replaced, the others living on at least as long as the (possibly extended) due date
    /// calls for. The assignment's own mails carry its first links; any later new link is mailed (<see cref="LinksIssued"/>).
    /// </summary>
    public static Transition<SupervisedItem> WithLinks(this Transition<SupervisedItem> t, LinkIssuer issuer, DateTimeOffset now)
    {
        var item = t.Next;
        var links = item.Links.ToList();
        var issued = new List<ItemLink>();
        var extended = false;
        foreach (var (action, dept) in Needed(item))
        {
            var who = Acting.Resolve(issuer.Org, issuer.Org.HeadOf(dept).Id, issuer.Absences, now);
            var expires = ExpiryOf(action, item, now, issuer.Lifetime);
            var open = links.FindLastIndex(l => l.Action == action && l.DepartmentId == dept && !l.IsUsed);
            if (open >= 0 && links[open].HolderId == who.ApproverId && links[open].ExpiresAt > now)
            {
                if (links[open].ExpiresAt >= expires) continue;
                links[open] = links[open] with { ExpiresAt = expires };
                extended = true;
                continue;
            }
            if (open >= 0) links.RemoveAt(open); // its token opens nothing any more
            var id = Ids.Random(6);
            var nonce = SignedLinks.NewNonce();
            var draft = new ItemLink(id, action, dept, who.AddressedToId, who.ApproverId, who.OnBehalfOfId, nonce, "", now, expires);
            var link = draft with { TokenHash = SignedLinks.Hash(TokenFor(issuer.Signer, item.Id, draft)) };
            links.Add(link);
            issued.Add(link);
        }
        if (issued.Count == 0 && !extended) return t;
        var mailed = t.Events.Any(e => e is ItemAssigned)
            ? []
            : issued.GroupBy(l => l.DepartmentId).Select(g => (IDomainEvent)new LinksIssued(item.Id, g.Key, g.Select(l => l.Id).ToList()));
        return t with { Next = item with { Links = links }, Events = [.. t.Events, .. mailed] };
    }

    /// <summary>Signing lives as long as an approval link; reports until a link's lifetime after the due date.</summary>
    private static DateTimeOffset ExpiryOf(LinkAction action, SupervisedItem item, DateTimeOffset now, TimeSpan lifetime) =>
        action == LinkAction.Acknowledge
            ? item.Links.LastOrDefault(l => l.Action == LinkAction.Acknowledge && !l.IsUsed && l.ExpiresAt > now)?.ExpiresAt
                ?? now + lifetime
            : Max(now, ChinaTime.StartOf(item.DueDate.AddDays(1))) + lifetime;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>An item's email links and the answers given through them.</summary>
public sealed partial record SupervisedItem
{
    public IReadOnlyList<ItemLink> Links { get; init; } = [];

    public ItemLink? Link(string linkId) => Links.SingleOrDefault(l => l.Id == linkId);

    /// <summary>The department's link for an action that can still be used (the last issued, unused).</summary>
    public ItemLink? OpenLink(LinkAction action, string departmentId) =>
        Links.LastOrDefault(l => l.Action == action && l.DepartmentId == departmentId && !l.IsUsed);

    /// <summary>
    /// Whether a link can be used now: an acknowledge link is used once the item is signed for, whichever way; any link once the
    /// item is completed is closed; a link past its time has expired.
    /// </summary>
    public LinkState StateOf(ItemLink link, DateTimeOffset now) =>
        link.IsUsed || link.Action == LinkAction.Acknowledge && Status != SupervisionStatus.Assigned ? LinkState.Used
        : !IsOpen ? LinkState.Closed
        : now >= link.ExpiresAt ? LinkState.Expired
        : LinkState.Usable;

    /// <summary>
    /// An answer through a link, by the same rules as the staff routes: the holder acts as the head of the link's department
    /// (their acting person in their place, 第七十五条), and the link is spent in the same change, so of two answers through it at
    /// once one wins and the other finds it used (409).
    /// </summary>
    public Transition<SupervisedItem> AnswerThroughLink(string linkId, Person holder, LinkAnswer answer, DateTimeOffset now)
    {
        var link = Link(linkId) ?? throw new NotFoundException(Bilingual.Text("链接无效", "this link is not valid"));
        switch (StateOf(link, now))
        {
            case LinkState.Used:
                throw Conflict("此链接已使用过，无需重复提交", "this link has already been used");
            case LinkState.Closed:
                throw Conflict("该督办事项已报送办结，此链接已失效", "the item is already completed");
            case LinkState.Expired:
                throw new GoneException(Bilingual.Text("此链接已过期，请联系区政府办公室", "this link has expired; contact the government office"));
        }
        var asHead = holder with { DepartmentId = link.DepartmentId };
        var t = link.Action switch
        {
            LinkAction.Acknowledge => Acknowledge(asHead, now),
            LinkAction.Progress => ReportProgress(asHead, answer.Text!.Trim(), answer.Percent!.Value, answer.NeedsCoordination, now),
            _ => Complete(asHead, answer.Text!.Trim(), now),
        };
        return t with { Next = t.Next with { Links = t.Next.Links.Select(l => l.Id == linkId ? l with { UsedAt = now } : l).ToList() } };
    }

    /// <summary>The form fields a link's action needs, each named when wrong (400, nothing written).</summary>
    public static void ValidateAnswer(LinkAction action, LinkAnswer answer)
    {
        if (action == LinkAction.Progress) SupervisionRules.ValidateProgress(answer.Text, answer.Percent);
        else if (action == LinkAction.Complete) SupervisionRules.ValidateCompletion(answer.Text);
    }
}
