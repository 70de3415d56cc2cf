namespace FrequencyLab.Prediction;

/// <summary>The ensemble's families: Domhan et al.'s decreasing ones (as losses), plus "no progress" and "diverging".</summary>
public static class CurveFamilies
{
    /// <summary>pow3, log-power, Weibull, MMF, Janoschek, ilog2, exp3, exp4, flat, rising. Immutable instances.</summary>
    public static IReadOnlyList<CurveFamily> All { get; } =
    [
        new Pow3Curve(), new LogPowerCurve(), new WeibullCurve(), new MmfCurve(), new JanoschekCurve(),
        new Ilog2Curve(), new Exp3Curve(), new Exp4Curve(), new FlatCurve(), new RisingCurve(),
    ];

    /// <summary>The family named <paramref name="name"/> (case-insensitive).</summary>
    public static CurveFamily Named(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidSpecException($"unknown curve family '{name}' (known: {string.Join(", ", All.Select(f => f.Name))})");
}
