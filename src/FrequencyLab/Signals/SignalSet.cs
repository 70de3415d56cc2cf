namespace FrequencyLab.Signals;

/// <summary>
/// One generated series. Arrays indexed [i][n] are per frequency i (one-hot order) and time sample n.
/// </summary>
/// <param name="Spec">The spec it was generated from.</param>
/// <param name="Seed">The seed given to the NumPy-compatible generator.</param>
/// <param name="Time">t_n = n / fs, length N.</param>
/// <param name="Mixture">S(t_n) = (1/K) Σ_i Components[i][n] (+ the additive noise in that mode), length N.</param>
/// <param name="Amplitudes">A_i(n) as drawn (per-series mode repeats one value), K × N.</param>
/// <param name="Phases">φ_i(n) as drawn, K × N.</param>
/// <param name="Components">The noisy components A_i(n)·sin(2π f_i t_n + φ_i(n)), K × N.</param>
/// <param name="Targets">The clean targets sin(2π f_i t_n), K × N.</param>
public sealed record SignalSet(
    SignalSpec Spec,
    ulong Seed,
    double[] Time,
    double[] Mixture,
    double[][] Amplitudes,
    double[][] Phases,
    double[][] Components,
    double[][] Targets)
{
    /// <summary>The Gaussian noise added to S in <see cref="NoiseMode.Additive"/> mode (noise_std · z), length N; zeros otherwise.</summary>
    public double[] AdditiveNoise { get; init; } = [];

    public int SampleCount => Time.Length;
    public int FrequencyCount => Targets.Length;
}
