using GovFunctions.Platform.Templating;

namespace GovFunctions.Platform.Mail;

/// <summary>One label/value row of an email or a page; an absent value shows as “—”.</summary>
public sealed record FactRow(string Label, string Value)
{
    public static IReadOnlyList<FactRow> Of(IEnumerable<(string Label, string? Value)> rows) =>
        rows.Select(r => new FactRow(r.Label, r.Value ?? "—")).ToList();
}

/// <summary>An email's two parts, each already inside the mail frame.</summary>
public sealed record MailBody(string Html, string Text);

/// <summary>
/// Every email: its own pair of templates (<c>X.html</c> and <c>X.text</c> under <c>Templates/</c>) rendered from one view
/// model, each inside the one zh-CN mail frame (<c>Templates/Mail/frame.html</c>, <c>frame.text</c>): a header with the
/// district's name, the title, the body, a footer. The HTML fits a phone (see the frame).
/// </summary>
public static class MailLayout
{
    /// <summary>The frames' model: the district's name, the title, and the body already rendered.</summary>
    public sealed record Frame(string DistrictName, string Title, string Body);

    /// <summary>The common email's model (<c>Templates/Mail/notice</c>): “greeting：”, a paragraph, the facts; "" leaves one out.</summary>
    public sealed record NoticeView(string Greeting, string Intro, IReadOnlyList<FactRow> Facts);

    public static string Html(string districtName, string title, string bodyHtml) =>
        Templates.Render("Mail/frame.html", new Frame(districtName, title, bodyHtml));

    public static string Text(string districtName, string title, string bodyText) =>
        Templates.Render("Mail/frame.text", new Frame(districtName, title, bodyText));

    /// <summary>Renders <c>{template}.html</c> and <c>{template}.text</c> from <paramref name="model"/>, each in its frame.</summary>
    public static MailBody Render(string districtName, string title, string template, object model) =>
        new(Html(districtName, title, Templates.Render(template + ".html", model)),
            Text(districtName, title, Templates.Render(template + ".text", model)));

    /// <summary>The common email: an optional greeting (“name：”), a paragraph, the facts.</summary>
    public static MailBody Notice(string districtName, string title, string intro, IEnumerable<(string Label, string? Value)> facts,
        string greeting = "") =>
        Render(districtName, title, "Mail/notice", new NoticeView(greeting, intro, FactRow.Of(facts)));
}
