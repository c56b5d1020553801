using System.Text.Json.Nodes;
using Azure.Data.Tables;
using GovFunctions.Hotline;
using GovFunctions.Platform.Http;
using GovFunctions.Platform.Storage;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Tests.Platform;

/// <summary>
/// Issue 8, item 9 (API.md, "Intake idempotency"): a repeat of a create with the same key by the same caller within 24 h
/// answers the first result and writes nothing; a double-submitted form gives one record.
/// </summary>
public class IdempotencyTests : AppTest
{
    public static TheoryData<string> CreateRoutes => new(Intakes.Creating.Select(i => i.Function));

    private Task<Routes.Answer> PostAsync(string function, JsonObject body, string? key, string? caller = null, bool form = false)
    {
        var route = Routes.Named(function);
        var values = new Dictionary<string, string>();
        if (form && key is not null) body[RequestBody.IdempotencyKeyField] = key;
        var request = Routes.Request(route, values, EmailOf(caller ?? Intakes.Of(function).CallerId),
            form ? Routes.FormBytes(body) : Routes.JsonBytes(body), form ? "application/x-www-form-urlencoded" : "application/json",
            idempotencyKey: form ? null : key);
        return Routes.CallAsync(App.Services, route, request, values);
    }

    private JsonObject Valid(string function) => Intakes.Of(function).Valid(App.Clock.GetUtcNow());

    private async Task<int> CallRecordsAsync()
    {
        var table = await App.Storage.TableAsync(Tables.HotlineCalls);
        return table.Query<TableEntity>().Count(r => r.RowKey.EndsWith("|record"));
    }

    [Theory]
    [MemberData(nameof(CreateRoutes))]
    public async Task ARepeatWithTheSameKey_AnswersTheFirstResult_AndWritesNothing(string function)
    {
        var first = await PostAsync(function, Valid(function), "k-1");
        Assert.Equal(201, first.Status);
        var before = await TableSnapshot.TakeAsync(App);

        var repeat = await PostAsync(function, Valid(function), "k-1");

        Assert.Equal(first.Status, repeat.Status);
        Assert.Equal(first.Body, repeat.Body);
        Assert.Empty(TableSnapshot.Changes(before, await TableSnapshot.TakeAsync(App)));
        Assert.NotEqual(first.Body, (await PostAsync(function, Valid(function), "k-2")).Body); // another key: processed again
    }

    [Fact]
    public async Task TheReplay_CarriesTheFirstLocation()
    {
        var route = Routes.Named("RecordCall");
        var none = new Dictionary<string, string>();
        var first = (CreatedResult)await Function<HotlineFunctions>().RecordCall(Routes.Request(route, none,
            EmailOf(Intakes.Operator), Routes.JsonBytes(Valid("RecordCall")), "application/json", idempotencyKey: "loc"));
        var request = Routes.Request(route, none, EmailOf(Intakes.Operator), Routes.JsonBytes(Valid("RecordCall")), "application/json",
            idempotencyKey: "loc");
        var repeat = await Function<HotlineFunctions>().RecordCall(request);
        Assert.Equal(201, Http.StatusOf(repeat));
        Assert.Equal(first.Location, request.HttpContext.Response.Headers.Location.ToString());
        Assert.Equal(1, await CallRecordsAsync());
    }

    [Fact]
    public async Task ADoubleSubmittedHotlineForm_RecordsOneCall_AndBothAnswersNameIt()
    {
        var body = Valid("RecordCall");
        var answers = await Task.WhenAll(
            Task.Run(() => PostAsync("RecordCall", body.DeepClone().AsObject(), "page-load-7f3a", form: true)),
            Task.Run(() => PostAsync("RecordCall", body.DeepClone().AsObject(), "page-load-7f3a", form: true)));

        Assert.All(answers, a => Assert.Equal(201, a.Status));
        Assert.Equal(answers[0].Json!.Value.GetProperty("id").GetString(), answers[1].Json!.Value.GetProperty("id").GetString());
        Assert.Equal(1, await CallRecordsAsync());
    }

    [Fact]
    public async Task ManyIdenticalRequestsAtOnce_CreateOneRecord()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(_ => Task.Run(() => PostAsync("RecordCall", Valid("RecordCall"), "burst"))));
        Assert.All(answers, a => Assert.Equal(201, a.Status));
        Assert.Single(answers.Select(a => a.Json!.Value.GetProperty("id").GetString()).Distinct());
        Assert.Equal(1, await CallRecordsAsync());
    }

    [Fact]
    public async Task WithoutAKey_EachPostCreates()
    {
        await PostAsync("RecordCall", Valid("RecordCall"), null);
        await PostAsync("RecordCall", Valid("RecordCall"), null, form: true);
        Assert.Equal(2, await CallRecordsAsync());
    }

    [Fact]
    public async Task TheSameKeyWithADifferentBody_Is409NamingTheKey_AndWritesNothing()
    {
        await PostAsync("RecordCall", Valid("RecordCall"), "k");
        var before = await TableSnapshot.TakeAsync(App);
        var other = Valid("RecordCall");
        other["content"] = "另一个问题：小区门口积水。";

        var answer = await PostAsync("RecordCall", other, "k");

        Assert.Equal(409, answer.Status);
        Assert.True(answer.IsProblem);
        Assert.Contains(IdempotentIntake.Header, answer.ErrorFields);
        Assert.Empty(TableSnapshot.Changes(before, await TableSnapshot.TakeAsync(App)));
    }

    [Fact]
    public async Task ARefusedRequest_IsNotRemembered_SoTheCorrectedRetryWithTheKeyIsProcessed()
    {
        var wrong = Valid("RecordCall");
        wrong["callerPhone"] = "abc";
        Assert.Equal(400, (await PostAsync("RecordCall", wrong, "retry", form: true)).Status);
        Assert.Equal(400, (await PostAsync("RecordCall", wrong, "retry", form: true)).Status); // still refused, not replayed

        var corrected = await PostAsync("RecordCall", Valid("RecordCall"), "retry", form: true);
        Assert.Equal(201, corrected.Status);
        Assert.Equal(corrected.Body, (await PostAsync("RecordCall", Valid("RecordCall"), "retry", form: true)).Body);
        Assert.Equal(1, await CallRecordsAsync());
    }

    [Fact]
    public async Task KeysArePerCaller()
    {
        var mine = await PostAsync("RecordCall", Valid("RecordCall"), "shared");
        var theirs = await PostAsync("RecordCall", Valid("RecordCall"), "shared", caller: "deng-jia");
        Assert.NotEqual(mine.Json!.Value.GetProperty("id").GetString(), theirs.Json!.Value.GetProperty("id").GetString());
        Assert.Equal(2, await CallRecordsAsync());
    }

    [Fact]
    public async Task After24Hours_TheKeyIsForgotten()
    {
        var first = await PostAsync("CreateNormativeDocument", Valid("CreateNormativeDocument"), "day");
        App.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(first.Body, (await PostAsync("CreateNormativeDocument", Valid("CreateNormativeDocument"), "day")).Body);
        App.Clock.Advance(TimeSpan.FromHours(1));
        var later = await PostAsync("CreateNormativeDocument", Valid("CreateNormativeDocument"), "day");
        Assert.Equal(201, later.Status);
        Assert.NotEqual(first.Json!.Value.GetProperty("id").GetString(), later.Json!.Value.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    public async Task AMalformedKey_Is400NamingTheHeader(string kind)
    {
        var key = kind == "" ? "" : new string('k', IdempotentIntake.MaxKeyLength + 1);
        var answer = await PostAsync("RecordCall", Valid("RecordCall"), key);
        Assert.Equal(400, answer.Status);
        Assert.Contains(IdempotentIntake.Header, answer.ErrorFields);
        Assert.Equal(0, await CallRecordsAsync());
    }
}
