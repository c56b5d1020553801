using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace GovFunctions.Platform.Http;

/// <summary>
/// Staff identity from App Service Authentication (Easy Auth) headers, trusted only where Easy Auth is on
/// (<c>WEBSITE_AUTH_ENABLED=True</c>, set by Azure) or in Development. Anywhere else the headers could be
/// forged by any caller, so staff routes answer 401.
/// </summary>
public sealed class StaffIdentity(IConfiguration configuration, OrganizationStore organization)
{
    public const string PrincipalNameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    private static readonly string[] EmailClaims =
    [
        "preferred_username", "email", "upn",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn",
    ];

    public bool IsDevelopment =>
        string.Equals(configuration["AZURE_FUNCTIONS_ENVIRONMENT"], "Development", StringComparison.OrdinalIgnoreCase);

    public bool HeadersTrusted =>
        string.Equals(configuration["WEBSITE_AUTH_ENABLED"], "True", StringComparison.OrdinalIgnoreCase) || IsDevelopment;

    public async Task<Person> RequireStaffAsync(HttpRequest request, CancellationToken ct = default)
    {
        RefuseCrossSite(request);
        var email = HeadersTrusted ? EmailOf(request) : null;
        if (string.IsNullOrWhiteSpace(email))
            throw new AuthenticationRequiredException(Bilingual.Text("请使用政务账号登录", "sign in with your government account"));
        var org = await organization.OrganizationAsync(ct);
        return org.FindByEmail(email) ?? throw new AccessDeniedException(
            Bilingual.Text("您的账号不在区政府组织名册中", "your account is not in the district's organization"));
    }

    /// <summary>
    /// A browser sends Origin with every cross-site POST: a staff change must come from the app's own pages, not from another
    /// site riding on the staff member's Easy Auth session cookie.
    /// </summary>
    private static void RefuseCrossSite(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) return;
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin)) return;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
            throw new AccessDeniedException(Bilingual.Text("拒绝来自其他网站的请求", "a request from another site is refused"));
    }

    private static string? EmailOf(HttpRequest request)
    {
        var name = request.Headers[PrincipalNameHeader].ToString();
        if (!string.IsNullOrWhiteSpace(name)) return name;
        var principal = request.Headers[PrincipalHeader].ToString();
        if (string.IsNullOrWhiteSpace(principal)) return null;
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(principal)));
            if (!doc.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array) return null;
            foreach (var type in EmailClaims)
                foreach (var claim in claims.EnumerateArray())
                    if (claim.TryGetProperty("typ", out var typ) && typ.GetString() == type && claim.TryGetProperty("val", out var val))
                        return val.GetString();
            return null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
