using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using GovFunctions.Platform.Http;
using GovFunctions.Tests.Support;
using static GovFunctions.Tests.Support.Intakes;

namespace GovFunctions.Tests.App;

/// <summary>
/// The app's own fuzz test (issue 8): for every HTTP route of the build's functions.metadata, generated requests — wrong
/// types, unknown fields, invalid UTF-16, each charset, sizes at and past each limit in CJK, chunked bodies, undefined enum
/// values, far dates, ids Table Storage cannot hold — go to the real function class with the real services against Azurite.
/// No answer is a 5xx; every refusal is a 4xx problem (the approval link: a page) naming the field when the case targets
/// one; and a refused request leaves every table as it was. A fixed number of cases per route, from a seed per route.
/// </summary>
public class RouteFuzzTests : AppTest
{
    private const int CasesPerCategory = 2;
    private const int GetCases = 10;

    public static TheoryData<string> HttpRoutes => new(Routes.Http.Select(r => r.Name));

    /// <summary>What a case expects: refused (4xx) naming <see cref="Field"/> when set; or anything but a 5xx.</summary>
    private sealed record Case(string What, Dictionary<string, string> Values, byte[]? Body, string? ContentType, bool Chunked,
        bool MustRefuse, string? Field)
    {
        public override string ToString() => What;
    }

    [Fact]
    public void EveryPostRoute_HasItsBodyDescribed_SoNoneGoesUnfuzzed()
    {
        var posts = Routes.Http.Where(r => r.Method == "post").Select(r => r.Name).Order();
        Assert.Equal(posts, All.Select(i => i.Function).Order());
    }

    [Theory]
    [MemberData(nameof(HttpRoutes))]
    public async Task NoGeneratedRequest_Gets5xx_EachRefusalIs4xxNamingTheField_AndWritesNothing(string name)
    {
        var route = Routes.Named(name);
        var subject = Free(route).Count > 0 ? await SubjectAsync(route) : null;
        var intake = route.Method == "post" ? Of(name) : null;
        // A constrained route parameter ({action:regex(…)}) is matched by the host before the function runs: it keeps the
        // intake's value, or the constraint's first.
        var fixedValues = route.Parameters.Where(p => route.Choices(p) is not null)
            .ToDictionary(p => p, p => intake?.RouteValues?[p] ?? route.Choices(p)![0]);
        Assert.All(fixedValues, f => Assert.Contains(f.Value, route.Choices(f.Key)!));
        var cases = (intake is null ? GetCasesFor(route, subject) : PostCasesFor(route, intake, subject))
            .Select(c => c with { Values = c.Values.Concat(fixedValues).ToDictionary(v => v.Key, v => v.Value) }).ToList();
        var email = intake is null ? EmailOf(Office) : intake.CallerId.Length > 0 ? EmailOf(intake.CallerId) : null;
        var problems = new List<string>();
        var before = await TableSnapshot.TakeAsync(App);

        foreach (var c in cases)
        {
            var request = Routes.Request(route, c.Values, email, c.Body, c.ContentType, c.Chunked);
            var answer = await Routes.CallAsync(App.Services, route, request, c.Values);
            var after = await TableSnapshot.TakeAsync(App);
            var changes = TableSnapshot.Changes(before, after);
            var verdict = Judge(route, c, answer, answer.Status == 422 ? changes.Where(w => !RecordedRefusal(route, w)).ToList() : changes);
            if (verdict is not null) problems.Add($"{c}: {verdict} — answer {answer}");
            before = after;
        }

        Assert.True(problems.Count == 0, $"{route}: {problems.Count} of {cases.Count} cases failed:\n" + string.Join("\n", problems));
    }

    /// <summary>
    /// A refusal the rules say to record: scheduling a decision with a gate open is refused (422) and flagged for
    /// accountability on the decision's record (Art. 19), so that refusal writes the flag and the decision's history; a
    /// coordination body's forbidden act (Art. 25) is kept in the body's history before it is refused.
    /// </summary>
    private static bool RecordedRefusal(Routes.Route route, string change) =>
        route.Name == "ScheduleDecision" && (change.StartsWith("written Accountability|") || change.StartsWith("written Decisions|"))
        || route.Name == "RecordCoordinationBodyAct" && change.StartsWith("written CoordinationBodies|");

    private static string? Judge(Routes.Route route, Case c, Routes.Answer answer, IReadOnlyList<string> changes)
    {
        if (answer.Unexpected is not null || answer.Status >= 500) return "a 5xx";
        if (answer.Status < 400) return c.MustRefuse ? "accepted a request it must refuse" : null;
        if (changes.Count > 0) return "a refused request wrote: " + string.Join(", ", changes.Take(5));
        if (route.Template.StartsWith("approvals/", StringComparison.Ordinal)
            || route.Template.StartsWith("supervision/links/", StringComparison.Ordinal))
            return answer.IsHtml ? null : "an email link answered something other than its page";
        if (!answer.IsProblem) return "a refusal that is not application/problem+json";
        if (answer.Status == 400 && answer.ErrorFields.Count == 0) return "a 400 naming no field";
        if (c.Field is not null && !(answer.Status == 400 && answer.ErrorFields.Contains(c.Field))) return $"not a 400 naming {c.Field}";
        return null;
    }

    // ---- the record a route under {id} or {token} acts on ------------------------------------------------------------------

    private async Task<string> SubjectAsync(Routes.Route route)
    {
        // No route creates what ProposeAccountability acts on: there only refusals are tried.
        if (All.FirstOrDefault(i => i.Function == route.Name) is { Subject: "none" }) return "zz-does-not-exist";
        if (route.Template.StartsWith("approvals/", StringComparison.Ordinal))
        {
            var leave = await SubmitLeaveAsync(Applicant);
            await Pump.RunAsync();
            return await TokenForAsync(leave, "lin-jianguo");
        }
        if (route.Template.StartsWith("supervision/links/", StringComparison.Ordinal)) return await ProgressLinkAsync();
        var create = Creating.Single(i => route.Template.StartsWith(Routes.Named(i.Function).Template + "/", StringComparison.Ordinal));
        var createRoute = Routes.Named(create.Function);
        var none = new Dictionary<string, string>();
        var answer = await Routes.CallAsync(App.Services, createRoute, Routes.Request(createRoute, none, EmailOf(create.CallerId),
            Routes.JsonBytes(create.Valid(App.Clock.GetUtcNow())), "application/json"), none);
        Assert.True(answer.Status == 201, answer.ToString());
        await Pump.RunAsync();
        return answer.Json!.Value.GetProperty("id").GetString()!;
    }

    /// <summary>The owner's progress link of an item signed for, as the assignment mail carries it.</summary>
    private async Task<string> ProgressLinkAsync()
    {
        var supervision = App.Get<GovFunctions.Supervision.SupervisionService>();
        var org = await App.Get<GovFunctions.Organization.OrganizationStore>().OrganizationAsync();
        var item = await supervision.RegisterAsync(org.Person(OfficeClerk), new GovFunctions.Supervision.SupervisionIntake("推进义务教育学校扩容",
            GovFunctions.Supervision.SupervisionSource.Deployment, null, "education", [], new DateOnly(2026, 12, 31), null, null, null));
        await supervision.ActAsync(org.Person("wu-jianping"), item.Id, "acknowledge", new(null, null, false, null, null, null));
        await Pump.RunAsync();
        var stored = await supervision.GetAsync(item.Id);
        return App.Get<GovFunctions.Supervision.SupervisionLinkIssuer>().TokenFor(stored.Value,
            stored.Value.OpenLink(GovFunctions.Supervision.LinkAction.Progress, "education")!);
    }

    // ---- generators ----------------------------------------------------------------------------------------------------------

    private static readonly string[] BadIds = ["a#b", "a?b", "a\\b", "\n", "\u0085", new string('a', 600), "a%23b", "a|b",
        "zz-does-not-exist"];
    private static readonly string[] OtherCharsets =
        ["utf-7", "utf-16", "utf-32", "iso-8859-1", "gb2312", "gbk", "big5", "x-no-such", "utf-16le"];
    private static readonly string[] FarTimes = ["9999-12-31T23:59:59+08:00", "0001-01-01T00:00:00Z", "2101-01-01T00:00:00+08:00",
        "1999-12-31T23:59:59Z", "9999-12-31T23:59"];
    private static readonly string[] FarDates = ["9999-12-31", "0001-01-01", "2101-01-01", "1999-12-31", "2026-02-30"];
    private const string Cjk = "青禾区人民政府办公室关于加强政务值班工作的通知";

    private static string CjkText(int length) => string.Concat(Enumerable.Repeat(Cjk, length / Cjk.Length + 1))[..length];

    private static string Q(string s) => JsonSerializer.Serialize(s);

    /// <summary>The JSON text of a body whose fields are given as raw JSON (so a value may be what no serializer writes).</summary>
    private static byte[] RawJson(IEnumerable<KeyValuePair<string, string>> fields) =>
        Encoding.UTF8.GetBytes("{" + string.Join(",", fields.Select(f => $"{f.Key}:{f.Value}")) + "}");

    private static Dictionary<string, string> RawFields(JsonObject body) => body.ToDictionary(kv => Q(kv.Key), kv
        => kv.Value?.ToJsonString() ?? "null");

    private static List<Case> GetCasesFor(Routes.Route route, string? subject)
    {
        var values = Free(route);
        var queries = new[] { "date=9999-12-31", "month=9999-12", "month=abc", "year=99999999999", "departmentId=a%23b", "date=%00",
            "format=%C2%85" };
        var gen =
            from bad in Gen.Elements(BadIds)
            from useBad in Gen.Elements(true, false)
            from query in Gen.Elements(queries)
            select (bad, useBad, query);
        return gen.Sample(10, Seed(route), GetCases).Select(x =>
        {
            var routeValues = values.ToDictionary(p => p, _ => x.useBad || subject is null ? x.bad : subject);
            return new Case($"GET {string.Join(",", routeValues.Values.Select(Show))}?{x.query}", routeValues, null, null, false,
                MustRefuse: x.useBad && values.Count > 0 && x.bad != subject, Field: null);
        }).ToList();
    }

    private List<Case> PostCasesFor(Routes.Route route, Intake intake, string? subject)
    {
        var now = App.Clock.GetUtcNow();
        var isLink = intake.Subject == "approval";
        var seed = Seed(route);
        var values = Free(route).ToDictionary(p => p, _ => subject!);
        var cases = new List<Case>();
        void Add(Gen<Case> gen) => cases.AddRange(gen.Sample(10, seed, CasesPerCategory));
        var valid = intake.Valid(now);
        // A JSON-level refusal is named in the problem's errors; the link answers its page, and on a route under a record the
        // record's state may refuse first (409, 422) — there the case must still be refused, without a field to name.
        string? Named(string field) => isLink ? null : field;
        bool strict = intake.Creates;
        var texts = intake.Fields.Where(f => f.Kind == Kind.Text).ToArray();
        var fields = intake.Fields.Length > 0 ? intake.Fields : [new Field("zz", Kind.Text, 10)];

        Case Json(string what, Dictionary<string, string> raw, bool refuse, string? field, bool chunked = false,
            string? type = "application/json") =>
            new(what, values, RawJson(raw), type, chunked, refuse, field);

        // wrong types
        Add(from f in Gen.Elements(fields)
            from v in Gen.Elements(WrongTypes(f.Kind))
            from chunked in Gen.Elements(true, false)
            select Json($"{f.Name}={v}", With(valid, f.Name, v), !isLink && intake.Fields.Length > 0, intake.Fields.Length > 0
                ? Named(f.Name) : null, chunked));
        // unknown fields, one of them possibly not valid UTF-16
        Add(from n in Gen.Choose(1, 3)
            from lone in Gen.Elements(true, false)
            select Json($"{n} unknown fields, lone surrogate {lone}", Enumerable.Range(0, n).Aggregate(With(valid, "zz0", lone
                ? "\"\\udc00\"" : "1"),
                (raw, i) => { raw[Q($"unknown{i}")] = Q(CjkText(i + 1)); return raw; }), lone && !isLink, lone ? Named("zz0") : null));
        // invalid UTF-16 in a field the route reads
        if (texts.Length > 0)
            Add(from f in Gen.Elements(texts)
                from escape in Gen.Elements("\\ud800", "\\udfff", "\\udc00\\ud800", "a\\ud83d")
                select Json($"{f.Name} with {escape}", With(valid, f.Name, $"\"前{escape}后\""), !isLink, Named(f.Name)));
        // each charset
        Add(from charset in Gen.Elements(OtherCharsets)
            from form in Gen.Elements(true, false)
            select new Case($"charset={charset} form={form}", values, form ? Routes.FormBytes(valid) : Routes.JsonBytes(valid),
                (form ? "application/x-www-form-urlencoded" : "application/json") + "; charset=" + charset, false, true,
                    Named("Content-Type")));
        // sizes past each limit and at it, in CJK; as JSON or as a form
        if (texts.Length > 0)
        {
            Add(from f in Gen.Elements(texts)
                from form in Gen.Elements(true, false)
                let body = WithText(valid, f.Name, CjkText(f.Max + 1))
                select new Case($"{f.Name} of {f.Max + 1} CJK form={form}", values, form ? Routes.FormBytes(body) : Routes.JsonBytes(body),
                    form ? "application/x-www-form-urlencoded" : "application/json", form, true, strict ? f.Name : null));
            Add(from f in Gen.Elements(texts)
                select new Case($"{f.Name} of {f.Max} CJK", values, Routes.JsonBytes(WithText(valid, f.Name, CjkText(f.Max))),
                    "application/json", false, false, null));
        }
        // a body past the byte limit, chunked or declared
        Add(from chunked in Gen.Elements(true, false)
            from extra in Gen.Choose(1, 4096)
            select new Case($"{RequestBody.MaxBytes + extra} bytes chunked={chunked}", values,
                Routes.JsonBytes(WithText(valid, "pad", new string('x', RequestBody.MaxBytes + extra))), "application/json", chunked, true,
                    Named("body")));
        // undefined enum values
        foreach (var f in intake.Fields.Where(f => f.Kind == Kind.Choice))
            Add(from v in Gen.Elements("7", "\"7\"", "\"99\"", "-1", $"\"{string.Join(", ", f.Choices!.Take(2))}\"",
                $"\"{f.Choices![0].ToUpperInvariant()}\"", "\"\"", "\"none\"")
                from form in Gen.Elements(true, false)
                let raw = With(valid, f.Name, v)
                select form ? new Case($"{f.Name}={v} (form)", values, Routes.FormBytes(FromRaw(raw)), "application/x-www-form-urlencoded",
                    false, true, Named(f.Name))
                    : Json($"{f.Name}={v}", raw, true, Named(f.Name)));
        // far dates
        foreach (var f in intake.Fields.Where(f => f.Kind is Kind.Time or Kind.Date))
            Add(from v in Gen.Elements(f.Kind == Kind.Time ? FarTimes : FarDates)
                select Json($"{f.Name}={v}", With(valid, f.Name, Q(v)), true, Named(f.Name)));
        // ids Table Storage cannot hold, in the body and in the route
        foreach (var f in intake.Fields.Where(f => f.Kind is Kind.Id or Kind.Ids))
            Add(from id in Gen.Elements([.. BadIds, "\u0000"])
                select Json($"{f.Name}={Show(id)}", With(valid, f.Name, f.Kind == Kind.Ids ? $"[{Q(id)}]" : Q(id)), true, null));
        if (values.Count > 0)
            Add(from id in Gen.Elements(BadIds.Where(b => b != subject).ToArray())
                select new Case($"route {Show(id)}", values.ToDictionary(v => v.Key, _ => id), Routes.JsonBytes(valid), "application/json",
                    false, true, null));
        // A route that reads no body (submit, publish, withdraw …) may ignore whatever body comes; its route values still count.
        return intake.Fields.Length > 0 ? cases
            : cases.Select(c => c.What.StartsWith("route ", StringComparison.Ordinal) ? c : c with
            {
                MustRefuse = false,
                Field = null
            }).ToList();
    }

    /// <summary>The route parameters any value reaches the function with (not those the host constrains).</summary>
    private static IReadOnlyList<string> Free(Routes.Route route) => route.Parameters.Where(p => route.Choices(p) is null).ToList();

    private static string[] WrongTypes(Kind kind) => kind switch
    {
        Kind.Text or Kind.Id => ["123", "true", "[\"a\"]", "{\"a\":1}", "1.5e308"],
        Kind.Ids => ["5", "[1,2]", "{\"a\":\"b\"}", "[[\"a\"]]"],
        Kind.Flag => ["\"perhaps\"", "3", "[]", "{}"],
        Kind.Count => ["\"many\"", "1.5", "[]", "99999999999", "true"],
        Kind.Time or Kind.Date => ["5", "\"next tuesday\"", "[]", "true"],
        _ => ["7", "true", "[]", "{}", "\"7\""],
    };

    private static Dictionary<string, string> With(JsonObject valid, string field, string raw)
    {
        var fields = RawFields(valid);
        fields[Q(field)] = raw;
        return fields;
    }

    private static JsonObject WithText(JsonObject valid, string field, string text)
    {
        var body = valid.DeepClone().AsObject();
        body[field] = text;
        return body;
    }

    private static JsonObject FromRaw(Dictionary<string, string> raw) => JsonNode.Parse(Encoding.UTF8.GetString(RawJson(raw)))!.AsObject();

    private static string Show(string s) => s.Length > 20 ? $"{s[..5]}…({s.Length})" : JsonSerializer.Serialize(s);

    private static Rnd Seed(Routes.Route route) =>
        new((ulong)route.Name.Aggregate(17L, (h, ch) => h * 31 + ch), 0x9E3779B97F4A7C15UL);
}
