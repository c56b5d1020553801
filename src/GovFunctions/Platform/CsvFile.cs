using CsvHelper;

namespace GovFunctions.Platform;

/// <summary>
/// The one CSV writer of the app (scorecards, reports): RFC 4180 by CsvHelper, UTF-8 with a byte order mark so Excel reads the
/// Chinese, and a field a spreadsheet would run as a formula escaped.
/// </summary>
public static class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape },
            leaveOpen: true))
        {
            foreach (var h in header) csv.WriteField(h);
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var field in row) csv.WriteField(field ?? "");
                csv.EndRecord();
            }
        }
        return buffer.ToArray();
    }
}
