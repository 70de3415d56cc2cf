using FrequencyLab.Sweep;

namespace FrequencyLab.Reproduce;

/// <summary>One point of the lr × seed sweep, as the page shows it.</summary>
public sealed record SweepPointSummary(string Name, double LearningRate, ulong InitSeed, string Status, int Epochs,
    double? FinalTrainLoss, double? FinalFrozenTestMse, double? BestFrozenTestMse)
{
    public static IReadOnlyList<SweepPointSummary> Load(string sweepFolder)
    {
        if (!File.Exists(Path.Combine(sweepFolder, SweepIndex.FileName))) return [];
        return SweepResults.Load(sweepFolder).Points.Select(SweepIndexEntry.From).Select(e => new SweepPointSummary(e.Name, e.LearningRate, e.InitSeed,
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Status.ToString()), e.EpochsCompleted,
            e.FinalTrainLoss, e.FinalFrozenTestMse, e.BestFrozenTestMse)).ToList();
    }
}
