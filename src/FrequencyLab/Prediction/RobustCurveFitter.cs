using MathNet.Numerics.LinearAlgebra;

namespace FrequencyLab.Prediction;

/// <summary>
/// Fits a <see cref="CurveFamily"/> to a curve by bounded Levenberg–Marquardt (MathNet.Numerics linear algebra) on ln(value), made
/// robust by iteratively reweighted least squares with Huber weights (k = 1.345 robust standard deviations, scale from the
/// median absolute residual). The log scale makes the noise of a loss curve roughly multiplicative and keeps a fit from
/// being decided by its first, largest values. A fit that cannot finish (no start gives a finite cost, non-finite
/// parameters) is reported as null, never as an exception or a half-fitted curve.
/// </summary>
public static class RobustCurveFitter
{
    /// <summary>Huber's tuning constant: 95 % efficiency under Gaussian noise.</summary>
    public const double HuberK = 1.345;

    /// <summary>Every start, keep the best; then <paramref name="reweightings"/> Huber reweightings from it.</summary>
    public static CurveFit? Fit(CurveFamily family, IReadOnlyList<double> epochs, IReadOnlyList<double> values, int reweightings = 2)
    {
        var scale = CurveScale.Of(epochs, values);
        var (lower, upper) = family.Bounds(scale);
        double[] t = epochs.ToArray();
        double[] logY = values.Select(v => Math.Log(v)).ToArray();
        double[] weights = Enumerable.Repeat(1.0, t.Length).ToArray();

        double[]? best = null;
        double bestCost = double.PositiveInfinity;
        foreach (var guess in family.InitialGuesses(scale))
        {
            var p = Minimize(family, t, logY, weights, Inside(guess, lower, upper), lower, upper);
            if (p is null) continue;
            double cost = Cost(family, p, t, logY, weights);
            if (cost < bestCost) { bestCost = cost; best = p; }
        }
        if (best is null) return null;

        for (int i = 0; i < reweightings; i++)
        {
            weights = HuberWeights(LogResiduals(family, best, t, logY));
            var p = Minimize(family, t, logY, weights, Inside(best, lower, upper), lower, upper);
            if (p is null) break;
            best = p;
        }
        return new CurveFit(family, best, weights, LogResiduals(family, best, t, logY));
    }

    /// <summary>One refit from <paramref name="start"/> with fixed weights (a bootstrap replicate); null when it fails.</summary>
    public static double[]? Refit(CurveFamily family, double[] epochs, double[] logValues, double[] weights, double[] start, CurveScale scale)
    {
        var (lower, upper) = family.Bounds(scale);
        return Minimize(family, epochs, logValues, weights, Inside(start, lower, upper), lower, upper);
    }

    /// <summary>ln(observed) − ln(fitted).</summary>
    public static double[] LogResiduals(CurveFamily family, double[] p, double[] t, double[] logY)
    {
        var r = new double[t.Length];
        for (int i = 0; i < t.Length; i++) r[i] = logY[i] - SafeLog(family.Evaluate(p, t[i]));
        return r;
    }

    /// <summary>ln of a curve value, with 0/negative and overflow pinned to finite extremes so the minimizer sees a steep
    /// wall instead of NaN.</summary>
    public static double SafeLog(double v) => v > 0 ? (double.IsPositiveInfinity(v) ? 700 : Math.Log(v)) : -700;

    /// <summary>Huber weights min(1, k·s/|r|) with s = 1.4826·median|r| (floored so an exact fit does not divide by zero).</summary>
    public static double[] HuberWeights(double[] residuals)
    {
        var abs = residuals.Select(Math.Abs).OrderBy(a => a).ToArray();
        double mad = abs.Length % 2 == 1 ? abs[abs.Length / 2] : 0.5 * (abs[abs.Length / 2 - 1] + abs[abs.Length / 2]);
        double s = Math.Max(1.4826 * mad, 1e-9);
        return residuals.Select(r => Math.Abs(r) <= HuberK * s ? 1.0 : HuberK * s / Math.Abs(r)).ToArray();
    }

    private static double Cost(CurveFamily family, double[] p, double[] t, double[] logY, double[] w)
    {
        var r = LogResiduals(family, p, t, logY);
        double sum = 0;
        for (int i = 0; i < r.Length; i++) sum += w[i] * r[i] * r[i];
        return sum;
    }

    // Bounded LM needs a start strictly inside the box.
    private static double[] Inside(double[] p, double[] lower, double[] upper)
    {
        var q = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            double margin = 1e-6 * (upper[i] - lower[i]);
            q[i] = double.IsFinite(p[i]) ? Math.Clamp(p[i], lower[i] + margin, upper[i] - margin) : 0.5 * (lower[i] + upper[i]);
        }
        return q;
    }

    /// <summary>
    /// Projected Levenberg–Marquardt on the weighted log residuals: forward-difference Jacobian, damped normal equations
    /// (JᵀWJ + λ·diag(JᵀWJ)) δ = JᵀW r solved with MathNet's LU, the step clipped to the box. MathNet's own bounded
    /// minimizer maps the box through a sine transform whose gradient vanishes at a bound; curves whose best floor is 0
    /// sit exactly there, and it needed 10–500 ms per fit (often ending at its iteration limit) against well under 1 ms
    /// here, which is what makes a bootstrap of hundreds of refits and the calibration tests affordable.
    /// </summary>
    private static double[]? Minimize(CurveFamily family, double[] t, double[] logY, double[] weights, double[] start, double[] lower, double[] upper)
    {
        int n = t.Length, m = start.Length;
        var p = (double[])start.Clone();
        var model = new double[n];
        double cost = WeightedCost(family, p, t, logY, weights, model);
        if (!double.IsFinite(cost)) return null;
        double lambda = 1e-3;
        var jac = new double[n, m];
        var shifted = new double[n];
        var trial = new double[m];
        var normal = new double[m, m];
        var gradient = new double[m];
        for (int iteration = 0; iteration < 100; iteration++)
        {
            for (int j = 0; j < m; j++)
            {
                double h = 1e-7 * Math.Max(Math.Abs(p[j]), 1e-4 * (upper[j] - lower[j]) + 1e-12);
                if (p[j] + h > upper[j]) h = -h;
                double saved = p[j];
                p[j] = saved + h;
                for (int i = 0; i < n; i++) shifted[i] = SafeLog(family.Evaluate(p, t[i]));
                p[j] = saved;
                for (int i = 0; i < n; i++) jac[i, j] = (shifted[i] - model[i]) / h;
            }
            // JᵀWJ and JᵀWr in plain arrays: this loop is the n-long one, and MathNet's indexers cost a call per element.
            Array.Clear(normal);
            Array.Clear(gradient);
            for (int i = 0; i < n; i++)
            {
                double r = logY[i] - model[i], w = weights[i];
                for (int j = 0; j < m; j++)
                {
                    double wj = w * jac[i, j];
                    gradient[j] += wj * r;
                    for (int k = 0; k < m; k++) normal[j, k] += wj * jac[i, k];
                }
            }
            var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(normal);
            var g = Vector<double>.Build.DenseOfArray(gradient);
            bool improved = false;
            while (lambda < 1e12)
            {
                var damped = a.Clone();
                for (int j = 0; j < m; j++) damped[j, j] += lambda * Math.Max(a[j, j], 1e-12);
                var step = damped.LU().Solve(g);
                for (int j = 0; j < m; j++) trial[j] = Math.Clamp(p[j] + step[j], lower[j], upper[j]);
                double trialCost = double.IsFinite(step.Sum()) ? WeightedCost(family, trial, t, logY, weights, shifted) : double.NaN;
                if (trialCost < cost)
                {
                    double gain = cost - trialCost;
                    Array.Copy(trial, p, m);
                    Array.Copy(shifted, model, n);
                    cost = trialCost;
                    lambda = Math.Max(lambda / 3, 1e-12);
                    improved = gain > 1e-8 * cost + 1e-14;
                    break;
                }
                lambda *= 4;
            }
            if (!improved) break;
        }
        return p.All(double.IsFinite) ? p : null;
    }

    private static double WeightedCost(CurveFamily family, double[] p, double[] t, double[] logY, double[] w, double[] model)
    {
        double sum = 0;
        for (int i = 0; i < t.Length; i++)
        {
            model[i] = SafeLog(family.Evaluate(p, t[i]));
            double r = logY[i] - model[i];
            sum += w[i] * r * r;
        }
        return sum;
    }
}
