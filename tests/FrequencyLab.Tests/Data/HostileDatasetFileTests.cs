using System.Text;
using CsCheck;
using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Data;

/// <summary>
/// Every dataset reader is total: hostile .npy, CSV and sidecar files written to disk give a dataset or one printable
/// <see cref="FrequencyLabException"/> line naming the file; the files are never changed by reading them.
/// </summary>
public sealed class HostileDatasetFileTests : IDisposable
{
    private static readonly SignalSpec Small = new() { Frequencies = [1, 3, 5], SampleRate = 40, Duration = 0.5 };
    private readonly TempDir _dir = new();
    private readonly FrequencyDataset _dataset = FrequencyDataset.FromSignals(SignalGenerator.Generate(Small, 3), RowOrder.Blocks);

    public void Dispose() => _dir.Dispose();

    private string Written(string name, NpyDType dtype = NpyDType.Float64)
    {
        var path = _dir.File(name);
        DatasetIO.Write(_dataset, path, dtype: dtype);
        return path;
    }

    private static FrequencyDataset? ReadChecked(string path)
    {
        var prior = new PriorFiles(path, DatasetSidecar.PathFor(path));
        var read = HostileInput.ValueOrOneLine(() => DatasetIO.Read(path), path);
        prior.AssertUnchanged();
        return read;
    }

    private static void AssertRefused(string path, params string[] expected)
    {
        var e = Assert.ThrowsAny<FrequencyLabException>(() => DatasetIO.Read(path));
        HostileInput.AssertOneCleanLine(e.Message);
        foreach (var text in expected) Assert.Contains(text, e.Message);
    }

    // ---- fuzz: whatever the bytes, a dataset or one line ----

    [Theory]
    [InlineData("f.npy", NpyDType.Float64, true)]
    [InlineData("f.npy", NpyDType.Float32, false)]
    [InlineData("f.csv", NpyDType.Float64, true)]
    [InlineData("f.csv", NpyDType.Float32, false)]
    public void A_mutated_data_file_reads_or_fails_with_one_line(string name, NpyDType dtype, bool keepSidecar)
    {
        var path = Written(name, dtype);
        var original = File.ReadAllBytes(path);
        if (!keepSidecar) File.Delete(DatasetSidecar.PathFor(path));
        int read = 0, refused = 0;
        HostileInput.Mutated(original).Sample(bytes =>
        {
            File.WriteAllBytes(path, bytes);
            if (ReadChecked(path) is { } d) { read++; Assert.Equal(d.RowCount * (d.FrequencyCount + 1), d.Inputs.Length); }
            else refused++;
        }, iter: 400, threads: 1, seed: "0N0XIzNsQ0O2");
        // Most mutations break the file; both outcomes must occur for the test to have looked at each.
        Assert.True(refused > 100, $"{refused} refused");
    }

    [Fact]
    public void A_mutated_sidecar_reads_or_fails_with_one_line()
    {
        var path = Written("s.npy");
        var sidecarPath = DatasetSidecar.PathFor(path);
        var json = File.ReadAllText(sidecarPath);
        int refused = 0;
        Gen.OneOf(HostileInput.MutatedJson(json), HostileInput.Mutated(Encoding.UTF8.GetBytes(json))).Sample(bytes =>
        {
            File.WriteAllBytes(sidecarPath, bytes);
            if (ReadChecked(path) is null) refused++;
        }, iter: 400, threads: 1, seed: "0N0XIzNsQ0O2");
        Assert.True(refused > 200, $"{refused} refused");
    }

    [Fact]
    public void A_hostile_npy_header_reads_or_fails_with_one_line()
    {
        // Headers made of the pieces numpy's dict literal has, in any order and with any numbers.
        var piece = Gen.OneOf(Gen.Const("{"), Gen.Const("}"), Gen.Const("'descr': '<f8', "), Gen.Const("'descr': '|O', "),
            Gen.Const("'fortran_order': False, "), Gen.Const("'fortran_order': True, "), Gen.Const("'shape': ("), Gen.Const(")"),
            Gen.Const(", "), Gen.Long.Select(v => v.ToString()), Gen.Const("1000000000000000"), Gen.Const("9223372036854775808"),
            Gen.Const("'\u001b[31m': 1, "), Gen.Const("-"), Gen.Const("L"), Gen.Const("'"));
        var path = _dir.File("h.npy");
        Gen.Select(piece.Array[0, 24], Gen.Int[0, 256], Gen.Int[0, 2]).Sample(t =>
        {
            var dict = Encoding.Latin1.GetBytes(string.Concat(t.Item1) + "\n");
            byte[] prelude = t.Item3 == 0
                ? [0x93, .. "NUMPY"u8, 1, 0, (byte)dict.Length, (byte)(dict.Length >> 8)]
                : [0x93, .. "NUMPY"u8, (byte)(t.Item3 + 1), 0, (byte)dict.Length, (byte)(dict.Length >> 8), 0, 0];
            File.WriteAllBytes(path, [.. prelude, .. dict, .. new byte[t.Item2 * 8]]);
            ReadChecked(path);
        }, iter: 400, threads: 1, seed: "0N0XIzNsQ0O2");
    }

    // ---- the cases the issue names ----

    [Fact]
    public void A_header_claiming_1e15_elements_is_refused_before_anything_is_allocated()
    {
        var path = _dir.File("huge.npy");
        // 166,666,666,666,666 rows × 6 columns = 1e15 float64 values (8 PB) claimed by a 128-byte file.
        var dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (166666666666666, 6), }";
        File.WriteAllBytes(path, [0x93, .. "NUMPY"u8, 1, 0, 118, 0, .. Encoding.Latin1.GetBytes(dict.PadRight(117) + "\n"), .. new byte[48]]);
        AssertRefused(path, path, "166666666666666");
        Assert.ThrowsAny<FrequencyLabException>(() => NpyFile.Read(path));
    }

    [Fact]
    public void A_zero_row_file_has_no_bound_on_its_width_but_the_reader_does()
    {
        var path = _dir.File("wide.npy");
        File.WriteAllBytes(path, NpyFile.Encode([], [0, int.MaxValue]));
        AssertRefused(path, "more than 46339 one-hot columns");
        File.WriteAllBytes(path, NpyFile.Encode([], [0, 6]));
        var empty = DatasetIO.Read(path);
        Assert.Equal(0, empty.RowCount);
        Assert.Equal(4, empty.FrequencyCount);
    }

    [Fact]
    public void Headers_longer_than_numpys_limit_and_shapes_beyond_64_dimensions_are_refused()
    {
        var path = _dir.File("long.npy");
        File.WriteAllBytes(path, [0x93, .. "NUMPY"u8, 2, 0, 0x11, 0x27, 0, 0, .. new byte[10_001]]);
        AssertRefused(path, "declares 10001 bytes, more than the 10000");
        var shape = Enumerable.Repeat(1, 65).ToArray();
        File.WriteAllBytes(path, NpyFile.Encode([0.0], shape));
        AssertRefused(path, "65 dimensions");
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_before_it_is_read()
    {
        var path = _dir.File("big.npy");
        // A sparse file: 1 GiB + 1 byte long, no disk used.
        using (var f = new FileStream(path, FileMode.CreateNew)) f.SetLength(DatasetLimits.MaxDataFileBytes + 1);
        AssertRefused(path, "is 1073741825 bytes, more than the 1073741824");
        File.Delete(path);
    }

    [Fact]
    public void A_folder_or_an_unreadable_path_is_one_line()
    {
        var folder = _dir.File("folder.npy");
        Directory.CreateDirectory(folder);
        AssertRefused(folder, "is a folder");
        var data = Written("d.npy");
        File.Delete(DatasetSidecar.PathFor(data));
        Directory.CreateDirectory(DatasetSidecar.PathFor(data));
        AssertRefused(data, "is a folder, not a sidecar");
    }

    [Theory]
    [InlineData("C01", "unexpected CSV column 'C01'")]
    [InlineData("C+1", "unexpected CSV column 'C+1'")]
    [InlineData("C 1", "unexpected CSV column 'C 1'")]
    [InlineData("c1", "unexpected CSV column 'c1'")]
    [InlineData("C1", "CSV column 'C1' appears twice")]
    [InlineData("S", "CSV column 'S' appears twice")]
    [InlineData("C99999", "more than 46339 one-hot columns")]
    public void Csv_column_names_match_exactly_and_appear_once(string extra, string expected)
    {
        var path = Written("c.csv");
        File.Delete(DatasetSidecar.PathFor(path));
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines.Select((l, i) => l + (i == 0 ? "," + extra : ",0")));
        AssertRefused(path, expected);
    }

    [Fact]
    public void A_column_name_full_of_terminal_escapes_is_printed_escaped()
    {
        var path = Written("e.csv");
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines.Select((l, i) => l + (i == 0 ? ",\u001b]0;owned\a\u001b[31mred" : ",0")));
        AssertRefused(path, @"unexpected CSV column '\e]0;owned\a\e[31mred'");
        File.WriteAllLines(path, lines.Select((l, i) => i == 2 ? l[..l.LastIndexOf(',')] + ",\u001b[2J\u202E" : l));
        AssertRefused(path, @"'\e[2J\u202E' in column target at row 1 (0-based) is not a number");
    }

    [Theory]
    [InlineData("NaN", "NaN in column target")]
    [InlineData("-Infinity", "-Inf in column target")]
    [InlineData("1e400", "+Inf in column target")]
    [InlineData("0x10", "'0x10' in column target")]
    [InlineData("1,5", "has 7 fields, the header has 6")]
    [InlineData("\"1.5\"", "sidecar")] // a quoted number is the number; the checksum then notices the change
    public void Csv_values_that_are_not_finite_numbers_are_refused(string value, string expected)
    {
        var path = Written("v.csv");
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines.Select((l, i) => i == 2 ? l[..l.LastIndexOf(',')] + "," + value : l));
        AssertRefused(path, expected);
    }

    [Fact]
    public void A_huge_csv_line_is_one_ragged_row()
    {
        var path = Written("w.csv");
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(2, string.Join(',', Enumerable.Repeat("0", 2_000_000)));
        File.WriteAllLines(path, lines);
        AssertRefused(path, "line 3: row 1 (0-based) has 2000000 fields, the header has 6");
    }

    [Fact]
    public void Csv_that_is_not_utf8_is_refused_and_crlf_and_a_bom_are_read()
    {
        var path = Written("u.csv");
        var text = File.ReadAllText(path);
        File.WriteAllBytes(path, [.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n"))]);
        Assert.Equal(_dataset.Targets, DatasetIO.Read(path).Targets);
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(text), 0xC3]);
        AssertRefused(path, "not valid UTF-8");
    }

    [Theory]
    [InlineData("\"rows\": 60,", "\"rows\": 60, \"rows\": 60,", "Duplicate")]
    [InlineData("\"rows\": 60,", "\"rows\": null,", "no valid 'rows'")]
    [InlineData("\"rows\": 60,", "\"rows\": \"30\",", "not valid JSON")]
    [InlineData("\"rows\": 60,", "\"rows\": 1e99,", "not valid JSON")]
    [InlineData("\"rows\": 60,", "\"rowz\": 60,", "not valid JSON")]
    [InlineData("\"order\": \"blocks\"", "\"order\": \"\\u001b[31mblocks\"", @"order '\e[31mblocks' is not")]
    [InlineData("\"generator\": \"numpy-pcg64\"", "\"generator\": \"\\u0007\"", @"generator '\a' holds control characters")]
    [InlineData("\"generator\": \"numpy-pcg64\"", "\"generator\": \"\\ud800\"", "not valid JSON")]
    [InlineData("\"sampleRate\": 40,", "\"sampleRate\": null,", "'sampleRate' missing")]
    [InlineData("\"frequencies\": [", "\"frequencies\": [null, ", "not valid JSON")]
    [InlineData("\"spec\": {", "\"spec\": [], \"x\": {", "not valid JSON")]
    public void Sidecar_nulls_wrong_types_and_duplicate_keys_are_one_line(string from, string to, string expected)
    {
        var path = Written("j.npy");
        var sidecar = DatasetSidecar.PathFor(path);
        var json = File.ReadAllText(sidecar);
        Assert.Contains(from, json);
        File.WriteAllText(sidecar, json.Replace(from, to));
        AssertRefused(path, sidecar, expected);
    }
}
