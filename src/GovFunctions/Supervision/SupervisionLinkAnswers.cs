namespace GovFunctions.Supervision;

/// <summary>
/// What the owner's head, a co-operating department's head, or whoever acts for them (第七十五条) does through an item's
/// signed link: open it (404 for anything unknown, altered or forged), and sign for the item, report progress or report
/// completion through the same domain operations and pipeline as the staff routes. The link is spent in the same change.
/// </summary>
public sealed partial class SupervisionLinkAnswers(SupervisionService supervision, SupervisionLinkIssuer links,
    OrganizationStore organization, TimeProvider clock, ILogger<SupervisionLinkAnswers> log)
{
    public async Task<(Stored<SupervisedItem> Item, ItemLink Link)> OpenAsync(string token, CancellationToken ct = default)
    {
        var notFound = new NotFoundException(Bilingual.Text("链接无效", "this link is not valid"));
        if (SignedLinks.Split(token) is not var (itemId, linkId)) throw notFound;
        var key = SupervisionService.KeyOf(itemId);
        var stored = (key.IsValid ? await supervision.Store.FindAsync(key, ct) : null) ?? throw notFound;
        var link = stored.Value.Link(linkId) ?? throw notFound;
        if (!SignedLinks.Matches(token, links.TokenFor(stored.Value, link), link.TokenHash)) throw notFound;
        return (stored, link);
    }

    public LinkState StateOf(SupervisedItem item, ItemLink link) => item.StateOf(link, clock.GetUtcNow());

    /// <summary>The answer the link's action takes; a wrong field is a 400 naming it before anything is written.</summary>
    public async Task<(Stored<SupervisedItem> Item, ItemLink Link)> AnswerAsync(string token, LinkAnswer answer,
        CancellationToken ct = default)
    {
        var (stored, link) = await OpenAsync(token, ct);
        SupervisedItem.ValidateAnswer(link.Action, answer);
        var org = await organization.OrganizationAsync(ct);
        var holder = org.Person(link.HolderId);
        var actor = link.OnBehalfOfId is { } absent
            ? new Actor(holder.Id, $"{holder.Name}（代{org.Person(absent).Name}）")
            : new Actor(holder.Id, holder.Name);
        var applied = await supervision.ApplyAsync(stored.Key, actor,
            s => s.Value.AnswerThroughLink(link.Id, holder, answer, clock.GetUtcNow()), ct: ct);
        LogAnswered(stored.Id, link.Id, link.Action.ToString(), link.DepartmentId);
        return (applied.Record, applied.Record.Value.Link(link.Id)!);
    }

    [LoggerMessage(1031, LogLevel.Information, "Supervised item {ItemId}: link {LinkId} answered ({Action}, department {Department})")]
    private partial void LogAnswered(string itemId, string linkId, string action, string department);
}
