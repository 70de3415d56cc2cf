using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using static FrequencyLab.Tests.Signals.NumpyGolden;

namespace FrequencyLab.Tests.Signals;

/// <summary>Runs scripts/golden_numpy.py live with specs and seeds the committed files do not cover and compares every value.</summary>
public class SignalLiveNumpyTests
{
    [Theory]
    [InlineData("per-sample", 11UL, "2,5,11", 64.0, 3.0, 0.5, 1.5)]
    [InlineData("per-series", 12345678901UL, "1,3,5,7", 1000.0, 2.0, 0.8, 1.2)]
    [InlineData("per-series", 0UL, "0.5", 7.0, 100.0, 1.0, 1.0)]
    [InlineData("additive", 7UL, "1,3,5,7", 1000.0, 3.0, 0.8, 1.2, 0.1)]
    [InlineData("additive", 98765432123UL, "2,9", 50.0, 40.0, 0.8, 1.2, 2.5)]
    public void Every_value_matches_numpy_run_now(string noise, ulong seed, string frequencies, double fs, double duration,
        double aMin, double aMax, double noiseStd = 0.1)
    {
        using var dir = new TempDir();
        Python.Run(RepoPaths.Combine("scripts", "golden_numpy.py"), "--out", dir.Path, "--name", "live", "--seeds", seed.ToString(),
            "--frequencies", frequencies, "--fs", fs.ToString("R"), "--duration", duration.ToString("R"),
            "--amplitude-min", aMin.ToString("R"), "--amplitude-max", aMax.ToString("R"), "--noise", noise, "--head", "0",
            "--noise-std", noiseStd.ToString("R"));
        var golden = Load(dir.Path, "live");
        var spec = golden.Spec;
        Assert.Equal(FrequencyLab.Data.DataNames.ParseNoise(noise), spec.Noise);

        var set = SignalGenerator.Generate(spec, seed);
        int n = set.SampleCount;
        Assert.Equal(golden.Seed(seed).GetProperty("samples").GetInt32(), n);

        AssertBitIdentical(golden.Array(seed, "A").Values, Head(set.Amplitudes, n), "A");
        AssertBitIdentical(golden.Array(seed, "phi").Values, Head(set.Phases, n), "phi");
        AssertBitIdentical(golden.Array(seed, "S_libm").Values, set.Mixture, "S_libm");
        AssertBitIdentical(golden.Array(seed, "targets_libm").Values, Head(set.Targets, n), "targets_libm");
        if (spec.Noise == NoiseMode.Additive)
        {
            Assert.Equal(noiseStd, spec.NoiseStd);
            AssertBitIdentical(golden.Array(seed, "noise").Values, set.AdditiveNoise, "noise");
        }

        // np.sin is SVML's on AVX-512 CPUs: ulp-bounded (NumpyGolden's tolerances say where the bounds come from).
        var mixture = NumericAssert.Within(golden.Array(seed, "S").Values, set.Mixture, MixtureTolerance(set), "S (np.sin) vs C#");
        var targets = NumericAssert.Within(golden.Array(seed, "targets").Values, Head(set.Targets, n), SinTolerance, "targets (np.sin) vs C#");
        Console.WriteLine($"{noise} seed {seed}: {mixture}; {targets}");
    }
}

/// <summary>The additive noise over a series long enough that every branch of numpy's ziggurat (rectangle, wedge and the
/// tail beyond r, about 2.6 draws in 10,000) feeds it, against numpy's rng.normal run now.</summary>
public class AdditiveNoiseLiveNumpyTests
{
    [Theory]
    [InlineData(31UL, 0.7)]
    [InlineData(4294967296UL, 1e-3)]
    public void A_long_additive_series_through_every_ziggurat_branch_matches_numpy_bit_for_bit(ulong seed, double noiseStd)
    {
        using var dir = new TempDir();
        Python.Run(RepoPaths.Combine("scripts", "golden_numpy.py"), "--out", dir.Path, "--name", "long", "--seeds", seed.ToString(),
            "--frequencies", "1,3", "--fs", "1000", "--duration", "200", "--noise", "additive", "--noise-std", noiseStd.ToString("R"),
            "--head", "0");
        var golden = Load(dir.Path, "long");
        var set = SignalGenerator.Generate(golden.Spec, seed);
        Assert.Equal(200_000, set.SampleCount);
        AssertBitIdentical(golden.Array(seed, "noise").Values, set.AdditiveNoise, "noise");
        AssertBitIdentical(golden.Array(seed, "S_libm").Values, set.Mixture, "S_libm");

        // Which branch accepted each of those normals: replay the stream (the noise is its only draws).
        var rng = new NumpyRandom(seed);
        var counts = new Dictionary<ZigguratPath, int>();
        for (int j = 0; j < set.SampleCount; j++)
        {
            double z = rng.StandardNormal(out var path, out _);
            Assert.Equal(BitConverter.DoubleToInt64Bits(0.0 + noiseStd * z), BitConverter.DoubleToInt64Bits(set.AdditiveNoise[j]));
            counts[path] = counts.GetValueOrDefault(path) + 1;
        }
        Assert.True(counts.GetValueOrDefault(ZigguratPath.Tail) > 0 && counts.GetValueOrDefault(ZigguratPath.Wedge) > 0,
            $"branches: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
        Console.WriteLine($"seed {seed}: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");
    }
}

/// <summary>The cause of the np.sin difference, shown: with numpy's AVX-512 (SVML) dispatch off, np.sin is the C library's.</summary>
public class SignalNumpyDispatchTests
{
    [Fact]
    public void With_avx512_dispatch_off_numpy_np_sin_output_equals_csharp_bit_for_bit()
    {
        using var dir = new TempDir();
        Python.Run(RepoPaths.Combine("scripts", "golden_numpy.py"), "--out", dir.Path, "--name", "base", "--seeds", "1",
            "--duration", "2", "--head", "0", "--no-avx512");
        var golden = Load(dir.Path, "base");
        Assert.False(golden.Manifest.GetProperty("npSinUsesSvml").GetBoolean());

        var set = SignalGenerator.Generate(golden.Spec, 1);
        AssertBitIdentical(golden.Array(1, "S").Values, set.Mixture, "S");
        AssertBitIdentical(golden.Array(1, "targets").Values, Head(set.Targets, set.SampleCount), "targets");
    }
}
