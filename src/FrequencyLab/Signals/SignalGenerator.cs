namespace FrequencyLab.Signals;

/// <summary>
/// Generates a <see cref="SignalSet"/> from a <see cref="SignalSpec"/> and a seed.
/// </summary>
/// <remarks>
/// The draw order is a contract, so that NumPy reproduces every value bit for bit:
/// <code>
/// rng = np.random.default_rng(seed)
/// t   = np.arange(N) / fs
/// # per-sample: A = rng.uniform(a_min, a_max, (K, N)); phi = rng.uniform(p_min, p_max, (K, N))
/// # per-series: A = rng.uniform(a_min, a_max, (K, 1)); phi = rng.uniform(p_min, p_max, (K, 1))
/// X = A * np.sin(2 * np.pi * f[:, None] * t + phi)     # components, K × N
/// S = X.sum(axis=0) / K                                   # summed in row order 0..K-1
/// targets = np.sin(2 * np.pi * f[:, None] * t)
///
/// # additive: no A or φ drawn (A = 1, φ = 0); the first draws of the stream are N normals, one per time sample:
/// noise = rng.normal(0.0, noise_std, N)                  # numpy's ziggurat, C order
/// S = np.sin(2 * np.pi * f[:, None] * t).sum(axis=0) / K + noise
/// </code>
/// All amplitudes are drawn before any phase. The additive noise is <see cref="NumpyRandom.Normal(double, double, Span{double})"/>,
/// numpy's <c>rng.normal</c> bit for bit: its ziggurat has no SIMD path, and the only transcendental functions it calls
/// (exp, log1p) are the C library's, which .NET calls too. <c>scripts/golden_numpy.py</c> is this recipe, run by the tests.
/// A, φ and the additive noise are bit-identical to numpy on every CPU. S and the targets are bit-identical when numpy's <c>np.sin</c> is the
/// C library's <c>sin</c> (which <see cref="Math.Sin"/> calls on Linux); numpy 1.22–1.24 on an AVX512_SKX CPU uses SVML
/// instead, and there the measured difference is |ΔS| ≤ 3.3e-16 (tested bound 2⁻⁵¹) and targets ≤ 3 ULP (data/README.md).
/// </remarks>
public static class SignalGenerator
{
    public static SignalSet Generate(SignalSpec spec, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        int k = spec.FrequencyCount, n = spec.SampleCount;
        var rng = new NumpyRandom(seed);
        bool additive = spec.Noise == NoiseMode.Additive;
        int drawsPerFrequency = spec.Noise == NoiseMode.PerSample ? n : 1;

        var amplitudes = additive ? Constant(k, n, 1.0) : Draw(rng, spec.AmplitudeMin, spec.AmplitudeMax, k, drawsPerFrequency, n);
        var phases = additive ? Constant(k, n, 0.0) : Draw(rng, spec.PhaseMin, spec.PhaseMax, k, drawsPerFrequency, n);
        var noise = additive ? GaussianNoise(rng, n, spec.NoiseStd) : new double[n];

        var time = new double[n];
        for (int j = 0; j < n; j++) time[j] = j / spec.SampleRate;

        var components = new double[k][];
        var targets = new double[k][];
        for (int i = 0; i < k; i++)
        {
            components[i] = new double[n];
            targets[i] = new double[n];
            // Same association as numpy's 2 * np.pi * f[:, None] * t: ((2π)·f)·t.
            double omega = 2 * Math.PI * spec.Frequencies[i];
            for (int j = 0; j < n; j++)
            {
                double angle = omega * time[j];
                targets[i][j] = Math.Sin(angle);
                // Additive mode: A = 1, φ = 0, so the component is the target itself (numpy computes sin(angle) once).
                components[i][j] = additive ? targets[i][j] : amplitudes[i][j] * Math.Sin(angle + phases[i][j]);
            }
        }

        var mixture = new double[n];
        for (int j = 0; j < n; j++)
        {
            double sum = 0;
            for (int i = 0; i < k; i++) sum += components[i][j];
            mixture[j] = additive ? sum / k + noise[j] : sum / k;
        }
        return new SignalSet(spec, seed, time, mixture, amplitudes, phases, components, targets) { AdditiveNoise = noise };
    }

    /// <summary>numpy's <c>rng.normal(0.0, std, n)</c>: n ziggurat normals in C order, each 0 + std·z as numpy computes it.</summary>
    public static double[] GaussianNoise(NumpyRandom rng, int n, double std)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var noise = new double[n];
        rng.Normal(0.0, std, noise);
        return noise;
    }

    private static double[][] Constant(int k, int n, double value)
    {
        var rows = new double[k][];
        for (int i = 0; i < k; i++) { rows[i] = new double[n]; rows[i].AsSpan().Fill(value); }
        return rows;
    }

    // Draws k × draws values in C order and expands each row to n samples (per-series mode repeats its one draw).
    private static double[][] Draw(NumpyRandom rng, double low, double high, int k, int draws, int n)
    {
        var rows = new double[k][];
        for (int i = 0; i < k; i++)
        {
            rows[i] = new double[n];
            rng.Uniform(low, high, rows[i].AsSpan(0, draws));
            if (draws < n) rows[i].AsSpan(1).Fill(rows[i][0]);
        }
        return rows;
    }
}
