namespace GovFunctions.Platform;

/// <summary>Section <c>GovFunctions</c>: where the app is reachable from an email, checked at start.</summary>
public sealed class SiteOptions
{
    public string PublicBaseUrl { get; set; } = "";

    public string Link(string path) => PublicBaseUrl.TrimEnd('/') + "/api/" + path.TrimStart('/');
}

public sealed class SiteOptionsRules : OptionsRules<SiteOptions>
{
    public override string Section => "GovFunctions";

    protected override void Check(SiteOptions o, SettingChecks check) =>
        check.That(Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Query == "",
            $"must be an absolute http or https address without a query, not '{o.PublicBaseUrl}'", nameof(o.PublicBaseUrl));
}
