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

    /// <summary>Reads sweep.json strictly (<see cref="JsonFile"/>) and checks it: a valid grid, one entry per point at most,
    /// each named after a point of the grid and stored in the folder of that name, with non-negative counts, losses and times.</summary>
    /// <exception cref="DataFileException">One line naming the file and the first problem.</exception>
    public static SweepIndex Read(string path)
    {
        var index = JsonFile.Read<SweepIndex>(path, "sweep index", HistoryJson.ReadOptions);
        if (index.SchemaVersion != CurrentSchemaVersion)
            throw new DataFileException(JsonFile.Printable(path), $"sweep index schema version {index.SchemaVersion} is not supported (expected {CurrentSchemaVersion})");
        if (Problem(index) is { } problem) throw JsonFile.Invalid(path, "sweep index", problem);
        return index;
    }

    private static string? Problem(SweepIndex index)
    {
        try { index.Grid.Validate(); }
        catch (FrequencyLabException e) { return $"$.grid: {e.Message}"; }
        var names = index.Grid.Points().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < index.Points.Count; i++)
        {
            var at = $"$.points[{i}]";
            if (index.Points[i] is not { } e) return $"{at}: null";
            if (!names.Contains(e.Name)) return $"{at}.name: {e.Name} is not a point of the grid";
            if (!seen.Add(e.Name)) return $"{at}.name: {e.Name} is listed twice";
            // The folder is the point's name: never a path that leads out of the sweep folder.
            if (e.Folder != e.Name) return $"{at}.folder: {e.Folder} is not the point's folder {e.Name}";
            if (!Enum.IsDefined(e.Status)) return $"{at}.status: unknown status";
            if (e.EpochsCompleted < 0) return $"{at}.epochsCompleted: {e.EpochsCompleted} is negative";
            foreach (var (name, v) in new[] { ("finalTrainLoss", e.FinalTrainLoss), ("finalFrozenTrainMse", e.FinalFrozenTrainMse),
                         ("finalFrozenTestMse", e.FinalFrozenTestMse), ("bestFrozenTestMse", e.BestFrozenTestMse) })
                if (v is < 0 || (v is { } x && double.IsNegativeInfinity(x))) return $"{at}.{name}: {v} is negative (a loss is a mean of squares)";
            if (!(e.Seconds >= 0) || !double.IsFinite(e.Seconds)) return $"{at}.seconds: {e.Seconds} is not a duration";
        }
        return null;
    }
}
