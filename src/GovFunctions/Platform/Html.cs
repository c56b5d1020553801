using GovFunctions.Platform.Templating;
using Microsoft.AspNetCore.Mvc;

namespace GovFunctions.Platform;

/// <summary>
/// Every HTML page of the app: its own template (under <c>Templates/</c>) rendered with its view model, inside the one zh-CN
/// page frame (<c>Templates/Page/frame.liquid</c>). Encoding is the templates' (<see cref="Templates"/>).
/// </summary>
public static class Html
{
    /// <summary>The page frame's model: the title, and the body already rendered from the page's template.</summary>
    public sealed record PageFrame(string Title, string Body);

    /// <summary>One option of a select.</summary>
    public sealed record Choice(string Value, string Label);

    /// <summary>The page <paramref name="template"/> renders from <paramref name="model"/>, in the frame, as a response.</summary>
    public static ContentResult Page(int status, string title, string template, object model) =>
        new() { StatusCode = status, ContentType = ContentType, Content = Document(title, Templates.Render(template, model)) };

    public const string ContentType = "text/html; charset=utf-8";

    /// <summary>A whole page: <paramref name="bodyHtml"/> (already rendered and encoded) in the frame.</summary>
    public static string Document(string title, string bodyHtml) => Templates.Render("Page/frame", new PageFrame(title, bodyHtml));
}
