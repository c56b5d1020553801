using System.Text.Json;
using Microsoft.Playwright;

namespace GovFunctions.Tests.Browser;

/// <summary>
/// What a person does on a page and what every page must pass, asserted from the page itself: filling fields by their labels
/// and pressing a button by its name; accessibility basics (lang, a label for every field, errors announced on their field);
/// on a phone no horizontal scrolling, buttons at least 44 px high and text at least 14 px; and the page's screenshot.
/// </summary>
public sealed class PageChecks(Chromium chromium)
{
    public const int MinTarget = 44;
    public const int MinText = 14;

    /// <summary>All checks of a page at a screen, then its screenshot <c>.artifacts/screenshots/{scenario}-{screen}.png</c>.</summary>
    public async Task PageAsync(IPage page, Screen screen, string scenario)
    {
        await AssertAccessibleAsync(page);
        if (screen.IsPhone) await AssertPhoneFriendlyAsync(page, scenario);
        else await ScreenshotAsync(page, $"{scenario}-{screen.Name}");
    }

    /// <summary>
    /// Fills each field, found by its label as a person reads it (a select by the option's text, several joined by 、; a checkbox
    /// by 是/否), then presses the button named <paramref name="button"/>.
    /// </summary>
    public static async Task FillAndSubmitAsync(IPage page, IEnumerable<(string Label, string Value)> fields, string button)
    {
        foreach (var (label, value) in fields)
        {
            var exact = page.GetByLabel(label, new() { Exact = true }); // not a longer label that merely contains it, if there is one
            var field = await exact.CountAsync() == 1 ? exact : page.GetByLabel(label);
            var kind = await field.EvaluateAsync<string>("e => e.tagName === 'SELECT' ? (e.multiple ? 'multi' : 'select') : e.type");
            await (kind switch
            {
                "select" => field.SelectOptionAsync(new SelectOptionValue { Label = value }),
                "multi" => field.SelectOptionAsync(value.Split('、').Select(v => new SelectOptionValue { Label = v })),
                "checkbox" => field.SetCheckedAsync(value == "是"),
                _ => field.FillAsync(value),
            });
        }
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }

    /// <summary>The error a field announces (aria-invalid, aria-describedby), asserted to stand right after the field.</summary>
    public async Task<string> ErrorOfAsync(IPage page, string label)
    {
        var seen = await page.GetByLabel(label).EvaluateAsync<JsonElement>("""
            f => {
              const ids = (f.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
              const error = ids.map(id => document.getElementById(id)).find(e => e && e.textContent.trim());
              return { invalid: f.getAttribute('aria-invalid'), text: error ? error.textContent.trim() : '',
                       beside: !!error && f.nextElementSibling === error };
            }
            """);
        chromium.CountChecks(3);
        Assert.True(seen.GetProperty("invalid").GetString() == "true", $"{label}: not aria-invalid");
        Assert.True(seen.GetProperty("beside").GetBoolean(), $"{label}: its error is not described by it right after it");
        return seen.GetProperty("text").GetString()!;
    }

    /// <summary>The page is in Chinese, every field has a label, and every shown field error is announced on its field.</summary>
    public async Task AssertAccessibleAsync(IPage page)
    {
        var seen = await page.EvaluateAsync<JsonElement>("""
            () => {
              const problems = [];
              if (document.documentElement.lang !== 'zh-CN') problems.push('lang is "' + document.documentElement.lang + '"');
              const fields = [...document.querySelectorAll('input, select, textarea')].filter(e => e.type !== 'hidden');
              for (const f of fields) {
                const labelled = [...(f.labels || [])].some(l => l.textContent.trim())
                  || (f.getAttribute('aria-label') || '').trim() || f.getAttribute('aria-labelledby');
                if (!labelled) problems.push(f.tagName.toLowerCase() + '#' + (f.id || f.name) + ' has no label');
              }
              const invalid = [...document.querySelectorAll('[aria-invalid="true"]')];
              for (const f of invalid) {
                const ids = (f.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
                if (!ids.some(id => (document.getElementById(id)?.textContent || '').trim()))
                  problems.push('#' + f.id + ' is aria-invalid without a described error');
              }
              const shown = [...document.querySelectorAll('.error[data-for]')].filter(s => s.textContent.trim());
              for (const s of shown) {
                const f = document.getElementById(s.dataset.for);
                if (f && f.getAttribute('aria-invalid') !== 'true') problems.push('the error of #' + f.id + ' is not announced on it');
              }
              return { problems, checked: 1 + fields.length + invalid.length + shown.length };
            }
            """);
        chromium.CountChecks(seen.GetProperty("checked").GetInt32());
        AssertNone(seen);
    }

    /// <summary>
    /// On a phone: nothing scrolls sideways, every button is at least 44 px high, every visible text at least 14 px; then the
    /// screenshot <c>{name}-phone.png</c>.
    /// </summary>
    public async Task AssertPhoneFriendlyAsync(IPage page, string name)
    {
        var seen = await page.EvaluateAsync<JsonElement>($$"""
            () => {
              const shown = e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
                && getComputedStyle(e).visibility !== 'hidden'; };
              const problems = [];
              // A phone zooms out to fit content wider than the screen (innerWidth grows with it): the layout viewport holds.
              const width = document.documentElement.scrollWidth;
              const room = Math.min(window.innerWidth, document.documentElement.clientWidth);
              if (width > room) problems.push('scrolls sideways: ' + width + ' px wide in ' + room);
              const buttons = [...document.querySelectorAll('button, input[type=submit], input[type=button], [role=button]')]
                .filter(shown);
              for (const b of buttons) {
                const h = b.getBoundingClientRect().height;
                if (h < {{MinTarget}}) problems.push('button "' + (b.textContent.trim() || b.value) + '" is ' + h + ' px high');
              }
              const texts = [...document.body.querySelectorAll('*')].filter(shown)
                .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
              for (const e of texts) {
                const size = parseFloat(getComputedStyle(e).fontSize);
                if (size < {{MinText}}) problems.push('<' + e.tagName.toLowerCase() + '> "' + e.textContent.trim().slice(0, 20)
                  + '" is ' + size + ' px');
              }
              return { problems, checked: 1 + buttons.length + texts.length };
            }
            """);
        chromium.CountChecks(seen.GetProperty("checked").GetInt32());
        await ScreenshotAsync(page, $"{name}-phone");
        AssertNone(seen);
    }

    private static void AssertNone(JsonElement seen)
    {
        var problems = seen.GetProperty("problems").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} problems: {string.Join("; ", problems)}");
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.Screenshots, name + ".png"), FullPage = true });
}
