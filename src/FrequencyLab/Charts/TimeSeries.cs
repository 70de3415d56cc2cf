namespace FrequencyLab.Charts;

/// <summary>One line over time, e.g. a model's predictions of one frequency's rows.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="Time">The x values (seconds), ascending.</param>
/// <param name="Values">The y values, same length.</param>
/// <param name="Dashed">Draw dashed (e.g. a reference such as the clean target).</param>
/// <param name="Faint">Draw thin and half-transparent (e.g. the noisy input behind the lines that matter).</param>
public sealed record TimeSeries(string Name, IReadOnlyList<double> Time, IReadOnlyList<double> Values, bool Dashed = false, bool Faint = false);
