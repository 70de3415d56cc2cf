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
/// # additive: no A or φ drawn (A = 1, φ = 0); then one standard normal per time sample, by Box–Muller on uniforms:
/// u = rng.random((2, N))                                   # u[0] = all N first uniforms, then u[1]
/// z = np.sqrt(-2.0 * np.log(1.0 - u[0])) * np.cos(2.0 * np.pi * u[1])
/// S = np.sin(2 * np.pi * f[:, None] * t).sum(axis=0) / K + noise_std * z
/// </code>
/// All amplitudes are drawn before any phase. The additive noise is Box–Muller rather than numpy's <c>rng.normal</c>
/// (a ziggurat over tables this project does not carry): the recipe above, run by numpy, gives the same z bit for bit
/// when its <c>np.log</c>/<c>np.cos</c> are the C library's (the same caveat as <c>np.sin</c> below). <c>scripts/golden_numpy.py</c> is this recipe, run by the tests.
/// A and φ are bit-identical to numpy everywhere. S and the targets are bit-identical when numpy's <c>np.sin</c> is the
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

    /// <summary>noise_std · z for n standard normals z by Box–Muller: all n first uniforms, then all n second ones (numpy's
    /// <c>rng.random((2, n))</c> in C order); 1 − u keeps the logarithm finite (u ∈ [0, 1)).</summary>
    public static double[] GaussianNoise(NumpyRandom rng, int n, double std)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var u1 = new double[n];
        var u2 = new double[n];
        for (int j = 0; j < n; j++) u1[j] = rng.NextDouble();
        for (int j = 0; j < n; j++) u2[j] = rng.NextDouble();
        var noise = new double[n];
        for (int j = 0; j < n; j++)
            noise[j] = std * (Math.Sqrt(-2.0 * Math.Log(1.0 - u1[j])) * Math.Cos(2.0 * Math.PI * u2[j]));
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
