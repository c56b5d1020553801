using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GovFunctions.Decisions;

/// <summary>
/// 政务公开 (Art. 40–41): the anonymous feed of published decisions. Only <see cref="PublicEntry"/> rows are ever written
/// here — built by <see cref="DecisionRules.PublicEntryOf"/>, which yields nothing for a confidential decision — so the
/// feed cannot show what it never received. Newest first (PartitionKey = year, RowKey = inverted time).
/// </summary>
public static class PublicFeed
{
    public static async Task PutAsync(StorageClients storage, PublicEntry entry, CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.PublicDecisions);
        var at = entry.AdoptedAt.ToChina();
        var row = new TableEntity(at.Year.ToString(), $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{entry.Id}");
        StoredJson.Put(row, "Json", entry);
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
    }

    public static async Task<IReadOnlyList<PublicEntry>> ReadAsync(StorageClients storage, int year, CancellationToken ct)
    {
        var table = await storage.TableAsync(Tables.PublicDecisions);
        var entries = new List<PublicEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {year.ToString()}"), cancellationToken: ct))
            entries.Add(StoredJson.Get<PublicEntry>(row, "Json"));
        return entries;
    }
}

/// <summary><c>GET /api/public/decisions</c>: anyone, no identity; JSON, or a zh-CN page for a browser.</summary>
public sealed class PublicFeedFunction(StorageClients storage, TimeProvider clock, Organization.OrganizationStore organization)
{
    /// <summary>A published decision on the page (<c>Templates/Decisions/feed</c>): title, where and how decided, summary.</summary>
    public sealed record FeedItem(string Title, string Decided, string Summary);

    public sealed record FeedView(IReadOnlyList<FeedItem> Decisions);

    [Function(nameof(PublicDecisions))]
    [Describe("公开的重大行政决策（JSON 或页面）", "Published decisions of a year, JSON or (format=html) a page", Anonymous = true)]
    [Query("year", "年份（默认今年）", "the year, this year by default")]
    [Query("format", "格式", "json or html", Choices = ["json", "html"])]
    [Answers(200, typeof(PublicFeedView))]
    [Answers(200, Media.Html)]
    public async Task<IActionResult> PublicDecisions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/decisions")] HttpRequest request)
    {
        var year = int.TryParse(request.Query["year"], out var y) && y is > 2000 and < 2200 ? y : ChinaTime.Today(clock).Year;
        var entries = await PublicFeed.ReadAsync(storage, year, request.HttpContext.RequestAborted);
        var wantsHtml = request.Query["format"] == "html"
            || (request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase) && request.Query["format"] != "json");
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=60";
        if (!wantsHtml) return new OkObjectResult(PublicFeedView.From(year, entries));

        var org = await organization.OrganizationAsync();
        var items = entries.Select(e => new FeedItem(e.Title,
            $"{DecisionRules.MeetingName(e.Meeting)} {ChinaTime.Text(e.MeetingDate)} · {DecisionService.ResultName(e.Result)} · "
            + DecisionRules.CategoryName(e.Category), e.Summary)).ToList();
        return Html.Page(200, $"{org.District.PublicFeedTitle}：{year}年重大行政决策", "Decisions/feed", new FeedView(items));
    }
}
