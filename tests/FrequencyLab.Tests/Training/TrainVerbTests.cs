using System.Security.Cryptography;
using FrequencyLab.Data;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

/// <summary><c>freqlab train</c> through the real entry point, with the real TorchSharp engine on a few hundred rows.</summary>
public class TrainVerbTests
{
    private static readonly string[] Quick = ["--max-rows", "200", "--hidden", "8", "--order", "interleaved"];

    private static string[] Args(string dir, params string[] extra) => ["train", .. Quick, "--out", dir, .. extra];

    private static string Fingerprint(string dir) => string.Join("\n", Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order()
        .Select(f => $"{f} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))}"));

    [Theory]
    [InlineData("--lr", "0", "learning rate 0")]
    [InlineData("--lr", "-1e-3", "learning rate -0.001")]
    [InlineData("--epochs", "0", "epochs 0")]
    [InlineData("--hidden", "0", "hidden size 0")]
    [InlineData("--accumulate", "0", "accumulation steps 0")]
    [InlineData("--max-rows", "0", "max rows 0")]
    public void Impossible_values_are_one_line_exit_1_and_create_nothing(string flag, string value, string expected)
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        var r = Freqlab.Run("train", "--out", run, flag, value);
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.StartsWith("freqlab: error:", line);
        Assert.Contains(expected, line);
        Assert.False(Directory.Exists(run));
    }

    [Theory]
    [InlineData("noise std 0 is not positive", "--noise", "additive", "--noise-std", "0")]
    [InlineData("--noise-std applies only to --noise additive (not per-series)", "--noise", "per-series", "--noise-std", "0.2")]
    public void Impossible_noise_settings_are_one_line_exit_1_and_create_nothing(string expected, params string[] flags)
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(Args(dir.File("run"), flags));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(expected, Assert.Single(r.ErrorLines));
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Fact]
    public void The_additive_noise_model_and_its_std_reach_the_generated_rows_and_the_stored_config()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(Args(dir.File("run"), "--engine", "fused", "--epochs", "1", "--noise", "additive", "--noise-std", "0.05"));
        Assert.Equal(0, r.ExitCode);
        var config = RunDirectory.OpenExisting(dir.File("run")).ReadConfig();
        Assert.Equal(NoiseMode.Additive, config.Data.Spec.Noise);
        Assert.Equal(0.05, config.Data.Spec.NoiseStd);
        Assert.Equal(config, HistoryJson.Read(Path.Combine(dir.File("run"), "history.json")).Config);
    }

    [Theory]
    [InlineData("--no-such-flag")]
    [InlineData("--reset", "sometimes")]
    [InlineData("--lr", "fast")]
    [InlineData("--clip", "big")]
    public void Bad_flags_are_one_line_and_exit_2(params string[] flags)
    {
        using var dir = new TempDir();
        var r = Freqlab.Run(Args(dir.File("run"), flags));
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("freqlab: error:", Assert.Single(r.ErrorLines));
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Fact]
    public void A_missing_or_corrupt_dataset_is_one_line_and_writes_nothing()
    {
        using var dir = new TempDir();
        var missing = Freqlab.Run(Args(dir.File("run"), "--train", dir.File("nope.npy"), "--test", dir.File("nope2.npy")));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("nope.npy", Assert.Single(missing.ErrorLines));
        File.WriteAllBytes(dir.File("bad.npy"), [0x93, (byte)'N', (byte)'U', (byte)'M', 1, 0, 9, 9]);
        var corrupt = Freqlab.Run(Args(dir.File("run"), "--train", dir.File("bad.npy"), "--test", dir.File("bad.npy")));
        Assert.Equal(1, corrupt.ExitCode);
        Assert.Contains("bad.npy", Assert.Single(corrupt.ErrorLines));
        var half = Freqlab.Run(Args(dir.File("run"), "--train", dir.File("bad.npy")));
        Assert.Equal(1, half.ExitCode);
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Fact]
    public void Trains_into_a_run_folder_refuses_to_overwrite_it_and_resumes_to_the_same_numbers_as_a_longer_run()
    {
        using var dir = new TempDir();
        string run = dir.File("run"), straight = dir.File("straight");

        var first = Freqlab.Run(Args(run, "--epochs", "2"));
        Assert.True(first.ExitCode == 0, first.StdErr);
        Assert.True(first.StdOut.Contains("epoch 2/2"), first.StdOut);
        Assert.Contains("completed 2 epochs", first.StdOut);
        var history = HistoryJson.Read(Path.Combine(run, "history.json"));
        Assert.Equal((2, StopReason.Completed), (history.Epochs.Count, history.Stop));
        Assert.Equal(("fused", 200), (history.Config.Engine, history.TrainData.Rows));

        var before = Fingerprint(run);
        var again = Freqlab.Run(Args(run, "--epochs", "2"));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already holds this run", Assert.Single(again.ErrorLines));
        var different = Freqlab.Run(Args(run, "--epochs", "2", "--lr", "1e-4"));
        Assert.Equal(1, different.ExitCode);
        Assert.Contains("holds a run of other settings (learningRate: 0.001 vs 0.0001)", Assert.Single(different.ErrorLines));
        var changedOnResume = Freqlab.Run(["train", "--resume", run, "--lr", "1e-4"]);
        Assert.Equal(1, changedOnResume.ExitCode);
        Assert.Equal(before, Fingerprint(run));

        var resumed = Freqlab.Run(["train", "--resume", run, "--epochs", "3", "--json"]);
        Assert.True(resumed.ExitCode == 0, resumed.StdErr);
        var fromJson = HistoryJson.DeserializeHistory(resumed.StdOut);
        Assert.Equal(3, fromJson.Epochs.Count);
        Assert.Equal(3, HistoryJson.Read(Path.Combine(run, "history.json")).Epochs.Count);

        Assert.Equal(0, Freqlab.Run(Args(straight, "--epochs", "3", "--json")).ExitCode);
        var direct = HistoryJson.Read(Path.Combine(straight, "history.json"));
        Assert.Equal(TrainerFixtures.Numbers(direct), TrainerFixtures.Numbers(fromJson));
    }

    [Fact]
    public void Resuming_a_run_that_never_reached_a_checkpoint_restarts_it_to_the_same_numbers()
    {
        using var dir = new TempDir();
        var run = dir.File("run");
        Assert.Equal(0, Freqlab.Run(Args(run, "--epochs", "1")).ExitCode);
        var first = HistoryJson.Read(Path.Combine(run, "history.json"));
        Directory.Delete(Path.Combine(run, "checkpoints"), recursive: true);
        File.Delete(Path.Combine(run, "history.json"));
        var r = Freqlab.Run("train", "--resume", run);
        Assert.True(r.ExitCode == 0, r.StdErr);
        Assert.Equal(TrainerFixtures.Numbers(first), TrainerFixtures.Numbers(HistoryJson.Read(Path.Combine(run, "history.json"))));
        var empty = Freqlab.Run("train", "--resume", dir.File("nothing"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("holds no run", Assert.Single(empty.ErrorLines));
    }

    [Fact]
    public void Resume_from_a_corrupt_checkpoint_or_changed_data_is_one_line_and_changes_nothing()
    {
        using var dir = new TempDir();
        var spec = SignalSpec.Default with { Duration = 0.05 };
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 1), RowOrder.Blocks), dir.File("train.npy"));
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 2), RowOrder.Blocks), dir.File("test.npy"));
        var run = dir.File("run");
        var first = Freqlab.Run("train", "--train", dir.File("train.npy"), "--test", dir.File("test.npy"), "--hidden", "8", "--epochs", "1",
            "--engine", "fused", "--out", run);
        Assert.True(first.ExitCode == 0, first.StdErr);
        var last = Path.Combine(run, "checkpoints", "last.safetensors");
        var good = File.ReadAllBytes(last);

        // One flipped bit in the weights' data: the header still parses, only the checksum can tell.
        var flipped = (byte[])good.Clone();
        flipped[^10] ^= 0x01;
        File.WriteAllBytes(last, flipped);
        var before = Fingerprint(run);
        var corrupt = Freqlab.Run("train", "--resume", run, "--epochs", "2");
        Assert.Equal(1, corrupt.ExitCode);
        var line = Assert.Single(corrupt.ErrorLines);
        Assert.Contains("last.safetensors: corrupt checkpoint", line);
        Assert.Equal(before, Fingerprint(run));

        // The same file name with other rows in it: the recorded checksum refuses the resume.
        File.WriteAllBytes(last, good);
        before = Fingerprint(run);
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 7), RowOrder.Blocks), dir.File("train.npy"));
        var changed = Freqlab.Run("train", "--resume", run, "--epochs", "2");
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("are not the recorded rows", Assert.Single(changed.ErrorLines));
        Assert.Equal(before, Fingerprint(run));
    }

    [Fact]
    public void Trains_on_dataset_files_and_records_their_checksums()
    {
        using var dir = new TempDir();
        var spec = SignalSpec.Default with { Duration = 0.05 };
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 1), RowOrder.Blocks), dir.File("train.npy"));
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 2), RowOrder.Blocks), dir.File("test.csv"));
        var r = Freqlab.Run("train", "--train", dir.File("train.npy"), "--test", dir.File("test.csv"), "--hidden", "8", "--epochs", "1",
            "--reset", "per-block", "--optimizer", "sgd", "--clip", "none", "--out", dir.File("run"));
        Assert.True(r.ExitCode == 0, r.StdErr);
        var h = HistoryJson.Read(Path.Combine(dir.File("run"), "history.json"));
        Assert.Equal("file", h.TrainData.Source);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(dir.File("train.npy")))), h.TrainData.Sha256);
        Assert.Equal(200, h.TestData.Rows);
        Assert.Equal(double.PositiveInfinity, h.Config.MaxGradNorm);
        Assert.Equal(4, h.Epochs[0].FrozenTest.MsePerFrequency.Count(double.IsFinite));
    }
}
