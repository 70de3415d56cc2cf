using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Grid;

/// <summary>What a <see cref="GridRunner"/> run left: one <see cref="GridRunResult"/> per named run, in the grid's order.</summary>
/// <param name="Runs">Per named run.</param>
/// <param name="Store">The run store's folder; null in memory.</param>
public sealed record GridResults(IReadOnlyList<GridRunResult> Runs, string? Store)
{
    /// <summary>The result of the run called <paramref name="name"/>.</summary>
    public GridRunResult this[string name] => Runs.FirstOrDefault(r => r.Run.Name == name)
        ?? throw new KeyNotFoundException($"no run {name} in this grid");

    /// <summary>True when every run reached a finished status (completed, early-stopped or non-finite).</summary>
    public bool AllFinished => Runs.All(r => r.Status is SweepPointStatus.Completed or SweepPointStatus.EarlyStopping or SweepPointStatus.NonFinite);

    /// <summary>The first failed run, when one failed.</summary>
    public GridRunResult? FirstFailure => Runs.FirstOrDefault(r => r.Status == SweepPointStatus.Failed);

    /// <summary>Histories by run name (runs without one are left out).</summary>
    public IReadOnlyDictionary<string, TrainingHistory> Histories =>
        Runs.Where(r => r.History is not null).ToDictionary(r => r.Run.Name, r => r.History!, StringComparer.Ordinal);
}
