using FrequencyLab.Model;

namespace FrequencyLab.Engines.Fused;

/// <summary>
/// The slow, obviously-correct reference of a truncated-BPTT window, in double precision: forward L steps storing every
/// step's gates and states (<see cref="ReferenceLstmStep.Run"/>), then back-propagate the window's mean squared error through
/// all of them. The yardstick a windowed engine is held against (see <see cref="IWindowedTrainingEngine"/>).
/// </summary>
public static class ReferenceLstmWindow
{
    /// <summary>The window's result: d(mean loss)/dθ in <see cref="ParameterLayout"/> order, each row's (ŷ − y)², and the last (h, c).</summary>
    public sealed record Result(double[] Gradient, double[] Losses, double[] Hidden, double[] Cell);

    /// <param name="shape">The model.</param>
    /// <param name="theta">Parameters in <see cref="ParameterLayout"/> order.</param>
    /// <param name="inputs">L rows of <see cref="ModelShape.InputSize"/> values, row-major.</param>
    /// <param name="targets">L targets.</param>
    /// <param name="h0">Hidden state before the first row.</param>
    /// <param name="c0">Cell state before the first row.</param>
    public static Result Run(ModelShape shape, ReadOnlySpan<double> theta, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets,
        ReadOnlySpan<double> h0, ReadOnlySpan<double> c0)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var L = shape.Layout;
        int H = shape.HiddenSize, I = shape.InputSize, steps = targets.Length;
        var forwards = new ReferenceLstmStep.Forward[steps];
        var hPrev = new double[steps][];
        var cPrev = new double[steps][];
        double[] h = h0.ToArray(), c = c0.ToArray();
        var losses = new double[steps];
        for (int t = 0; t < steps; t++)
        {
            hPrev[t] = h; cPrev[t] = c;
            forwards[t] = ReferenceLstmStep.Run(shape, theta, inputs.Slice(t * I, I), h, c);
            double e = forwards[t].Prediction - targets[t];
            losses[t] = e * e;
            h = forwards[t].Hidden; c = forwards[t].Cell;
        }

        var grad = new double[L.Total];
        var dhNext = new double[H];
        var dcNext = new double[H];
        var dz = new double[4 * H];
        for (int t = steps - 1; t >= 0; t--)
        {
            var f = forwards[t];
            var x = inputs.Slice(t * I, I);
            double dY = 2.0 * (f.Prediction - targets[t]) / steps;
            grad[L.HeadBias.Offset] += dY;
            for (int j = 0; j < H; j++)
            {
                grad[L.HeadWeight.Offset + j] += dY * f.Hidden[j];
                double dh = dY * theta[L.HeadWeight.Offset + j] + dhNext[j];
                double ig = f.Gates[j], fg = f.Gates[H + j], gg = f.Gates[2 * H + j], og = f.Gates[3 * H + j], tc = f.TanhCell[j];
                double dc = dh * og * (1 - tc * tc) + dcNext[j];
                dz[j] = dc * gg * ig * (1 - ig);
                dz[H + j] = dc * cPrev[t][j] * fg * (1 - fg);
                dz[2 * H + j] = dc * ig * (1 - gg * gg);
                dz[3 * H + j] = dh * tc * og * (1 - og);
                dcNext[j] = dc * fg;
            }
            Array.Clear(dhNext);
            for (int r = 0; r < 4 * H; r++)
            {
                grad[L.BiasIH.Offset + r] += dz[r];
                grad[L.BiasHH.Offset + r] += dz[r];
                for (int k = 0; k < I; k++) grad[L.WeightIH.Offset + r * I + k] += dz[r] * x[k];
                for (int k = 0; k < H; k++)
                {
                    grad[L.WeightHH.Offset + r * H + k] += dz[r] * hPrev[t][k];
                    dhNext[k] += dz[r] * theta[L.WeightHH.Offset + r * H + k];
                }
            }
        }
        return new Result(grad, losses, h, c);
    }
}
