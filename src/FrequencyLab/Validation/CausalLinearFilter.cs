using MathNet.Numerics.LinearAlgebra;

namespace FrequencyLab.Validation;

/// <summary>
/// The best causal linear filter of K past samples of the mixture: ŷ[n] = Σ_{j=0}^{K−1} w_j·S[n−j], with S[n] = 0 before the
/// series starts (the filter starts at rest, as the LSTM starts from a zero state), fitted by least squares over every time
/// sample n = 0 … N−1 of one series. What a model that remembers K samples of S, and combines them linearly, can reach.
/// </summary>
/// <remarks>
/// The normal equations (X'X + λI)w = X'y, X[n, j] = S[n−j], in double precision. X'X is built in O(K·N + K²) from its first
/// row and the recurrence G[a+1, b+1] = G[a, b] − S[N−1−a]·S[N−1−b] (the zero padding makes the shifted sums differ only by
/// their last term), so K = 1000 on N = 10,000 samples costs ≈ 10⁷ multiply-adds and one Cholesky. λ = 1e-10 × the mean of
/// the diagonal: noise-free mixtures (the per-series model) are sums of a few sinusoids, so X'X is singular for K above
/// twice their count; the tiny ridge gives the minimum-norm least-squares filter there (its limit as λ → 0) and changes the
/// fitted MSE of a full-rank fit by far less than 1e-9 relative.
/// </remarks>
public sealed class CausalLinearFilter
{
    /// <summary>The ridge relative to the mean diagonal of X'X (see the remarks).</summary>
    public const double RelativeRidge = 1e-10;

    /// <summary>w_0 … w_{K−1}: w_j multiplies S[n−j].</summary>
    public double[] Taps { get; }

    private CausalLinearFilter(double[] taps) => Taps = taps;

    /// <summary>One filter of <paramref name="taps"/> samples per target, all on the same <paramref name="mixture"/> (they share X'X).</summary>
    /// <exception cref="ArgumentException">A target's length is not the mixture's, there are fewer samples than taps, or a value is not finite.</exception>
    public static CausalLinearFilter[] Fit(double[] mixture, IReadOnlyList<double[]> targets, int taps)
    {
        ArgumentNullException.ThrowIfNull(mixture);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(taps, 1);
        int n = mixture.Length;
        if (n < taps) throw new ArgumentException($"{n} samples cannot fit a filter of {taps} taps");
        if (!mixture.All(double.IsFinite)) throw new ArgumentException("the mixture has a value that is not finite");
        foreach (var y in targets)
        {
            if (y.Length != n) throw new ArgumentException($"a target has {y.Length} samples, the mixture {n}");
            if (!y.All(double.IsFinite)) throw new ArgumentException("a target has a value that is not finite");
        }

        // G[a, b] = Σ_n S[n−a]·S[n−b]; first row, then the recurrence along each diagonal.
        var g = new double[taps, taps];
        for (int b = 0; b < taps; b++)
        {
            double sum = 0;
            for (int t = b; t < n; t++) sum += mixture[t] * mixture[t - b];
            g[0, b] = sum;
        }
        for (int a = 0; a + 1 < taps; a++)
            for (int b = a; b + 1 < taps; b++)
                g[a + 1, b + 1] = g[a, b] - mixture[n - 1 - a] * mixture[n - 1 - b];
        double trace = 0;
        for (int a = 0; a < taps; a++) trace += g[a, a];
        double ridge = RelativeRidge * trace / taps;
        for (int a = 0; a < taps; a++)
        {
            g[a, a] += ridge;
            for (int b = 0; b < a; b++) g[a, b] = g[b, a];
        }
        var gram = Matrix<double>.Build.DenseOfArray(g);
        // An all-zero mixture leaves nothing to fit: the zero filter (predict 0) is then the least-squares answer.
        if (!(trace > 0)) return [.. targets.Select(_ => new CausalLinearFilter(new double[taps]))];
        var cholesky = gram.Cholesky();

        var filters = new CausalLinearFilter[targets.Count];
        for (int i = 0; i < targets.Count; i++)
        {
            var y = targets[i];
            var rhs = new double[taps];
            for (int a = 0; a < taps; a++)
            {
                double sum = 0;
                for (int t = a; t < n; t++) sum += mixture[t - a] * y[t];
                rhs[a] = sum;
            }
            filters[i] = new CausalLinearFilter(cholesky.Solve(Vector<double>.Build.DenseOfArray(rhs)).ToArray());
        }
        return filters;
    }

    /// <summary>ŷ[n] = Σ_j w_j·S[n−j] for every sample of <paramref name="mixture"/> (zero before its start).</summary>
    public double[] Predict(ReadOnlySpan<double> mixture)
    {
        var predicted = new double[mixture.Length];
        for (int t = 0; t < mixture.Length; t++)
        {
            double sum = 0;
            int last = Math.Min(Taps.Length - 1, t);
            for (int j = 0; j <= last; j++) sum += Taps[j] * mixture[t - j];
            predicted[t] = sum;
        }
        return predicted;
    }
}
