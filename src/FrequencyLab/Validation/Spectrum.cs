using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace FrequencyLab.Validation;

/// <summary>Amplitude spectra of real series, through MathNet.Numerics' FFT.</summary>
public static class Spectrum
{
    /// <summary>
    /// The single-sided amplitude spectrum of <paramref name="series"/> sampled at <paramref name="sampleRate"/> Hz:
    /// with X_k = Σ_n x_n·e^(−2πi·kn/N) (unscaled forward DFT), amplitude_k = |X_k|/N for k = 0 and, when N is even,
    /// k = N/2; amplitude_k = 2|X_k|/N otherwise. A sinusoid a·sin(2π f t + φ) whose f is a bin frequency k·fs/N
    /// (0 &lt; k &lt; N/2) gives amplitude a in bin k and 0 elsewhere; off-bin frequencies leak into neighbouring bins.
    /// No window and no mean removal: the series is transformed as given. Non-finite values propagate.
    /// </summary>
    public static AmplitudeSpectrum SingleSided(ReadOnlySpan<double> series, double sampleRate)
    {
        if (series.Length == 0) throw new ArgumentException("the series is empty", nameof(series));
        if (!(sampleRate > 0) || !double.IsFinite(sampleRate)) throw new ArgumentOutOfRangeException(nameof(sampleRate));
        int n = series.Length;
        var buffer = new Complex[n];
        for (int i = 0; i < n; i++) buffer[i] = new Complex(series[i], 0);
        // Matlab convention: exponent −1 and no scaling on the forward transform, so |X_k| is the raw DFT magnitude.
        Fourier.Forward(buffer, FourierOptions.Matlab);

        int bins = n / 2 + 1;
        var frequencies = new double[bins];
        var amplitudes = new double[bins];
        for (int k = 0; k < bins; k++)
        {
            frequencies[k] = k * sampleRate / n;
            // DC and the Nyquist bin have no mirror image in the negative frequencies, so they are not doubled.
            bool unpaired = k == 0 || (n % 2 == 0 && k == n / 2);
            amplitudes[k] = (unpaired ? 1.0 : 2.0) * buffer[k].Magnitude / n;
        }
        return new AmplitudeSpectrum(frequencies, amplitudes, sampleRate, n);
    }
}
