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
    public string ConfigPath => System.IO.Path.Combine(Path, "config.json");
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
        if (File.Exists(dir.Path)) throw new FrequencyLabException($"{dir.Path}: is a file, not a run folder");
        if (File.Exists(dir.ConfigPath))
        {
            var stored = dir.ReadConfig();
            var difference = FirstDifference(stored, config);
            throw new FrequencyLabException(difference is null
                ? $"{dir.Path}: already holds this run; pass --resume to continue it"
                : $"{dir.Path}: holds a different run ({difference}); choose another --out");
        }
        if (Directory.Exists(dir.Path) && Directory.EnumerateFileSystemEntries(dir.Path).Any())
            throw new FrequencyLabException($"{dir.Path}: folder is not empty and holds no run; choose another --out");
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
            throw new FrequencyLabException($"{dir.Path}: holds a different run ({difference}); only --epochs and --engine may change on --resume");
        return dir;
    }

    public TrainingConfig ReadConfig() => HistoryJson.DeserializeConfig(File.ReadAllText(ConfigPath), ConfigPath);

    /// <summary>Records a changed epoch count after --resume --epochs.</summary>
    public void WriteConfig(TrainingConfig config) => AtomicFile.WriteAllText(ConfigPath, HistoryJson.Serialize(config));

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
