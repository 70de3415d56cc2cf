using System.Globalization;

namespace FrequencyLab.Findings;

/// <summary>
/// One measured quantity behind a <see cref="Finding"/>: a named value with its unit and, where it was measured over
/// several seeds or resamples, an interval (e.g. the min–max over init seeds or a 95 % bootstrap interval).
/// </summary>
/// <param name="Name">What was measured, e.g. "frozen test MSE after epoch 5".</param>
/// <param name="Value">The value (median or point estimate where an interval is given).</param>
/// <param name="Unit">Unit or scale, e.g. "MSE", "%", "s"; empty when the quantity is a pure number.</param>
/// <param name="Lower">Lower end of the interval, if any.</param>
/// <param name="Upper">Upper end of the interval, if any.</param>
/// <param name="IntervalLabel">What the interval is, e.g. "min–max over 3 init seeds".</param>
public sealed record Measurement(string Name, double Value, string Unit = "", double? Lower = null, double? Upper = null, string? IntervalLabel = null)
{
    /// <summary>The value as prose shows it (<see cref="Number.Format"/>), with its interval when there is one.</summary>
    public string Display()
    {
        var text = Number.Format(Value) + (Unit.Length > 0 && Unit != "%" ? " " + Unit : Unit);
        if (Lower is double lo && Upper is double hi)
            text += $" [{Number.Format(lo)}, {Number.Format(hi)}{(IntervalLabel is null ? "" : ", " + IntervalLabel)}]";
        return text;
    }

    public override string ToString() => $"{Name} = {Display()}";
}

/// <summary>Numbers as findings and prose show them: the same on every machine and culture.</summary>
public static class Number
{
    /// <summary>
    /// Four significant decimals for ordinary magnitudes, e-notation with three significant digits for very small or very
    /// large ones, integers with thousands separators; NaN and infinities spelled out.
    /// </summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "−∞";
        double abs = Math.Abs(value);
        if (value == Math.Round(value) && abs < 1e15) return value.ToString("#,0", CultureInfo.InvariantCulture);
        if (abs != 0 && (abs < 1e-3 || abs >= 1e7)) return value.ToString("0.##e+0", CultureInfo.InvariantCulture);
        return value.ToString(abs >= 100 ? "#,0.#" : abs >= 1 ? "0.###" : "0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>A relative change as a signed percentage, e.g. "+42.5 %".</summary>
    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (fraction >= 0 ? "+" : "−") + Math.Abs(100 * fraction).ToString("0.0", CultureInfo.InvariantCulture) + " %" : Format(fraction);
}
