namespace FrequencyLab.Diagnostics;

/// <summary>
/// The LR range test (Smith 2015; fastai's <c>lr_find</c>, Lightning's <c>Tuner.lr_find</c>). Defaults follow fastai
/// (start 1e-7, 100 steps, β = 0.98, stop at 4× the best smoothed loss) except the end, 1 as in Lightning: this model's
/// loss is already dead at lr 1 (fastai's 10 only adds diverged steps).
/// </summary>
public sealed record LrFinderSettings
{
    /// <summary>Learning rate of the first step.</summary>
    public double StartLr { get; init; } = 1e-7;
    /// <summary>The rate the schedule grows towards: step i runs at start·(end/start)^(i/steps), so the last step is just below it (fastai's SchedExp).</summary>
    public double EndLr { get; init; } = 1;
    /// <summary>Optimizer steps (fastai's num_it).</summary>
    public int Steps { get; init; } = 100;
    /// <summary>Rows per step, each its own optimizer update at the step's rate (the report's batch of one); the step's loss
    /// is their mean (before each row's update). 1 = one row per step, fastai's batch taken literally.</summary>
    public int RowsPerStep { get; init; } = 1;
    /// <summary>Smoothing of the recorded loss: avg ← β·avg + (1−β)·loss, reported as avg/(1−β^k) (debiased).</summary>
    public double Beta { get; init; } = 0.98;
    /// <summary>Stop once the smoothed loss exceeds this multiple of the best smoothed loss so far.</summary>
    public double DivergenceFactor { get; init; } = 4;
    /// <summary>Whether to stop on divergence (fastai's stop_div).</summary>
    public bool StopOnDivergence { get; init; } = true;

    public LrFinderSettings Validate()
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid LR range test: {m}");
        if (!(StartLr > 0) || !double.IsFinite(StartLr)) Fail($"start lr {StartLr} must be a positive number");
        if (!(EndLr > StartLr) || !double.IsFinite(EndLr)) Fail($"end lr {EndLr} must be a number above the start lr {StartLr}");
        if (Steps < 6) Fail($"steps {Steps} must be at least 6 (fastai's minimum)");
        if (RowsPerStep < 1) Fail($"rows per step {RowsPerStep} must be at least 1");
        if (!(Beta >= 0 && Beta < 1)) Fail($"beta {Beta} must be in [0, 1)");
        if (!(DivergenceFactor > 1) || !double.IsFinite(DivergenceFactor)) Fail($"divergence factor {DivergenceFactor} must be above 1");
        return this;
    }
}
