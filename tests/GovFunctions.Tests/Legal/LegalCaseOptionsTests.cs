using GovFunctions.Legal;
using GovFunctions.Tests.App;
using GovFunctions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GovFunctions.Tests.Legal;

/// <summary>Section <c>LegalCases</c> is validated when the app starts: a wrong setting stops it, naming the setting.</summary>
public class LegalCaseOptionsTests
{
    [Theory]
    [InlineData("LegalCases:DefenceDays", "0", "DefenceDays")]
    [InlineData("LegalCases:DefenceReminderWorkingDays:0", "16", "DefenceReminderWorkingDays")]
    [InlineData("LegalCases:RectificationMonths", "99", "RectificationMonths")]
    [InlineData("LegalCases:DissolutionListAfterWorkingDays", "-1", "DissolutionListAfterWorkingDays")]
    public void AWrongSetting_FailsValidation_NamingIt(string key, string value, string named)
    {
        var settings = TestApp.BaseSettings("tdi");
        settings[key] = value;
        using var provider = ServiceRegistrationTests.Build(settings);
        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<LegalCaseOptions>>().Value);
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void TheDefaults_Are15DaysReminders5And2WorkingDays_ThreeMonths_20WorkingDays()
    {
        using var provider = ServiceRegistrationTests.Build(TestApp.BaseSettings("tdi"));
        var o = provider.GetRequiredService<IOptions<LegalCaseOptions>>().Value;
        Assert.Equal((15, 3, 20), (o.DefenceDays, o.RectificationMonths, o.DissolutionListAfterWorkingDays));
        Assert.Equal([5, 2], o.ReminderDays);
    }
}
