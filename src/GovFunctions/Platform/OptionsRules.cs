using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace GovFunctions.Platform;

/// <summary>
/// The rules of one options class, checked when the host starts (<c>ValidateOnStart</c>): a bad value stops the app before
/// it serves anything, with a message naming the setting as it is written in app settings
/// (<c>Hotline__Shards must be between 1 and 64, not 0</c>), instead of failing on the first request or timer.
/// </summary>
public abstract class OptionsRules<T> : IValidateOptions<T> where T : class
{
    /// <summary>The configuration section the options bind from (<c>Hotline</c>); the prefix of every setting named.</summary>
    public abstract string Section { get; }

    protected abstract void Check(T options, SettingChecks check);

    public ValidateOptionsResult Validate(string? name, T options)
    {
        var check = new SettingChecks(Section);
        Check(options, check);
        return check.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(check.Failures);
    }
}

/// <summary>
/// Collects what is wrong with one section. A value passed to <see cref="Between(int, int, int, string)"/> as
/// <c>o.Deadlines.Urgent</c> is named after that expression, so the message says <c>Hotline__Deadlines__Urgent</c> without the
/// name being written twice; <see cref="That"/> and <see cref="Fail"/> take the key itself (<c>Weights.HotlineReopened</c>).
/// </summary>
public sealed class SettingChecks(string section)
{
    public List<string> Failures { get; } = [];

    /// <summary>The setting as written in app settings: <c>Hotline__Deadlines__Urgent</c> for the key <c>Deadlines.Urgent</c>.</summary>
    public string Name(string key) => $"{section}__{key.Replace(".", "__")}";

    /// <summary>The key of a value passed as <c>o.Deadlines.Urgent</c>: the expression without its receiver.</summary>
    private static string KeyOf(string expression) => expression[(expression.IndexOf('.') + 1)..];

    public void Fail(string key, string rule) => Failures.Add($"{Name(key)} {rule}");

    public void That(bool holds, string rule, string key)
    {
        if (!holds) Fail(key, rule);
    }

    public void Between(int value, int min, int max, [CallerArgumentExpression(nameof(value))] string key = "") =>
        That(value >= min && value <= max, $"must be between {min} and {max}, not {value}", KeyOf(key));

    public void Between(TimeSpan value, TimeSpan min, TimeSpan max, [CallerArgumentExpression(nameof(value))] string key = "") =>
        That(value >= min && value <= max, $"must be between {min:c} and {max:c}, not {value:c}", KeyOf(key));

    public void Required(string? value, [CallerArgumentExpression(nameof(value))] string key = "") =>
        That(!string.IsNullOrWhiteSpace(value), "is required", KeyOf(key));

    /// <summary>App Service leaves the reference text in place when it cannot resolve a Key Vault secret.</summary>
    public void Resolved(string? value, [CallerArgumentExpression(nameof(value))] string key = "") =>
        That(value?.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) != true,
            "is an unresolved Key Vault reference; set the secret", KeyOf(key));
}

public static class OptionsRulesRegistration
{
    /// <summary>Binds <typeparamref name="T"/> from the rules' section and checks the rules when the host starts.</summary>
    public static OptionsBuilder<T> AddCheckedOptions<T>(this IServiceCollection services, OptionsRules<T> rules) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(rules);
        return services.AddOptions<T>().BindConfiguration(rules.Section).ValidateOnStart();
    }
}
