using System.Text.RegularExpressions;

namespace GovFunctions.Platform.Storage;

/// <summary>Storage settings (section <c>Storage</c>), checked at start. The prefix is empty in production; tests set their own.</summary>
public sealed class StorageOptions
{
    public string Prefix { get; set; } = "";
}

/// <summary>The prefix starts every table name (without its hyphens) and every queue name, so it must suit both.</summary>
public sealed partial class StorageOptionsRules : OptionsRules<StorageOptions>
{
    public override string Section => "Storage";

    protected override void Check(StorageOptions o, SettingChecks check) =>
        check.That(o.Prefix == "" || (o.Prefix.Length <= 24 && PrefixPattern().IsMatch(o.Prefix)),
            $"must be empty or up to 24 letters, digits and single hyphens starting with a letter, not '{o.Prefix}'", nameof(o.Prefix));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*$")]
    private static partial Regex PrefixPattern();
}
