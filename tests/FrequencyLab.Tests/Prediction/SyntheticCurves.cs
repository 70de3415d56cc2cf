using FrequencyLab.Prediction;

namespace FrequencyLab.Tests.Prediction;

/// <summary>Known curves with seeded multiplicative Gaussian noise (log-normal), the noise model the predictor assumes.</summary>
internal static class SyntheticCurves
{
    public static LearningCurve Noisy(CurveFamily family, double[] parameters, int epochs, double sigma, int seed, string? name = null)
    {
        var random = new Random(seed);
        var values = new double[epochs];
        for (int e = 1; e <= epochs; e++) values[e - 1] = family.Evaluate(parameters, e) * Math.Exp(sigma * Gaussian(random));
        return LearningCurve.FromValues(name ?? $"{family.Name} seed {seed}", values);
    }

    /// <summary>The first epoch at which the noise-free curve is at or below <paramref name="target"/> (null: never by <paramref name="limit"/>).</summary>
    public static int? TrueReach(CurveFamily family, double[] parameters, double target, int limit)
    {
        for (int e = 1; e <= limit; e++)
            if (family.Evaluate(parameters, e) <= target) return e;
        return null;
    }

    public static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
