using System.Security.Cryptography;
using CsCheck;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;
using static FrequencyLab.Tests.Training.TrainerFixtures;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// A resume changes nothing before it has checked everything: a run folder it cannot resume (missing or damaged checkpoint,
/// hostile config or history, other data at the recorded path, a history ahead of its checkpoint, a snapshot the engine
/// refuses) is left byte-identical, with one line saying why.
/// </summary>
public class ResumeHostileInputTests
{
    private static string Fingerprint(string dir) => string.Join("\n", Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order()
        .Select(f => $"{f} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))}"));

    /// <summary>What <c>freqlab train --resume</c> does, through the library: read the stored config, raise the epochs,
    /// check everything, then train (fresh or from the checkpoint).</summary>
    private static TrainingHistory Resume(string folder, int epochs, Func<ITrainingEngine, ITrainingEngine>? wrap = null)
    {
        var stored = RunDirectory.OpenExisting(folder).ReadConfig();
        var config = stored with { Epochs = epochs };
        var run = RunDirectory.OpenExisting(folder, config);
        var data = TrainingData.Load(config.Data);
        var checkpoint = run.PrepareResume(config, data);
        var trainer = Trainer(config, run, wrap);
        return checkpoint is null ? trainer.Run() : trainer.Resume(checkpoint);
    }

    private static void Refused(string folder, string expected, Func<ITrainingEngine, ITrainingEngine>? wrap = null, int epochs = 3)
    {
        var before = Fingerprint(folder);
        var e = Assert.ThrowsAny<Exception>(() => Resume(folder, epochs, wrap));
        if (e is FrequencyLabException) HostileInput.AssertOneLine(e.Message, expected);
        else Assert.Contains(expected, e.Message);
        Assert.Equal(before, Fingerprint(folder));
    }

    private static string Trained(TempDir dir, int epochs = 1, TrainingConfig? config = null)
    {
        var c = (config ?? Config()) with { Epochs = epochs, CheckpointEvery = 1 };
        var folder = dir.File("run");
        Trainer(c, RunDirectory.CreateNew(folder, c)).Run();
        return folder;
    }

    [Fact]
    public void Without_last_safetensors_a_run_with_recorded_epochs_is_not_retrained_over()
    {
        using var dir = new TempDir();
        var folder = Trained(dir);
        File.Delete(Path.Combine(folder, "checkpoints", "last.safetensors"));
        Refused(folder, "history.json records 1 epochs but");
        // Nor with every checkpoint gone but history.json kept.
        foreach (var f in Directory.GetFiles(Path.Combine(folder, "checkpoints"))) File.Delete(f);
        Refused(folder, "history.json records 1 epochs but");
        // With no history either, a checkpoint left over (best, epoch-N) still says epochs were trained.
        File.Delete(Path.Combine(folder, "history.json"));
        File.WriteAllBytes(Path.Combine(folder, "checkpoints", "best.safetensors"), [1, 2, 3]);
        Refused(folder, "best.safetensors but no");
    }

    [Fact]
    public void Other_rows_at_the_recorded_path_are_refused_even_before_the_first_checkpoint()
    {
        using var dir = new TempDir();
        var spec = ShortSpec;
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 1), RowOrder.Blocks), dir.File("train.npy"));
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 2), RowOrder.Blocks), dir.File("test.npy"));
        var c = Config() with { Data = new TrainingDataConfig { Spec = spec, TrainFile = dir.File("train.npy"), TestFile = dir.File("test.npy") } };
        var folder = Trained(dir, config: c);
        DatasetIO.Write(FrequencyDataset.FromSignals(SignalGenerator.Generate(spec, 9), RowOrder.Blocks), dir.File("train.npy"));
        Refused(folder, "are not the recorded rows");
        // A run stopped before its first epoch ended: history.json with no epoch, no checkpoint; the data hash still guards it.
        foreach (var f in Directory.GetFiles(Path.Combine(folder, "checkpoints"))) File.Delete(f);
        var h = HistoryJson.Read(Path.Combine(folder, "history.json"));
        HistoryJson.Write(Path.Combine(folder, "history.json"), h with { Epochs = [], Stop = StopReason.Running, StopMessage = null });
        Refused(folder, "recorded) in history.json");
    }

    [Fact]
    public void A_history_ahead_of_its_checkpoint_is_refused()
    {
        using var dir = new TempDir();
        var folder = Trained(dir, epochs: 2);
        File.Copy(Path.Combine(folder, "checkpoints", "epoch-0001.safetensors"), Path.Combine(folder, "checkpoints", "last.safetensors"), overwrite: true);
        Refused(folder, "resuming would drop the later ones");
    }

    [Fact]
    public void A_snapshot_the_engine_refuses_leaves_config_json_as_it_was()
    {
        using var dir = new TempDir();
        var folder = Trained(dir);
        Refused(folder, "restore failed", e => new RefusingEngine(e));
        Assert.Equal(1, RunDirectory.OpenExisting(folder).ReadConfig().Epochs);
        // The same resume without the failure continues the run and records the new epoch count.
        Assert.Equal(3, Resume(folder, 3).Epochs.Count);
        Assert.Equal(3, RunDirectory.OpenExisting(folder).ReadConfig().Epochs);
    }

    [Fact]
    public void A_damaged_checkpoint_is_refused_and_nothing_changes()
    {
        using var dir = new TempDir();
        var folder = Trained(dir);
        var last = Path.Combine(folder, "checkpoints", "last.safetensors");
        var bytes = File.ReadAllBytes(last);
        bytes[bytes.Length / 3] ^= 0x10;
        File.WriteAllBytes(last, bytes);
        Refused(folder, "last.safetensors: corrupt checkpoint");
    }

    [Fact]
    public void Hostile_config_or_history_json_is_one_line_and_nothing_changes()
    {
        using var dir = new TempDir();
        var pristine = Trained(dir);
        var work = dir.File("work");
        foreach (var name in new[] { "config.json", "history.json" })
        {
            var json = File.ReadAllText(Path.Combine(pristine, name));
            HostileInput.JsonVariants(json).Sample(bytes =>
            {
                if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
                CopyFolder(pristine, work);
                File.WriteAllBytes(Path.Combine(work, name), bytes);
                var before = Fingerprint(work);
                try { Resume(work, 1); }
                catch (FrequencyLabException e)
                {
                    HostileInput.AssertOneLine(e.Message, work);
                    Assert.Equal(before, Fingerprint(work));
                }
            }, iter: 60, threads: 1);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var d in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(d.Replace(from, to, StringComparison.Ordinal));
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(f, f.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>An engine that cannot take the snapshot (e.g. a libtorch failure while loading it).</summary>
    private sealed class RefusingEngine(ITrainingEngine inner) : DelegatingEngine(inner)
    {
        public override void Restore(EngineSnapshot snapshot) => throw new InvalidOperationException("restore failed");
    }
}
