using CsCheck;
using FrequencyLab.Signals;

namespace FrequencyLab.Tests.Signals;

/// <summary>CsCheck properties of SignalGenerator over random valid specs and seeds.</summary>
public class SignalGeneratorPropertyTests
{
    private static readonly Gen<SignalSpec> AnySpec =
        Gen.Select(Gen.Double[0.1, 20].Array[1, 5], Gen.Double[0.05, 0.5], Gen.Double[0, 1.5], Gen.Double[0, 1], Gen.Double[0, 4], Gen.Enum<NoiseMode>(), Gen.Double[0.01, 2])
            .Select(t => new SignalSpec
            {
                Frequencies = t.Item1.Distinct().ToArray(),
                SampleRate = 2.5 * t.Item1.Max() + 1,
                Duration = t.Item2 * 20,
                AmplitudeMin = t.Item3,
                AmplitudeMax = t.Item3 + t.Item4,
                PhaseMin = -t.Item5,
                PhaseMax = t.Item5,
                Noise = t.Item6,
                NoiseStd = t.Item7,
            });

    [Fact]
    public void Draws_stay_in_range_and_the_mixture_is_the_mean_of_the_components()
    {
        Gen.Select(AnySpec, Gen.ULong).Sample((spec, seed) =>
        {
            var set = SignalGenerator.Generate(spec, seed);
            int k = spec.FrequencyCount, n = spec.SampleCount;
            Assert.Equal(n, set.Mixture.Length);
            for (int i = 0; i < k; i++)
                for (int j = 0; j < n; j++)
                {
                    if (spec.Noise == NoiseMode.Additive)
                    {
                        Assert.Equal(1.0, set.Amplitudes[i][j]);
                        Assert.Equal(0.0, set.Phases[i][j]);
                        continue;
                    }
                    Assert.InRange(set.Amplitudes[i][j], spec.AmplitudeMin, spec.AmplitudeMax);
                    Assert.InRange(set.Phases[i][j], spec.PhaseMin, spec.PhaseMax);
                    Assert.InRange(set.Targets[i][j], -1.0, 1.0);
                    if (spec.Noise == NoiseMode.PerSeries)
                    {
                        Assert.Equal(set.Amplitudes[i][0], set.Amplitudes[i][j]);
                        Assert.Equal(set.Phases[i][0], set.Phases[i][j]);
                    }
                }
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int i = 0; i < k; i++) sum += set.Components[i][j];
                if (spec.Noise == NoiseMode.Additive)
                {
                    Assert.Equal(sum / k + set.AdditiveNoise[j], set.Mixture[j]);
                    continue;
                }
                Assert.Equal(sum / k, set.Mixture[j]);
                // |S| ≤ max A: a mean of K terms each bounded by A_max, allowing the few roundings of the sum.
                Assert.True(Math.Abs(set.Mixture[j]) <= spec.AmplitudeMax * (1 + 1e-15), $"|S| = {Math.Abs(set.Mixture[j])} > {spec.AmplitudeMax}");
            }
        }, iter: 200);
    }

    [Fact]
    public void Same_seed_gives_the_same_series_and_different_seeds_differ()
    {
        Gen.Select(AnySpec, Gen.ULong).Sample((spec, seed) =>
        {
            var a = SignalGenerator.Generate(spec, seed);
            var b = SignalGenerator.Generate(spec, seed);
            var c = SignalGenerator.Generate(spec, seed + 1);
            Assert.Equal(a.Mixture, b.Mixture);
            Assert.Equal(a.Phases, b.Phases);
            Assert.Equal(a.Amplitudes, b.Amplitudes);
            if (spec.Noise == NoiseMode.Additive) Assert.NotEqual(a.AdditiveNoise, c.AdditiveNoise);
            else if (spec.PhaseMax > spec.PhaseMin) Assert.NotEqual(a.Phases[0][0], c.Phases[0][0]);
        }, iter: 100);
    }

    [Fact]
    public void Additive_noise_is_the_streams_first_normals_scaled_by_the_std_whatever_the_frequencies()
    {
        // The documented draw order: rng.normal(0.0, σ, N) and nothing before it, so neither the frequencies, the sample
        // rate nor the (unused) amplitude and phase ranges change the noise, only N, σ and the seed.
        Gen.Select(AnySpec, Gen.ULong, Gen.Double[0.01, 3]).Sample((spec, seed, std) =>
        {
            var additive = spec with { Noise = NoiseMode.Additive, NoiseStd = std };
            var set = SignalGenerator.Generate(additive, seed);
            var expected = new double[set.SampleCount];
            new NumpyRandom(seed).Normal(0.0, std, expected);
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), set.AdditiveNoise.Select(BitConverter.DoubleToInt64Bits));

            var other = additive with { Frequencies = [0.25], SampleRate = additive.SampleRate, AmplitudeMin = 0, AmplitudeMax = 3, PhaseMin = 1, PhaseMax = 2 };
            Assert.Equal(set.AdditiveNoise, SignalGenerator.Generate(other, seed).AdditiveNoise);
        }, iter: 100);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void The_reports_mixture_never_exceeds_one_point_two(ulong seed)
    {
        var set = SignalGenerator.Generate(SignalSpec.Default, seed);
        Assert.All(set.Mixture, s => Assert.InRange(s, -1.2, 1.2));
    }
}
