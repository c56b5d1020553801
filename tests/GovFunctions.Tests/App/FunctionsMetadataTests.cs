using System.Text.Json;
using GovFunctions.Tests.Support;

namespace GovFunctions.Tests.App;

/// <summary>
/// Reads the functions.metadata the Worker SDK generated at build and checks every trigger binding: these are
/// what the Functions host listens on, and the routes are the contract of API.md.
/// </summary>
public class FunctionsMetadataTests
{
    private static readonly JsonElement[] Functions = FunctionsMetadata.Functions;

    private static readonly (string Name, string Method, string Route)[] Http =
    [
        ("Health", "get", "health"),
        ("ListPeople", "get", "organization/people"),
        ("SubmitLeave", "post", "leave-requests"),
        ("GetLeave", "get", "leave-requests/{id}"),
        ("WithdrawLeave", "post", "leave-requests/{id}/withdraw"),
        ("ReturnFromLeave", "post", "leave-requests/{id}/return"),
        ("WhoIsAway", "get", "leave/away"),
        ("ShowApproval", "get", "approvals/{token}"),
        ("DecideApproval", "post", "approvals/{token}"),
        ("LeaveForm", "get", "forms/leave"),
        ("HotlineForm", "get", "forms/hotline"),
        ("DecisionForm", "get", "forms/decision"),
        ("SupervisionForm", "get", "forms/supervision"),
        ("DutyForm", "get", "forms/duty"),
        ("RecordCall", "post", "hotline/calls"),
        ("GetCall", "get", "hotline/calls/{id}"),
        ("GetCallForCallback", "get", "hotline/calls/{id}/callback"),
        ("CallBack", "post", "hotline/calls/{id}/callback"),
        ("ExtendCall", "post", "hotline/calls/{id}/extension"),
        ("HotlineFigures", "get", "hotline/figures"),
        ("RecordDutyLog", "post", "duty/logs"),
        ("GetDutyLog", "get", "duty/logs/{id}"),
        ("DutyLogCarriedOut", "post", "duty/logs/{id}/carried-out"),
        ("CreateDecision", "post", "decisions"),
        ("GetDecision", "get", "decisions/{id}"),
        ("SubmitDecision", "post", "decisions/{id}/submit"),
        ("AddDecisionEvidence", "post", "decisions/{id}/evidence"),
        ("RecordPublicComment", "post", "decisions/{id}/public-comment"),
        ("RecordHearing", "post", "decisions/{id}/hearing"),
        ("ScheduleDecision", "post", "decisions/{id}/schedule"),
        ("RecordDecisionOutcome", "post", "decisions/{id}/outcome"),
        ("RecordDecisionEvaluation", "post", "decisions/{id}/evaluation"),
        ("PublicDecisions", "get", "public/decisions"),
        ("CreateNormativeDocument", "post", "normative-documents"),
        ("GetNormativeDocument", "get", "normative-documents/{id}"),
        ("SubmitNormativeDocument", "post", "normative-documents/{id}/submit"),
        ("PublishNormativeDocument", "post", "normative-documents/{id}/publish"),
        ("FileNormativeDocument", "post", "normative-documents/{id}/file"),
        ("AcceptReconsideration", "post", "reconsiderations"),
        ("GetReconsideration", "get", "reconsiderations/{id}"),
        ("ProposeReconsiderationDecision", "post", "reconsiderations/{id}/proposal"),
        ("ExtendReconsideration", "post", "reconsiderations/{id}/extension"),
        ("VerifyRecord", "get", "records/verify"),
        ("RegisterSupervisedItem", "post", "supervision/items"),
        ("ListSupervisedItems", "get", "supervision/items"),
        ("GetSupervisedItem", "get", "supervision/items/{id}"),
        ("SupervisionBoard", "get", "supervision/board"),
        ("ActOnSupervisedItem", "post", "supervision/items/{id}/{action:regex(^(acknowledge|progress|complete|verify|extension)$)}"),
        ("ShowSupervisionLink", "get", "supervision/links/{token}"),
        ("AnswerSupervisionLink", "post", "supervision/links/{token}"),
        ("AccountabilityMonth", "get", "accountability"),
        ("ProposeAccountability", "post", "accountability/{id}/proposal"),
        ("Scorecards", "get", "scorecards"),
        ("ShowReport", "get", "reports/{kind:regex(^(weekly|monthly)$)}"),
        ("ResendReport", "post", "reports/{kind:regex(^(weekly|monthly)$)}/resend"),
        ("RegisterLegalCase", "post", "legal-cases"),
        ("GetLegalCase", "get", "legal-cases/{id}"),
        ("FileLegalCaseDefence", "post", "legal-cases/{id}/defence"),
        ("CloseLegalCase", "post", "legal-cases/{id}/close"),
        ("RegisterCoordinationBody", "post", "coordination-bodies"),
        ("ListCoordinationBodies", "get", "coordination-bodies"),
        ("GetCoordinationBody", "get", "coordination-bodies/{id}"),
        ("RecordCoordinationBodyAct", "post", "coordination-bodies/{id}/acts"),
        ("DissolveCoordinationBody", "post", "coordination-bodies/{id}/dissolve"),
        ("MyWorkPage", "get", "me"),
        ("GetMyPreferences", "get", "me/preferences"),
        ("SetMyPreferences", "post", "me/preferences"),
        ("OpenApi", "get", "openapi.json"),
    ];

    private static readonly (string Name, string Schedule)[] Timers =
    [
        ("OutboxSweep", GovFunctions.Platform.Storage.OutboxSweepFunction.Schedule),
        ("ApprovalReminders", "0 */30 * * * *"),
        ("LeaveReturnReminders", "0 0 1 * * *"),
        ("HotlineOverdue", "0 0 1 * * *"),
        ("HotlineRosterReminders", "0 0 1-9 * * *"),
        ("DutyHandover", "0 30 0 * * *"),
        ("DecisionEvaluations", "0 0 1 * * *"),
        ("LegalDeadlines", "0 0 1 * * *"),
        ("SupervisionReminders", "0 30 1 * * *"),
        ("AccountabilityDeadlines", "0 45 1 * * *"),
        ("WeeklyReports", "0 30 0 * * *"),
        ("MonthlyReports", "0 0 1 * * *"),
        ("LegalCaseDefenceReminders", "0 0 1 * * *"),
        ("CoordinationBodyReminders", "0 15 1 * * *"),
        ("DailyDigest", "0 */15 0-3 * * *"),
    ];

    private static readonly (string Name, string Queue)[] QueueTriggers =
    [
        ("ApprovalRouter", "approval-routing"),
        ("SendNotification", "notifications"),
        ("ApprovalRoutingPoison", "approval-routing-poison"),
        ("NotificationsPoison", "notifications-poison"),
    ];

    public static TheoryData<string, string, string> HttpFunctions => new(Http);
    public static TheoryData<string, string> TimerFunctions => new(Timers);
    public static TheoryData<string, string> QueueFunctions => new(QueueTriggers);

    [Fact]
    public void EveryFunction_IsListedHere_SoNoTriggerGoesUnchecked()
    {
        var expected = Http.Select(f => f.Name).Concat(Timers.Select(f => f.Name)).Concat(QueueTriggers.Select(f => f.Name)).Order();
        Assert.Equal(expected, Functions.Select(f => f.GetProperty("name").GetString()!).Order());
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpTrigger_HasTheContractRoute_MethodAndAnonymousAuthLevel(string name, string method, string route)
    {
        var trigger = Trigger(name, "httpTrigger");
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Theory]
    [MemberData(nameof(TimerFunctions))]
    public void TimerTrigger_HasItsSchedule(string name, string schedule)
    {
        var trigger = Trigger(name, "timerTrigger");
        Assert.Equal(schedule, trigger.GetProperty("schedule").GetString());
        Assert.Equal(6, schedule.Split(' ').Length); // NCRONTAB with seconds, as the Functions host expects
    }

    [Theory]
    [MemberData(nameof(QueueFunctions))]
    public void QueueTrigger_ListensOnItsQueue_WithTheStorageConnection(string name, string queue)
    {
        var trigger = Trigger(name, "queueTrigger");
        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("AzureWebJobsStorage", trigger.GetProperty("connection").GetString());
    }

    [Fact]
    public void EveryFunction_RunsInTheIsolatedWorker()
    {
        Assert.All(Functions, f => Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString()));
        Assert.All(Functions, f => Assert.Equal("GovFunctions.dll", f.GetProperty("scriptFile").GetString()));
    }

    private static JsonElement Trigger(string function, string type)
    {
        var f = Assert.Single(Functions, f => f.GetProperty("name").GetString() == function);
        return Assert.Single(f.GetProperty("bindings").EnumerateArray(), b => b.GetProperty("type").GetString() == type);
    }
}
