using Azure.Data.Tables;
using GovFunctions.Decisions;
using GovFunctions.Legal;
using GovFunctions.Supervision;

namespace GovFunctions.Me;

/// <summary>
/// The records that wait for a department: supervised items to acknowledge or report on (第三十条), decisions whose evaluation is
/// open (第十八条), normative documents to file (第二十一条). Filings are read from their index (<c>PendingFilings</c>); items and
/// decisions by their record rows' state column, as the supervision and evaluation timers read them (neither feature keeps an
/// index of its own, and both are few: open items, adopted decisions).
/// </summary>
public sealed class WaitingRecords(StorageClients storage, SupervisionService supervision, DecisionRecords decisions,
    NormativeDocumentService documents, IOptions<SiteOptions> site)
{
    private static readonly string[] OpenItemStates = ["assigned", "acknowledged", "inProgress"];

    /// <summary>What waits, by department: the query resolves each department to its head or the head's acting person.</summary>
    public async Task<IReadOnlyList<(string DepartmentId, WaitingItem Item)>> AllAsync(DateTimeOffset now, WorkingCalendar calendar,
        CancellationToken ct = default)
    {
        var found = new List<(string, WaitingItem)>();
        foreach (var state in OpenItemStates)
            await foreach (var stored in supervision.Store.WhereAsync(TableClient.CreateQueryFilter($"State eq {state}"), ct))
                foreach (var (department, kind, since) in WaitingRules.ForItem(stored.Value, now, calendar))
                    found.Add((department, Item(kind, stored.Value.Id, stored.Value.Title, since, ItemLink(stored.Value.Id))));

        var adopted = TableClient.CreateQueryFilter($"State eq {"adopted"} or State eq {"amended"}");
        await foreach (var stored in decisions.Store.WhereAsync(adopted, ct))
            if (WaitingRules.ForEvaluation(stored.Value) is var (department, since))
                found.Add((department, Item(WaitingKind.Evaluation, stored.Id, stored.Value.Title, since,
                    site.Value.Link($"decisions/{Uri.EscapeDataString(stored.Id)}"))));

        var index = await storage.TableAsync(Tables.PendingFilings);
        var pending = TableClient.CreateQueryFilter($"PartitionKey eq {"pending"}");
        await foreach (var row in index.QueryAsync<TableEntity>(pending, cancellationToken: ct))
            if ((await documents.Store.FindAsync(RecordKey.Own(row.RowKey), ct))?.Value is { } document
                && WaitingRules.ForFiling(document) is var (department, since))
                found.Add((department, Item(WaitingKind.Filing, document.Id, document.Title, since,
                    site.Value.Link($"normative-documents/{Uri.EscapeDataString(document.Id)}"))));
        return found;
    }

    /// <summary>
    /// A supervised item's page for now: the staff route <c>GET /api/supervision/items/{id}</c> (the one-click email links of
    /// supervision are being added by another change; this is where they will go).
    /// </summary>
    private string ItemLink(string id) => site.Value.Link($"supervision/items/{Uri.EscapeDataString(id)}");

    private static WaitingItem Item(WaitingKind kind, string id, string title, DateTimeOffset since, string link) =>
        new(kind, id, title, "", null, since, link);
}
