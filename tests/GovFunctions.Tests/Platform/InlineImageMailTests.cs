using GovFunctions.Platform.Mail;
using GovFunctions.Reports;
using GovFunctions.Tests.Reports;
using GovFunctions.Tests.Support;
using MimeKit;

namespace GovFunctions.Tests.Platform;

/// <summary>
/// A report-shaped mail through real SMTP into MailDev: the chart travels as an inline related part the HTML's
/// cid: reference resolves to, the CSV as a plain attachment, both byte for byte.
/// </summary>
public class InlineImageMailTests
{
    private static readonly byte[] Csv = "\uFEFF部分,项目,数量\n热线,来电量,128\n"u8.ToArray();

    [Fact]
    public async Task Send_ChartWithContentId_IsInlineInMultipartRelated_AndTheCsvIsAnAttachment()
    {
        await using var app = TestApp.Create();
        var token = Guid.NewGuid().ToString("N")[..8];
        var to = $"zhou.minghua+{token}@qinghe.example.org";
        var png = ReportChart.RenderPng(ReportChartSamples.ByDay(7));
        var contentId = $"hotline-chart-{token}@govfunctions";
        var mail = new OutgoingMail([new MailAddress(to, "周明华")], $"12345热线周报 {token}",
            MailLayout.Html("青禾区人民政府", "12345热线周报",
                "<p>本周来电：</p>" + InlineChart.ImgHtml("每日来电量与按时办结率", contentId)),
            MailLayout.Text("青禾区人民政府", "12345热线周报", "本周来电：见附件"))
        {
            Attachments = [InlineChart.Attachment(png, contentId), new MailAttachment("周报.csv", "text/csv", Csv)],
        };

        await app.Get<IMailSender>().SendAsync(mail, TestContext.Current.CancellationToken);

        var received = Assert.Single(await MailDevInbox.WaitForAsync(e => e.IsTo(to)));
        var image = Assert.Single(received.Attachments!, a => a.ContentType == "image/png");
        Assert.Equal("inline", image.ContentDisposition);
        Assert.Equal(contentId, image.ContentId?.Trim('<', '>'));
        var csv = Assert.Single(received.Attachments!, a => a.FileName == "周报.csv");
        Assert.Equal("attachment", csv.ContentDisposition);
        Assert.StartsWith("text/csv", csv.ContentType);
        Assert.Null(csv.ContentId);
        Assert.Equal(png, await MailDevInbox.AttachmentAsync(received.Id, image.GeneratedFileName!));
        Assert.Equal(Csv, await MailDevInbox.AttachmentAsync(received.Id, csv.GeneratedFileName!));

        // MailDev's parser, like a mail client, resolves the HTML's cid: to the related part: to exactly this PNG.
        var shown = await MailDevInbox.RenderedHtmlAsync(received.Id);
        Assert.Contains($"<img src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"", shown);

        AssertStructure(MimeMessage.Load(new MemoryStream(await MailDevInbox.SourceAsync(received.Id))), contentId, png);
    }

    [Fact]
    public void Build_WithoutAnInlineImage_HasNoRelatedPart()
    {
        using var sender = new SmtpMailSender(Microsoft.Extensions.Options.Options.Create(new MailOptions { Host = "x", From = "a@b.cn" }),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SmtpMailSender>.Instance);
        var message = sender.Build(new OutgoingMail([new MailAddress("x@qinghe.example.org")], "周报", "<p>周报</p>", "周报")
        {
            Attachments = [new MailAttachment("周报.csv", "text/csv", Csv)],
        });

        Assert.Empty(message.BodyParts.OfType<MultipartRelated>());
        var csv = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.True(csv.IsAttachment);
        Assert.Equal(Csv, Content(csv));
    }

    /// <summary>mixed[ alternative[ text/plain, related[ text/html → cid, image/png inline ] ], text/csv attachment ].</summary>
    private static void AssertStructure(MimeMessage message, string contentId, byte[] png)
    {
        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("mixed", mixed.ContentType.MediaSubtype);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        var related = Assert.Single(alternative.OfType<MultipartRelated>());
        var html = Assert.IsType<TextPart>(related.Root);
        Assert.True(html.IsHtml);
        Assert.Contains($"src=\"cid:{contentId}\"", html.Text);

        var image = Assert.IsType<MimePart>(Assert.Single(related, p => p != related.Root));
        Assert.Equal("image/png", image.ContentType.MimeType);
        Assert.Equal(ContentDisposition.Inline, image.ContentDisposition?.Disposition);
        Assert.Equal(contentId, image.ContentId);
        Assert.Equal($"<{contentId}>", image.Headers[HeaderId.ContentId]);
        Assert.Equal(png, Content(image));

        var csv = Assert.IsType<MimePart>(Assert.Single(mixed, p => p is MimePart { IsAttachment: true }), exactMatch: false);
        Assert.Equal("周报.csv", csv.FileName);
        Assert.Equal("text/csv", csv.ContentType.MimeType);
        Assert.Equal(Csv, Content(csv));
        Assert.DoesNotContain(related, p => p is MimePart { FileName: "周报.csv" });
    }

    private static byte[] Content(MimePart part)
    {
        using var bytes = new MemoryStream();
        Assert.NotNull(part.Content);
        part.Content.DecodeTo(bytes);
        return bytes.ToArray();
    }
}
