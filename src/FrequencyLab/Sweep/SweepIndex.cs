using System.Text.Json;
using FrequencyLab.Data;
using FrequencyLab.Grid;
using FrequencyLab.IO;
using FrequencyLab.Training;

namespace FrequencyLab.Sweep;

/// <summary>One line of sweep.json: a point, its folder (relative to the sweep folder), status and final metrics.</summary>
/// <param name="Name">Stable point name (its folder's name unless a store held the run under another).</param>
/// <param name="Folder">Run folder, relative to the sweep folder: NAME, or ../STORE/NAME in a study's run store.</param>
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
    public static SweepIndexEntry From(SweepPointResult r) => From(r, r.Point.Name);

    /// <summary>The entry of <paramref name="r"/>, whose run folder is <paramref name="folder"/> relative to the sweep folder.</summary>
    public static SweepIndexEntry From(SweepPointResult r, string folder)
    {
        var epochs = r.History?.Epochs ?? [];
        var last = epochs.Count > 0 ? epochs[^1] : null;
        double? best = epochs.Count > 0 ? epochs.Min(e => e.FrozenTest.Mse) : null;
        return new SweepIndexEntry(r.Point.Name, folder, r.Point.LearningRate, r.Point.InitSeed, r.Point.Reset, r.Point.Order, r.Status,
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

    /// <summary>"NAME" or "../STORE/NAME", each part a run name (<see cref="RunStore.CheckName"/>).</summary>
    private static bool IsRunFolder(string? folder)
    {
        if (folder is null) return false;
        var parts = folder.Split('/');
        if (parts.Length == 3 && parts[0] == "..") parts = parts[1..];
        else if (parts.Length != 1) return false;
        foreach (var part in parts)
        {
            try { RunStore.CheckName(part); }
            catch (InvalidSpecException) { return false; }
        }
        return true;
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
            // The folder is one run folder of the sweep folder (its own store) or of a sibling store (a study's runs/):
            // never a path that leads anywhere else.
            if (!IsRunFolder(e.Folder)) return $"{at}.folder: {e.Folder} is not a run folder of the sweep or of a store beside it";
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
