using FrequencyLab.Model;

namespace FrequencyLab.Engines.Fused;

/// <summary>
/// A slow, obviously-correct reference of the L=1 step, kept on purpose beside the fused kernels: double precision, plain
/// loops, the textbook formulas written once. Tests hold the fused engine against it (forward, every gradient tensor,
/// optimizer steps) and hold it against finite differences.
/// </summary>
public static class ReferenceLstmStep
{
    /// <summary>Everything the forward computes for one row.</summary>
    /// <param name="Gates">Activations σ(i), σ(f), tanh(g), σ(o), 4H values.</param>
    /// <param name="Cell">c', H values.</param>
    /// <param name="TanhCell">tanh(c'), H values.</param>
    /// <param name="Hidden">h', H values.</param>
    /// <param name="Prediction">ŷ.</param>
    public sealed record Forward(double[] Gates, double[] Cell, double[] TanhCell, double[] Hidden, double Prediction);

    /// <summary>gates = W_ih x + b_ih + W_hh h + b_hh; i, f, o = σ, g = tanh; c' = f c + i g; h' = o tanh(c'); ŷ = w·h' + b.</summary>
    public static Forward Run(ModelShape shape, ReadOnlySpan<double> theta, ReadOnlySpan<double> x, ReadOnlySpan<double> hPrev,
        ReadOnlySpan<double> cPrev)
    {
        var L = shape.Layout;
        int H = shape.HiddenSize, I = shape.InputSize;
        var gates = new double[4 * H];
        for (int r = 0; r < 4 * H; r++)
        {
            double z = theta[L.BiasIH.Offset + r] + theta[L.BiasHH.Offset + r];
            for (int k = 0; k < I; k++) z += theta[L.WeightIH.Offset + r * I + k] * x[k];
            for (int j = 0; j < H; j++) z += theta[L.WeightHH.Offset + r * H + j] * hPrev[j];
            gates[r] = r / H == 2 ? Math.Tanh(z) : 1.0 / (1.0 + Math.Exp(-z));
        }
        var c = new double[H];
        var tanhC = new double[H];
        var h = new double[H];
        double y = theta[L.HeadBias.Offset];
        for (int j = 0; j < H; j++)
        {
            c[j] = gates[H + j] * cPrev[j] + gates[j] * gates[2 * H + j];
            tanhC[j] = Math.Tanh(c[j]);
            h[j] = gates[3 * H + j] * tanhC[j];
            y += theta[L.HeadWeight.Offset + j] * h[j];
        }
        return new Forward(gates, c, tanhC, h, y);
    }

    /// <summary>d(lossScale·(ŷ − y)²)/dθ through this step only (the previous state is a constant), flat in
    /// <see cref="ParameterLayout"/> order.</summary>
    public static double[] Gradient(ModelShape shape, ReadOnlySpan<double> theta, ReadOnlySpan<double> x,
        ReadOnlySpan<double> hPrev, ReadOnlySpan<double> cPrev, double target, double lossScale)
    {
        var L = shape.Layout;
        int H = shape.HiddenSize, I = shape.InputSize;
        var f = Run(shape, theta, x, hPrev, cPrev);
        var grad = new double[L.Total];
        double dY = 2.0 * (f.Prediction - target) * lossScale;
        grad[L.HeadBias.Offset] = dY;
        for (int j = 0; j < H; j++)
        {
            grad[L.HeadWeight.Offset + j] = dY * f.Hidden[j];
            double dh = dY * theta[L.HeadWeight.Offset + j];
            double ig = f.Gates[j], fg = f.Gates[H + j], gg = f.Gates[2 * H + j], og = f.Gates[3 * H + j], tc = f.TanhCell[j];
            double dc = dh * og * (1 - tc * tc);
            double[] dz =
            [
                dc * gg * ig * (1 - ig),        // i
                dc * cPrev[j] * fg * (1 - fg),  // f
                dc * ig * (1 - gg * gg),        // g
                dh * tc * og * (1 - og),        // o
            ];
            for (int q = 0; q < 4; q++)
            {
                int r = q * H + j;
                grad[L.BiasIH.Offset + r] = dz[q];
                grad[L.BiasHH.Offset + r] = dz[q];
                for (int k = 0; k < I; k++) grad[L.WeightIH.Offset + r * I + k] = dz[q] * x[k];
                for (int k = 0; k < H; k++) grad[L.WeightHH.Offset + r * H + k] = dz[q] * hPrev[k];
            }
        }
        return grad;
    }

    /// <summary>√(Σ g²): the global norm clip_grad_norm_ computes, without its float rounding.</summary>
    public static double TotalNorm(ReadOnlySpan<double> grad)
    {
        double s = 0;
        foreach (var g in grad) s += g * g;
        return Math.Sqrt(s);
    }

    /// <summary>Adam (Kingma and Ba, with PyTorch's ε placement): t is 1-based.</summary>
    public static void Adam(Span<double> p, ReadOnlySpan<double> grad, Span<double> m, Span<double> v, OptimizerSettings o,
        double learningRate, long t)
    {
        double bc1 = 1 - Math.Pow(o.Beta1, t), bc2 = 1 - Math.Pow(o.Beta2, t);
        for (int j = 0; j < p.Length; j++)
        {
            double g = grad[j] + o.WeightDecay * p[j];
            m[j] = o.Beta1 * m[j] + (1 - o.Beta1) * g;
            v[j] = o.Beta2 * v[j] + (1 - o.Beta2) * g * g;
            p[j] -= learningRate / bc1 * m[j] / (Math.Sqrt(v[j]) / Math.Sqrt(bc2) + o.Epsilon);
        }
    }

    /// <summary>SGD with momentum (buffer = first gradient, then μ·buffer + g), optional Nesterov and weight decay.</summary>
    public static void Sgd(Span<double> p, ReadOnlySpan<double> grad, Span<double> buffer, OptimizerSettings o,
        double learningRate, bool firstStep)
    {
        for (int j = 0; j < p.Length; j++)
        {
            double d = grad[j] + o.WeightDecay * p[j];
            if (o.Momentum != 0)
            {
                buffer[j] = firstStep ? d : o.Momentum * buffer[j] + d;
                d = o.Nesterov ? d + o.Momentum * buffer[j] : buffer[j];
            }
            p[j] -= learningRate * d;
        }
    }
}
