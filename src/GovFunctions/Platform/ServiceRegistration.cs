using GovFunctions.Accountability;
using GovFunctions.Approvals;
using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Legal;
using GovFunctions.Me;
using GovFunctions.Notifications;
using GovFunctions.Platform.Http;
using GovFunctions.Platform.Mail;
using GovFunctions.Platform.Routing;
using GovFunctions.Platform.Templating;
using GovFunctions.Records;
using GovFunctions.Reports;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovFunctions.Platform;

/// <summary>The app's services, shared by the Functions host, the seed command and the tests.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddGovFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        _ = Templates.Names; // every page and email template parses now, or the app does not start
        services.AddSingleton(TimeProvider.System);
        // Responses the host writes from IActionResult use MVC's serializer: give it the app's JSON shape (string enums, camelCase).
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => Json.Configure(o.JsonSerializerOptions));
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => Json.Configure(o.SerializerOptions));
        services.AddCheckedOptions(new StorageOptionsRules());
        services.AddCheckedOptions(new MailOptionsRules());
        services.AddSingleton(sp => new StorageClients(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IQueueSender, StorageQueueSender>();
        services.AddSingleton<MessagePayloads>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<AccountabilityList>();
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<OrganizationStore>();
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<StaffIdentity>();
        services.AddSingleton<IdempotentIntake>();

        services.AddCheckedOptions(new SiteOptionsRules());
        services.AddCheckedOptions(new ApprovalOptionsRules());
        services.AddSingleton(sp => new ApprovalLinks(sp.GetRequiredService<IOptions<ApprovalOptions>>().Value.LinkSigningKey));
        services.AddSingleton<MailLog>();
        services.AddSingleton<NotificationService>();
        services.AddSingleton<QueueRouter>();
        services.AddSingleton<AwayIndex>();
        services.AddSingleton<ApprovalEngine>();
        services.AddSingleton<PendingTaskIndex>();
        services.AddSingleton<StepTasks>();
        services.AddSingleton<IQueueHandler, StepRouter>();
        services.AddSingleton<LinkAnswers>();
        services.AddSingleton<TaskReminders>();
        services.AddSingleton<INotificationRenderer, ApprovalNotices>();
        services.AddSingleton<PoisonNotices>();
        services.AddSingleton<INotificationRenderer>(sp => sp.GetRequiredService<PoisonNotices>());

        services.AddSingleton<LeaveRecords>();
        services.AddSingleton<LeaveReturnReminders>();
        services.AddSingleton<LeaveService>();
        services.AddSingleton<LeaveQueueHandler>();
        services.AddSingleton<IQueueHandler>(sp => sp.GetRequiredService<LeaveQueueHandler>());
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<LeaveQueueHandler>());
        services.AddSingleton<INotificationRenderer, LeaveNotices>();

        services.AddCheckedOptions(new HotlineOptionsRules());
        services.AddSingleton<HotlineCounters>();
        services.AddSingleton<HotlineOpenCalls>();
        services.AddSingleton<HotlineShards>();
        services.AddSingleton<HotlineCallStore>();
        services.AddSingleton<HotlineIntake>();
        services.AddSingleton<HotlineHandling>();
        services.AddSingleton<HotlineOverdue>();
        services.AddSingleton<HotlineRosterReminders>();
        services.AddSingleton<HotlineQueries>();
        services.AddSingleton<HotlineService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<HotlineHandling>());
        services.AddSingleton<INotificationRenderer, HotlineNotices>();

        services.AddSingleton<DutyService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<DutyService>());
        services.AddSingleton<DutyIndex>();
        services.AddSingleton<IQueueHandler>(sp => sp.GetRequiredService<DutyIndex>());
        services.AddSingleton<INotificationRenderer, DutyNotices>();

        services.AddCheckedOptions(new DecisionOptionsRules());
        services.AddSingleton<DecisionRecords>();
        services.AddSingleton<DecisionService>();
        services.AddSingleton<DecisionReviews>();
        services.AddSingleton<IQueueHandler>(sp => sp.GetRequiredService<DecisionReviews>());
        services.AddSingleton<DecisionIndex>();
        services.AddSingleton<IQueueHandler>(sp => sp.GetRequiredService<DecisionIndex>());
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<DecisionReviews>());
        services.AddSingleton<INotificationRenderer, DecisionNotices>();

        services.AddCheckedOptions(new LegalOptionsRules());
        services.AddSingleton<NormativeDocumentService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<NormativeDocumentService>());
        services.AddSingleton<ReconsiderationService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<ReconsiderationService>());
        services.AddSingleton<INotificationRenderer, LegalNotices>();

        services.AddCheckedOptions(new SupervisionOptionsRules());
        services.AddSingleton<AccountabilityService>();
        services.AddSingleton<INotificationRenderer, AccountabilityNotices>();
        services.AddSingleton<SupervisionCounters>();
        services.AddSingleton<SupervisionLinkIssuer>();
        services.AddSingleton<SupervisionLinkAnswers>();
        services.AddSingleton<SupervisionService>();
        services.AddSingleton<IQueueHandler>(sp => sp.GetRequiredService<SupervisionService>());
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<SupervisionService>());
        services.AddSingleton<SupervisionQueries>();
        services.AddSingleton<SupervisionBoard>();
        services.AddSingleton<SupervisionWarnings>();
        services.AddSingleton<INotificationRenderer, SupervisionNotices>();

        services.AddCheckedOptions(new ScorecardOptionsRules());
        services.AddSingleton<ProcedureCounters>();
        services.AddSingleton<ScorecardService>();

        services.AddSingleton<ReportOfficeSources>();
        services.AddSingleton<ReportSources>();
        services.AddSingleton<ReportSender>();

        services.AddSingleton<RecordVerifier>();

        services.AddCheckedOptions(new LegalCaseOptionsRules());
        services.AddSingleton<LegalCaseService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<LegalCaseService>());
        services.AddSingleton<CoordinationBodyService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<CoordinationBodyService>());
        services.AddSingleton<INotificationRenderer, CaseNotices>();

        services.AddCheckedOptions(new DigestOptionsRules());
        services.AddSingleton<MyRecords>();
        services.AddSingleton<WaitingTasks>();
        services.AddSingleton<WaitingRecords>();
        services.AddSingleton<WaitingQuery>();
        services.AddSingleton<PreferenceStore>();
        services.AddSingleton<DigestDay>();
        services.AddSingleton<DigestSender>();
        services.AddSingleton<INotificationFold, DigestFold>();
        services.AddSingleton<MyWork>();
        return services;
    }
}
