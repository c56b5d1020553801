using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GovFunctions.Records;

/// <summary>
/// The tamper-evident history of a record (Art. 19, 32: the record is evidence for accountability). Every history row
/// carries <c>Hash</c> = SHA-256 over its own content (record, sequence number, time, actor, states, reason, the hash of the
/// record's JSON as that change wrote it) and <c>PrevHash</c>, the previous row's hash for the same record; the record row
/// carries the last row's hash, so the writer needs no extra read. Rows written before the chain existed have no hash:
/// such a record is <see cref="ChainState.Unchained"/>, not tampered.
/// </summary>
public static class HistoryChain
{
    public const string HashProperty = "Hash";
    public const string PrevHashProperty = "PrevHash";
    public const string SeqProperty = "Seq";
    public const string RecordHashProperty = "RecordHash";

    /// <summary>On the record row: the hash of its newest history row.</summary>
    public const string HeadProperty = "HistoryHash";

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The hash of one row. Times count to the millisecond, the precision every table store keeps.</summary>
    public static string HashOf(string partition, string recordId, int seq, HistoryEntry entry, string recordHash, string prevHash)
    {
        var text = new StringBuilder(256 + (entry.Reason?.Length ?? 0));
        Field(text, partition);
        Field(text, recordId);
        Field(text, seq.ToString(CultureInfo.InvariantCulture));
        Field(text, entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        Field(text, entry.ActorId);
        Field(text, entry.ActorName);
        Field(text, entry.FromState);
        Field(text, entry.ToState);
        Field(text, entry.Reason);
        Field(text, recordHash);
        Field(text, prevHash);
        return Sha256(text);
    }

    /// <summary>One field, length-prefixed (no two contents read alike): <c>{length}:{text}|</c>, or <c>-1:|</c> for none.</summary>
    private static void Field(StringBuilder text, string? field)
    {
        if (field is null) text.Append("-1:");
        else text.Append(field.Length).Append(':').Append(field);
        text.Append('|');
    }

    /// <summary>SHA-256 of the text's UTF-8, encoded in one pooled buffer (the intake path hashes every change).</summary>
    private static string Sha256(StringBuilder text)
    {
        var chars = ArrayPool<char>.Shared.Rent(text.Length);
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            text.CopyTo(0, chars, 0, text.Length);
            var length = Encoding.UTF8.GetBytes(chars, 0, text.Length, bytes, 0);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>One history row as stored; the chain properties are null on rows written before the chain.</summary>
    public sealed record Row(string RowKey, int Position, HistoryEntry Entry, int? Seq, string? Hash, string? PrevHash, string? RecordHash);

    /// <summary>The record row as stored, or null when it is gone.</summary>
    public sealed record Head(string RowKey, int Version, string Json, string? HistoryHash);

    /// <summary>Walks a record's rows (in row-key order) and names every row that breaks the chain.</summary>
    public static ChainReport Verify(string partition, string recordId, Head? head, IReadOnlyList<Row> rows, Func<int, string> rowKeyOf)
    {
        var broken = new List<BrokenRow>();
        var hashes = rows.Where(r => r.Hash is not null).Select(r => r.Hash!).ToHashSet();
        var chained = hashes.Count > 0 || head?.HistoryHash is not null;
        // Each row names the hash of the row before it in the record's own sequence, wherever that row now stands.
        var rowBySeq = new Dictionary<int, Row>();
        foreach (var r in rows)
            if (r.Seq is { } s && r.Hash is not null) rowBySeq.TryAdd(s, r);
        var position = 0;
        var seenChained = false;
        Row? previous = null;
        foreach (var row in rows)
        {
            if (row.Position <= position) // a row under a key out of the sequence: inserted out of order
            {
                broken.Add(new(row.RowKey, RowProblem.Reordered));
                continue;
            }
            for (var gap = position + 1; gap < row.Position; gap++) broken.Add(new(rowKeyOf(gap), RowProblem.Missing));
            position = row.Position;
            previous = row;
            if (row.Hash is null)
            {
                if (seenChained) broken.Add(new(row.RowKey, RowProblem.Edited)); // a chained row lost its hash
                continue;
            }
            seenChained = true;
            if (row.Seq is not { } seq || row.PrevHash is null || row.RecordHash is null
                || HashOf(partition, recordId, seq, row.Entry, row.RecordHash, row.PrevHash) != row.Hash)
                broken.Add(new(row.RowKey, RowProblem.Edited));
            else if (seq != row.Position)
                broken.Add(new(row.RowKey, RowProblem.Reordered));
            else if (seq == 1 ? row.PrevHash != "" : rowBySeq.TryGetValue(seq - 1, out var before) && before.Hash != row.PrevHash)
                broken.Add(hashes.Contains(row.PrevHash) ? new(row.RowKey, RowProblem.Reordered)
                    : new(rowBySeq.GetValueOrDefault(seq - 1)?.RowKey ?? rowKeyOf(1), RowProblem.Edited)); // its hash was rewritten
        }

        if (head is null)
        {
            if (rows.Count > 0) broken.Add(new(RecordStore.RecordRow(recordId), RowProblem.Missing));
        }
        else
        {
            for (var gap = position + 1; gap <= head.Version; gap++) broken.Add(new(rowKeyOf(gap), RowProblem.Missing));
            if (chained && head.Version == position && previous is not null)
            {
                if (head.HistoryHash != previous.Hash && broken.All(b => b.Row != previous.RowKey))
                    broken.Add(new(previous.RowKey, RowProblem.Edited));
                else if (previous.RecordHash is not null && Sha256(head.Json) != previous.RecordHash)
                    broken.Add(new(head.RowKey, RowProblem.Edited));
            }
            else if (chained && head.Version < position)
                broken.Add(new(head.RowKey, RowProblem.Edited));
        }

        var unchained = rows.Any(r => r.Hash is null) || (rows.Count > 0 && !chained);
        var state = broken.Count > 0 ? ChainState.Tampered : unchained ? ChainState.Unchained : ChainState.Intact;
        return new ChainReport(state, rows.Count, broken.DistinctBy(b => (b.Row, b.Problem)).ToList());
    }
}

public enum ChainState { Intact, Unchained, Tampered }

public enum RowProblem { Edited, Missing, Reordered }

public sealed record BrokenRow(string Row, RowProblem Problem);

public sealed record ChainReport(ChainState State, int Rows, IReadOnlyList<BrokenRow> Broken);
