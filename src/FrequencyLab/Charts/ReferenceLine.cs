namespace FrequencyLab.Charts;

/// <summary>A horizontal reference line across the whole plot, e.g. the target MSE 0.01, with its label.</summary>
/// <param name="Value">The y value, in data units (also on a log axis).</param>
/// <param name="Label">Shown at the right end of the line.</param>
public sealed record ReferenceLine(double Value, string Label);
