using System.ComponentModel.DataAnnotations;

namespace GovFunctions.Platform;

/// <summary>Section <c>GovFunctions</c>: where the app is reachable from an email.</summary>
public sealed class SiteOptions
{
    [Required, Url] public string PublicBaseUrl { get; set; } = "";

    public string Link(string path) => PublicBaseUrl.TrimEnd('/') + "/api/" + path.TrimStart('/');
}
