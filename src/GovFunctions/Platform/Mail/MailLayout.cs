using System.Text;
using static GovFunctions.Platform.Html;

namespace GovFunctions.Platform.Mail;

/// <summary>
/// The zh-CN frame every email shares: a header with the district's name, the body, a footer. It fits a phone: a
/// viewport, a fluid width up to 720 px, long values and links that wrap, and facts stacked on a narrow screen.
/// </summary>
public static class MailLayout
{
    public static string Html(string districtName, string title, string bodyHtml) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{E(title)}}</title>
        <style>
        img,table,pre{max-width:100%}a{word-break:break-all}
        @media (max-width:600px){.facts th,.facts td{display:block;padding:2px 0}.facts th{padding-top:8px} }
        </style></head>
        <body style="font-family:{{FontStack.Replace('"', '\'')}};color:#222;width:100%;max-width:720px;margin:0 auto;padding:16px;
        box-sizing:border-box;word-break:break-word;-webkit-text-size-adjust:100%">
        <div style="border-bottom:3px solid #b3000c;padding-bottom:8px;margin-bottom:16px;color:#b3000c;font-size:18px;font-weight:bold">{{E(districtName)}}</div>
        <h2 style="font-size:17px;margin:0 0 12px">{{E(title)}}</h2>
        {{bodyHtml}}
        <p style="margin-top:24px;color:#888;font-size:12px">本邮件由区政府政务系统自动发送，请勿直接回复。如有疑问请联系区政府办公室。</p>
        </body></html>
        """;

    public static string Text(string districtName, string title, string bodyText) =>
        $"{districtName}\n{title}\n\n{bodyText}\n\n—— 本邮件由区政府政务系统自动发送，请勿直接回复。如有疑问请联系区政府办公室。\n";

    /// <summary>An HTML table of label/value rows, values encoded; on a phone each label sits above its value.</summary>
    public static string Facts(IEnumerable<(string Label, string? Value)> rows)
    {
        var sb = new StringBuilder("<table class=\"facts\" style=\"border-collapse:collapse;margin:8px 0;width:100%\">");
        foreach (var (label, value) in rows)
            sb.Append("<tr><th style=\"text-align:left;padding:4px 12px 4px 0;color:#555;font-weight:normal;vertical-align:top;width:7em\">"
                + $"{E(label)}</th>"
                + $"<td style=\"padding:4px 0;word-break:break-word\">{E(value ?? "—")}</td></tr>");
        return sb.Append("</table>").ToString();
    }

    public static string FactsText(IEnumerable<(string Label, string? Value)> rows) =>
        string.Join("\n", rows.Select(r => $"{r.Label}：{r.Value ?? "—"}"));
}
