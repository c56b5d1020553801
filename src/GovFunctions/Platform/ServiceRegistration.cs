using GovFunctions.Accountability;
using GovFunctions.Approvals;
using GovFunctions.Decisions;
using GovFunctions.Duty;
using GovFunctions.Hotline;
using GovFunctions.Leave;
using GovFunctions.Legal;
using GovFunctions.Notifications;
using GovFunctions.Organization;
using GovFunctions.Platform.Routing;
using GovFunctions.Platform.Http;
using GovFunctions.Platform.Mail;
using GovFunctions.Platform.Storage;
using GovFunctions.Records;
using GovFunctions.Reports;
using GovFunctions.Scorecards;
using GovFunctions.Supervision;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovFunctions.Platform;

/// <summary>The app's services, shared by the Functions host, the seed command and the tests.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddGovFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // Responses the host writes from IActionResult use MVC's serializer: give it the app's JSON shape (string enums, camelCase).
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => Json.Configure(o.JsonSerializerOptions));
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => Json.Configure(o.SerializerOptions));
        services.AddOptions<StorageOptions>().BindConfiguration("Storage");
        services.AddOptions<MailOptions>().BindConfiguration("Mail").ValidateDataAnnotations().ValidateOnStart();
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

        services.AddOptions<SiteOptions>().BindConfiguration("GovFunctions").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ApprovalOptions>().BindConfiguration("Approvals").ValidateDataAnnotations().ValidateOnStart();
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

        services.AddSingleton<LeaveService>();
        services.AddSingleton<IQueueHandler>(sp => sp.GetRequiredService<LeaveService>());
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<LeaveService>());
        services.AddSingleton<INotificationRenderer, LeaveNotices>();

        services.AddOptions<HotlineOptions>().BindConfiguration("Hotline");
        services.AddSingleton<HotlineCounters>();
        services.AddSingleton<HotlineOpenCalls>();
        services.AddSingleton<HotlineService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<HotlineService>());
        services.AddSingleton<INotificationRenderer, HotlineNotices>();

        services.AddSingleton<DutyService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<DutyService>());
        services.AddSingleton<INotificationRenderer, DutyNotices>();

        services.AddOptions<DecisionOptions>().BindConfiguration("Decisions");
        services.AddSingleton<DecisionService>();
        services.AddSingleton<IQueueHandler>(sp => sp.GetRequiredService<DecisionService>());
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<DecisionService>());
        services.AddSingleton<INotificationRenderer, DecisionNotices>();

        services.AddOptions<LegalOptions>().BindConfiguration("Legal");
        services.AddSingleton<NormativeDocumentService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<NormativeDocumentService>());
        services.AddSingleton<ReconsiderationService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<ReconsiderationService>());
        services.AddSingleton<INotificationRenderer, LegalNotices>();

        services.AddOptions<SupervisionOptions>().BindConfiguration("Supervision").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccountabilityService>();
        services.AddSingleton<INotificationRenderer, AccountabilityNotices>();
        services.AddSingleton<SupervisionCounters>();
        services.AddSingleton<SupervisionService>();
        services.AddSingleton<IQueueHandler>(sp => sp.GetRequiredService<SupervisionService>());
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<SupervisionService>());
        services.AddSingleton<SupervisionQueries>();
        services.AddSingleton<SupervisionWarnings>();
        services.AddSingleton<INotificationRenderer, SupervisionNotices>();

        services.AddOptions<ScorecardOptions>().BindConfiguration("Scorecards").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ScorecardService>();

        services.AddSingleton<ReportSources>();
        services.AddSingleton<ReportSender>();

        services.AddSingleton<RecordVerifier>();

        services.AddOptions<LegalCaseOptions>().BindConfiguration("LegalCases").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LegalCaseService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<LegalCaseService>());
        services.AddSingleton<CoordinationBodyService>();
        services.AddSingleton<IApprovalSubject>(sp => sp.GetRequiredService<CoordinationBodyService>());
        services.AddSingleton<INotificationRenderer, CaseNotices>();
        return services;
    }
}
