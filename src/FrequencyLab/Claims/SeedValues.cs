using FrequencyLab.Findings;

namespace FrequencyLab.Claims;

/// <summary>One measured quantity per init seed (in seed order), with its median and min–max interval.</summary>
public sealed record SeedValues(string Name, IReadOnlyList<double> Values, string Unit = "")
{
    public int Count => Values.Count;
    public double Median => Stats.Median(Values);
    public double Min => Values.Count == 0 || Values.Any(double.IsNaN) ? double.NaN : Values.Min();
    public double Max => Values.Count == 0 || Values.Any(double.IsNaN) ? double.NaN : Values.Max();

    /// <summary>The median with the min–max over seeds.</summary>
    public Measurement ToMeasurement() => Count == 1
        ? new Measurement(Name, Values[0], Unit)
        : new Measurement(Name, Median, Unit, Min, Max, $"min–max over {Count} init seeds");
}

/// <summary>Small statistics the rules need.</summary>
public static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0 || values.Any(double.IsNaN)) return double.NaN;
        var sorted = values.OrderBy(v => v).ToArray();
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /// <summary>Least-squares slope of <paramref name="y"/> against 1, 2, … (NaN for fewer than two points).</summary>
    public static double Slope(IReadOnlyList<double> y)
    {
        int n = y.Count;
        if (n < 2) return double.NaN;
        double mx = (n + 1) / 2.0, my = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < n; i++) { sxy += (i + 1 - mx) * (y[i] - my); sxx += (i + 1 - mx) * (i + 1 - mx); }
        return sxy / sxx;
    }
}
