using FrequencyLab.Data;
using FrequencyLab.Signals;
using FrequencyLab.Validation;

namespace FrequencyLab.Learnability;

/// <summary>
/// The MSE bounds a data set allows on its test rows, overall and per frequency (one-hot order): predicting zero; the best
/// memoryless predictor of the target from (S, frequency), fitted on train (<see cref="Baselines"/>); the best causal linear
/// filter of the last K samples of S for each K of <see cref="ValidationOptions.LinearFilterTaps"/> (<see cref="LinearFilters"/>:
/// what memory is worth to a linear model); the perfect clock, which knows t (0 for generated targets).
/// </summary>
public sealed record DataBounds(
    NoiseMode Noise,
    double ZeroMse,
    double MemorylessMse,
    double ClockMse,
    double[] ZeroMsePerFrequency,
    double[] MemorylessMsePerFrequency,
    double[] ClockMsePerFrequency,
    string MemorylessName)
{
    /// <summary>The causal linear filters, fewest taps first (empty in results written before they were measured).</summary>
    public IReadOnlyList<LinearFilterBound> LinearFilters { get; init; } = [];

    /// <summary>The filter of <paramref name="taps"/> taps, or null when it was not measured.</summary>
    public LinearFilterBound? LinearFilter(int taps) => LinearFilters.FirstOrDefault(f => f.Taps == taps);

    /// <summary>The filters' test MSEs in one phrase, e.g. "K=1 0.3844, K=10 0.3763, K=100 0.2279" (empty when none were measured).</summary>
    public string LinearFilterSummary() =>
        string.Join(", ", LinearFilters.Select(f => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"K={f.Taps} {Findings.Number.Format(f.Mse)}")));

    /// <summary>Scores the baselines of <paramref name="train"/> on <paramref name="test"/>.</summary>
    public static DataBounds Measure(FrequencyDataset train, FrequencyDataset test)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var scores = Baselines.Score(train, test);
        BaselineResult Family(string family) => scores.FirstOrDefault(b => b.Family == family)
            ?? throw new FrequencyLabException($"the baselines have no '{family}' predictor for this data");
        var (zero, memoryless, clock) = (Family("zero"), Family("best-memoryless"), Family("clock"));
        var best = scores.Where(b => b.Family is "polynomial" or "quantile-bins").MinBy(b => b.Mse)!;
        return new DataBounds(test.Spec?.Noise ?? NoiseMode.PerSample, zero.Mse, memoryless.Mse, clock.Mse,
            zero.MsePerFrequency, memoryless.MsePerFrequency, clock.MsePerFrequency, best.Name)
        {
            LinearFilters = [.. scores.Where(b => b.Family == "linear-filter").Select(LinearFilterBound.Of).OrderBy(f => f.Taps)],
        };
    }
}
