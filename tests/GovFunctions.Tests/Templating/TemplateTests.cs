using System.Text.RegularExpressions;
using Fluid;
using GovFunctions.Platform;
using GovFunctions.Platform.Mail;
using GovFunctions.Platform.Templating;
using GovFunctions.Tests.Support;
using static GovFunctions.Tests.Templating.TemplateSamples;

namespace GovFunctions.Tests.Templating;

/// <summary>
/// The one templating approach (issue 9): every page and email comes from a Liquid template under <c>Templates/</c>, parsed
/// when the app starts, rendered through one encoder that encodes markup and leaves Chinese alone, in one page frame and one
/// mail frame.
/// </summary>
public partial class TemplateTests
{
    private const string EncodedHostile = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;青禾区“同意”&#x27;";

    public static TheoryData<string> Names => new(Templates.Names.Order(StringComparer.Ordinal));

    [Fact]
    public void EveryTemplate_HasASample_AndEverySampleATemplate()
    {
        Assert.Equal(ByTemplate.Keys.Order(StringComparer.Ordinal), Templates.Names.Order(StringComparer.Ordinal));
        Assert.Contains("Page/frame", Templates.Names);
    }

    /// <summary>
    /// Strict: a variable or a filter a template names and its model lacks fails the render, so a typo in a template fails
    /// here instead of printing nothing; HTML templates encode every value, text templates none.
    /// </summary>
    [Theory, MemberData(nameof(Names))]
    public void EveryTemplate_RendersEachOfItsSamples_EncodingMarkupInHtmlOnly(string name)
    {
        foreach (var model in ByTemplate[name])
        {
            var output = Templates.Render(name, model);
            Assert.False(string.IsNullOrWhiteSpace(output), $"{name} rendered nothing");
            if (Templates.IsText(name)) Assert.DoesNotContain("&lt;", output);
            else Assert.DoesNotContain("<script>alert", output);
        }
    }

    /// <summary>The parsed templates and their options are shared: renders on many threads at once give what one thread gives.</summary>
    [Fact]
    public void Rendering_OnManyThreadsAtOnce_GivesWhatOneThreadGives()
    {
        var jobs = ByTemplate.SelectMany(t => t.Value.Select(model => (Name: t.Key, Model: model))).ToList();
        var expected = jobs.Select(j => Templates.Render(j.Name, j.Model)).ToList();

        var seen = new string[jobs.Count * 20];
        Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => seen[i] = Templates.Render(jobs[i % jobs.Count].Name, jobs[i % jobs.Count].Model));

        for (var i = 0; i < seen.Length; i++) Assert.Equal(expected[i % jobs.Count], seen[i]);
    }

    [Fact]
    public void ATemplateThatDoesNotParse_IsRefusedWhenTheTemplatesAreLoaded_NamingItsFile()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Templates.Parse(new Dictionary<string, string>
        {
            ["Mail/good.html"] = "<p>{{ intro }}</p>",
            ["Mail/broken.html"] = "{% if intro %}<p>{{ intro }}</p>",
        }));
        Assert.Contains("Templates/Mail/broken.html.liquid", e.Message);
        Assert.DoesNotContain("good", e.Message);
    }

    /// <summary>
    /// A template the code names (<c>"Forms/leave"</c>, or <c>"Duty/handover"</c> for its <c>.html</c> and <c>.text</c>) exists,
    /// so a misspelt name fails here and not at the first request.
    /// </summary>
    [Fact]
    public void EveryTemplateTheCodeNames_Exists()
    {
        var named = SourceLines().SelectMany(x => TemplateName().Matches(x.Line).Select(m => (x.Where, Name: m.Groups[1].Value))).ToList();
        Assert.True(named.Count > 15, $"only {named.Count} template names found in the code");
        var missing = named.Where(n => !Templates.Names.Contains(n.Name)
            && !(Templates.Names.Contains(n.Name + ".html") && Templates.Names.Contains(n.Name + ".text"))).ToList();
        Assert.True(missing.Count == 0, "templates named but missing:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void AMissingTemplate_FailsLoudly()
    {
        var e = Assert.Throws<ArgumentException>(() => Templates.Render("Mail/missing.html", new { }));
        Assert.Contains("Mail/missing.html", e.Message);
    }

    [Fact]
    public void AModelThatLacksAVariable_FailsTheRender_InsteadOfPrintingNothing()
    {
        Assert.Throws<FluidException>(() => Templates.Render("Mail/notice.html", new { Intro = "只有正文" }));
    }

    [Fact]
    public void HostileText_IsEncodedInAPage_AndInAnEmailsHtml_ButNotInItsText()
    {
        var page = Html.Page(200, Hostile, "Approvals/decided", ByTemplate["Approvals/decided"][0]).Content!;
        var mail = MailLayout.Notice(Hostile, Hostile, Hostile, [(Hostile, Hostile)]);

        foreach (var html in new[] { page, mail.Html })
        {
            Assert.Contains(EncodedHostile, html);
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain("\"x\"", html);
        }
        Assert.Contains($"<title>{EncodedHostile}</title>", page);
        Assert.Equal(5, Occurrences(mail.Text, Hostile)); // the district, the title, the paragraph, a fact's label and its value
        Assert.DoesNotContain("&", mail.Text.Replace(" & ", ""));
    }

    [Fact]
    public void Chinese_StaysLiteral_InPagesAndEmails()
    {
        const string Chinese = "青禾区人民政府办公室“同意”——《规则》第七十五条（代为主持工作）：同意。";
        var page = Html.Document(Chinese, Templates.Render("Page/facts", new { Rows = new[] { new FactRow("事由", Chinese) } }));
        var mail = MailLayout.Notice("青禾区人民政府", Chinese, Chinese, [("事由", Chinese)]);

        foreach (var output in new[] { page, mail.Html, mail.Text })
        {
            Assert.Contains(Chinese, output);
            Assert.DoesNotContain("&#", output);
        }
    }

    [Fact]
    public void ThePageFrame_IsZhCn_FitsAPhone_WithLargeTargets_AndInputsThatDoNotZoom()
    {
        var page = Html.Document("标题", "<p>正文</p>");

        AssertFramed(page);
        Assert.Matches(@"input,select,textarea\{[^}]*font-size:16px", page); // below 16px a phone zooms in on focus
        Assert.Matches(@"button\{[^}]*min-height:44px", page);
        Assert.Matches(@"body\{[^}]*font-size:16px", page);
    }

    [Fact]
    public void TheMailFrame_IsZhCn_FitsAPhone_AndEndsItsTextWithTheFooter()
    {
        var mail = MailLayout.Notice("青禾区人民政府", "标题", "正文", [("事项", null)]);

        AssertFramed(mail.Html);
        Assert.Contains("max-width:720px", mail.Html);
        Assert.Equal("青禾区人民政府\n标题\n\n正文\n\n事项：—\n\n—— 本邮件由区政府政务系统自动发送，请勿直接回复。如有疑问请联系区政府办公室。\n", mail.Text);
    }

    /// <summary>
    /// Markup lives in templates: no C# file of the app writes an HTML element in a string, and none encodes HTML itself
    /// (the templates' encoder is the one encoder).
    /// </summary>
    [Fact]
    public void NoCSharpFileOfTheApp_BuildsHtmlOrEncodesItself()
    {
        var offenders = SourceLines()
            .Where(x => HtmlElement().IsMatch(x.Line) || x.Line.Contains("HtmlEncode(", StringComparison.Ordinal))
            .Select(x => $"{x.Where}: {x.Line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "HTML built in C#:\n" + string.Join("\n", offenders));
    }

    /// <summary>Every line of the app's C# files but comments, with its file and line number.</summary>
    private static IEnumerable<(string Where, string Line)> SourceLines()
    {
        var src = Path.Combine(TestEnvironment.RepositoryRoot, "src", "GovFunctions");
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => ($"{Path.GetRelativePath(src, f)}:{i + 1}", line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal));
    }

    private static int Occurrences(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    [GeneratedRegex("\"([A-Z][A-Za-z]+/[a-z][a-z.]*)\"")]
    private static partial Regex TemplateName();

    [GeneratedRegex(
        @"<(p|div|table|tr|td|th|form|input|select|option|textarea|label|button|h[1-6]|ul|li|a|img|pre|b|article|html|body|script)[\s>]",
        RegexOptions.IgnoreCase)]
    private static partial Regex HtmlElement();
}
