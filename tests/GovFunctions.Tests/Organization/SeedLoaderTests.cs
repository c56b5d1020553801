using Azure.Data.Tables;
using GovFunctions.Organization;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Organization;

public class SeedLoaderTests
{
    [Fact]
    public async Task Load_PutsTheDistrictIntoTableStorage()
    {
        await using var app = TestApp.Create();
        var first = await app.SeedAsync();
        Assert.True(first.Added > 80, $"{first.Added} rows");

        var org = await app.Get<OrganizationStore>().OrganizationAsync();
        Assert.Equal("林建国", org.DistrictHead.Name);
        Assert.Equal(17, org.Departments.Count);
        var calendar = await app.Get<OrganizationStore>().CalendarAsync();
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 1)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));
    }

    [Fact]
    public async Task LoadTwice_ChangesNothing_NotEvenAnETag()
    {
        await using var app = TestApp.Create();
        var first = await app.SeedAsync();
        var before = await SnapshotAsync(app);

        var second = await app.SeedAsync();

        Assert.Equal(new SeedResult(0, 0, first.Added), second);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Fact]
    public async Task Load_AfterARowWasChanged_RestoresOnlyThatRow()
    {
        await using var app = TestApp.Create();
        await app.SeedAsync();
        var table = await app.Storage.TableAsync(Tables.Calendar);
        var row = (await table.GetEntityAsync<TableEntity>("2026", "2026-10-01")).Value;
        row["Name"] = "改动";
        await table.UpdateEntityAsync(row, row.ETag);

        var again = await app.SeedAsync();

        Assert.Equal(1, again.Updated);
        Assert.Equal(0, again.Added);
        Assert.Equal("国庆节", (await table.GetEntityAsync<TableEntity>("2026", "2026-10-01")).Value.GetString("Name"));
    }

    [Fact]
    public async Task Store_WithoutSeeds_SaysTheOrganizationIsNotLoaded()
    {
        await using var app = TestApp.Create();
        await Assert.ThrowsAsync<OrganizationNotLoadedException>(() => app.Get<OrganizationStore>().OrganizationAsync());
    }

    private static async Task<List<string>> SnapshotAsync(TestApp app)
    {
        var rows = new List<string>();
        foreach (var name in new[] { Tables.Organization, Tables.Calendar })
        {
            var table = await app.Storage.TableAsync(name);
            await foreach (var r in table.QueryAsync<TableEntity>()) rows.Add($"{name}/{r.PartitionKey}/{r.RowKey}/{r.ETag}");
        }
        return rows;
    }
}
