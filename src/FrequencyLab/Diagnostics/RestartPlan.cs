using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Sweep;
using FrequencyLab.Training;

namespace FrequencyLab.Diagnostics;

/// <summary>One named configuration of the restart or a contingency, with the report's words for it.</summary>
public sealed record RestartVariant(string Name, string ReportSays, TrainingConfig Config);

/// <summary>
/// The report's prescribed restart (§5: lr 1e-4, fresh model and optimizer, up to 50 epochs, early stopping patience 10 /
/// min_delta 1e-4 on the train loss) and its contingency plans (§5.3, §7.2, §8.3), as trainer configs on the fused engine,
/// and a runner that trains each over several init seeds.
/// </summary>
public static class RestartPlan
{
    /// <summary>The prescribed restart: the report's run with lr 1e-4, 50 epochs and its early stopping.</summary>
    public static TrainingConfig Prescribed(int epochs = 50, int? maxRows = null) => TrainingConfig.Report with
    {
        Engine = FusedEngine.EngineName, LearningRate = 1e-4, Epochs = epochs, EarlyStopping = EarlyStoppingSettings.ReportPlan,
        CheckpointEvery = 0, Data = TrainingConfig.Report.Data with { MaxRows = maxRows },
    };

    /// <summary>The restart and every contingency, each a change of the prescribed config.</summary>
    public static IReadOnlyList<RestartVariant> Variants(int epochs = 50, int? maxRows = null)
    {
        var p = Prescribed(epochs, maxRows);
        return
        [
            new("restart lr 1e-4", "§5.1: restart with LR = 0.0001, fresh model and optimizer", p),
            new("plan B: lr 5e-5", "§5.3 Plan B: reduce LR to 0.00005", p with { LearningRate = 5e-5 }),
            new("lr 2e-4", "§7.2 Strategy 1: test_lrs = [0.00005, 0.0001, 0.0002]", p with { LearningRate = 2e-4 }),
            // The trainer's warm-up is linear from ½·lr over 10 epochs; the report's Plan C is a step (5e-5 for 10 epochs, then 1e-4).
            new("plan C: warm-up", "§5.3 Plan C: epochs 1–10 at 0.00005, then 0.0001 (here: linear from 0.5× over 10 epochs)", p with { WarmupEpochs = 10, WarmupStartFactor = 0.5 }),
            new("strategy 2: ReduceLROnPlateau", "§7.2 Strategy 2: factor 0.5, patience 5, min_lr 1e-5", p with { Plateau = PlateauSettings.ReportStrategy2 }),
            new("strategy 3: accumulate 10", "§7.2 Strategy 3: accumulate over 10 samples", p with { AccumulationSteps = 10 }),
            new("plan D: SGD momentum 0.9", "§5.3 Plan D / §8.3 B: SGD with momentum 0.9, LR 0.001",
                p with { LearningRate = 1e-3, Optimizer = OptimizerSettings.Report with { Kind = OptimizerKind.Sgd, Momentum = 0.9 } }),
            new("plan D: hidden 128", "§5.3 Plan D / §8.3 A: increase hidden_size to 128", p with { HiddenSize = 128 }),
        ];
    }

    /// <summary>Trains <paramref name="variant"/> once per init seed (in memory, both cores) and returns the histories in seed order.</summary>
    public static IReadOnlyList<TrainingHistory> Run(RestartVariant variant, IReadOnlyList<ulong> initSeeds, IProgress<SweepProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var grid = new SweepGrid { Base = variant.Config, LearningRates = [variant.Config.LearningRate], InitSeeds = initSeeds };
        var results = new SweepRunner(grid).Run(progress, cancellationToken);
        return results.Points.OrderBy(p => initSeeds.ToList().IndexOf(p.Point.InitSeed))
            .Select(p => p.History ?? throw new FrequencyLabException($"{variant.Name}, seed {p.Point.InitSeed}: no history ({p.Status})")).ToList();
    }
}
