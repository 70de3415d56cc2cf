using System.Security.Cryptography;
using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Data;

public sealed class GenerateVerbTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string FileSha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void Default_generate_writes_the_reports_training_set()
    {
        var path = _dir.File("train.npy");
        var r = Freqlab.Run("generate", "--out", path);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.StdErr);
        Assert.Contains("wrote 40000 rows", r.StdOut);
        Assert.Contains($"sha256 {FileSha(path)}  {path}", r.StdOut);
        var read = DatasetIO.Read(path);
        var expected = FrequencyDataset.FromSignals(SignalGenerator.Generate(SignalSpec.Default, 1), RowOrder.Blocks);
        Assert.Equal(expected.Inputs, read.Inputs);
        Assert.Equal(expected.Targets, read.Targets);
        Assert.Equal(RowOrder.Blocks, read.Order);
        Assert.Equal(SignalSpec.Default, read.Spec);
        Assert.Equal(1UL, read.Seed);
        Assert.Equal(new[] { 40_000, 6 }, NpyFile.Read(path).Shape);
    }

    [Fact]
    public void Every_option_reaches_the_file()
    {
        var path = _dir.File("test.csv");
        var r = Freqlab.Run("generate", "--out", path, "--seed", "2", "--order", "interleaved", "--noise", "per-series",
            "--dtype", "float32", "--frequencies", "2,9", "--fs", "100", "--duration", "0.5", "--amplitude-min", "0.5",
            "--amplitude-max", "1.5", "--json");

        Assert.Equal(0, r.ExitCode);
        var summary = JsonDocument.Parse(r.StdOut).RootElement;
        Assert.Equal(100, summary.GetProperty("rows").GetInt32());
        Assert.Equal(FileSha(path), summary.GetProperty("sha256").GetString());
        var spec = new SignalSpec { Frequencies = [2, 9], SampleRate = 100, Duration = 0.5, AmplitudeMin = 0.5, AmplitudeMax = 1.5, Noise = NoiseMode.PerSeries };
        var expected = FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 2), RowOrder.Interleaved);
        var read = DatasetIO.Read(path);
        Assert.Equal(expected.Inputs.Select(v => (double)(float)v), read.Inputs);
        Assert.Equal(spec, read.Spec);
        Assert.Equal(RowOrder.Interleaved, read.Order);
        Assert.Equal(NpyDType.Float32, DatasetIO.ReadSidecar(path)!.DType);
        Assert.Equal("t,S,C1,C2,target", File.ReadLines(path).First());
    }

    [Fact]
    public void Additive_noise_with_its_std_reaches_the_file_and_the_sidecar_and_reads_back()
    {
        var path = _dir.File("additive.npy");
        var r = Freqlab.Run("generate", "--out", path, "--noise", "additive", "--noise-std", "0.25", "--duration", "0.5", "--seed", "3", "--json");
        Assert.Equal(0, r.ExitCode);
        var summary = JsonDocument.Parse(r.StdOut).RootElement;
        Assert.Equal("additive", summary.GetProperty("noise").GetString());
        Assert.Equal(0.25, summary.GetProperty("noiseStd").GetDouble());
        var spec = SignalSpec.Default with { Duration = 0.5, Noise = NoiseMode.Additive, NoiseStd = 0.25 };
        var expected = FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 3), RowOrder.Blocks);
        var read = DatasetIO.Read(path);
        Assert.Equal(expected.Inputs, read.Inputs);
        Assert.Equal(spec, read.Spec);
        var sidecarSpec = JsonDocument.Parse(File.ReadAllText(DatasetSidecar.PathFor(path))).RootElement.GetProperty("spec");
        Assert.Equal("additive", sidecarSpec.GetProperty("noise").GetString());
        Assert.Equal(0.25, sidecarSpec.GetProperty("noiseStd").GetDouble());

        var text = Freqlab.Run("generate", "--out", _dir.File("default-std.npy"), "--noise", "additive", "--duration", "0.1");
        Assert.Contains("additive, noise std 0.1)", text.StdOut);
        Assert.Equal(SignalSpec.DefaultNoiseStd, DatasetIO.Read(_dir.File("default-std.npy")).Spec!.NoiseStd);
    }

    [Fact]
    public void A_sidecar_of_the_additive_mode_without_its_noise_std_is_refused_with_one_line()
    {
        var path = _dir.File("additive.npy");
        Assert.Equal(0, Freqlab.Run("generate", "--out", path, "--noise", "additive", "--duration", "0.1").ExitCode);
        var sidecar = DatasetSidecar.PathFor(path);
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(sidecar))!;
        Assert.NotNull(json["spec"]!["noiseStd"]);
        json["spec"]!.AsObject().Remove("noiseStd");
        File.WriteAllText(sidecar, json.ToJsonString());
        var r = Freqlab.Run("validate", path);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("noiseStd", Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void Npy_version_2_is_written_on_request_and_reads_back()
    {
        var path = _dir.File("v2.npy");
        var r = Freqlab.Run("generate", "--out", path, "--duration", "0.1", "--npy-version", "2.0");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(NpyVersion.V2, NpyFile.Read(path).Version);
        var expected = FrequencyDataset.FromSignals(SignalGenerator.Generate(SignalSpec.Default with { Duration = 0.1 }, 1), RowOrder.Blocks);
        Assert.Equal(expected.Inputs, DatasetIO.Read(path).Inputs);
    }

    [Fact]
    public void Format_without_extension_names_the_file()
    {
        var r = Freqlab.Run("generate", "--out", _dir.File("series"), "--format", "csv", "--duration", "0.1");
        Assert.Equal(0, r.ExitCode);
        Assert.True(File.Exists(_dir.File("series.csv")));
        Assert.True(File.Exists(_dir.File("series.csv.json")));
    }

    public static TheoryData<int, string[], string> Failures() => new()
    {
        // impossible specs: exit 1
        { 1, ["--fs", "14"], "Nyquist" },
        { 1, ["--fs", "0"], "sample rate 0 Hz is not positive" },
        { 1, ["--duration", "-1"], "duration -1 s is not positive" },
        { 2, ["--duration", "NaN"], "--duration NaN must be a finite number" },
        { 1, ["--frequencies", "1,-3"], "frequency -3 Hz is not positive" },
        { 1, ["--frequencies", ""], "no frequencies given" },
        { 2, ["--frequencies", "1,NaN"], "--frequencies: 'NaN' is not a finite number" },
        { 1, ["--amplitude-min", "1.2", "--amplitude-max", "0.8"], "amplitude range [1.2, 0.8] is inverted" },
        { 2, ["--amplitude-max", "NaN"], "--amplitude-max NaN must be a finite number" },
        // bad output path: exit 1
        { 1, ["--format", "csv"], "does not match --format csv" },
        // bad flags: exit 2
        { 2, ["--order", "random"], "--order: 'random' is not one of blocks, interleaved" },
        { 2, ["--noise", "gaussian"], "--noise: 'gaussian' is not one of per-sample, per-series, additive" },
        { 1, ["--noise", "additive", "--noise-std", "0"], "noise std 0 is not positive" },
        { 1, ["--noise", "additive", "--noise-std", "-0.5"], "noise std -0.5 is not positive" },
        { 2, ["--noise", "additive", "--noise-std", "NaN"], "--noise-std NaN must be a finite number" },
        { 2, ["--noise", "additive", "--noise-std", "Infinity"], "must be a finite number" },
        { 1, ["--noise-std", "0.2"], "--noise-std applies only to --noise additive (not per-sample)" },
        { 2, ["--noise", "additive", "--noise-std", "loud"], "loud" },
        { 2, ["--dtype", "float16"], "--dtype: 'float16' is not one of float32, float64" },
        { 2, ["--npy-version", "3.0"], "--npy-version: '3.0' is not one of 1.0, 2.0" },
        { 2, ["--frequencies", "1,x"], "--frequencies: 'x' is not a finite number" },
        { 2, ["--fs", "fast"], "fast" },
        { 2, ["--seed", "-1"], "-1" },
        { 2, ["--no-such-flag"], "--no-such-flag" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Failure_prints_one_line_exits_non_zero_and_leaves_existing_files_untouched(int exitCode, string[] args, string message)
    {
        var path = _dir.File("train.npy");
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(new SignalSpec { Duration = 0.01 }, 9), RowOrder.Blocks), path);
        var prior = new PriorFiles(path, DatasetSidecar.PathFor(path));

        var r = Freqlab.Run(["generate", "--out", path, .. args]);

        Assert.Equal(exitCode, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.StartsWith("freqlab: error: ", line);
        Assert.Contains(message, line);
        Assert.Equal("", r.StdOut);
        prior.AssertUnchanged();
    }

    [Fact]
    public void Unknown_extension_is_refused_without_writing()
    {
        var path = _dir.File("train.parquet");
        var r = Freqlab.Run("generate", "--out", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("cannot tell the format from extension '.parquet'", Assert.Single(r.ErrorLines));
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }
}
