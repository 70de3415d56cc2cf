namespace FrequencyLab.Prediction;

/// <summary>
/// One parametric learning-curve family of the ensemble: its formula, named parameters, bounds and starting points.
/// The decreasing families follow Domhan, Springenberg &amp; Hutter (IJCAI 2015) and tdomhan/pylearningcurvepredictor
/// (curvefunctions.py), which model an accuracy rising to an asymptote c, e.g. pow3 = c − a·x^−α; here each is mirrored
/// to a loss falling to c ≥ 0 (c + a·x^−α), so every family's first parameter is its asymptote.
/// Families are stateless: one instance serves every fit.
/// </summary>
public abstract class CurveFamily
{
    /// <summary>Short name as in the literature, e.g. "pow3".</summary>
    public abstract string Name { get; }

    /// <summary>The formula in t (epoch), e.g. "c + a·t^(−α)".</summary>
    public abstract string Formula { get; }

    public abstract IReadOnlyList<string> ParameterNames { get; }

    public int ParameterCount => ParameterNames.Count;

    /// <summary>The curve at epoch <paramref name="t"/>.</summary>
    public abstract double Evaluate(ReadOnlySpan<double> p, double t);

    /// <summary>Lower and upper bound of each parameter for a curve of this scale.</summary>
    public abstract (double[] Lower, double[] Upper) Bounds(CurveScale scale);

    /// <summary>A few starting points for the fit (each is moved strictly inside the bounds by the fitter).</summary>
    public abstract IEnumerable<double[]> InitialGuesses(CurveScale scale);

    /// <summary>The limit as t → ∞ (+∞ for a diverging curve).</summary>
    public virtual double Asymptote(ReadOnlySpan<double> p) => p[0];

    public override string ToString() => $"{Name}: {Formula}";
}
