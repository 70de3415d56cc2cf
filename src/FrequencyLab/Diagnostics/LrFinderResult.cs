namespace FrequencyLab.Diagnostics;

/// <summary>An LR range test as run: per step the rate, the raw and smoothed loss, and the rules' suggestions.</summary>
/// <param name="Settings">The test's settings.</param>
/// <param name="Engine">Engine that ran it.</param>
/// <param name="InitSeed">Init seed of the fresh model.</param>
/// <param name="LearningRates">Step i's rate.</param>
/// <param name="Losses">Step i's raw loss (mean over its rows, each before its own update).</param>
/// <param name="SmoothedLosses">Step i's debiased exponentially smoothed loss.</param>
/// <param name="StoppedOnDivergence">True when the smoothed loss passed DivergenceFactor × the best (or went non-finite) before the last step.</param>
/// <param name="Suggestions">steep, valley, minimum (fastai) and lightning, in that order.</param>
public sealed record LrFinderResult(LrFinderSettings Settings, string Engine, ulong InitSeed, IReadOnlyList<double> LearningRates,
    IReadOnlyList<double> Losses, IReadOnlyList<double> SmoothedLosses, bool StoppedOnDivergence, IReadOnlyList<LrSuggestion> Suggestions)
{
    /// <summary>Steps run.</summary>
    public int StepCount => LearningRates.Count;

    /// <summary>The suggestion of one rule by name.</summary>
    public LrSuggestion Suggestion(string method) => Suggestions.Single(s => s.Method == method);

    /// <summary>The step with the lowest smoothed loss.</summary>
    public int BestIndex => Enumerable.Range(0, SmoothedLosses.Count).Where(i => double.IsFinite(SmoothedLosses[i]))
        .OrderBy(i => SmoothedLosses[i]).DefaultIfEmpty(-1).First();
}
