using CsCheck;
using FrequencyLab.Signals;

namespace FrequencyLab.Tests.Signals;

/// <summary>CsCheck properties of NumpyRandom's normals over random seeds, locations, scales and lengths.</summary>
public class NumpyNormalPropertyTests
{
    [Fact]
    public void Normal_is_loc_plus_scale_times_the_same_standard_normal_and_the_span_overloads_equal_repeated_calls()
    {
        Gen.Select(Gen.ULong, Gen.Double[-1e6, 1e6], Gen.Double[0, 1e3], Gen.Int[0, 300]).Sample((seed, loc, scale, n) =>
        {
            var a = new NumpyRandom(seed);
            var b = new NumpyRandom(seed);
            var c = new NumpyRandom(seed);
            var d = new NumpyRandom(seed);
            var filled = new double[n];
            c.Normal(loc, scale, filled);
            var standard = new double[n];
            d.StandardNormal(standard);
            for (int i = 0; i < n; i++)
            {
                double z = a.StandardNormal();
                Assert.Equal(loc + scale * z, b.Normal(loc, scale));
                Assert.Equal(loc + scale * z, filled[i]);
                Assert.Equal(z, standard[i]);
            }
            // All four consumed the same 64-bit outputs.
            ulong next = a.NextUInt64();
            Assert.Equal(next, b.NextUInt64());
            Assert.Equal(next, c.NextUInt64());
            Assert.Equal(next, d.NextUInt64());
        }, iter: 200);
    }

    [Fact]
    public void A_negative_scale_is_refused_before_any_draw_as_numpy_does_and_nan_is_passed_through()
    {
        Gen.Select(Gen.ULong, Gen.Double[-1e6, -1e-300]).Sample((seed, scale) =>
        {
            var rng = new NumpyRandom(seed);
            Assert.Throws<ArgumentOutOfRangeException>(() => rng.Normal(0, scale));
            Assert.Throws<ArgumentOutOfRangeException>(() => rng.Normal(0, -0.0, new double[3]));
            Assert.Equal(new NumpyRandom(seed).NextUInt64(), rng.NextUInt64());
        }, iter: 50);
        Assert.True(double.IsNaN(new NumpyRandom(1).Normal(0, double.NaN)));
        Assert.Equal(0.0, new NumpyRandom(1).Normal(0, 0.0));
    }

    [Fact]
    public void Draws_are_finite_and_the_sample_moments_are_those_of_a_standard_normal()
    {
        // n = 20,000: the mean's standard error is 0.0071, the variance's 0.01, the fourth moment's √(96/n) ≈ 0.07; 6σ bounds.
        Gen.ULong.Sample(seed =>
        {
            const int n = 20_000;
            var z = new double[n];
            new NumpyRandom(seed).StandardNormal(z);
            Assert.All(z, v => Assert.True(double.IsFinite(v)));
            double mean = z.Average();
            double variance = z.Select(v => (v - mean) * (v - mean)).Average();
            double fourth = z.Select(v => Math.Pow(v - mean, 4)).Average();
            Assert.InRange(mean, -6 * 0.0071, 6 * 0.0071);
            Assert.InRange(variance, 1 - 6 * 0.01, 1 + 6 * 0.01);
            Assert.InRange(fourth, 3 - 6 * 0.07, 3 + 6 * 0.07);
        }, iter: 20);
    }
}
