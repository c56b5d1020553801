using GovFunctions.Platform.Mail;

namespace GovFunctions.Reports;

/// <summary>A report as HTML (tables and the inline chart), as plain text, and as CSV (one row per line item, with its section).</summary>
public static class ReportRenderer
{
    public static string Subject(ReportContent r) =>
        $"{(r.Period.Kind == ReportKind.Weekly ? "【周报】" : "【月报】")}{r.ScopeTitle} {r.Period.ChineseName}";

    /// <summary>A report's model (<c>Templates/Reports/report</c>): period, scope, the chart, the tables (also by section).</summary>
    public sealed record ReportView(string Period, string Scope, InlineChart.ImageView Chart, IReadOnlyList<ReportTable> Tables,
        IReadOnlyList<SectionView> Sections);

    public sealed record SectionView(string Name, IReadOnlyList<ReportTable> Tables);

    /// <summary>The report's model, its chart shown from <paramref name="chartSource"/> (a <c>cid:</c> or <c>data:</c> URI).</summary>
    public static ReportView View(ReportContent r, string chartSource) =>
        new(r.Period.ChineseName, r.ScopeTitle, new InlineChart.ImageView(chartSource, r.Chart.Title, ReportChart.Width), r.Tables,
            r.Tables.GroupBy(t => t.Section).Select(g => new SectionView(g.Key, g.ToList())).ToList());

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
        var body = MailLayout.Render(org.District.Name, subject, "Reports/report", View(r, InlineChart.Source()));
        return new OutgoingMail(to, subject, body.Html, body.Text)
        {
            Cc = cc,
            Attachments = [InlineChart.Attachment(ReportChart.RenderPng(r.Chart)), csv],
        };
    }
}
