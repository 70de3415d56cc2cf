namespace FrequencyLab.Validation;

/// <summary>
/// A single-sided amplitude spectrum: <see cref="Amplitudes"/>[k] is the amplitude of the sinusoid at
/// <see cref="Frequencies"/>[k] = k·fs/N, for k = 0 … ⌊N/2⌋ (see <see cref="Spectrum.SingleSided"/> for the scaling).
/// </summary>
/// <param name="Frequencies">Bin frequencies in Hz, k·fs/N.</param>
/// <param name="Amplitudes">Amplitude per bin, in the units of the signal.</param>
/// <param name="SampleRate">fs in Hz.</param>
/// <param name="SampleCount">N, the length of the transformed series.</param>
public sealed record AmplitudeSpectrum(double[] Frequencies, double[] Amplitudes, double SampleRate, int SampleCount)
{
    /// <summary>The bin spacing fs/N in Hz.</summary>
    public double Resolution => SampleRate / SampleCount;

    /// <summary>The index of the bin nearest to <paramref name="frequencyHz"/>.</summary>
    public int NearestBin(double frequencyHz) =>
        (int)Math.Clamp(Math.Round(frequencyHz / Resolution), 0, Frequencies.Length - 1);

    /// <summary>The amplitude in the bin nearest to <paramref name="frequencyHz"/>.</summary>
    public double AmplitudeAt(double frequencyHz) => Amplitudes[NearestBin(frequencyHz)];

    /// <summary>True when <paramref name="frequencyHz"/> falls exactly on a bin (an integer number of cycles in N samples).</summary>
    public bool IsOnBin(double frequencyHz) => Math.Abs(Frequencies[NearestBin(frequencyHz)] - frequencyHz) <= 1e-9 * Math.Max(1, frequencyHz);

    /// <summary>The bin with the largest amplitude above DC (k ≥ 1); bin 0 when there is no other.</summary>
    public int PeakBin()
    {
        int best = Frequencies.Length > 1 ? 1 : 0;
        for (int k = 2; k < Amplitudes.Length; k++)
            if (Amplitudes[k] > Amplitudes[best]) best = k;
        return best;
    }
}
