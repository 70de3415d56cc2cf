using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

public class ValidateVerbTests
{
    private static string Write(TempDir dir, string name, ulong seed, RowOrder order = RowOrder.Blocks)
    {
        var path = dir.File(name);
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(StructureChecksTests.SmallSpec, seed), order), path);
        return path;
    }

    [Fact]
    public void Validate_prints_every_section_and_exits_0()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run("validate", Write(dir, "train.npy", 1), "--test", Write(dir, "test.csv", 2));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
        foreach (var text in new[] { "structure", "spectrum", "correlation", "baselines", "MSE: perfect clock", "Pearson r(S, target)", "scored on test" })
            Assert.Contains(text, r.StdOut);
        Assert.DoesNotContain("IN-SAMPLE", r.StdOut);
    }

    [Fact]
    public void Without_a_test_set_the_output_says_baselines_are_in_sample()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run("validate", Write(dir, "train.npy", 1, RowOrder.Interleaved));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("IN-SAMPLE", r.StdOut);
        Assert.Contains(ValidationReport.InSampleLabel, r.StdOut);
    }

    [Fact]
    public void Json_output_parses_and_a_regenerated_test_set_equals_the_written_one()
    {
        using var dir = new TempDir();
        var train = Write(dir, "train.npy", 1);
        var fromFile = Freqlab.Run("validate", train, "--test", Write(dir, "test.npy", 2), "--json");
        var regenerated = Freqlab.Run("validate", train, "--test-seed", "2", "--json");
        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(0, regenerated.ExitCode);
        using var doc = JsonDocument.Parse(fromFile.StdOut);
        Assert.Equal("test", doc.RootElement.GetProperty("baselinesScoredOn").GetString());
        Assert.NotEmpty(ValidationReport.RowsFromJson(fromFile.StdOut));
        Assert.Equal(fromFile.StdOut, regenerated.StdOut);
    }

    [Fact]
    public void A_corrupt_file_is_one_stderr_line_and_exit_1()
    {
        using var dir = new TempDir();
        var path = Write(dir, "train.npy", 1);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var r = Freqlab.Run("validate", path);
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.StartsWith($"freqlab: error: {path}: truncated .npy data", line);
        Assert.Equal("", r.StdOut);
    }

    [Fact]
    public void A_missing_file_or_a_file_without_spec_is_one_stderr_line_and_exit_1()
    {
        using var dir = new TempDir();
        var missing = Freqlab.Run("validate", dir.File("nope.npy"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Single(missing.ErrorLines);

        var bare = Write(dir, "bare.npy", 1);
        File.Delete(bare + ".json");
        var noSpec = Freqlab.Run("validate", bare);
        Assert.Equal(1, noSpec.ExitCode);
        Assert.Contains("no signal spec", Assert.Single(noSpec.ErrorLines));
    }

    [Fact]
    public void A_file_without_sidecar_validates_when_fs_and_frequencies_are_given()
    {
        // What a numpy user has: the rows alone. With fs and the frequencies the report is the one the sidecar would give,
        // except for the regeneration check, which needs the seed.
        using var dir = new TempDir();
        var withSidecar = Write(dir, "train.npy", 1);
        var bare = dir.File("bare.npy");
        File.Copy(withSidecar, bare);
        var spec = StructureChecksTests.SmallSpec;
        var frequencies = string.Join(",", spec.Frequencies);
        var fs = spec.SampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var r = Freqlab.Run("validate", bare, "--fs", fs, "--frequencies", frequencies, "--json");
        var reference = Freqlab.Run("validate", withSidecar, "--json");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
        var rows = ValidationReport.RowsFromJson(r.StdOut);
        var expected = ValidationReport.RowsFromJson(reference.StdOut);
        var same = expected.Select(x => x with { Note = "" }).ToHashSet();
        Assert.All(rows, x => Assert.Contains(x with { Note = "" }, same));
        // Only the rows that regenerate the series from the seed are missing.
        Assert.All(expected.Except(rows, new NoteBlind()), x => Assert.Matches("regenerated|noisy component", x.Metric + " " + x.Note));
        Assert.Contains(rows, x => x.Metric == "MSE: perfect clock");
    }

    [Fact]
    public void Fs_or_frequencies_that_disagree_with_the_sidecar_or_the_file_are_one_line_errors()
    {
        using var dir = new TempDir();
        var path = Write(dir, "train.npy", 1);
        var prior = File.ReadAllBytes(path);

        var fs = Freqlab.Run("validate", path, "--fs", "99");
        Assert.Equal(1, fs.ExitCode);
        Assert.Contains("--fs 99 disagrees with the sidecar's 100 Hz", Assert.Single(fs.ErrorLines));

        File.Delete(path + ".json");
        var k = Freqlab.Run("validate", path, "--fs", "100", "--frequencies", "1,3");
        Assert.Equal(1, k.ExitCode);
        Assert.Contains("--frequencies gives 2 frequencies, the file has 4 one-hot columns", Assert.Single(k.ErrorLines));

        var nyquist = Freqlab.Run("validate", path, "--fs", "10", "--frequencies", "1,3,5,7");
        Assert.Equal(1, nyquist.ExitCode);
        Assert.Contains("Nyquist", Assert.Single(nyquist.ErrorLines));

        var seed = Freqlab.Run("validate", path, "--fs", "100", "--frequencies", "1,3,5,7", "--test-seed", "2");
        Assert.Equal(1, seed.ExitCode);
        Assert.Contains("--test-seed needs the spec in TRAIN's sidecar", Assert.Single(seed.ErrorLines));

        var onlyFs = Freqlab.Run("validate", path, "--fs", "100");
        Assert.Equal(1, onlyFs.ExitCode);
        Assert.Contains("give --fs and --frequencies", Assert.Single(onlyFs.ErrorLines));
        Assert.Equal(prior, File.ReadAllBytes(path));
    }

    [Fact]
    public void Test_file_and_test_seed_together_are_a_usage_error()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run("validate", Write(dir, "train.npy", 1), "--test", "x.npy", "--test-seed", "2");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--test-seed", Assert.Single(r.ErrorLines));
    }

    private sealed class NoteBlind : IEqualityComparer<ValidationRow>
    {
        public bool Equals(ValidationRow? a, ValidationRow? b) => a is not null && b is not null && a with { Note = "" } == b with { Note = "" };
        public int GetHashCode(ValidationRow r) => (r with { Note = "" }).GetHashCode();
    }
}
