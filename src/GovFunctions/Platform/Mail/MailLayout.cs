using System.Net;
using System.Text;

namespace GovFunctions.Platform.Mail;

/// <summary>The zh-CN frame every email shares: a header with the district's name, the body, a footer.</summary>
public static class MailLayout
{
    public static string Html(string districtName, string title, string bodyHtml) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>{{E(title)}}</title></head>
        <body style="font-family:'Microsoft YaHei','PingFang SC',sans-serif;color:#222;max-width:720px;margin:0 auto;padding:16px">
        <div style="border-bottom:3px solid #b3000c;padding-bottom:8px;margin-bottom:16px;color:#b3000c;font-size:18px;font-weight:bold">{{E(districtName)}}</div>
        <h2 style="font-size:17px;margin:0 0 12px">{{E(title)}}</h2>
        {{bodyHtml}}
        <p style="margin-top:24px;color:#888;font-size:12px">本邮件由区政府政务系统自动发送，请勿直接回复。如有疑问请联系区政府办公室。</p>
        </body></html>
        """;

    public static string Text(string districtName, string title, string bodyText) =>
        $"{districtName}\n{title}\n\n{bodyText}\n\n—— 本邮件由区政府政务系统自动发送，请勿直接回复。如有疑问请联系区政府办公室。\n";

    /// <summary>An HTML table of label/value rows, values encoded.</summary>
    public static string Facts(IEnumerable<(string Label, string? Value)> rows)
    {
        var sb = new StringBuilder("<table style=\"border-collapse:collapse;margin:8px 0\">");
        foreach (var (label, value) in rows)
            sb.Append($"<tr><th style=\"text-align:left;padding:4px 12px 4px 0;color:#555;font-weight:normal;white-space:nowrap\">{E(label)}</th><td style=\"padding:4px 0\">{E(value ?? "—")}</td></tr>");
        return sb.Append("</table>").ToString();
    }

    public static string FactsText(IEnumerable<(string Label, string? Value)> rows) =>
        string.Join("\n", rows.Select(r => $"{r.Label}：{r.Value ?? "—"}"));

    public static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}
