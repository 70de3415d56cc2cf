using MathNet.Numerics;

namespace FrequencyLab.Validation;

/// <summary>
/// y ≈ Σ_d c_d·x^d, d = 0 … degree, fitted by least squares (MathNet's <see cref="Fit.Polynomial(double[], double[], int, MathNet.Numerics.LinearRegression.DirectRegressionMethod)"/>, QR).
/// Degree 0 is the mean of y.
/// </summary>
public sealed class PolynomialPredictor : IScalarPredictor
{
    /// <summary>c_0 … c_degree.</summary>
    public double[] Coefficients { get; }

    private PolynomialPredictor(double[] coefficients) => Coefficients = coefficients;

    public static PolynomialPredictor Fit(double[] x, double[] y, int degree)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length) throw new ArgumentException($"x has {x.Length} values, y has {y.Length}");
        ArgumentOutOfRangeException.ThrowIfNegative(degree);
        if (x.Length <= degree) throw new ArgumentException($"{x.Length} points cannot fit a degree-{degree} polynomial");
        if (degree == 0) return new PolynomialPredictor([y.Average()]);
        return new PolynomialPredictor(MathNet.Numerics.Fit.Polynomial(x, y, degree, MathNet.Numerics.LinearRegression.DirectRegressionMethod.QR));
    }

    public double Predict(double x) => Polynomial.Evaluate(x, Coefficients);
}
