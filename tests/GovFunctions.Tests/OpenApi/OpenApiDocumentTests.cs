using System.Reflection;
using System.Text.Json;
using GovFunctions.Common;
using GovFunctions.Duty;
using GovFunctions.OpenApi;
using GovFunctions.Platform;
using GovFunctions.Platform.Http;
using GovFunctions.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace GovFunctions.Tests.OpenApi;

/// <summary>
/// <c>GET /api/openapi.json</c> (issue 12): the served document read back with Microsoft.OpenApi's own reader, held against the
/// build's functions.metadata, the answers the app really writes (the captured views of Views/Golden) and the problem details
/// it writes; and made the same whatever the order of the functions.
/// </summary>
public class OpenApiDocumentTests
{
    private static readonly Lazy<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic, string Text)> Served = new(() =>
    {
        var request = Support.Http.Request("GET", "openapi.json");
        var page = (ContentResult)new OpenApiFunctions().OpenApi(request).GetAwaiter().GetResult();
        Assert.StartsWith("application/json", page.ContentType);
        var (document, diagnostic) = OpenApiDocument.Parse(page.Content!, "json");
        return (document!, diagnostic!, page.Content!);
    });

    private static OpenApiDocument Document => Served.Value.Document;

    private static IEnumerable<(string Path, string Method, OpenApiOperation Operation)> Operations =>
        Document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (p.Key, o.Key.Method.ToLowerInvariant(), o.Value)));

    private static OpenApiOperation Operation(string id) => Assert.Single(Operations, o => o.Operation.OperationId == id).Operation;

    [Fact]
    public void TheServedDocument_ReadsBackWithMicrosoftOpenApi_WithoutErrorsOrWarnings_AndValidates()
    {
        var (document, diagnostic, _) = Served.Value;
        Assert.Empty(diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Equal("/api", Assert.Single(document.Servers!).Url);
    }

    [Fact]
    public void EveryHttpFunctionOfFunctionsMetadata_IsInTheDocument_WithItsMethods_AndNothingElseIs()
    {
        var built = FunctionsMetadata.Functions.SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
                .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m =>
                    $"{m.GetString()} {ApiDocument.PathOf(b.GetProperty("route").GetString()!)} {f.GetProperty("name").GetString()}")))
            .Order(StringComparer.Ordinal).ToList();
        var documented = Operations.Select(o => $"{o.Method} {o.Path} {o.Operation.OperationId}").Order(StringComparer.Ordinal).ToList();
        Assert.True(built.Count >= 60, "functions.metadata lists too few HTTP functions");
        Assert.Equal(built, documented);
    }

    [Fact]
    public void EveryHttpFunction_IsDescribed_InChineseAndEnglish()
    {
        var undescribed = ApiDocument.HttpFunctions(typeof(ApiDocument).Assembly)
            .Where(f => f.Method.GetCustomAttribute<DescribeAttribute>() is null || !f.Method.IsDefined(typeof(AnswersAttribute)))
            .Select(f => f.Name).ToList();
        Assert.True(undescribed.Count == 0, "HTTP functions without [Describe] and [Answers]: " + string.Join(", ", undescribed));
        Assert.All(Operations, o =>
        {
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", o.Operation.Summary);
            Assert.Matches("^[A-Z][ -~]+$", o.Operation.Description);
        });
    }

    /// <summary>What a helper adding a function without its description meets: the document refuses to build, naming it.</summary>
    [Fact]
    public void AFunctionWithoutADescription_StopsTheDocument_NamingTheFunction()
    {
        var functions = ApiDocument.HttpFunctions(typeof(ApiDocument).Assembly)
            .Append(new ApiDocument.HttpFunction("NewFeatureList", "new-feature", ["get"],
                typeof(Undescribed).GetMethod(nameof(Undescribed.List))!));
        var refusal = Assert.Throws<InvalidOperationException>(() => ApiDocument.Build(functions));
        Assert.Contains("NewFeatureList (Undescribed)", refusal.Message);
        Assert.DoesNotContain("RecordDutyLog", refusal.Message);
    }

    [Fact]
    public void TheDocument_IsTheSame_WhateverTheOrderOfTheFunctions()
    {
        var functions = ApiDocument.HttpFunctions(typeof(ApiDocument).Assembly);
        var once = ApiDocument.Write(ApiDocument.Build(functions));
        Assert.Equal(Served.Value.Text, once);
        for (var seed = 1; seed <= 12; seed++)
        {
            var shuffled = functions.OrderBy(_ => 0).ToArray();
            new Random(seed).Shuffle(shuffled);
            Assert.Equal(once, ApiDocument.Write(ApiDocument.Build(shuffled)));
        }
    }

    /// <summary>The golden answers (Views/Golden) are what the functions really wrote; each conforms to its operation's schema.</summary>
    [Theory]
    [InlineData("duty-recorded", "RecordDutyLog", 201)]
    [InlineData("duty-instructed", "GetDutyLog", 200)]
    [InlineData("duty-carried-out", "DutyLogCarriedOut", 200)]
    [InlineData("leave-submitted", "SubmitLeave", 201)]
    [InlineData("leave-one-approved", "GetLeave", 200)]
    [InlineData("leave-returned", "ReturnFromLeave", 200)]
    [InlineData("leave-withdrawn", "WithdrawLeave", 200)]
    [InlineData("leave-away", "WhoIsAway", 200)]
    [InlineData("hotline-recorded", "RecordCall", 201)]
    [InlineData("hotline-replied", "GetCall", 200)]
    [InlineData("hotline-for-callback", "GetCallForCallback", 200)]
    [InlineData("hotline-closed", "CallBack", 200)]
    [InlineData("hotline-figures", "HotlineFigures", 200)]
    [InlineData("hotline-figures-all", "HotlineFigures", 200)]
    [InlineData("decision-created", "CreateDecision", 201)]
    [InlineData("decision-submitted", "SubmitDecision", 200)]
    [InlineData("decision-ready", "RecordHearing", 200)]
    [InlineData("decision-adopted", "RecordDecisionOutcome", 200)]
    [InlineData("decision-get", "GetDecision", 200)]
    [InlineData("public-decisions", "PublicDecisions", 200)]
    [InlineData("document-created", "CreateNormativeDocument", 201)]
    [InlineData("document-submitted", "SubmitNormativeDocument", 200)]
    [InlineData("document-published", "PublishNormativeDocument", 200)]
    [InlineData("document-get", "GetNormativeDocument", 200)]
    [InlineData("reconsideration-accepted", "AcceptReconsideration", 201)]
    [InlineData("reconsideration-extension", "ExtendReconsideration", 200)]
    [InlineData("reconsideration-proposed", "ProposeReconsiderationDecision", 200)]
    [InlineData("reconsideration-get", "GetReconsideration", 200)]
    [InlineData("health", "Health", 200)]
    [InlineData("records-verify", "VerifyRecord", 200)]
    [InlineData("scorecards-month", "Scorecards", 200)]
    [InlineData("scorecards-year", "Scorecards", 200)]
    [InlineData("supervision-registered", "RegisterSupervisedItem", 201)]
    [InlineData("supervision-progress", "ActOnSupervisedItem", 200)]
    [InlineData("supervision-list", "ListSupervisedItems", 200)]
    [InlineData("supervision-get", "GetSupervisedItem", 200)]
    [InlineData("accountability-month", "AccountabilityMonth", 200)]
    [InlineData("accountability-proposed", "ProposeAccountability", 200)]
    public void AnAnswerTheAppWrote_ConformsToItsSchema_NameForName(string golden, string operation, int status)
    {
        var path = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "GovFunctions.Tests", "Views", "Golden", golden + ".json");
        var answer = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        var schema = Operation(operation).Responses![status.ToString()].Content!["application/json"].Schema!;
        var problems = new List<string>();
        SchemaCheck.Conforms(answer, schema, "$", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void AViewSchema_HasTheCamelCaseNamesTheSerializerWrites_ItsEnumsByName_AndItsNullablesOptional()
    {
        var created = Document.Components!.Schemas!["DutyLogCreatedView"];
        var written = JsonSerializer.SerializeToElement(new DutyLogCreatedView("20261130-abcd", "awaitingInstruction", "待带班领导批示",
            "lin-jianguo"),
            Json.Options);
        Assert.Equal(written.EnumerateObject().Select(p => p.Name), created.Properties!.Keys);
        Assert.Equal(["id", "leaderOnDutyId", "status", "statusName"], created.Required!.Order(StringComparer.Ordinal));

        var log = Document.Components.Schemas["DutyLogView"];
        Assert.Equal(["notice", "report", "other"], log.Properties!["kind"].Enum!.Select(v => v!.GetValue<string>()));
        Assert.Equal("date-time", log.Properties["receivedAt"].Format);
        Assert.DoesNotContain("instruction", log.Required!);
        Assert.True(log.Properties["instruction"].Type!.Value.HasFlag(JsonSchemaType.Null));
        Assert.Equal(JsonSchemaType.Array, log.Properties["history"].Type);
        Assert.Equal("HistoryEntryView", Assert.IsType<OpenApiSchemaReference>(log.Properties["history"].Items).Reference.Id);
    }

    [Fact]
    public void TheDutyLogIntake_IsTheBody_AsJsonOrAFormPost()
    {
        var body = Operation("RecordDutyLog").RequestBody!;
        Assert.True(body.Required);
        Assert.Equal(["application/json", "application/x-www-form-urlencoded"], body.Content!.Keys.Order(StringComparer.Ordinal));
        var intake = body.Content["application/json"].Schema!;
        Assert.Equal(["kind", "source", "content", "receivedAt"], intake.Properties!.Keys);
        Assert.Contains(Operation("RecordDutyLog").Parameters!, p => p.Name == IdempotentIntake.Header && p.In == ParameterLocation.Header);
        var proposals = Operation("ProposeAccountability").RequestBody!.Content!["application/json"].Schema!;
        Assert.Equal("Accountability.ProposalIntake", Assert.IsType<OpenApiSchemaReference>(proposals).Reference.Id);
        Assert.Equal(["proposal", "reason"], proposals.Properties!.Keys); // not the other ProposalIntake (Legal), of one field
    }

    [Fact]
    public void Refusals_AreProblemDetails_AndTheSchemaHoldsEveryMemberTheAppWrites()
    {
        var responses = Operation("RecordDutyLog").Responses!;
        Assert.Equal(["201", "400", "401", "403", "409"], responses.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["200", "400", "401", "403", "404", "409", "422"], Operation("ScheduleDecision").Responses!.Keys
            .Order(StringComparer.Ordinal));
        var problem = Assert.Single(responses["400"].Content!);
        Assert.Equal(Problems.ContentType, problem.Key);

        var written = new Exception[]
        {
            ValidationException.For("source", "来文单位必填", "source is required"),
            new RuleViolationException("第十五条", "quorum", "未达到法定人数") { Gates = [new OpenGate("quorum", "第十五条", "x")] },
            new StateConflictException("已处理") { Field = "Idempotency-Key" },
            new AccessDeniedException("无权"),
        }.Select(e => JsonSerializer.SerializeToElement<object>(
            Problems.From(e, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, "/api/duty/logs"), Json.Options));
        var problems = new List<string>();
        foreach (var answer in written) SchemaCheck.Conforms(answer, problem.Value.Schema!, "$", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Superset(new HashSet<string> { "type", "title", "status", "detail", "instance", "errors", "zh", "article", "gate", "gates" },
            problem.Value.Schema!.Properties!.Keys.ToHashSet());
    }

    [Fact]
    public void StaffRoutes_NameTheEasyAuthHeaders_AndTheAnonymousRoutesNone()
    {
        var schemes = Document.Components!.SecuritySchemes!;
        Assert.Equal([StaffIdentity.PrincipalHeader, StaffIdentity.PrincipalNameHeader], schemes.Values.Select(s => s.Name).Order());
        Assert.All(schemes.Values, s => Assert.Equal((SecuritySchemeType.ApiKey, ParameterLocation.Header), (s.Type!.Value, s.In!.Value)));
        string[] anonymous =
            ["Health", "ShowApproval", "DecideApproval", "ShowSupervisionLink", "AnswerSupervisionLink", "PublicDecisions", "OpenApi"];
        foreach (var (_, _, o) in Operations)
        {
            var names = (o.Security ?? []).SelectMany(r => r.Keys.Select(k => k.Reference.Id)).ToList();
            if (anonymous.Contains(o.OperationId)) Assert.Empty(names);
            else Assert.Equal([ApiDocument.EasyAuthPrincipal, ApiDocument.EasyAuthName], names.Order(StringComparer.Ordinal));
            if (!anonymous.Contains(o.OperationId)) Assert.Contains("401", o.Responses!.Keys);
        }
    }

    [Fact]
    public void Pages_AreDescribedAsHtml_AndTheRouteChoicesAsEnums()
    {
        foreach (var page in new[] { "LeaveForm", "HotlineForm", "DecisionForm", "DutyForm", "ShowApproval" })
            Assert.Equal(["text/html"], Operation(page).Responses!["200"].Content!.Keys);
        Assert.Equal(["text/html"], Operation("DecideApproval").Responses!["409"].Content!.Keys); // a used link is a page too
        Assert.Equal(["application/json", "text/html"], Operation("PublicDecisions").Responses!["200"].Content!.Keys.Order());
        var action = Assert.Single(Operation("ActOnSupervisedItem").Parameters!, p => p.Name == "action");
        Assert.Equal(["acknowledge", "progress", "complete", "verify", "extension"],
            action.Schema!.Enum!.Select(v => v!.GetValue<string>()));
        Assert.Contains("/supervision/items/{id}/{action}", Document.Paths.Keys);
        var color = Assert.Single(Operation("ListSupervisedItems").Parameters!, p => p.Name == "color");
        Assert.Equal(["green", "blue", "yellow", "red"], color.Schema!.Enum!.Select(v => v!.GetValue<string>()));
    }

    private sealed class Undescribed
    {
        public IActionResult List(HttpRequest request) => new OkResult();
    }
}
