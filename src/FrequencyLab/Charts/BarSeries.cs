namespace FrequencyLab.Charts;

/// <summary>One group of bars: a value per category (per block, per frequency…).</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);
