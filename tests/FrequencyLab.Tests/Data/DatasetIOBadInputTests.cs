using System.Text;
using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Data;

/// <summary>
/// Every bad input named by the issue: the read fails with one line naming the file and the problem, and the file
/// (and its sidecar) are left exactly as they were.
/// </summary>
public sealed class DatasetIOBadInputTests : IDisposable
{
    private static readonly SignalSpec Small = new() { Frequencies = [1, 3, 5], SampleRate = 50, Duration = 2 };
    private readonly TempDir _dir = new();
    private readonly FrequencyDataset _dataset = FrequencyDataset.FromSignals(SignalGenerator.Generate(Small, 5), RowOrder.Blocks);

    public void Dispose() => _dir.Dispose();

    private string Written(string name, NpyDType dtype = NpyDType.Float64)
    {
        var path = _dir.File(name);
        DatasetIO.Write(_dataset, path, dtype: dtype);
        return path;
    }

    private static void AssertReadFails(string path, params string[] expected)
    {
        var prior = new PriorFiles(path, DatasetSidecar.PathFor(path));
        var e = Assert.Throws<DataFileException>(() => DatasetIO.Read(path));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith(path + ": ", e.Message);
        foreach (var text in expected) Assert.Contains(text, e.Message);
        prior.AssertUnchanged();
    }

    private static void Patch(string path, Func<byte[], byte[]> change) => File.WriteAllBytes(path, change(File.ReadAllBytes(path)));

    private static byte[] ReplaceAscii(byte[] bytes, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        var text = Encoding.Latin1.GetString(bytes);
        int at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not in file");
        var copy = (byte[])bytes.Clone();
        Encoding.Latin1.GetBytes(to).CopyTo(copy, at);
        return copy;
    }

    private static void EditCsv(string path, Func<string[], string[]> change) =>
        File.WriteAllLines(path, change(File.ReadAllLines(path)));

    // ---- .npy container ----

    [Fact]
    public void Npy_truncated_header()
    {
        var path = Written("d.npy");
        Patch(path, b => b[..40]);
        AssertReadFails(path, "truncated .npy header");
    }

    [Fact]
    public void Npy_truncated_body()
    {
        var path = Written("d.npy");
        Patch(path, b => b[..^12]);
        AssertReadFails(path, "truncated .npy data", "(300, 5)");
    }

    [Fact]
    public void Npy_trailing_bytes()
    {
        var path = Written("d.npy");
        Patch(path, b => [.. b, 1, 2, 3]);
        AssertReadFails(path, "3 unexpected bytes");
    }

    [Fact]
    public void Npy_bad_magic()
    {
        var path = Written("d.npy");
        Patch(path, b => ReplaceAscii(b, "NUMPY", "NUMPX"));
        AssertReadFails(path, "not a .npy file");
    }

    [Fact]
    public void Npy_corrupt_header_dict()
    {
        var path = Written("d.npy");
        Patch(path, b => ReplaceAscii(b, "'shape': (", "'shape': ["));
        AssertReadFails(path, "corrupt .npy header");
    }

    [Fact]
    public void Npy_header_with_an_absurd_shape()
    {
        var path = Written("d.npy");
        Patch(path, b => ReplaceAscii(b, "(300, 5), }" + new string(' ', 20), "(2000000000, 2000000000), }".PadRight(31)));
        AssertReadFails(path, "is too large to hold in memory");
    }

    [Fact]
    public void Npy_header_with_a_missing_key()
    {
        var path = Written("d.npy");
        Patch(path, b => ReplaceAscii(b, "'fortran_order': False, ", "                        "));
        AssertReadFails(path, "key 'fortran_order' missing");
    }

    [Fact]
    public void Npy_wrong_dtype_integer()
    {
        var path = Written("d.npy");
        Patch(path, b => ReplaceAscii(b, "'<f8'", "'<i8'"));
        AssertReadFails(path, "unsupported dtype '<i8'");
    }

    [Fact]
    public void Npy_big_endian()
    {
        var path = Written("d.npy");
        Patch(path, b => ReplaceAscii(b, "'<f8'", "'>f8'"));
        AssertReadFails(path, "big-endian");
    }

    [Fact]
    public void Npy_fortran_order()
    {
        var path = Written("d.npy");
        Patch(path, b => ReplaceAscii(b, "False", "True "));
        AssertReadFails(path, "Fortran order");
    }

    [Fact]
    public void Npy_wrong_shape_one_dimensional()
    {
        var path = _dir.File("d.npy");
        NpyFile.Write(path, new double[12], [12]);
        AssertReadFails(path, "wrong shape (12)", "2-D");
    }

    [Fact]
    public void Npy_wrong_shape_too_few_columns()
    {
        var path = _dir.File("d.npy");
        NpyFile.Write(path, new double[12], [6, 2]);
        AssertReadFails(path, "wrong shape (6, 2)", "at least 3 columns");
    }

    [Fact]
    public void Npy_nan_value()
    {
        var path = Written("d.npy");
        File.Delete(DatasetSidecar.PathFor(path));
        var a = NpyFile.Read(path);
        a.Values[7 * 5] = double.NaN;
        NpyFile.Write(path, a.Values, a.Shape);
        AssertReadFails(path, "NaN in column S at row 7");
    }

    [Fact]
    public void Npy_infinite_target()
    {
        var path = Written("d.npy");
        var a = NpyFile.Read(path);
        a.Values[9 * 5 + 4] = double.NegativeInfinity;
        NpyFile.Write(path, a.Values, a.Shape);
        AssertReadFails(path, "-Inf in column target at row 9");
    }

    [Fact]
    public void Npy_row_with_two_ones_is_not_one_hot()
    {
        var path = Written("d.npy");
        var a = NpyFile.Read(path);
        a.Values[4 * 5 + 2] = 1.0;
        NpyFile.Write(path, a.Values, a.Shape);
        AssertReadFails(path, "row 4 (0-based) is not one-hot", "2 of C1..C3");
    }

    [Fact]
    public void Npy_selector_that_is_not_zero_or_one()
    {
        var path = Written("d.npy");
        var a = NpyFile.Read(path);
        a.Values[5 * 5 + 1] = 0.5;
        NpyFile.Write(path, a.Values, a.Shape);
        AssertReadFails(path, "row 5 (0-based) is not one-hot", "C1 = 0.5");
    }

    // ---- CSV ----

    [Fact]
    public void Csv_missing_target_column()
    {
        var path = Written("d.csv");
        EditCsv(path, lines => lines.Select(l => l[..l.LastIndexOf(',')]).ToArray());
        AssertReadFails(path, "missing CSV column 'target'");
    }

    [Fact]
    public void Csv_missing_selector_column()
    {
        var path = Written("d.csv");
        // Drop C2 (4th field of t,S,C1,C2,C3,target).
        EditCsv(path, lines => lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 3))).ToArray());
        AssertReadFails(path, "missing CSV column 'C2'");
    }

    [Fact]
    public void Csv_missing_mixture_column()
    {
        var path = Written("d.csv");
        EditCsv(path, lines => lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 1))).ToArray());
        AssertReadFails(path, "missing CSV column 'S'");
    }

    [Fact]
    public void Csv_unexpected_column()
    {
        var path = Written("d.csv");
        EditCsv(path, lines => lines.Select((l, i) => l + (i == 0 ? ",extra" : ",0")).ToArray());
        AssertReadFails(path, "unexpected CSV column 'extra'");
    }

    [Fact]
    public void Csv_infinite_value()
    {
        var path = Written("d.csv");
        EditCsv(path, lines => lines.Select((l, i) => i == 3 ? "0.04,Infinity" + l[l.IndexOf(',', l.IndexOf(',') + 1)..] : l).ToArray());
        AssertReadFails(path, "+Inf in column S at row 2");
    }

    [Fact]
    public void Csv_text_that_is_not_a_number()
    {
        var path = Written("d.csv");
        EditCsv(path, lines => lines.Select((l, i) => i == 3 ? l[..l.LastIndexOf(',')] + ",abc" : l).ToArray());
        AssertReadFails(path, "'abc' in column target at row 2 (0-based) is not a number");
    }

    [Fact]
    public void Csv_row_with_too_few_fields()
    {
        var path = Written("d.csv");
        EditCsv(path, lines => lines.Select((l, i) => i == 5 ? l[..l.LastIndexOf(',')] : l).ToArray());
        AssertReadFails(path, "row 4 (0-based) has 5 fields, the header has 6");
    }

    [Fact]
    public void Csv_row_with_too_many_fields()
    {
        var path = Written("d.csv");
        EditCsv(path, lines => lines.Select((l, i) => i == 6 ? l + ",0" : l).ToArray());
        AssertReadFails(path, "row 5 (0-based) has 7 fields, the header has 6");
    }

    [Fact]
    public void Csv_empty_cell()
    {
        var path = Written("d.csv");
        EditCsv(path, lines => lines.Select((l, i) => i == 2 ? l[..l.LastIndexOf(',')] + "," : l).ToArray());
        AssertReadFails(path, "column target at row 1");
    }

    [Fact]
    public void Csv_row_that_is_not_one_hot()
    {
        var path = Written("d.csv");
        EditCsv(path, lines => lines.Select((l, i) =>
        {
            if (i != 1) return l;
            var f = l.Split(',');
            f[2] = "0"; // C1 of row 0 (a blocks-order f1 row) cleared: no selector set
            return string.Join(',', f);
        }).ToArray());
        AssertReadFails(path, "row 0 (0-based) is not one-hot", "0 of C1..C3");
    }

    private static string WithTime(string line, string t) => t + line[line.IndexOf(',')..];

    [Fact]
    public void Csv_time_column_that_disagrees_with_the_spec()
    {
        var path = Written("d.csv");
        // Row 2 (0-based) of blocks order is time sample 2 of 1 Hz: t = 2/50 = 0.04 s.
        EditCsv(path, lines => lines.Select((l, i) => i == 3 ? WithTime(l, "0.05") : l).ToArray());
        AssertReadFails(path, "column t disagrees with the spec: row 2 (0-based) has t = 0.05, time sample 2 at fs = 50 Hz is 0.04");
    }

    [Fact]
    public void Csv_time_column_that_disagrees_with_the_row_order_without_sidecar()
    {
        var path = Written("d.csv");
        File.Delete(DatasetSidecar.PathFor(path));
        // Row 2 is time sample 2 of 1 Hz; row 102 is time sample 2 of 3 Hz and keeps t = 0.04.
        EditCsv(path, lines => lines.Select((l, i) => i == 3 ? WithTime(l, "0.05") : l).ToArray());
        AssertReadFails(path, "column t disagrees with the row order: row 102 (0-based) is time sample 2 with t = 0.04, row 2 has t = 0.05");
    }

    [Fact]
    public void Csv_time_column_that_does_not_increase_without_sidecar()
    {
        var path = _dir.File("k1.csv");
        var one = FrequencyDataset.FromSignals(SignalGenerator.Generate(Small with { Frequencies = [1] }, 5), RowOrder.Blocks);
        DatasetIO.Write(one, path);
        File.Delete(DatasetSidecar.PathFor(path));
        EditCsv(path, lines => lines.Select((l, i) => i == 6 ? WithTime(l, "0.01") : l).ToArray());
        AssertReadFails(path, "column t does not increase with the time sample: t = 0.08 at sample 4, 0.01 at sample 5");
    }

    [Fact]
    public void Csv_empty_file()
    {
        var path = _dir.File("d.csv");
        File.WriteAllText(path, "");
        AssertReadFails(path, "CSV is empty");
    }

    // ---- sidecar ----

    [Fact]
    public void Sidecar_checksum_disagrees_with_a_changed_value()
    {
        var path = Written("d.npy");
        var a = NpyFile.Read(path);
        a.Values[0] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(a.Values[0]) + 1); // one ULP
        NpyFile.Write(path, a.Values, a.Shape);
        AssertReadFails(path, "sidecar d.npy.json disagrees with the data", "checksum differs");
    }

    [Fact]
    public void Sidecar_row_count_disagrees()
    {
        var path = Written("d.npy");
        var a = NpyFile.Read(path);
        NpyFile.Write(path, a.Values[..(297 * 5)], [297, 5]);
        AssertReadFails(path, "disagrees", "it says 300 rows, the file holds 297");
    }

    [Fact]
    public void Sidecar_order_disagrees()
    {
        var path = Written("d.csv");
        var sidecar = DatasetSidecar.PathFor(path);
        File.WriteAllText(sidecar, File.ReadAllText(sidecar).Replace("\"blocks\"", "\"interleaved\""));
        AssertReadFails(path, "disagrees", "it says order interleaved");
    }

    [Fact]
    public void Sidecar_dtype_disagrees()
    {
        var path = Written("d.npy", NpyDType.Float32);
        var sidecar = DatasetSidecar.PathFor(path);
        File.WriteAllText(sidecar, File.ReadAllText(sidecar).Replace("\"float32\"", "\"float64\""));
        AssertReadFails(path, "disagrees", "it says dtype float64, the file holds float32");
    }

    [Fact]
    public void Sidecar_frequency_count_disagrees()
    {
        var path = Written("d.npy");
        var sidecar = DatasetSidecar.PathFor(path);
        File.WriteAllText(sidecar, File.ReadAllText(sidecar).Replace("\"frequencyCount\": 3", "\"frequencyCount\": 4"));
        AssertReadFails(path, "disagrees", "it says K = 4");
    }

    [Fact]
    public void Sidecar_spec_disagrees_with_row_count()
    {
        var path = Written("d.npy");
        var sidecar = DatasetSidecar.PathFor(path);
        File.WriteAllText(sidecar, File.ReadAllText(sidecar).Replace("\"duration\": 2", "\"duration\": 3"));
        AssertReadFails(path, "disagrees", "its spec gives 3 × 150 rows, the file holds 300");
    }

    [Fact]
    public void Sidecar_that_is_not_json()
    {
        var path = Written("d.npy");
        File.WriteAllText(DatasetSidecar.PathFor(path), "{ not json");
        var prior = new PriorFiles(path, DatasetSidecar.PathFor(path));
        var e = Assert.Throws<DataFileException>(() => DatasetIO.Read(path));
        Assert.StartsWith(DatasetSidecar.PathFor(path) + ": sidecar is not valid JSON", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        prior.AssertUnchanged();
    }

    [Fact]
    public void Sidecar_with_an_impossible_spec()
    {
        var path = Written("d.npy");
        var sidecar = DatasetSidecar.PathFor(path);
        File.WriteAllText(sidecar, File.ReadAllText(sidecar).Replace("\"sampleRate\": 50", "\"sampleRate\": 8"));
        var e = Assert.Throws<DataFileException>(() => DatasetIO.Read(path));
        Assert.StartsWith(sidecar + ": sidecar spec is impossible", e.Message);
        Assert.Contains("Nyquist", e.Message);
    }

    // ---- paths and layout ----

    [Fact]
    public void Missing_file()
    {
        var path = _dir.File("absent.npy");
        AssertReadFails(path, "file not found");
    }

    [Fact]
    public void Unknown_extension()
    {
        var path = _dir.File("d.parquet");
        File.WriteAllText(path, "x");
        AssertReadFails(path, "unknown dataset extension '.parquet'");
    }

    [Fact]
    public void Rows_in_neither_order_without_sidecar()
    {
        var path = Written("d.npy");
        File.Delete(DatasetSidecar.PathFor(path));
        var a = NpyFile.Read(path);
        // Swap rows 0 and 150 (an f1 row and an f2 row): still one-hot, no longer blocks.
        for (int c = 0; c < 5; c++) (a.Values[c], a.Values[150 * 5 + c]) = (a.Values[150 * 5 + c], a.Values[c]);
        NpyFile.Write(path, a.Values, a.Shape);
        AssertReadFails(path, "neither blocks nor interleaved");
    }
}
