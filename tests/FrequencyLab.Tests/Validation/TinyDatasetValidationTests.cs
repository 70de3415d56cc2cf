using System.Text.Json;
using CsCheck;
using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Tests.Data;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

/// <summary>
/// Validation is total on small datasets, freqlab's own output included: a check that needs more rows than there are
/// reports "not enough rows (n &lt; k)" with a NaN value; a dataset with no rows is refused in one line.
/// </summary>
public sealed class TinyDatasetValidationTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    // At fs = 1000 Hz, 0.001 s is one time sample: one row per frequency.
    [Theory]
    [InlineData("0.001", 1, ".npy")]
    [InlineData("0.002", 2, ".npy")]
    [InlineData("0.004", 4, ".csv")]
    [InlineData("0.006", 6, ".npy")]
    public void Freqlabs_own_tiny_datasets_validate_with_not_enough_rows_in_the_notes(string duration, int perFrequency, string extension)
    {
        var path = _dir.File("tiny" + extension);
        Assert.Equal(0, Freqlab.Run("generate", "--duration", duration, "--out", path).ExitCode);

        var r = Freqlab.Run("validate", path);
        Assert.Equal("", r.StdErr);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"({4 * perFrequency} rows, K = 4", r.StdOut);
        Assert.Contains("not enough rows", r.StdOut);

        var json = Freqlab.Run("validate", path, "--test-seed", "2", "--json");
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.StdOut);
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        string Note(string metric) => rows.First(x => x.GetProperty("metric").GetString() == metric).GetProperty("note").GetString()!;
        // Degree d needs d + 1 train rows per frequency; 50 quantile bins need 50.
        Assert.Contains($"not enough rows ({perFrequency} < 50): 50 bins needs 50", Note("MSE: quantile bins 50"));
        if (perFrequency < 6) Assert.Contains($"not enough rows ({perFrequency} < 6): a degree-5 fit", Note("MSE: polynomial degree 5"));
        else Assert.DoesNotContain("not enough rows", Note("MSE: polynomial degree 5"));
        var degree1 = rows.First(x => x.GetProperty("metric").GetString() == "MSE: polynomial degree 1" && x.GetProperty("frequencyHz").ValueKind == JsonValueKind.Null
            && x.GetProperty("dataset").GetString() == "test");
        if (perFrequency < 2)
        {
            Assert.Equal("NaN", degree1.GetProperty("value").GetString());
            Assert.Contains("not enough rows (1 < 2)", degree1.GetProperty("note").GetString());
        }
        else Assert.True(double.IsFinite(degree1.GetProperty("value").GetDouble()));
    }

    [Fact]
    public void A_duration_with_no_samples_is_refused_by_generate()
    {
        var r = Freqlab.Run("generate", "--duration", "0.0001", "--out", _dir.File("none.npy"));
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.ErrorLines);
        Assert.Contains("gives no samples", r.StdErr);
    }

    [Fact]
    public void A_file_with_no_rows_reads_and_is_refused_by_validation_in_one_line()
    {
        var npy = _dir.File("empty.npy");
        NpyFile.Write(npy, ReadOnlySpan<double>.Empty, [0, 6]);
        var csv = _dir.File("empty.csv");
        File.WriteAllText(csv, "S,C1,C2,C3,C4,target\n");
        foreach (var path in new[] { npy, csv })
        {
            var empty = DatasetIO.Read(path);
            Assert.Equal(0, empty.RowCount);
            var e = Assert.Throws<DataFileException>(() => ValidationInput.WithSpec(empty, path, 1000, [1, 3, 5, 7]));
            Assert.Equal($"{path}: has 0 rows: nothing to validate", e.Message);
            var withSpec = new FrequencyDataset([], [], [], [], 4, RowOrder.Blocks, SignalSpec.Default, 1);
            var refused = Assert.Throws<FrequencyLabException>(() => ValidationReport.Compute(withSpec));
            Assert.Equal("train dataset has 0 rows: nothing to validate", refused.Message);
        }
    }

    [Fact]
    public void A_file_without_sidecar_gets_its_spec_from_fs_and_the_frequencies()
    {
        var path = _dir.File("bare.npy");
        Assert.Equal(0, Freqlab.Run("generate", "--duration", "0.002", "--out", path).ExitCode);
        File.Delete(DatasetSidecar.PathFor(path));
        var bare = DatasetIO.Read(path);
        var ready = ValidationInput.WithSpec(bare, path, 1000, [1, 3, 5, 7]);
        Assert.Equal(2, ready.Spec!.SampleCount);
        var report = ValidationReport.Compute(ready);
        Assert.Empty(report.Problems);
        Assert.Contains(report.Rows, r => r.Note.Contains("not enough rows (2 < 3)"));

        var missing = Assert.Throws<DataFileException>(() => ValidationInput.WithSpec(bare, path, null, [1, 3, 5, 7]));
        Assert.Contains("give --fs and --frequencies", missing.Message);
        var tooLow = Assert.Throws<DataFileException>(() => ValidationInput.WithSpec(bare, path, 10, [1, 3, 5, 7]));
        Assert.Contains("Nyquist", tooLow.Message);
    }

    // Any small dataset, including degenerate ones (S constant, repeated values, extreme magnitudes): the report is computed.
    [Fact]
    public void Any_small_dataset_gives_a_report()
    {
        var value = Gen.OneOf(Gen.Double[-2, 2], Gen.Const(0.0), Gen.Const(1e300), Gen.Const(-1e-300), Gen.Const(1.0));
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 8], Gen.Bool).SelectMany(t =>
                Gen.Select(value.Array[t.Item2], value.Array[t.Item1 * t.Item2]).Select(v => (K: t.Item1, N: t.Item2, Constant: t.Item3, S: v.Item1, Y: v.Item2)))
            .Sample(c =>
            {
                int rows = c.K * c.N;
                var inputs = new double[rows * (c.K + 1)];
                var freq = new int[rows];
                var time = new int[rows];
                for (int r = 0; r < rows; r++)
                {
                    (freq[r], time[r]) = (r / c.N, r % c.N);
                    inputs[r * (c.K + 1)] = c.Constant ? 0.5 : c.S[time[r]];
                    inputs[r * (c.K + 1) + 1 + freq[r]] = 1;
                }
                var spec = new SignalSpec { Frequencies = [.. Enumerable.Range(1, c.K).Select(i => (double)i)], SampleRate = 100, Duration = c.N / 100.0 };
                var d = new FrequencyDataset(inputs, c.Y, freq, time, c.K, RowOrder.Blocks, spec);
                var report = ValidationReport.Compute(d, d);
                Assert.Equal(c.K, report.Baselines[0].MsePerFrequency.Length);
                foreach (var row in report.Rows) HostileInput.AssertOneCleanLine(row.Note);
                Assert.NotEmpty(report.ToJson());
            }, iter: 150, threads: 1, seed: "0N0XIzNsQ0O2");
    }
}
