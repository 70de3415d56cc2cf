using System.Text.Json.Nodes;
using FrequencyLab.IO;

namespace FrequencyLab.Training;

/// <summary>
/// The folder of one run:
/// <code>
/// config.json                 the TrainingConfig (decides "same run" vs "a different run")
/// history.json                the TrainingHistory, rewritten atomically after every epoch
/// checkpoints/last.safetensors   after every epoch, and on cancellation (what --resume continues from)
/// checkpoints/best.safetensors   whenever the monitored metric reaches a new best
/// checkpoints/epoch-0010.safetensors  every N epochs (TrainingConfig.CheckpointEvery)
/// </code>
/// Nothing already there is overwritten by a new run: a folder holding any other content is refused.
/// </summary>
public sealed class RunDirectory
{
    public string Path { get; }
    /// <summary>The run's settings file: what decides "the same run" (<see cref="SettingsFolder"/>).</summary>
    public const string ConfigFile = "config.json";

    public string ConfigPath => System.IO.Path.Combine(Path, ConfigFile);
    public string HistoryPath => System.IO.Path.Combine(Path, "history.json");
    public string CheckpointsPath => System.IO.Path.Combine(Path, "checkpoints");
    public string LastCheckpointPath => System.IO.Path.Combine(CheckpointsPath, "last.safetensors");
    public string BestCheckpointPath => System.IO.Path.Combine(CheckpointsPath, "best.safetensors");
    public string EpochCheckpointPath(int epoch) => System.IO.Path.Combine(CheckpointsPath, $"epoch-{epoch:D4}.safetensors");

    private RunDirectory(string path) => Path = System.IO.Path.GetFullPath(path);

    /// <summary>Creates the folder for a new run and writes its config. Refuses a folder that already holds a run
    /// (the same or a different one) or any other files.</summary>
    public static RunDirectory CreateNew(string path, TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var dir = new RunDirectory(path);
        if (SettingsFolder.Check(dir.Path, ConfigFile, "a run"))
        {
            var stored = dir.ReadConfig();
            throw FirstDifference(stored, config) is { } difference
                ? SettingsFolder.OtherSettings(dir.Path, "a run", difference)
                : new FrequencyLabException($"{dir.Path}: already holds this run; pass --resume to continue it");
        }
        Directory.CreateDirectory(dir.CheckpointsPath);
        AtomicFile.WriteAllText(dir.ConfigPath, HistoryJson.Serialize(config));
        return dir;
    }

    /// <summary>Opens an existing run to resume it. When <paramref name="requested"/> is given it must equal the stored
    /// config except for the number of epochs (a finished run may be extended) and the engine (checkpoints are engine-neutral). The run may have no checkpoint yet
    /// (stopped before its first epoch ended): it then restarts from the beginning, which gives the same numbers.</summary>
    public static RunDirectory OpenExisting(string path, TrainingConfig? requested = null)
    {
        var dir = new RunDirectory(path);
        if (!File.Exists(dir.ConfigPath)) throw new FrequencyLabException($"{dir.Path}: holds no run (no config.json) to resume");
        var stored = dir.ReadConfig();
        if (requested is not null && FirstDifference(stored, requested with { Epochs = stored.Epochs, Engine = stored.Engine }) is { } difference)
            throw SettingsFolder.OtherSettings(dir.Path, "a run", difference, "only --epochs and --engine may change on --resume");
        return dir;
    }

    public TrainingConfig ReadConfig() => HistoryJson.ReadConfig(ConfigPath);

    /// <summary>Records a changed epoch count after --resume --epochs.</summary>
    public void WriteConfig(TrainingConfig config) => AtomicFile.WriteAllText(ConfigPath, HistoryJson.Serialize(config));

    /// <summary>Records <paramref name="config"/>'s epoch count in config.json when it differs (a resume with more epochs);
    /// <see cref="StatefulTrainer"/> calls it only once the engine holds the checkpoint, so a resume that fails earlier
    /// leaves config.json as it was.</summary>
    public void RecordEpochs(TrainingConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (ReadConfig().Epochs != config.Epochs) WriteConfig(config);
    }

    /// <summary>
    /// Checks everything a resume of this run with <paramref name="config"/> on <paramref name="data"/> depends on, and
    /// returns the checkpoint to continue from; writes nothing, so a run that cannot be resumed is left byte-identical.
    /// </summary>
    /// <remarks>
    /// Checked, in order: config.json (strictly read) against <paramref name="config"/> (only the epoch count and engine may
    /// differ); history.json when present (strictly read): the same run, and the same data (row counts and SHA-256 of the
    /// files now at the recorded paths); checkpoints/last.safetensors when present: its integrity hash over header and
    /// tensors, its run and data (<see cref="StatefulTrainer.CheckResumable"/>), and that it is not behind history.json.
    /// Without last.safetensors the run restarts from its deterministic beginning (null), but only when nothing would be
    /// lost: no epoch in history.json and no other checkpoint.
    /// </remarks>
    /// <returns>The checkpoint, or null to train from the beginning.</returns>
    /// <exception cref="FrequencyLabException">One line naming what does not match.</exception>
    public Checkpoint? PrepareResume(TrainingConfig config, TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        var stored = ReadConfig();
        if (FirstDifference(stored, config with { Epochs = stored.Epochs, Engine = stored.Engine }) is { } difference)
            throw SettingsFolder.OtherSettings(Path, "a run", difference, "only --epochs and --engine may change on --resume");
        // The trainer only checks the config against the rows and the checkpoint here; which engine trains the resumed run
        // (and whether this build can make it) is the caller's trainer's to judge, so none is built.
        var trainer = new StatefulTrainer(config, data, (_, _) => throw new InvalidOperationException("PrepareResume builds no engine"));
        var history = File.Exists(HistoryPath) ? HistoryJson.Read(HistoryPath) : null;
        if (history is not null)
        {
            if (FirstDifference(stored, history.Config with { Epochs = stored.Epochs, Engine = stored.Engine }) is { } d)
                throw new FrequencyLabException($"{HistoryPath}: records a different run than config.json ({d}); cannot resume");
            if (StatefulTrainer.DataDifference(history, data) is { } changed)
                throw new FrequencyLabException($"cannot resume {Path}: {changed} in history.json");
        }
        if (!File.Exists(LastCheckpointPath))
        {
            if (history is { Epochs.Count: > 0 })
                throw new FrequencyLabException($"cannot resume {Path}: history.json records {history.Epochs.Count} epochs but {LastCheckpointPath} is missing; "
                    + "resuming would train from scratch over them (restore the checkpoint, or train into a new folder)");
            if (Directory.Exists(CheckpointsPath) && Directory.EnumerateFiles(CheckpointsPath).FirstOrDefault() is { } other)
                throw new FrequencyLabException($"cannot resume {Path}: it holds {other} but no {LastCheckpointPath} (restore it, or train into a new folder)");
            return null;
        }
        var checkpoint = CheckpointFile.Read(LastCheckpointPath);
        trainer.CheckResumable(checkpoint);
        if (history is not null && history.Epochs.Count > checkpoint.Trainer.CompletedEpochs)
            throw new FrequencyLabException($"cannot resume {Path}: history.json records {history.Epochs.Count} epochs, {LastCheckpointPath} only "
                + $"{checkpoint.Trainer.CompletedEpochs}; resuming would drop the later ones");
        return checkpoint;
    }

    /// <summary>The first setting where two configs differ, as "path: stored vs requested", or null when equal.</summary>
    public static string? FirstDifference(TrainingConfig stored, TrainingConfig requested)
    {
        var a = JsonNode.Parse(HistoryJson.Serialize(stored));
        var b = JsonNode.Parse(HistoryJson.Serialize(requested));
        return Compare(a, b, "");

        static string? Compare(JsonNode? x, JsonNode? y, string at)
        {
            if (x is JsonObject ox && y is JsonObject oy)
            {
                foreach (var key in ox.Select(p => p.Key).Union(oy.Select(p => p.Key)))
                    if (Compare(ox[key], oy[key], at.Length == 0 ? key : $"{at}.{key}") is { } d) return d;
                return null;
            }
            var sx = x?.ToJsonString() ?? "null";
            var sy = y?.ToJsonString() ?? "null";
            return sx == sy ? null : $"{at}: {sx} vs {sy}";
        }
    }
}
