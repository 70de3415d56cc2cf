namespace FrequencyLab.Validation;

/// <summary>Settings of a <see cref="ValidationReport"/>.</summary>
public sealed record ValidationOptions
{
    /// <summary>Bands whose mean amplitude is reported (bins outside fs/2 do not exist, so a band above it reads NaN).</summary>
    public IReadOnlyList<FrequencyBand> Bands { get; init; } = FrequencyBand.Default;
    /// <summary>Equal-count bin counts for the quantile-bin baselines: coarse to fine, all with ≥ 200 train points a bin at N = 10,000.</summary>
    public IReadOnlyList<int> QuantileBinCounts { get; init; } = [10, 20, 50];
    /// <summary>Polynomial degrees in S; degree 0 is the train mean per frequency.</summary>
    public IReadOnlyList<int> PolynomialDegrees { get; init; } = [0, 1, 2, 3, 4, 5];
    /// <summary>Taps K of the causal linear filters (<see cref="CausalLinearFilter"/>): from memoryless (1) to one period of
    /// the slowest default frequency (1000 samples of 1 Hz at 1 kHz), to show how much history a model must hold.</summary>
    public IReadOnlyList<int> LinearFilterTaps { get; init; } = [1, 10, 100, 300, 1000];

    public static ValidationOptions Default { get; } = new();
}
