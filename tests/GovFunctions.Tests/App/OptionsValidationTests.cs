using System.Text.Json;
using GovFunctions.Platform;
using GovFunctions.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GovFunctions.Tests.App;

/// <summary>
/// Every options class is checked when the host starts: one bad value per class stops a real host in StartAsync with an
/// <see cref="OptionsValidationException"/> naming the setting as it is written in app settings; the committed example
/// settings start it.
/// </summary>
public class OptionsValidationTests
{
    /// <summary>Setting (as in app settings), a bad value, and the message the host stops with.</summary>
    internal static readonly (string Setting, string Value, string Message)[] Bad =
    [
        ("Hotline__Shards", "0", "Hotline__Shards must be between 1 and 64, not 0"),
        ("Hotline__Deadlines__Complaint", "0", "Hotline__Deadlines__Complaint must be between 1 and 60, not 0"),
        ("Hotline__Deadlines__Urgent", "-1", "Hotline__Deadlines__Urgent must be between 0 and 5, not -1"),
        ("Hotline__SameIssueDays", "0", "Hotline__SameIssueDays must be between 1 and 90, not 0"),
        ("Approvals__RemindAfterWorkingDays", "0", "Approvals__RemindAfterWorkingDays must be between 1 and 30, not 0"),
        ("Approvals__LinkLifetime", "00:00:00", "Approvals__LinkLifetime must be between 01:00:00 and 60.00:00:00, not 00:00:00"),
        ("Approvals__LinkSigningKey", "short", "Approvals__LinkSigningKey must be at least 32 characters, not 5"),
        ("Supervision__BehindPoints", "101", "Supervision__BehindPoints must be between 1 and 100, not 101"),
        ("Supervision__AccountabilityAfterWorkingDays", "0", "Supervision__AccountabilityAfterWorkingDays must be between 1 and 60, not 0"),
        ("Scorecards__Minimums__HotlineSatisfaction", "120",
            "Scorecards__Minimums__HotlineSatisfaction must be a percentage between 0 and 100, not 120"),
        ("Scorecards__Weights__HotlineSatisfaction", "60", "Scorecards__Weights must sum to 100, not 60"),
        ("Scorecards__ListSize", "0", "Scorecards__ListSize must be between 1 and 8, not 0"),
        ("GovFunctions__PublicBaseUrl", "localhost:7071/",
            "GovFunctions__PublicBaseUrl must be an absolute http or https address without a query, not 'localhost:7071/'"),
        ("Mail__Port", "0", "Mail__Port must be between 1 and 65535, not 0"),
        ("Mail__From", "noreply", "Mail__From must be an email address, not 'noreply'"),
        ("Mail__User", "relay-user", "Mail__Password is required when Mail__User is set"),
        ("Mail__Connections", "0", "Mail__Connections must be between 1 and 16, not 0"),
        ("Legal__FilingReminderWorkingDays", "15", "Legal__FilingReminderWorkingDays must be between 1 and 14, not 15"),
        ("Legal__ReconsiderationDays", "0", "Legal__ReconsiderationDays must be between 30 and 90, not 0"),
        ("Legal__ReconsiderationReminderDays__0", "60",
            "Legal__ReconsiderationReminderDays__0 must be between 1 and 59 (Legal__ReconsiderationDays - 1), not 60"),
        ("LegalCases__DefenceDays", "0", "LegalCases__DefenceDays must be between 1 and 60, not 0"),
        ("LegalCases__DefenceReminderWorkingDays__0", "16",
            "LegalCases__DefenceReminderWorkingDays__0 must be between 0 and LegalCases__DefenceDays (15), not 16"),
        ("Decisions__MinimumCommentDays", "0", "Decisions__MinimumCommentDays must be between 7 and 90, not 0"),
        ("Decisions__EvaluationAfterMonths", "0", "Decisions__EvaluationAfterMonths must be between 1 and 60, not 0"),
        ("Digest__SendAt", "14:00:00", "Digest__SendAt must be between 08:00:00 and 11:30:00, not 14:00:00"),
        ("Storage__Prefix", "1-bad_prefix",
            "Storage__Prefix must be empty or up to 24 letters, digits and single hyphens starting with a letter, not '1-bad_prefix'"),
    ];

    public static TheoryData<string, string, string> BadSettings => new(Bad);

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task ABadValue_StopsTheHostAtStart_NamingTheSetting(string setting, string value, string message)
    {
        var settings = TestApp.BaseSettings("topt");
        settings[setting.Replace("__", ":")] = value;
        using var host = Build(settings);
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void EveryOptionsClass_HasABadValueAbove()
    {
        var sections = RulesTypes().Select(r => r.Section).ToHashSet();
        var covered = Bad.Select(b => b.Setting.Split("__")[0]).ToHashSet();
        Assert.Equal(sections.Order(), covered.Order());
    }

    [Fact]
    public void EveryOptionsClassTheAppBinds_IsCheckedAtStart_ByItsRules()
    {
        var services = new ServiceCollection().AddGovFunctions(new ConfigurationBuilder().Build());
        var bound = services.Where(d => Is(d.ServiceType, typeof(IOptionsChangeTokenSource<>)))
            .Select(d => d.ServiceType.GetGenericArguments()[0]).Where(t => t.Assembly == typeof(ServiceRegistration).Assembly).ToHashSet();
        var checkedTypes = services.Where(d => Is(d.ServiceType, typeof(IValidateOptions<>)))
            .Where(d => d.ImplementationInstance?.GetType().BaseType is { } b && Is(b, typeof(OptionsRules<>)))
            .Select(d => d.ServiceType.GetGenericArguments()[0]).ToHashSet();
        Assert.True(bound.Count >= 9, $"only {bound.Count} options classes bound");
        Assert.Empty(bound.Except(checkedTypes).Select(t => t.Name));
        Assert.Equal(RulesTypes().Select(r => r.Options).ToHashSet(), checkedTypes);
    }

    [Fact]
    public async Task TheCommittedExampleSettings_PassEveryCheck_AndTheHostStarts()
    {
        var settings = ExampleSettings();
        settings["AzureWebJobsStorage"] = TestEnvironment.Storage;
        using var host = Build(settings);
        await host.StartAsync(TestContext.Current.CancellationToken);
        var mail = host.Services.GetRequiredService<IOptions<GovFunctions.Platform.Mail.MailOptions>>().Value;
        Assert.Equal("青禾区人民政府办公室", mail.FromName); // read from the file
        await host.StopAsync(TestContext.Current.CancellationToken);
    }

    internal static IDictionary<string, string?> ExampleSettings()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "src", "GovFunctions",
            "local.settings.example.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":"), p => (string?)p.Value.GetString());
    }

    private static bool Is(Type type, Type generic) => type.IsGenericType && type.GetGenericTypeDefinition() == generic;

    /// <summary>Every rules class of the app: the options class it checks and the section it binds.</summary>
    internal static IReadOnlyList<(Type Options, string Section)> RulesTypes() => [.. typeof(ServiceRegistration).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.BaseType is { } b && Is(b, typeof(OptionsRules<>)))
        .Select(t => (t.BaseType!.GetGenericArguments()[0], (string)t.GetProperty("Section")!.GetValue(Activator.CreateInstance(t))!))];

    private static IHost Build(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddGovFunctions(builder.Configuration);
        return builder.Build();
    }
}
