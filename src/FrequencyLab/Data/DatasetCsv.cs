using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FrequencyLab.IO;
using Microsoft.Data.Analysis;

namespace FrequencyLab.Data;

/// <summary>
/// The CSV layout of a dataset, through Microsoft.Data.Analysis DataFrames: header <c>t,S,C1..CK,target</c>,
/// invariant culture, shortest round-trip number text (so float64 and float32 values read back bit for bit).
/// The <c>t</c> column (seconds, n/fs) is written when the spec is known and is optional on read.
/// </summary>
internal static partial class DatasetCsv
{
    [GeneratedRegex("^C([0-9]+)$")]
    private static partial Regex SelectorColumn();

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
    /// Throws <see cref="DataFileException"/> for missing or unexpected columns, empty cells and unparsable values.
    /// <paramref name="time"/> receives the t column (always parsed as float64, as written), or null when there is none.
    /// </summary>
    public static DatasetTable Decode(byte[] bytes, string path, NpyDType dtype, out double[]? time)
    {
        var header = ReadHeader(bytes, path);
        int k = SelectorCount(header, path);
        var expected = DatasetTable.ColumnNames(k);

        var valueType = dtype == NpyDType.Float32 ? typeof(float) : typeof(double);
        DataFrame frame;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            frame = DataFrame.LoadCsv(stream, ',', header: true, dataTypes: header.Select(h => h == "t" ? typeof(double) : valueType).ToArray(),
                encoding: new UTF8Encoding(false), cultureInfo: CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            throw new DataFileException(path, FindLineProblem(bytes, header, dtype) ?? $"unreadable CSV: {e.Message.Split('\n')[0].Trim()}");
        }
        if (frame.Columns.Count != header.Length)
            throw new DataFileException(path, $"CSV rows do not match the header's {header.Length} columns");

        int rows = checked((int)frame.Rows.Count);
        var values = new double[(long)rows * (k + 2)];
        for (int c = 0; c < expected.Length; c++)
        {
            var column = frame.Columns[expected[c]];
            for (int r = 0; r < rows; r++)
            {
                var cell = column[r] ?? throw new DataFileException(path,
                    FindLineProblem(bytes, header, dtype) ?? $"empty value in column {expected[c]} at row {r} (0-based)");
                values[(long)r * (k + 2) + c] = Convert.ToDouble(cell, CultureInfo.InvariantCulture);
            }
        }
        time = null;
        if (header.Contains("t"))
        {
            var column = frame.Columns["t"];
            time = new double[rows];
            for (int r = 0; r < rows; r++)
                time[r] = Convert.ToDouble(column[r] ?? throw new DataFileException(path, $"empty value in column t at row {r} (0-based)"), CultureInfo.InvariantCulture);
        }
        return new DatasetTable(values, rows, k);
    }

    // DataFrame.LoadCsv reports neither where a bad value is nor ragged rows clearly; find the first offending line ourselves.
    private static string? FindLineProblem(byte[] bytes, string[] header, NpyDType dtype)
    {
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), new UTF8Encoding(false));
        reader.ReadLine();
        int row = 0;
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            if (line.Length == 0) continue; // LoadCsv skips blank lines too
            var fields = line.Split(',');
            if (fields.Length != header.Length)
                return $"row {row} (0-based) has {fields.Length} fields, the header has {header.Length}";
            for (int c = 0; c < fields.Length; c++)
            {
                var text = fields[c].Trim().Trim('"');
                if (text.Length == 0) return $"empty value in column {header[c]} at row {row} (0-based)";
                bool ok = dtype == NpyDType.Float32
                    ? float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                    : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                if (!ok) return $"'{text}' in column {header[c]} at row {row} (0-based) is not a number";
            }
            row++;
        }
        return null;
    }

    private static string[] ReadHeader(byte[] bytes, string path)
    {
        using var reader = new StreamReader(new MemoryStream(bytes, writable: false), new UTF8Encoding(false));
        var line = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(line)) throw new DataFileException(path, "CSV is empty (no header line)");
        return line.Split(',').Select(h => h.Trim().Trim('"')).ToArray();
    }

    // K is the number of selector columns C1..CK; S and target are required, t is optional, nothing else is allowed.
    private static int SelectorCount(string[] header, string path)
    {
        var dup = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new DataFileException(path, $"CSV column '{dup.Key}' appears twice");
        var selectors = new SortedSet<int>();
        foreach (var name in header)
        {
            var m = SelectorColumn().Match(name);
            if (m.Success && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var i) && i >= 1) selectors.Add(i);
            else if (name is not ("t" or "S" or "target"))
                throw new DataFileException(path, $"unexpected CSV column '{name}' (expected t,S,C1..CK,target)");
        }
        if (!header.Contains("S")) throw new DataFileException(path, "missing CSV column 'S'");
        if (selectors.Count == 0) throw new DataFileException(path, "missing CSV columns C1..CK (one-hot selector)");
        for (int i = 1; i <= selectors.Max; i++)
            if (!selectors.Contains(i)) throw new DataFileException(path, $"missing CSV column 'C{i}' (found C columns up to C{selectors.Max})");
        if (!header.Contains("target")) throw new DataFileException(path, "missing CSV column 'target'");
        return selectors.Count;
    }
}
