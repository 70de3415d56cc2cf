namespace FrequencyLab.Training;

/// <summary>The whole mutable state of <see cref="ReduceLROnPlateau"/>: what a checkpoint stores.</summary>
/// <param name="LearningRate">The current learning rate (PyTorch's param_group["lr"]).</param>
/// <param name="Best">Best value seen (+∞ before the first step).</param>
/// <param name="NumBadEpochs">Consecutive steps without improvement since the last improvement, reduction or cooldown.</param>
/// <param name="CooldownCounter">Steps of cooldown left.</param>
/// <param name="LastEpoch">Number of steps taken.</param>
public sealed record PlateauState(double LearningRate, double Best, int NumBadEpochs, int CooldownCounter, int LastEpoch);

/// <summary>
/// torch.optim.lr_scheduler.ReduceLROnPlateau (PyTorch 1.13) in mode "min" for one parameter group:
/// <code>
/// better  = a &lt; best·(1 − threshold)        (rel)   |   a &lt; best − threshold   (abs)
/// if better: best = a, bad = 0 else bad += 1
/// if cooldown &gt; 0: cooldown −= 1, bad = 0
/// if bad &gt; patience: new = max(lr·factor, min_lr); lr = new if lr − new &gt; eps; cooldown = cooldown₀; bad = 0
/// </code>
/// NaN is never better, so it counts as a bad epoch, as in PyTorch.
/// </summary>
public sealed class ReduceLROnPlateau
{
    public PlateauSettings Settings { get; }
    public PlateauState State { get; private set; }

    public double LearningRate => State.LearningRate;

    public ReduceLROnPlateau(PlateauSettings settings, double initialLearningRate)
        : this(settings, new PlateauState(initialLearningRate, double.PositiveInfinity, 0, 0, 0)) { }

    /// <summary>Continues from a saved <paramref name="state"/>.</summary>
    public ReduceLROnPlateau(PlateauSettings settings, PlateauState state)
    {
        Settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        State = state ?? throw new ArgumentNullException(nameof(state));
    }

    /// <summary>PyTorch's is_better in mode min.</summary>
    public bool IsBetter(double a, double best) => Settings.ThresholdMode == ThresholdMode.Relative
        ? a < best * (1.0 - Settings.Threshold)
        : a < best - Settings.Threshold;

    /// <summary>One scheduler.step(metric) after an epoch.</summary>
    /// <returns>True when the learning rate was reduced by this step.</returns>
    public bool Step(double metric)
    {
        var (lr, best, bad, cooldown, epoch) = State;
        epoch++;
        if (IsBetter(metric, best)) { best = metric; bad = 0; }
        else bad++;
        if (cooldown > 0)
        {
            cooldown--;
            bad = 0; // PyTorch ignores bad epochs during cooldown
        }
        bool reduced = false;
        if (bad > Settings.Patience)
        {
            double next = Math.Max(lr * Settings.Factor, Settings.MinLearningRate);
            if (lr - next > Settings.Eps) { lr = next; reduced = true; }
            cooldown = Settings.Cooldown;
            bad = 0;
        }
        State = new PlateauState(lr, best, bad, cooldown, epoch);
        return reduced;
    }
}
