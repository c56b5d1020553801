using System.Net;
using System.Text.RegularExpressions;
using GovFunctions.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GovFunctions.Tests.Browser;

/// <summary>A screen the pages are tried at: a desktop, and a phone of 375×667 (the phone checks apply there).</summary>
public sealed record Screen(string Name, int Width, int Height, bool IsPhone)
{
    public static readonly Screen Desktop = new("desktop", 1280, 800, false);
    public static readonly Screen Phone = new("phone", 375, 667, true);

    public static TheoryData<string> Both => new("desktop", "phone");

    public static Screen Named(string name) => name == Phone.Name ? Phone : Desktop;
}

/// <summary>
/// A test that opens the app's pages in Chromium: its own served app (<see cref="ServedAppTest"/>) and a browser context per
/// page opened.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract partial class BrowserTest(Chromium chromium) : ServedAppTest
{
    private readonly List<IBrowserContext> _contexts = [];

    protected PageChecks Checks { get; } = new(chromium);

    /// <summary>
    /// Opens <paramref name="pathOrUrl"/> in a fresh context at the screen's size, in Chinese; <paramref name="signedInAs"/>
    /// is who Easy Auth says the browser's session is (its header on every request), none for an anonymous visitor.
    /// </summary>
    protected async Task<IPage> OpenAsync(Screen screen, string pathOrUrl, string? signedInAs = null, int expectStatus = 200)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = screen.Width, Height = screen.Height },
            IsMobile = screen.IsPhone, HasTouch = screen.IsPhone, Locale = "zh-CN",
            ExtraHTTPHeaders = signedInAs is null ? null
                : new Dictionary<string, string> { [GovFunctions.Platform.Http.StaffIdentity.PrincipalNameHeader] = EmailOf(signedInAs) },
        });
        _contexts.Add(context);
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await GotoAsync(page, pathOrUrl, expectStatus);
        return page;
    }

    /// <summary>Follows a link or types an address; the answer's status is checked.</summary>
    protected async Task GotoAsync(IPage page, string pathOrUrl, int expectStatus = 200)
    {
        var response = await page.GotoAsync(new Uri(Server.BaseUrl, pathOrUrl).ToString());
        chromium.CountPage();
        Assert.Equal(expectStatus, response!.Status);
    }

    /// <summary>The link opened again: it was used (409), and nothing is left to submit.</summary>
    protected async Task AssertUsedAsync(IPage page, Screen screen, string link, string scenario)
    {
        await GotoAsync(page, link, expectStatus: 409);
        await Expect(page.Locator("body")).ToContainTextAsync("此链接已使用过");
        Assert.Equal(0, await page.Locator("form").CountAsync());
        await CheckPageAsync(page, screen, scenario);
    }

    /// <summary>
    /// The <paramref name="nth"/> link (from 0) under <c>/api/{route}/</c> (an approval link by default; <c>supervision/links</c>
    /// for a supervised item's) of the email to <paramref name="personId"/> whose HTML contains <paramref name="marker"/>, as
    /// MailDev received it (the queues pumped first, as the host would have by then).
    /// </summary>
    protected async Task<string> LinkFromMailAsync(string personId, string marker, string route = "approvals", int nth = 0)
    {
        await Pump.RunAsync();
        var mail = Assert.Single(await MailDevInbox.WaitForAsync(e => e.IsTo(EmailOf(personId)) && e.Html?.Contains(marker) == true));
        var prefix = $"{Server.BaseUrl.GetLeftPart(UriPartial.Authority)}/api/{route}/";
        var link = LinkIn().Matches(mail.Html!).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Skip(nth).FirstOrDefault() ?? "";
        Assert.StartsWith(prefix, link);
        return link;
    }

    /// <summary>The page's checks (accessibility; on a phone, fit and sizes) and its screenshot as <c>scenario-screen.png</c>.</summary>
    protected Task CheckPageAsync(IPage page, Screen screen, string scenario) => Checks.PageAsync(page, screen, scenario);

    public override async ValueTask DisposeAsync()
    {
        foreach (var c in _contexts) await c.CloseAsync();
        await base.DisposeAsync();
    }

    [GeneratedRegex("href=\"(http[^\"]+)\"")]
    private static partial Regex LinkIn();
}
