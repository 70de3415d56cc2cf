using FrequencyLab.Training;

namespace FrequencyLab.Tests.Diagnostics;

/// <summary>Synthetic histories for diagnostics tests: real <see cref="TrainingHistory"/> records with chosen numbers.</summary>
internal static class DiagnosticsFixtures
{
    /// <summary>The report's §2.1 epoch losses.</summary>
    public static double[] ReportLosses { get; } = [0.284746, 0.405873, 0.411108, 0.462460, 0.458013];

    /// <summary>A history whose epochs carry <paramref name="train"/> (and frozen MSEs, when given), with the divergence
    /// events <see cref="DivergenceAlerts"/> would have recorded.</summary>
    public static TrainingHistory History(IReadOnlyList<double> train, IReadOnlyList<double>? frozenTrain = null, IReadOnlyList<double>? frozenTest = null)
    {
        var state = DivergenceAlertState.Initial;
        var epochs = new List<EpochRecord>();
        for (int i = 0; i < train.Count; i++)
        {
            var (events, next) = DivergenceAlerts.Evaluate(state, i + 1, train[i]);
            state = next;
            epochs.Add(new EpochRecord
            {
                Epoch = i + 1, TrainLoss = train[i], TrainLossPerFrequency = [train[i], train[i], train[i], train[i]],
                FrozenTrain = new FrozenEvaluation(frozenTrain?[i] ?? 0.5, [0.5, 0.5, 0.5, 0.5]),
                FrozenTest = new FrozenEvaluation(frozenTest?[i] ?? 0.5, [0.5, 0.5, 0.5, 0.5]),
                LearningRate = 1e-3, LastStepLearningRate = 1e-3, GradientNorm = new GradientNormStats(40000, 0.5, 2, 0.1),
                Rows = 40000, Seconds = 0.2, Events = events,
            });
        }
        return new TrainingHistory
        {
            Config = TrainingConfig.Report with { Engine = "fused" },
            TrainData = new DataProvenance("generated", 40000, 1), TestData = new DataProvenance("generated", 40000, 2),
            Environment = RunEnvironment.Capture("fused"), Epochs = epochs, Stop = StopReason.Completed,
        };
    }
}
