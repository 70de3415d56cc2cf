using FrequencyLab.Engines;
using FrequencyLab.Model;
using FrequencyLab.Training;

namespace FrequencyLab.Diagnostics;

/// <summary>
/// The LR range test on the report's model: a fresh model and optimizer from the config (its init seed, engine, optimizer,
/// clip, reset policy and rows), the learning rate raised exponentially each step, the loss smoothed and debiased, stopped
/// when it diverges; then fastai's and Lightning's suggestion rules (<see cref="LrSuggestionRules"/>).
/// </summary>
/// <remarks>
/// Per step i = 0, 1, …:
/// <code>
/// lr_i = start · (end/start)^(i/steps)                                   (fastai SchedExp at pos = i/num_it)
/// for each of the step's rows: loss = ForwardBackward(x, y); OptimizerStep(lr_i, clip)   (the report's batch of one)
/// raw_i = mean of those losses;  avg ← β·avg + (1−β)·raw_i;  smooth_i = avg / (1 − β^(i+1))
/// best = min(best, smooth_i);  stop after recording step i if smooth_i &gt; factor·best or smooth_i is not finite
/// </code>
/// Differences from the libraries, stated: fastai's schedule and stopping are matched exactly; Lightning's schedule differs
/// slightly (its first two steps are start and start·(end/start)^(2/num)), it compares against the best of the earlier
/// steps and only from step 2 on. The carried (h, c) is reset as the config's policy says (per epoch = once, at the start),
/// and the rows wrap around to the first row when the test needs more rows than there are.
/// </remarks>
public static class LrFinder
{
    public static LrFinderResult Run(TrainingConfig config, LrFinderSettings settings, TrainingData? data = null,
        IProgress<LrFinderProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        config = config.Validate();
        settings = settings.Validate();
        data ??= TrainingData.Load(config.Data);
        var rows = data.Train;
        if (rows.Width != config.Shape.InputSize)
            throw new InvalidSpecException($"invalid LR range test: rows have {rows.Width} inputs, the model expects {config.Shape.InputSize}");
        using var engine = EngineFactory.Create(config.Engine, config.Shape, config.Optimizer, ModelInitializer.PyTorchDefault(config.Shape, config.InitSeed));
        engine.ResetTrainState();
        var lrs = new List<double>();
        var raw = new List<double>();
        var smooth = new List<double>();
        double avg = 0, best = double.PositiveInfinity;
        bool diverged = false;
        float clip = (float)config.MaxGradNorm;
        var freq = rows.FrequencyIndex;
        int row = 0;
        for (int step = 0; step < settings.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double lr = ScheduledRate(settings, step);
            double sum = 0;
            for (int k = 0; k < settings.RowsPerStep; k++)
            {
                if (row == rows.Count) { row = 0; if (config.Reset != ResetPolicy.Never) engine.ResetTrainState(); }
                if (config.Reset == ResetPolicy.Stateless || (config.Reset == ResetPolicy.PerBlock && row > 0 && freq[row] != freq[row - 1]))
                    engine.ResetTrainState();
                sum += engine.ForwardBackward(rows.Input(row), rows.Targets[row]);
                engine.OptimizerStep((float)lr, clip);
                row++;
            }
            double loss = sum / settings.RowsPerStep;
            avg = settings.Beta * avg + (1 - settings.Beta) * loss;
            double smoothed = avg / (1 - Math.Pow(settings.Beta, step + 1));
            lrs.Add(lr);
            raw.Add(loss);
            smooth.Add(smoothed);
            if (smoothed < best) best = smoothed;
            progress?.Report(new LrFinderProgress(step + 1, settings.Steps, lr, smoothed));
            if (!double.IsFinite(smoothed) || (settings.StopOnDivergence && smoothed > settings.DivergenceFactor * best))
            {
                diverged = step + 1 < settings.Steps;
                break;
            }
        }
        return new LrFinderResult(settings, config.Engine, config.InitSeed, lrs, raw, smooth, diverged,
            LrSuggestionRules.All(lrs, smooth, settings.Steps));
    }

    /// <summary>start · (end/start)^(step/steps).</summary>
    public static double ScheduledRate(LrFinderSettings settings, int step) =>
        settings.StartLr * Math.Pow(settings.EndLr / settings.StartLr, (double)step / settings.Steps);
}
