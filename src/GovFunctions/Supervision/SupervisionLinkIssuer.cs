using GovFunctions.Approvals;
using GovFunctions.Leave;

namespace GovFunctions.Supervision;

/// <summary>
/// What the item's links are issued with (<see cref="SupervisionLinks.WithLinks"/>): the engine's signing key and link
/// lifetime, and who is away now, so an acting person (第七十五条) holds the links of an absent head, as in the engine.
/// </summary>
public sealed class SupervisionLinkIssuer(ApprovalLinks links, OrganizationStore organization, AwayIndex away,
    IOptions<ApprovalOptions> options, TimeProvider clock)
{
    public SignedLinks Signer => links;

    public async Task<LinkIssuer> IssuerAsync(CancellationToken ct = default) =>
        new(links, await organization.OrganizationAsync(ct), await away.AbsencesAtAsync(clock.GetUtcNow(), ct), options.Value.LinkLifetime);

    /// <summary>The page behind a link (<c>/api/supervision/links/{token}</c>).</summary>
    public string TokenFor(SupervisedItem item, ItemLink link) => SupervisionLinks.TokenFor(links, item.Id, link);
}
