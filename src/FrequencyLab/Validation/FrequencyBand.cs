namespace FrequencyLab.Validation;

/// <summary>A half-open band [Low, High) in Hz.</summary>
public sealed record FrequencyBand(double Low, double High)
{
    /// <summary>The bands the report's task is read in: 0.1–10 Hz (holds 1, 3, 5, 7 Hz), 10–100 Hz, 100–500 Hz.</summary>
    public static IReadOnlyList<FrequencyBand> Default { get; } = [new(0.1, 10), new(10, 100), new(100, 500)];

    public string Label => $"{Low:0.###}–{High:0.###} Hz";

    /// <summary>
    /// The mean amplitude over the bins of <paramref name="spectrum"/> whose frequency lies in [Low, High);
    /// NaN when no bin does (the band is narrower than the resolution or above Nyquist).
    /// </summary>
    public double MeanAmplitude(AmplitudeSpectrum spectrum)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        double sum = 0;
        int count = 0;
        for (int k = 0; k < spectrum.Frequencies.Length; k++)
        {
            double f = spectrum.Frequencies[k];
            if (f >= Low && f < High) { sum += spectrum.Amplitudes[k]; count++; }
        }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>How many bins of <paramref name="spectrum"/> the band averages over.</summary>
    public int BinCount(AmplitudeSpectrum spectrum) => spectrum.Frequencies.Count(f => f >= Low && f < High);
}
