using System.Numerics;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

public class SpectrumTests
{
    // FFT round-off on N ≤ 10⁴ samples of magnitude ≤ 1 stays far below this.
    private const double Tolerance = 1e-9;

    private static double[] Sine(int n, double fs, double f, double amplitude, double phase) =>
        Enumerable.Range(0, n).Select(j => amplitude * Math.Sin(2 * Math.PI * f * j / fs + phase)).ToArray();

    [Theory]
    [InlineData(1000, 100.0, 3.0, 0.0)]
    [InlineData(10000, 1000.0, 7.0, 1.234)]
    [InlineData(999, 999.0, 100.0, 0.5)]
    public void Unit_sine_on_a_bin_has_amplitude_one_there_and_zero_elsewhere(int n, double fs, double f, double phase)
    {
        var s = Spectrum.SingleSided(Sine(n, fs, f, 1.0, phase), fs);
        int bin = s.NearestBin(f);
        Assert.True(s.IsOnBin(f));
        Assert.Equal(1.0, s.Amplitudes[bin], Tolerance);
        for (int k = 0; k < s.Amplitudes.Length; k++)
            if (k != bin) Assert.True(s.Amplitudes[k] < Tolerance, $"bin {k}: {s.Amplitudes[k]}");
        Assert.Equal(n / 2 + 1, s.Amplitudes.Length);
        Assert.Equal(f, s.Frequencies[bin], 1e-12);
    }

    [Fact]
    public void Amplitude_scales_with_the_signal_and_dc_and_nyquist_are_not_doubled()
    {
        int n = 64;
        var x = Enumerable.Range(0, n).Select(j => 0.3 + 2.5 * Math.Cos(2 * Math.PI * 5 * j / n) + 0.7 * Math.Cos(Math.PI * j)).ToArray();
        var s = Spectrum.SingleSided(x, n);
        Assert.Equal(0.3, s.Amplitudes[0], Tolerance);
        Assert.Equal(2.5, s.Amplitudes[5], Tolerance);
        Assert.Equal(0.7, s.Amplitudes[n / 2], Tolerance);
        Assert.Equal(5, s.PeakBin());
    }

    [Fact]
    public void Matches_a_naive_dft_for_every_length_up_to_64()
    {
        var rng = new Random(7);
        for (int n = 1; n <= 64; n++)
        {
            var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
            var s = Spectrum.SingleSided(x, 10.0);
            for (int k = 0; k <= n / 2; k++)
            {
                var sum = Complex.Zero;
                for (int j = 0; j < n; j++) sum += x[j] * Complex.Exp(new Complex(0, -2 * Math.PI * k * j / n));
                double scale = k == 0 || (n % 2 == 0 && k == n / 2) ? 1.0 : 2.0;
                Assert.Equal(scale * sum.Magnitude / n, s.Amplitudes[k], 1e-12);
                Assert.Equal(k * 10.0 / n, s.Frequencies[k], 1e-12);
            }
        }
    }

    [Fact]
    public void Band_mean_averages_the_bins_in_the_half_open_band()
    {
        // fs = 100, N = 1000: resolution 0.1 Hz; a unit sine at 3 Hz puts 1.0 in one of the 99 bins of [0.1, 10).
        var s = Spectrum.SingleSided(Sine(1000, 100, 3, 1, 0), 100);
        var band = new FrequencyBand(0.1, 10);
        Assert.Equal(99, band.BinCount(s));
        Assert.Equal(1.0 / 99, band.MeanAmplitude(s), Tolerance);
        Assert.Equal(0.0, new FrequencyBand(10, 50).MeanAmplitude(s), Tolerance);
        Assert.True(double.IsNaN(new FrequencyBand(60, 70).MeanAmplitude(s)));
    }

    [Fact]
    public void Off_bin_frequency_is_reported_as_such()
    {
        var s = Spectrum.SingleSided(Sine(1000, 100, 3.05, 1, 0), 100);
        Assert.False(s.IsOnBin(3.05));
        Assert.True(s.AmplitudeAt(3.05) < 1.0);
    }
}
