namespace FrequencyLab.Training;

/// <summary>The whole mutable state of <see cref="EarlyStopping"/> (Lightning's state_dict).</summary>
public sealed record EarlyStoppingState(double BestScore, int WaitCount, int StoppedEpoch);

/// <summary>Why <see cref="EarlyStopping.Check"/> asked to stop, or not.</summary>
public enum EarlyStoppingVerdict
{
    Continue,
    Improved,
    NotFinite,
    StoppingThresholdReached,
    DivergenceThresholdReached,
    PatienceExhausted,
}

/// <summary>
/// Lightning's EarlyStopping in mode "min" (<c>_evaluate_stopping_criteria</c>), checked in this order:
/// <code>
/// 1. check_finite and value not finite             → stop
/// 2. stopping_threshold set and value &lt; it       → stop
/// 3. divergence_threshold set and value &gt; it     → stop
/// 4. value + min_delta &lt; best                    → improved: best = value, wait = 0
/// 5. otherwise wait += 1; wait ≥ patience           → stop
/// </code>
/// Cases 1–3 leave best and wait untouched, as Lightning does.
/// </summary>
public sealed class EarlyStopping
{
    public EarlyStoppingSettings Settings { get; }
    public EarlyStoppingState State { get; private set; }

    public EarlyStopping(EarlyStoppingSettings settings)
        : this(settings, new EarlyStoppingState(double.PositiveInfinity, 0, 0)) { }

    public EarlyStopping(EarlyStoppingSettings settings, EarlyStoppingState state)
    {
        Settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        State = state ?? throw new ArgumentNullException(nameof(state));
    }

    /// <summary>Checks the monitored <paramref name="value"/> of <paramref name="epoch"/>.</summary>
    public EarlyStoppingVerdict Check(double value, int epoch)
    {
        var s = Settings;
        var (best, wait, stopped) = State;
        EarlyStoppingVerdict verdict;
        if (s.CheckFinite && !double.IsFinite(value)) verdict = EarlyStoppingVerdict.NotFinite;
        else if (s.StoppingThreshold is { } st && value < st) verdict = EarlyStoppingVerdict.StoppingThresholdReached;
        else if (s.DivergenceThreshold is { } dt && -value < -dt) verdict = EarlyStoppingVerdict.DivergenceThresholdReached;
        // Lightning stores min_delta negated in min mode and tests current − min_delta < best.
        else if (value + s.MinDelta < best) { best = value; wait = 0; verdict = EarlyStoppingVerdict.Improved; }
        else
        {
            wait++;
            verdict = wait >= s.Patience ? EarlyStoppingVerdict.PatienceExhausted : EarlyStoppingVerdict.Continue;
        }
        if (ShouldStop(verdict)) stopped = epoch;
        State = new EarlyStoppingState(best, wait, stopped);
        return verdict;
    }

    public static bool ShouldStop(EarlyStoppingVerdict v) =>
        v is not (EarlyStoppingVerdict.Continue or EarlyStoppingVerdict.Improved);

    /// <summary>A one-line reason, in Lightning's words where it has them.</summary>
    public string Describe(EarlyStoppingVerdict v, string monitor, double value) => v switch
    {
        EarlyStoppingVerdict.NotFinite => $"monitored metric {monitor} = {value} is not finite; previous best was {State.BestScore:G6}",
        EarlyStoppingVerdict.StoppingThresholdReached => $"stopping threshold reached: {monitor} = {value:G6} < {Settings.StoppingThreshold}",
        EarlyStoppingVerdict.DivergenceThresholdReached => $"divergence threshold reached: {monitor} = {value:G6} > {Settings.DivergenceThreshold}",
        EarlyStoppingVerdict.PatienceExhausted => $"monitored metric {monitor} did not improve in the last {State.WaitCount} records; best score {State.BestScore:G6}",
        EarlyStoppingVerdict.Improved => $"{monitor} improved to {value:G6}",
        _ => $"{monitor} = {value:G6}, no improvement for {State.WaitCount} records",
    };
}
