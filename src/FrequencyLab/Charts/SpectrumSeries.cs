namespace FrequencyLab.Charts;

/// <summary>One amplitude spectrum to draw: |X(f)| at each frequency bin.</summary>
/// <param name="Name">Legend entry, e.g. "S(t)" or "target 3 Hz".</param>
/// <param name="FrequencyHz">Bin centre frequencies in Hz, ascending.</param>
/// <param name="Amplitude">Amplitude at each bin, same length (units of the signal).</param>
public sealed record SpectrumSeries(string Name, IReadOnlyList<double> FrequencyHz, IReadOnlyList<double> Amplitude);
