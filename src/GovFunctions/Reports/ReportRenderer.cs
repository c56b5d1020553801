using System.Text;
using GovFunctions.Organization;
using GovFunctions.Platform;
using GovFunctions.Platform.Mail;

namespace GovFunctions.Reports;

/// <summary>A report as HTML (tables and the inline chart), as plain text, and as CSV (one row per line item, with its section).</summary>
public static class ReportRenderer
{
    public static string Subject(ReportContent r) =>
        $"{(r.Period.Kind == ReportKind.Weekly ? "【周报】" : "【月报】")}{r.ScopeTitle} {r.Period.ChineseName}";

    public static string Body(ReportContent r, bool withChart)
    {
        var body = new StringBuilder();
        body.Append($"<p>报告期间：{Html.E(r.Period.ChineseName)}；范围：{Html.E(r.ScopeTitle)}。</p>");
        if (withChart) body.Append("<p>").Append(InlineChart.ImgHtml(r.Chart.Title)).Append("</p>");
        foreach (var section in r.Tables.GroupBy(t => t.Section))
        {
            body.Append($"<h2 style=\"font-size:16px\">{Html.E(section.Key)}</h2>");
            foreach (var t in section)
            {
                body.Append($"<h3 style=\"font-size:14px\">{Html.E(t.Title)}</h3>");
                if (t.Rows.Count == 0) { body.Append("<p>无。</p>"); continue; }
                body.Append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse;max-width:100%\"><tr>");
                foreach (var h in t.Header) body.Append($"<th>{Html.E(h)}</th>");
                body.Append("</tr>");
                foreach (var row in t.Rows)
                    body.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{Html.E(c)}</td>"))).Append("</tr>");
                body.Append("</table>");
            }
        }
        return body.ToString();
    }

    public static string Text(ReportContent r) => string.Join("\n\n", r.Tables.Select(t =>
        $"【{t.Section}】{t.Title}\n" + (t.Rows.Count == 0 ? "无" : string.Join("\n", t.Rows.Select(row => string.Join("｜", row))))));

    public static readonly string[] CsvHeader = ["板块", "表", "项目", "数值", "补充"];

    public static byte[] Csv(ReportContent r) => CsvFile.Write(CsvHeader,
        r.Tables.SelectMany(t => t.Rows.Select(row => (IReadOnlyList<string?>)
        [
            t.Section, t.Title, row.ElementAtOrDefault(0), row.ElementAtOrDefault(1),
            string.Join("；", row.Skip(2).Select((c, i) => $"{t.Header.ElementAtOrDefault(i + 2)}：{c}").Where(c => !c.EndsWith('：'))),
        ])));

    /// <summary>The report email: HTML with the chart inline (a <c>cid:</c> image, which Outlook, Foxmail and phones show), the
    /// text part, and the CSV attached.</summary>
    public static OutgoingMail Mail(ReportContent r, OrgChart org, IReadOnlyList<MailAddress> to, IReadOnlyList<MailAddress> cc)
    {
        var subject = Subject(r);
        var csv = new MailAttachment($"{r.Period.Name}-{r.Scope.Name.Replace(':', '-')}.csv", CsvFile.ContentType, Csv(r));
        return new OutgoingMail(to, subject, MailLayout.Html(org.District.Name, subject, Body(r, withChart: true)),
            MailLayout.Text(org.District.Name, subject, Text(r)))
        {
            Cc = cc,
            Attachments = [InlineChart.Attachment(ReportChart.RenderPng(r.Chart)), csv],
        };
    }
}
