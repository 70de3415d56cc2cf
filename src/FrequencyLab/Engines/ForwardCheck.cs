using FrequencyLab.Engines.Fused;
using FrequencyLab.Model;

namespace FrequencyLab.Engines;

/// <summary>
/// Holds one float32 forward step (ŷ, h', c') against <see cref="ReferenceLstmStep"/> in double, with a tolerance derived
/// from float32 rounding rather than picked: what separates "rounds differently" from "computes something else".
/// </summary>
/// <remarks>
/// The tolerance of each output is <see cref="Safety"/> × a first-order worst-case bound of float32 rounding through the
/// step (u = 2⁻²⁴, γₙ = n·u/(1 − n·u), as in Higham's "Accuracy and Stability of Numerical Algorithms", §3.1):
/// <code>
/// gate sums   z = b_ih + b_hh + W_ih x + W_hh h        e_z = γ(I+H+2) · Σ|terms|   (any summation order, FMA or not)
/// activations a = σ(z) or tanh(z)                    e_a = σ'max·e_z + ActivationError  (σ' ≤ 1/4, tanh' ≤ 1)
/// cell        c' = f·c + i·g                         e_c = |c|e_f + |g|e_i + |i|e_g + 3u(|f c| + |i g|)
/// hidden      h' = o·tanh(c')                        e_h = |tanh c'|e_o + |o|(e_c + ActivationError) + u|h'|
/// head        ŷ = b + w·h'                           e_ŷ = Σ|w_j| e_h,j + γ(H+1) (|b| + Σ|w_j h'_j|)
/// </code>
/// Real rounding errors are far below the worst case (about √n·u rather than n·u); a kernel that is wrong, such as
/// oneDNN's AVX-512 no-grad LSTM in libtorch 2.10 (3.4e-2 off at H = 8, docs/torch-numerics.md), is orders of magnitude
/// beyond it. The inputs and weights are floats, so the reference sees exactly the numbers the engine saw.
/// </remarks>
public static class ForwardCheck
{
    /// <summary>Margin over the first-order bound, for the second-order terms it leaves out.</summary>
    public const double Safety = 4;

    /// <summary>Absolute error allowed to one float32 σ or tanh (≤ 1 in size): 16 ulp of 1, generous for vectorised
    /// polynomial approximations (SLEEF's are ≤ 1 ulp, oneDNN's a few).</summary>
    public const double ActivationError = 16 * Unit;

    private const double Unit = 1.0 / (1 << 24);

    /// <summary>The output of <paramref name="actual"/> closest to (or furthest beyond) its tolerance.</summary>
    /// <param name="shape">The model shape.</param>
    /// <param name="weights">The weights the engine used, flat in <see cref="ParameterLayout"/> order.</param>
    /// <param name="probe">The input and carried state the engine was given.</param>
    /// <param name="actual">What the engine computed.</param>
    public static ForwardComparison Compare(ModelShape shape, ReadOnlySpan<float> weights, ForwardProbe probe, StepOutputs actual)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(actual);
        int H = shape.HiddenSize;
        if (weights.Length != shape.ParameterCount) throw new ArgumentException($"expected {shape.ParameterCount} weights, got {weights.Length}", nameof(weights));
        if (actual.Hidden.Length != H || actual.Cell.Length != H) throw new ArgumentException($"expected {H} hidden and cell values", nameof(actual));

        var theta = ToDouble(weights);
        double[] x = ToDouble(probe.Input), h = ToDouble(probe.Hidden), c = ToDouble(probe.Cell);
        var reference = ReferenceLstmStep.Run(shape, theta, x, h, c);
        var (cellBound, hiddenBound, predictionBound) = Bounds(shape, theta, x, h, c, reference);

        var worst = new ForwardComparison("prediction", 0, reference.Prediction, actual.Prediction, Safety * predictionBound);
        for (int j = 0; j < H; j++)
        {
            foreach (var candidate in new[]
                     {
                         new ForwardComparison("hidden", j, reference.Hidden[j], actual.Hidden[j], Safety * hiddenBound[j]),
                         new ForwardComparison("cell", j, reference.Cell[j], actual.Cell[j], Safety * cellBound[j]),
                     })
            {
                // NaN ratios (never: tolerances are > 0) would compare false; a non-finite output is +∞ and wins.
                if (candidate.Ratio > worst.Ratio) worst = candidate;
            }
        }
        return worst;
    }

    /// <summary>First-order float32 rounding bounds of c', h' and ŷ (the table in the remarks), without the safety factor.</summary>
    internal static (double[] Cell, double[] Hidden, double Prediction) Bounds(ModelShape shape, ReadOnlySpan<double> theta,
        ReadOnlySpan<double> x, ReadOnlySpan<double> h, ReadOnlySpan<double> c, ReferenceLstmStep.Forward reference)
    {
        var L = shape.Layout;
        int H = shape.HiddenSize, I = shape.InputSize;
        double gammaGate = Gamma(I + H + 2), gammaHead = Gamma(H + 1);
        var gateError = new double[4 * H];
        for (int r = 0; r < 4 * H; r++)
        {
            double magnitude = Math.Abs(theta[L.BiasIH.Offset + r]) + Math.Abs(theta[L.BiasHH.Offset + r]);
            for (int k = 0; k < I; k++) magnitude += Math.Abs(theta[L.WeightIH.Offset + r * I + k] * x[k]);
            for (int j = 0; j < H; j++) magnitude += Math.Abs(theta[L.WeightHH.Offset + r * H + j] * h[j]);
            double slope = r / H == 2 ? 1.0 : 0.25;
            gateError[r] = slope * gammaGate * magnitude + ActivationError;
        }
        var g = reference.Gates;
        var cell = new double[H];
        var hidden = new double[H];
        double headMagnitude = Math.Abs(theta[L.HeadBias.Offset]), headError = 0;
        for (int j = 0; j < H; j++)
        {
            double i = g[j], f = g[H + j], cand = g[2 * H + j], o = g[3 * H + j];
            cell[j] = Math.Abs(c[j]) * gateError[H + j] + Math.Abs(cand) * gateError[j] + Math.Abs(i) * gateError[2 * H + j]
                + 3 * Unit * (Math.Abs(f * c[j]) + Math.Abs(i * cand));
            hidden[j] = Math.Abs(reference.TanhCell[j]) * gateError[3 * H + j] + Math.Abs(o) * (cell[j] + ActivationError)
                + Unit * Math.Abs(reference.Hidden[j]);
            double w = theta[L.HeadWeight.Offset + j];
            headError += Math.Abs(w) * hidden[j];
            headMagnitude += Math.Abs(w * reference.Hidden[j]);
        }
        return (cell, hidden, headError + gammaHead * headMagnitude);
    }

    private static double Gamma(int n) => n * Unit / (1 - n * Unit);

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var d = new double[values.Length];
        for (int j = 0; j < d.Length; j++) d[j] = values[j];
        return d;
    }
}
