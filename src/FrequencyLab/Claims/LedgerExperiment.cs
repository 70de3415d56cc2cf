using FrequencyLab.Grid;
using FrequencyLab.Training;

namespace FrequencyLab.Claims;

/// <summary>One experiment of the ledger: a training config run once per init seed (a one-learning-rate sweep).</summary>
/// <param name="Key">Stable name; also the runs sub-folder.</param>
/// <param name="Description">What differs from the report's run.</param>
/// <param name="Config">The config every seed runs (its init seed is replaced).</param>
/// <param name="Seeds">Init seeds.</param>
public sealed record LedgerExperiment(string Key, string Description, TrainingConfig Config, IReadOnlyList<ulong> Seeds)
{
    /// <summary>The experiment's named runs, one per seed (<c>KEY-seed-S</c>).</summary>
    public IReadOnlyList<GridRun> Runs => [.. Seeds.Select(s => new GridRun($"{Key}-seed-{s}",
        Config with { InitSeed = s, Engine = FusedSeeds.Contains(s) ? Engines.Fused.FusedEngine.EngineName : Config.Engine }))];

    /// <summary>Seeds that run on the fused engine at the same scale instead of the config's engine (the report's run beyond
    /// its TorchSharp seeds, <see cref="LedgerSettings.TorchSeeds"/>).</summary>
    public IReadOnlyList<ulong> FusedSeeds { get; init; } = [];

    /// <summary>Relative cost (rows × epochs × seeds × hidden-size factor), to start long experiments first.</summary>
    public double Cost => (double)Config.Epochs * Seeds.Count * Config.Data.Spec.SampleCount * Config.Data.Spec.FrequencyCount
        * Math.Pow(Config.HiddenSize / 64.0, 2) * (Config.Engine == "torch" ? 30.0 * (Seeds.Count - FusedSeeds.Count) / Seeds.Count + (double)FusedSeeds.Count / Seeds.Count : 1);
}
