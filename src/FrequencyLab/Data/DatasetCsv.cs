using System.Globalization;
using System.Text;
using FrequencyLab.IO;
using Microsoft.Data.Analysis;

namespace FrequencyLab.Data;

/// <summary>
/// The CSV layout of a dataset, through Microsoft.Data.Analysis DataFrames: header <c>t,S,C1..CK,target</c>,
/// invariant culture, shortest round-trip number text (so float64 and float32 values read back bit for bit).
/// The <c>t</c> column (seconds, n/fs) is written when the spec is known and is optional on read.
/// </summary>
internal static class DatasetCsv
{
    /// <summary>The CSV bytes of <paramref name="table"/>; <paramref name="time"/> (seconds per row) adds the t column.</summary>
    public static byte[] Encode(DatasetTable table, NpyDType dtype, double[]? time)
    {
        var names = DatasetTable.ColumnNames(table.FrequencyCount);
        var frame = new DataFrame();
        if (time is not null) frame.Columns.Add(new DoubleDataFrameColumn("t", time));
        for (int c = 0; c < table.Width; c++)
        {
            var column = new double[table.Rows];
            for (int r = 0; r < table.Rows; r++) column[r] = table.Values[r * table.Width + c];
            frame.Columns.Add(dtype == NpyDType.Float32
                ? new SingleDataFrameColumn(names[c], column.Select(v => (float)v))
                : new DoubleDataFrameColumn(names[c], column));
        }
        using var buffer = new MemoryStream();
        DataFrame.SaveCsv(frame, buffer, ',', header: true, encoding: new UTF8Encoding(false), cultureInfo: CultureInfo.InvariantCulture);
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a dataset table from CSV. Numbers are parsed as <paramref name="dtype"/> (float64 when unknown).
    /// Throws <see cref="DataFileException"/> for text that is not UTF-8, missing, repeated or unexpected columns, ragged
    /// rows, empty cells, unparsable values and more than <see cref="DatasetLimits.MaxValues"/> values.
    /// <paramref name="time"/> receives the t column (always parsed as float64, as written), or null when there is none.
    /// </summary>
    /// <remarks>
    /// The reader is this file's own, not DataFrame.LoadCsv: LoadCsv reports neither where a bad value is nor a ragged row
    /// (it throws IndexOutOfRange or pads), and it would let one line of a file decide the work done. The grammar is the
    /// one <see cref="Encode"/> writes, plus what editors add: lines end in \n or \r\n, empty lines are skipped, a UTF-8
    /// BOM is skipped, a field may be padded with spaces or wrapped in one pair of double quotes (no quote or comma inside).
    /// Values are invariant-culture numbers (NaN and ±Infinity parse, and are then refused as non-finite by the table check).
    /// </remarks>
    public static DatasetTable Decode(byte[] bytes, string path, NpyDType dtype, out double[]? time)
    {
        ReadOnlySpan<byte> text = bytes;
        if (text.StartsWith("\uFEFF"u8)) text = text[3..];
        if (!System.Text.Unicode.Utf8.IsValid(text)) throw new DataFileException(path, "CSV is not valid UTF-8 text");

        int headerEnd = text.IndexOf((byte)'\n');
        var headerLine = TrimCarriageReturn(headerEnd < 0 ? text : text[..headerEnd]);
        var header = SplitHeader(headerLine);
        if (header.Length == 1 && header[0].Length == 0) throw new DataFileException(path, "CSV is empty (no header line)");
        int k = SelectorCount(header, path);
        int width = k + 2;
        var expected = DatasetTable.ColumnNames(k);
        // Where each header column's value goes: its place in [S, C1..CK, target], or −1 for t.
        var place = header.Select(h => h == "t" ? -1 : Array.IndexOf(expected, h)).ToArray();
        bool hasTime = place.Contains(-1);

        var values = new List<double>();
        var times = hasTime ? new List<double>() : null;
        var row = new double[width];
        int r = 0;
        var rest = headerEnd < 0 ? ReadOnlySpan<byte>.Empty : text[(headerEnd + 1)..];
        long line = 1; // 1-based line number of the header
        while (!rest.IsEmpty)
        {
            line++;
            int end = rest.IndexOf((byte)'\n');
            var current = TrimCarriageReturn(end < 0 ? rest : rest[..end]);
            rest = end < 0 ? ReadOnlySpan<byte>.Empty : rest[(end + 1)..];
            if (current.IsEmpty) continue;
            if ((long)(r + 1) * width > DatasetLimits.MaxValues)
                throw new DataFileException(path, $"CSV holds more than {DatasetLimits.MaxValues} values (rows × (K + 2)), the most a dataset may have");

            double t = 0;
            int field = 0;
            foreach (var range in current.Split((byte)',')) // MemoryExtensions.Split: no allocation per field
            {
                if (field >= header.Length)
                    throw new DataFileException(path, $"line {line}: row {r} (0-based) has {CountFields(current)} fields, the header has {header.Length}");
                var cell = Unquote(current[range]);
                if (cell.IsEmpty) throw new DataFileException(path, $"line {line}: empty value in column {PrintableText.Escape(header[field])} at row {r} (0-based)");
                bool ok;
                double value;
                if (place[field] < 0 || dtype == NpyDType.Float64)
                    ok = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
                else
                {
                    ok = float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var single);
                    value = single;
                }
                if (!ok)
                    throw new DataFileException(path, $"line {line}: {PrintableText.Quote(Encoding.UTF8.GetString(cell))} in column {PrintableText.Escape(header[field])} at row {r} (0-based) is not a number");
                if (place[field] < 0) t = value; else row[place[field]] = value;
                field++;
            }
            if (field != header.Length)
                throw new DataFileException(path, $"line {line}: row {r} (0-based) has {field} fields, the header has {header.Length}");
            values.AddRange(row);
            times?.Add(t);
            r++;
        }
        time = times?.ToArray();
        return new DatasetTable([.. values], r, k);
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == (byte)'\r' ? line[..^1] : line;

    // Spaces around a field and one pair of double quotes around it are not part of the value.
    private static ReadOnlySpan<byte> Unquote(ReadOnlySpan<byte> field)
    {
        field = field.Trim(" \t"u8);
        if (field.Length >= 2 && field[0] == (byte)'"' && field[^1] == (byte)'"') field = field[1..^1].Trim(" \t"u8);
        return field;
    }

    private static int CountFields(ReadOnlySpan<byte> line) => line.Count((byte)',') + 1;

    private static string[] SplitHeader(ReadOnlySpan<byte> line)
    {
        var names = new string[CountFields(line)];
        int i = 0;
        foreach (var range in line.Split((byte)',')) names[i++] = Encoding.UTF8.GetString(Unquote(line[range]));
        return names;
    }

    // K is the number of selector columns C1..CK; S and target are required, t is optional, nothing else is allowed.
    // Names match exactly: C1 is "C1", never "C01" or "C+1"; each name appears once.
    private static int SelectorCount(string[] header, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var selectors = new HashSet<int>();
        int max = 0;
        foreach (var name in header)
        {
            if (!seen.Add(name)) throw new DataFileException(path, $"CSV column {PrintableText.Quote(name)} appears twice");
            if (SelectorIndex(name) is { } i)
            {
                if (i > DatasetLimits.MaxFrequencyCount)
                    throw new DataFileException(path, $"CSV column '{name}': more than {DatasetLimits.MaxFrequencyCount} one-hot columns");
                selectors.Add(i);
                max = Math.Max(max, i);
            }
            else if (name is not ("t" or "S" or "target"))
                throw new DataFileException(path, $"unexpected CSV column {PrintableText.Quote(name)} (expected t,S,C1..CK,target)");
        }
        if (!seen.Contains("S")) throw new DataFileException(path, "missing CSV column 'S'");
        if (selectors.Count == 0) throw new DataFileException(path, "missing CSV columns C1..CK (one-hot selector)");
        for (int i = 1; i <= max; i++)
            if (!selectors.Contains(i)) throw new DataFileException(path, $"missing CSV column 'C{i}' (found C columns up to C{max})");
        if (!seen.Contains("target")) throw new DataFileException(path, "missing CSV column 'target'");
        return selectors.Count;
    }

    // i for a name spelled exactly "C" + i (i ≥ 1 in canonical decimal, up to 10 digits); otherwise null.
    private static int? SelectorIndex(string name)
    {
        if (name.Length < 2 || name.Length > 11 || name[0] != 'C' || name[1] == '0') return null;
        long i = 0;
        for (int j = 1; j < name.Length; j++)
        {
            if (!char.IsAsciiDigit(name[j])) return null;
            i = i * 10 + (name[j] - '0');
        }
        return i <= int.MaxValue ? (int)i : null;
    }
}
