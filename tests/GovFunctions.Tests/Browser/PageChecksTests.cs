using Microsoft.Playwright;
using Xunit.Sdk;

namespace GovFunctions.Tests.Browser;

/// <summary>The page checks catch what they are for: a page failing each of them is refused, naming every fault.</summary>
[Collection(BrowserCollection.Name)]
public class PageChecksTests(Chromium chromium)
{
    private const string Faulty = """
        <!DOCTYPE html><html lang="en"><head><meta name="viewport" content="width=device-width,initial-scale=1"></head><body>
        <input id="nameless"><select id="pick"><option>一</option></select>
        <label for="ok">名称</label><input id="ok" aria-invalid="true">
        <button style="height:30px;padding:0">太小的按钮</button><p style="font-size:12px">太小的字</p>
        <div style="width:600px">太宽的内容</div></body></html>
        """;

    private const string Sound = """
        <!DOCTYPE html><html lang="zh-CN"><head><meta name="viewport" content="width=device-width,initial-scale=1"></head>
        <body style="font-size:16px"><label for="a">名称</label><input id="a" aria-invalid="true" aria-describedby="a-error">
        <div id="a-error">名称为必填项</div><button style="min-height:44px;font-size:16px">提交</button></body></html>
        """;

    private async Task<IPage> PhoneAsync(string html)
    {
        var page = await chromium.Browser.NewPageAsync(new BrowserNewPageOptions
        {
            ViewportSize = new ViewportSize { Width = Screen.Phone.Width, Height = Screen.Phone.Height }, IsMobile = true,
        });
        await page.SetContentAsync(html);
        return page;
    }

    [Fact]
    public async Task AFaultyPage_FailsBothChecks_NamingEachFault()
    {
        var page = await PhoneAsync(Faulty);
        var checks = new PageChecks(chromium);
        var a11y = await Assert.ThrowsAsync<TrueException>(() => checks.AssertAccessibleAsync(page));
        Assert.Contains("lang is \"en\"", a11y.Message);
        Assert.Contains("input#nameless has no label", a11y.Message);
        Assert.Contains("select#pick has no label", a11y.Message);
        Assert.Contains("#ok is aria-invalid without a described error", a11y.Message);
        var phone = await Assert.ThrowsAsync<TrueException>(() => checks.AssertPhoneFriendlyAsync(page, "faulty-check"));
        Assert.Matches(@"scrolls sideways: \d+ px wide in 375", phone.Message);
        Assert.Contains("button \"太小的按钮\" is 30 px high", phone.Message);
        Assert.Contains("<p> \"太小的字\" is 12 px", phone.Message);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ASoundPage_PassesBothChecks()
    {
        var page = await PhoneAsync(Sound);
        var checks = new PageChecks(chromium);
        await checks.AssertAccessibleAsync(page);
        await checks.AssertPhoneFriendlyAsync(page, "sound-check");
        Assert.Equal("名称为必填项", await checks.ErrorOfAsync(page, "名称"));
        await page.Context.CloseAsync();
    }
}
