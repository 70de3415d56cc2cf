using FrequencyLab.Engines;
using FrequencyLab.Model;
using FrequencyLab.Training;

namespace FrequencyLab.Diagnostics;

/// <summary>Mean losses over one window of consecutive training rows.</summary>
/// <param name="StartRow">First row (0-based).</param>
/// <param name="Rows">Rows in the window.</param>
/// <param name="Frequency">The window's frequency index when all its rows share one (block order), else null.</param>
/// <param name="TrainLoss">Mean loss of each row before its own update, while the weights change every row.</param>
/// <param name="FrozenLoss">Mean loss of the same rows under the epoch's final weights (frozen pass, same reset policy).</param>
public sealed record LossWindow(int StartRow, int Rows, int? Frequency, double TrainLoss, double FrozenLoss);

/// <summary>One epoch of the update-effect experiment.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="LearningRate">The constant rate.</param>
/// <param name="TrainLoss">Mean before-update row loss: the report's epoch loss (equals the trainer's for the same config).</param>
/// <param name="FrozenTrainMse">The epoch's final weights on the training rows (the trainer's frozen pass).</param>
/// <param name="FrozenTestMse">The same on the test rows.</param>
/// <param name="SampledRows">Rows whose after-update loss was measured.</param>
/// <param name="MeanBefore">Mean loss of the sampled rows before their own update.</param>
/// <param name="MeanAfter">Mean loss of the same rows, same incoming state, right after their own update.</param>
/// <param name="FractionImproved">Share of sampled rows whose own update lowered their loss.</param>
/// <param name="Windows">Losses per window of rows (per-block train loss within the epoch).</param>
/// <param name="SampleRow">The sampled rows' indices.</param>
/// <param name="SampleBefore">Their before-update losses.</param>
/// <param name="SampleAfter">Their after-update losses.</param>
public sealed record UpdateEffectEpoch(int Epoch, double LearningRate, double TrainLoss, double FrozenTrainMse, double FrozenTestMse,
    int SampledRows, double MeanBefore, double MeanAfter, double FractionImproved, IReadOnlyList<LossWindow> Windows,
    IReadOnlyList<int> SampleRow, IReadOnlyList<double> SampleBefore, IReadOnlyList<double> SampleAfter)
{
    /// <summary>Frozen train MSE − train loss: how much worse the final weights do on the rows than the running loss suggested.</summary>
    public double Gap => FrozenTrainMse - TrainLoss;

    /// <summary>Mean(before − after) over the sampled rows: how much one row's own update lowers its own loss.</summary>
    public double MeanOwnUpdateGain => MeanBefore - MeanAfter;
}

/// <summary>The update-effect experiment at one learning rate.</summary>
public sealed record UpdateEffectResult(TrainingConfig Config, int SampleEvery, int WindowRows, IReadOnlyList<UpdateEffectEpoch> Epochs);

/// <summary>Reported after each epoch and every few thousand rows.</summary>
public sealed record UpdateEffectProgress(double LearningRate, int Epoch, int Epochs, long Row, long Rows);

/// <summary>
/// Where the sub-0.5 train loss comes from. Trains exactly as <see cref="StatefulTrainer"/> (constant lr, one step per row,
/// the config's reset policy) and measures, besides the report's epoch loss, (a) for every <c>sampleEvery</c>-th row the
/// loss on that row with the same incoming (h, c) just after its own update, (b) per window of rows the running train loss
/// and the frozen loss of the epoch's final weights, and (c) the frozen train and test MSE.
/// </summary>
/// <remarks>
/// The after-update loss is measured on a copy of the state: snapshot before the row, train the row, snapshot after, restore
/// the before snapshot with the after weights, forward the row, restore the after snapshot. The training itself is not
/// disturbed, so <see cref="UpdateEffectEpoch.TrainLoss"/> is the trainer's number.
/// </remarks>
public static class UpdateEffectExperiment
{
    public static UpdateEffectResult Run(TrainingConfig config, int sampleEvery = 20, int windowRows = 1000, TrainingData? data = null,
        IProgress<UpdateEffectProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config = config.Validate();
        if (config.AccumulationSteps != 1 || config.Schedule.Kind != ScheduleKind.Constant || config.Plateau is not null || config.ResetOptimizerEachEpoch
            || config.InputScaling != InputScaling.None)
            throw new InvalidSpecException("invalid update-effect experiment: it runs one update per row at a constant rate on S as generated (no accumulation, learning-rate schedule, plateau schedule, optimizer reset or input scaling)");
        if (sampleEvery < 1) throw new InvalidSpecException($"invalid update-effect experiment: sample interval {sampleEvery} must be at least 1");
        if (windowRows < 1) throw new InvalidSpecException($"invalid update-effect experiment: window {windowRows} must be at least 1 row");
        data ??= TrainingData.Load(config.Data);
        var train = data.Train;
        var freq = train.FrequencyIndex;
        int n = train.Count;
        float lr = (float)config.LearningRate, clip = (float)config.MaxGradNorm;
        using var engine = EngineFactory.Create(config.Engine, config.Shape, config.Optimizer, config.InitialWeights());
        var epochs = new List<UpdateEffectEpoch>();
        for (int epoch = 1; epoch <= config.Epochs; epoch++)
        {
            if (config.Reset != ResetPolicy.Never || epoch == 1) engine.ResetTrainState();
            var rowLoss = new double[n];
            var sampleRow = new List<int>();
            var before = new List<double>();
            var after = new List<double>();
            for (int row = 0; row < n; row++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (NeedsReset(config.Reset, freq, row)) engine.ResetTrainState();
                bool sample = row % sampleEvery == 0;
                EngineSnapshot? pre = sample ? engine.Snapshot() : null;
                float loss = engine.ForwardBackward(train.Input(row), train.Targets[row]);
                engine.OptimizerStep(lr, clip);
                rowLoss[row] = loss;
                if (pre is not null)
                {
                    var post = engine.Snapshot();
                    engine.Restore(pre with { Parameters = post.Parameters });
                    float again = engine.ForwardBackward(train.Input(row), train.Targets[row]);
                    engine.Restore(post);
                    sampleRow.Add(row);
                    before.Add(loss);
                    after.Add(again);
                }
                if ((row + 1) % 5000 == 0) progress?.Report(new UpdateEffectProgress(config.LearningRate, epoch, config.Epochs, row + 1, n));
            }
            var frozenTrainRows = FrozenRowLosses(engine, train, config.Reset);
            var frozenTestRows = FrozenRowLosses(engine, data.Test, config.Reset);
            var windows = new List<LossWindow>();
            for (int start = 0; start < n; start += windowRows)
            {
                int count = Math.Min(windowRows, n - start);
                int f = freq[start];
                bool one = Enumerable.Range(start, count).All(i => freq[i] == f);
                windows.Add(new LossWindow(start, count, one ? f : null, Mean(rowLoss, start, count), Mean(frozenTrainRows, start, count)));
            }
            epochs.Add(new UpdateEffectEpoch(epoch, config.LearningRate, Mean(rowLoss, 0, n), Mean(frozenTrainRows, 0, n), Mean(frozenTestRows, 0, frozenTestRows.Length),
                sampleRow.Count, before.Average(), after.Average(), before.Zip(after).Count(p => p.Second < p.First) / (double)before.Count,
                windows, sampleRow, before, after));
            progress?.Report(new UpdateEffectProgress(config.LearningRate, epoch, config.Epochs, n, n));
        }
        return new UpdateEffectResult(config, sampleEvery, windowRows, epochs);
    }

    /// <summary>The experiment at several rates (same seed, data and epochs), to see how the effect scales with lr.</summary>
    public static IReadOnlyList<UpdateEffectResult> AcrossLearningRates(TrainingConfig config, IReadOnlyList<double> learningRates, int sampleEvery = 20,
        int windowRows = 1000, IProgress<UpdateEffectProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(learningRates);
        var data = TrainingData.Load(config.Validate().Data);
        return learningRates.Select(lr => Run(config with { LearningRate = lr }, sampleEvery, windowRows, data, progress, cancellationToken)).ToList();
    }

    private static bool NeedsReset(ResetPolicy policy, int[] freq, int row) =>
        policy == ResetPolicy.Stateless || (policy == ResetPolicy.PerBlock && row > 0 && freq[row] != freq[row - 1]);

    /// <summary>Each row's (ŷ − y)² in a frozen pass, exactly as the trainer's frozen pass computes it (float32 error).</summary>
    private static double[] FrozenRowLosses(ITrainingEngine engine, TrainingRows rows, ResetPolicy policy)
    {
        var losses = new double[rows.Count];
        engine.ResetEvalState();
        for (int row = 0; row < rows.Count; row++)
        {
            if (row > 0 && NeedsReset(policy, rows.FrequencyIndex, row)) engine.ResetEvalState();
            float error = engine.Predict(rows.Input(row)) - rows.Targets[row];
            losses[row] = error * error;
        }
        return losses;
    }

    /// <summary>A plain sequential sum (LINQ's Sum is vectorised and sums in another order than the trainer).</summary>
    private static double Mean(double[] v, int start, int count)
    {
        double s = 0;
        for (int i = start; i < start + count; i++) s += v[i];
        return s / count;
    }
}
