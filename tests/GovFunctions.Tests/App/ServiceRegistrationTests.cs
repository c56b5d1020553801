using System.Reflection;
using GovFunctions.Platform;
using GovFunctions.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovFunctions.Tests.App;

/// <summary>The app's real service registration builds, validates its options, and can create every function class.</summary>
public class ServiceRegistrationTests
{
    public static TheoryData<string> FunctionClasses => new(typeof(ServiceRegistration).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
        .Select(t => t.FullName!));

    [Theory]
    [MemberData(nameof(FunctionClasses))]
    public void EveryFunctionClass_ResolvesFromTheRealRegistration(string typeName)
    {
        using var provider = Build(TestApp.BaseSettings("tdi"));
        var type = typeof(ServiceRegistration).Assembly.GetType(typeName)!;
        Assert.NotNull(ActivatorUtilities.CreateInstance(provider, type));
    }

    [Fact]
    public void FunctionClasses_AreFound()
    {
        Assert.True(FunctionClasses.Count >= 3);
    }

    [Fact]
    public void ResponsesWrittenByTheHost_UseStringEnumsAndCamelCase_AsApiMdRequires()
    {
        using var provider = Build(TestApp.BaseSettings("tdi"));
        var mvc = provider.GetRequiredService<IOptions<Microsoft.AspNetCore.Mvc.JsonOptions>>().Value.JsonSerializerOptions;
        var json = System.Text.Json.JsonSerializer.Serialize(new { Status = GovFunctions.Leave.LeaveStatus.Approved, DueAt = DateTimeOffset.Parse("2026-12-01T17:30:00+08:00") }, mvc);
        Assert.Equal("{\"status\":\"approved\",\"dueAt\":\"2026-12-01T17:30:00+08:00\"}", json);
    }

    [Fact]
    public void MailOptions_WithoutAHost_FailValidationAtStart()
    {
        var settings = TestApp.BaseSettings("tdi");
        settings.Remove("Mail:Host");
        using var provider = Build(settings);
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<GovFunctions.Platform.Mail.MailOptions>>().Value);
        Assert.Contains("Host", e.Message);
    }

    internal static ServiceProvider Build(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGovFunctions(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
