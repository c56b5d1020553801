using GovFunctions.Hotline;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.Hotline;

/// <summary>
/// The open-calls index a new call is compared with (第三十七条, the same issue): looked up by category and place, the place
/// compared without its whitespace, in this process as it changes and in another that loads it from the table.
/// </summary>
public class HotlineOpenCallsTests : AppTest
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    private HotlineCall Open(string id, CallCategory category, string? location, int hoursAgo = 1)
    {
        var at = App.Clock.GetUtcNow().AddHours(-hoursAgo);
        return new HotlineCall($"20261125-03-{id}", "", "", at, category, "青禾路路灯不亮", location, "cao-xiaowen", Disposition.Assign,
            null, CallStatus.Assigned);
    }

    private static async Task<List<string>> IdsAsync(HotlineOpenCalls open, CallCategory category, string? location, DateTimeOffset at) =>
        [.. (await open.CandidatesAsync(category, location, at, Window, CancellationToken.None)).Select(c => c.Id[^8..])];

    [Fact]
    public async Task Candidates_AreTheCallsOfTheCategoryAndPlace_WhateverTheSpacing_HereAndInAnotherProcess()
    {
        var open = App.Get<HotlineOpenCalls>();
        var now = App.Clock.GetUtcNow();
        await open.CandidatesAsync(CallCategory.Complaint, "x", now, Window, CancellationToken.None); // loaded: changes go to the cache
        foreach (var call in new[]
        {
            Open("aaaaaaaa", CallCategory.Complaint, "青禾路 与民生街交叉口", hoursAgo: 3),
            Open("bbbbbbbb", CallCategory.Complaint, "青禾路与民生街交叉口", hoursAgo: 2),
            Open("cccccccc", CallCategory.Request, "青禾路与民生街交叉口"),
            Open("dddddddd", CallCategory.Complaint, "东湖小区北门"),
            Open("eeeeeeee", CallCategory.Complaint, "青禾路与民生街交叉口", hoursAgo: 24 * 8), // outside the window
        })
            await open.AddAsync(call, CancellationToken.None);

        Assert.Equal(["aaaaaaaa", "bbbbbbbb"], await IdsAsync(open, CallCategory.Complaint, " 青禾路与民生街 交叉口", now));
        Assert.Equal(["cccccccc"], await IdsAsync(open, CallCategory.Request, "青禾路与民生街交叉口", now));
        Assert.Empty(await IdsAsync(open, CallCategory.Suggestion, "青禾路与民生街交叉口", now));
        Assert.Empty(await IdsAsync(open, CallCategory.Complaint, "青禾路", now));
        Assert.Empty(await IdsAsync(open, CallCategory.Complaint, null, now));

        var another = new HotlineOpenCalls(App.Storage, App.Clock); // another process: loads the index from the table
        Assert.Equal(["aaaaaaaa", "bbbbbbbb"], await IdsAsync(another, CallCategory.Complaint, "青禾路与民生街交叉口", now));
        Assert.Equal(["dddddddd"], await IdsAsync(another, CallCategory.Complaint, "东湖小区 北门", now));
    }

    [Fact]
    public async Task ACallClosedOrMoved_LeavesItsPlace()
    {
        var open = App.Get<HotlineOpenCalls>();
        var now = App.Clock.GetUtcNow();
        await open.CandidatesAsync(CallCategory.Complaint, "x", now, Window, CancellationToken.None);
        var first = Open("aaaaaaaa", CallCategory.Complaint, "青禾路与民生街交叉口");
        var second = Open("bbbbbbbb", CallCategory.Complaint, "青禾路与民生街交叉口");
        await open.AddAsync(first, CancellationToken.None);
        await open.AddAsync(second, CancellationToken.None);

        await open.RemoveAsync(first, CancellationToken.None);
        await open.AddAsync(second with { Location = "东湖小区北门" }, CancellationToken.None); // the same call, indexed again

        Assert.Empty(await IdsAsync(open, CallCategory.Complaint, "青禾路与民生街交叉口", now));
        Assert.Equal(["bbbbbbbb"], await IdsAsync(open, CallCategory.Complaint, "东湖小区北门", now));
        Assert.Equal(["bbbbbbbb"], (await open.AllAsync(CancellationToken.None)).Select(c => c.Id[^8..]));
    }
}
