using CsCheck;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

/// <summary>CsCheck properties of the spectrum, the correlation and the polynomial baseline over random inputs.</summary>
public class ValidationPropertyTests
{
    [Fact]
    public void A_sine_on_any_bin_has_its_own_amplitude_in_that_bin()
    {
        Gen.Select(Gen.Int[4, 400], Gen.Double[0, 1], Gen.Double[0.01, 100], Gen.Double[0, 2 * Math.PI]).Sample((n, u, a, phase) =>
        {
            int k = 1 + (int)(u * ((n - 1) / 2 - 1 + 0.999)); // 1 ≤ k < n/2: a bin with a negative-frequency mirror
            var x = Enumerable.Range(0, n).Select(j => a * Math.Sin(2 * Math.PI * k * j / n + phase)).ToArray();
            var s = Spectrum.SingleSided(x, n);
            // Relative: FFT round-off grows with a and √n·log n, far below 1e-9 of a for n ≤ 400.
            Assert.Equal(a, s.Amplitudes[k], a * 1e-9);
            Assert.True(s.Amplitudes.Where((_, b) => b != k).All(v => v < a * 1e-9));
        });
    }

    [Fact]
    public void Pearson_is_symmetric_bounded_and_invariant_under_positive_affine_maps()
    {
        // x on a 0.01 grid: Gen.Double also draws values like 1e-90, whose spread an affine shift rounds away (r becomes 0/0).
        Gen.Select(Gen.Int[-1000, 1000].Select(i => i / 100.0).Array[3, 60], Gen.Double[0.1, 10], Gen.Double[-5, 5]).Sample((x, scale, shift) =>
        {
            var y = x.Select((v, i) => Math.Sin(v + i)).ToArray();
            double r = Correlation.Pearson(x, y);
            if (x.Distinct().Count() < 2) { Assert.True(double.IsNaN(r)); return; }
            Assert.InRange(r, -1 - 1e-12, 1 + 1e-12);
            Assert.Equal(r, Correlation.Pearson(y, x), 1e-12);
            Assert.Equal(r, Correlation.Pearson(x.Select(v => scale * v + shift).ToArray(), y), 1e-9);
        });
    }

    [Fact]
    public void Polynomial_baseline_recovers_any_cubic()
    {
        Gen.Select(Gen.Double[-3, 3].Array[4], Gen.Int[0, 1000]).Sample((c, seed) =>
        {
            var rng = new Random(seed);
            var x = Enumerable.Range(0, 200).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
            var y = x.Select(v => c[0] + c[1] * v + c[2] * v * v + c[3] * v * v * v).ToArray();
            var fit = PolynomialPredictor.Fit(x, y, 3);
            for (int d = 0; d < 4; d++) Assert.Equal(c[d], fit.Coefficients[d], 1e-8);
        });
    }
}
