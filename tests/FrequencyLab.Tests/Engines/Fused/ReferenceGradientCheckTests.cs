using FrequencyLab.Engines.Fused;
using FrequencyLab.Model;

namespace FrequencyLab.Tests.Engines.Fused;

/// <summary>The reference's analytic gradient against central finite differences of its own forward, in double.</summary>
public class ReferenceGradientCheckTests
{
    [Theory]
    [InlineData(5, 3)]
    [InlineData(2, 8)]
    public void Analytic_gradient_matches_central_differences(int inputs, int hidden)
    {
        var shape = new ModelShape(inputs, hidden);
        var rng = new Random(11 * hidden + inputs);
        double[] Draw(int n, double b) => Enumerable.Range(0, n).Select(_ => (rng.NextDouble() * 2 - 1) * b).ToArray();
        var theta = Draw(shape.ParameterCount, 0.8);
        var x = Draw(inputs, 1.2);
        var h = Draw(hidden, 0.9);
        var c = Draw(hidden, 1.5);
        const double target = 0.25, scale = 0.7;
        double Loss(double[] t)
        {
            var y = ReferenceLstmStep.Run(shape, t, x, h, c).Prediction;
            return scale * (y - target) * (y - target);
        }

        var analytic = ReferenceLstmStep.Gradient(shape, theta, x, h, c, target, scale);
        // Central differences have O(ε²) truncation and O(1e-16/ε) rounding error: ε = 1e-5 balances them near 1e-10.
        const double eps = 1e-5;
        double worst = 0;
        for (int p = 0; p < theta.Length; p++)
        {
            double keep = theta[p];
            theta[p] = keep + eps; double up = Loss(theta);
            theta[p] = keep - eps; double down = Loss(theta);
            theta[p] = keep;
            double numeric = (up - down) / (2 * eps);
            worst = Math.Max(worst, Math.Abs(numeric - analytic[p]) / Math.Max(1e-3, Math.Abs(analytic[p])));
        }
        Assert.True(worst < 1e-6, $"worst relative difference {worst:E2}");
        Assert.Contains(analytic, g => Math.Abs(g) > 1e-3);
    }
}
