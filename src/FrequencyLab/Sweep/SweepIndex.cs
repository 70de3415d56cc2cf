using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.IO;
using FrequencyLab.Training;

namespace FrequencyLab.Sweep;

/// <summary>One line of sweep.json: a point, its folder (relative to the sweep folder), status and final metrics.</summary>
/// <param name="Name">Stable point name (= its folder name).</param>
/// <param name="Folder">Run folder, relative to the sweep folder.</param>
/// <param name="LearningRate">Grid coordinate.</param>
/// <param name="InitSeed">Grid coordinate.</param>
/// <param name="Reset">Grid coordinate.</param>
/// <param name="Order">Grid coordinate.</param>
/// <param name="Status">Where the point stands.</param>
/// <param name="EpochsCompleted">Epochs in its history.</param>
/// <param name="FinalTrainLoss">Last epoch's mean row loss (null before the first epoch).</param>
/// <param name="FinalFrozenTrainMse">Last epoch's frozen MSE over the training rows.</param>
/// <param name="FinalFrozenTestMse">Last epoch's frozen MSE over the test rows.</param>
/// <param name="BestFrozenTestMse">Lowest frozen test MSE over its epochs.</param>
/// <param name="Seconds">Wall seconds of its epochs.</param>
/// <param name="Message">Stop message or error, one line.</param>
public sealed record SweepIndexEntry(
    string Name, string Folder, double LearningRate, ulong InitSeed, ResetPolicy Reset, RowOrder Order, SweepPointStatus Status,
    int EpochsCompleted, double? FinalTrainLoss, double? FinalFrozenTrainMse, double? FinalFrozenTestMse, double? BestFrozenTestMse,
    double Seconds, string? Message)
{
    public static SweepIndexEntry From(SweepPointResult r)
    {
        var epochs = r.History?.Epochs ?? [];
        var last = epochs.Count > 0 ? epochs[^1] : null;
        double? best = epochs.Count > 0 ? epochs.Min(e => e.FrozenTest.Mse) : null;
        return new SweepIndexEntry(r.Point.Name, r.Point.Name, r.Point.LearningRate, r.Point.InitSeed, r.Point.Reset, r.Point.Order, r.Status,
            epochs.Count, last?.TrainLoss, last?.FrozenTrain.Mse, last?.FrozenTest.Mse, best, epochs.Sum(e => e.Seconds), r.Message);
    }
}

/// <summary>
/// sweep.json, the index of a sweep folder: the grid that made it and one <see cref="SweepIndexEntry"/> per point.
/// Rewritten atomically whenever a point starts or ends, so it always describes the folder.
/// </summary>
public sealed record SweepIndex
{
    public const int CurrentSchemaVersion = 1;
    public const string FileName = "sweep.json";

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required SweepGrid Grid { get; init; }
    public required IReadOnlyList<SweepIndexEntry> Points { get; init; }

    public static string Serialize(SweepIndex index) => JsonSerializer.Serialize(index, HistoryJson.Options);

    public static void Write(string path, SweepIndex index) => AtomicFile.WriteAllTextIfChanged(path, Serialize(index));

    public static SweepIndex Read(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "no such file");
        SweepIndex? index;
        try { index = JsonSerializer.Deserialize<SweepIndex>(File.ReadAllText(path), HistoryJson.Options); }
        catch (JsonException e) { throw new DataFileException(path, $"not a valid sweep index ({e.Message.Split('\n')[0].Trim()})"); }
        if (index is null) throw new DataFileException(path, "empty sweep index");
        if (index.SchemaVersion != CurrentSchemaVersion)
            throw new DataFileException(path, $"sweep index schema version {index.SchemaVersion} is not supported (expected {CurrentSchemaVersion})");
        return index;
    }
}
