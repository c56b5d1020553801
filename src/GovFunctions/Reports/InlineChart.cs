using GovFunctions.Platform.Mail;
using GovFunctions.Platform.Templating;

namespace GovFunctions.Reports;

/// <summary>
/// A chart PNG as a mail's inline image: an attachment with a content id, sent inside multipart/related with
/// Content-Disposition inline, and the <c>&lt;img src="cid:…"&gt;</c> the HTML shows it with (Outlook, Foxmail and
/// phone clients display cid: images; many block SVG and data: URIs).
/// </summary>
public static class InlineChart
{
    public const string DefaultContentId = "report-chart@govfunctions";

    public static MailAttachment Attachment(byte[] png, string contentId = DefaultContentId, string fileName = "chart.png") =>
        new(fileName, "image/png", png, contentId);

    /// <summary>An image as the report template shows it (<c>Templates/Reports/chart</c>).</summary>
    public sealed record ImageView(string Source, string Alt, int Width);

    /// <summary>The <c>src</c> that shows the attachment with <paramref name="contentId"/>.</summary>
    public static string Source(string contentId = DefaultContentId) => "cid:" + contentId;

    /// <summary>
    /// The image at its drawn width, shrinking to a phone's screen; <paramref name="alt"/> for clients that block images.
    /// </summary>
    public static string ImgHtml(string alt, string contentId = DefaultContentId) =>
        Templates.Render("Reports/chart", new ImageView(Source(contentId), alt, ReportChart.Width));
}
