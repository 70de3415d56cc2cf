using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using static FrequencyLab.Tests.Signals.NumpyGolden;

namespace FrequencyLab.Tests.Signals;

/// <summary>SignalGenerator against the committed vectors made by real numpy 1.24 (scripts/golden_numpy.py, data/golden).</summary>
public class SignalGoldenTests
{
    private static readonly NumpyGolden Golden = Load(RepoPaths.Combine("data", "golden"), "default");

    [Fact]
    public void The_committed_golden_spec_is_the_reports_task()
    {
        Assert.Equal(SignalSpec.Default, Golden.Spec);
        Assert.StartsWith("1.24", Golden.Manifest.GetProperty("numpy").GetString());
    }

    [Fact]
    public void The_committed_files_are_what_the_committed_script_makes_now()
    {
        // Rerun scripts/golden_numpy.py with the arguments the manifest records (output folder aside). The np.sin arrays
        // (S, targets) depend on the CPU's SIMD dispatch; the draws and the C-library arrays must be byte-identical.
        using var dir = new TempDir();
        var argv = Golden.Manifest.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToArray();
        int outAt = Array.IndexOf(argv, "--out");
        Assert.True(outAt >= 0, "the manifest's argv has no --out");
        argv[outAt + 1] = dir.Path;
        Python.Run(RepoPaths.Combine("scripts", "golden_numpy.py"), argv);
        var now = Load(dir.Path, "default");
        foreach (var seed in new[] { 1UL, 2UL })
            foreach (var name in new[] { "A", "phi", "S_libm", "targets_libm" })
            {
                var file = $"default-seed{seed}-{name}.npy";
                Assert.True(File.ReadAllBytes(RepoPaths.Combine("data", "golden", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir.Path, file))), $"{file} differs");
                Assert.Equal(Golden.Sha(seed, name), now.Sha(seed, name));
            }
        Assert.Equal(Golden.Spec, now.Spec);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Amplitudes_and_phases_are_bit_identical_to_numpy(ulong seed)
    {
        var set = SignalGenerator.Generate(SignalSpec.Default, seed);
        var headA = Golden.Array(seed, "A");
        int head = headA.Shape[1];

        AssertBitIdentical(headA.Values, Head(set.Amplitudes, head), "A");
        AssertBitIdentical(Golden.Array(seed, "phi").Values, Head(set.Phases, head), "phi");
        Assert.Equal(Golden.Sha(seed, "A"), Sha256(set.Amplitudes.SelectMany(r => r)));
        Assert.Equal(Golden.Sha(seed, "phi"), Sha256(set.Phases.SelectMany(r => r)));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Mixture_and_targets_are_bit_identical_to_numpy_computed_with_the_c_library_sin(ulong seed)
    {
        var set = SignalGenerator.Generate(SignalSpec.Default, seed);
        var headS = Golden.Array(seed, "S_libm");

        AssertBitIdentical(headS.Values, set.Mixture[..headS.Shape[0]], "S_libm");
        AssertBitIdentical(Golden.Array(seed, "targets_libm").Values, Head(set.Targets, headS.Shape[0]), "targets_libm");
        Assert.Equal(Golden.Sha(seed, "S_libm"), Sha256(set.Mixture));
        Assert.Equal(Golden.Sha(seed, "targets_libm"), Sha256(set.Targets.SelectMany(r => r)));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Mixture_and_targets_are_within_stated_tolerance_of_numpy_np_sin(ulong seed)
    {
        var set = SignalGenerator.Generate(SignalSpec.Default, seed);
        var s = Golden.Array(seed, "S").Values;
        NumericAssert.Within(s, set.Mixture[..s.Length], MixtureTolerance(set), "S head (np.sin) vs C#");
        NumericAssert.Within(Golden.Array(seed, "targets").Values, Head(set.Targets, s.Length), SinTolerance, "targets head (np.sin) vs C#");

        // Over all N samples (C# S equals S_libm bit for bit, checked above), numpy recorded its own full-length distances:
        // every |ΔSⱼ| ≤ n·ulp(σⱼ) ≤ n·ulp(max σ), and every target within the sin bound.
        var tolerance = (Tolerance.UlpBound)SinTolerance;
        long n = MixtureUlps(set);
        double bound = n * Ulps.Of(MixtureScale(set).Max());
        var recorded = Golden.Seed(seed).GetProperty("S_vs_libm").GetProperty("maxAbs").GetDouble();
        Assert.True(recorded <= bound, $"numpy's full-length max |S - S_libm| = {recorded:R} exceeds {n} ulps of the largest scale, {bound:R}");
        long recordedUlps = Golden.Seed(seed).GetProperty("targets_vs_libm").GetProperty("maxUlp").GetInt64();
        Assert.True(recordedUlps <= tolerance.N, $"numpy's full-length target distance {recordedUlps} ulps exceeds {tolerance}");
    }

    [Fact]
    public void The_np_sin_tolerances_catch_a_relative_error_of_1e_12_in_one_value()
    {
        // A real bug (a float32 sin, a dropped phase, another summation formula) is far beyond 1e-12 relative; this is the
        // smallest error the bounds promise to see, at the element where the scale is largest (so the allowance is too).
        var set = SignalGenerator.Generate(SignalSpec.Default, 1);
        var s = Golden.Array(1, "S").Values;
        var ours = set.Mixture[..s.Length];
        Assert.True(NumericAssert.Measure(s, ours, MixtureTolerance(set), "S").Holds);
        int at = Enumerable.Range(0, s.Length).MaxBy(j => MixtureScale(set)[j]);
        var nudged = (double[])ours.Clone();
        nudged[at] += 1e-12 * MixtureScale(set)[at];
        var caught = NumericAssert.Measure(s, nudged, MixtureTolerance(set), "S nudged");
        Assert.Equal((1, at), (caught.Violations, caught.WorstIndex));

        var targets = Golden.Array(1, "targets").Values;
        var ourTargets = Head(set.Targets, s.Length);
        int t = Array.IndexOf(ourTargets, ourTargets.MaxBy(Math.Abs));
        ourTargets[t] *= 1 + 1e-12;
        var caughtTarget = NumericAssert.Measure(targets, ourTargets, SinTolerance, "targets nudged");
        Assert.Equal((1, t), (caughtTarget.Violations, caughtTarget.WorstIndex));
        Console.WriteLine($"{caught}\n{caughtTarget}");
    }
}

/// <summary>The additive noise mode against its committed numpy vectors (scripts/golden_numpy.py --noise additive):
/// noise = rng.normal(0.0, 0.1, N), numpy's ziggurat, the stream's only draws.</summary>
public class AdditiveNoiseGoldenTests
{
    private static readonly NumpyGolden Golden = Load(RepoPaths.Combine("data", "golden"), "additive");

    [Fact]
    public void The_committed_spec_is_the_reports_frequencies_with_additive_noise_of_the_documented_default()
    {
        Assert.Equal(SignalSpec.Default with { Noise = NoiseMode.Additive }, Golden.Spec);
        Assert.Equal(0.1, Golden.Spec.NoiseStd);
    }

    [Fact]
    public void The_committed_files_are_what_the_committed_script_makes_now()
    {
        using var dir = new TempDir();
        var argv = Golden.Manifest.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToArray();
        argv[Array.IndexOf(argv, "--out") + 1] = dir.Path;
        Python.Run(RepoPaths.Combine("scripts", "golden_numpy.py"), argv);
        var now = Load(dir.Path, "additive");
        foreach (var seed in new[] { 1UL, 2UL })
            foreach (var name in new[] { "A", "phi", "S_libm", "targets_libm", "noise" })
            {
                var file = $"additive-seed{seed}-{name}.npy";
                Assert.True(File.ReadAllBytes(RepoPaths.Combine("data", "golden", file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir.Path, file))), $"{file} differs");
                Assert.Equal(Golden.Sha(seed, name), now.Sha(seed, name));
            }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Noise_is_bit_identical_to_numpys_normal_and_the_mixture_to_numpy_with_the_c_library_sin(ulong seed)
    {
        var set = SignalGenerator.Generate(Golden.Spec, seed);
        var head = Golden.Array(seed, "noise").Shape[0];
        // The noise involves no sin: numpy's own rng.normal output, on whatever CPU made the files.
        AssertBitIdentical(Golden.Array(seed, "noise").Values, set.AdditiveNoise[..head], "noise");
        AssertBitIdentical(Golden.Array(seed, "S_libm").Values, set.Mixture[..head], "S_libm");
        Assert.Equal(Golden.Sha(seed, "noise"), Sha256(set.AdditiveNoise));
        Assert.Equal(Golden.Sha(seed, "S_libm"), Sha256(set.Mixture));
        Assert.Equal(Golden.Sha(seed, "targets_libm"), Sha256(set.Targets.SelectMany(r => r)));
        // No amplitude or phase is drawn: A = 1, φ = 0, and the components are the clean targets.
        Assert.All(set.Amplitudes.SelectMany(r => r), a => Assert.Equal(1.0, a));
        Assert.All(set.Phases.SelectMany(r => r), p => Assert.Equal(0.0, p));
        Assert.Equal(set.Targets.SelectMany(r => r), set.Components.SelectMany(r => r));
    }

    [Fact]
    public void The_noise_is_gaussian_with_the_spec_standard_deviation_and_the_mixture_is_clean_plus_noise()
    {
        var spec = SignalSpec.Default with { Noise = NoiseMode.Additive, NoiseStd = 0.3 };
        var set = SignalGenerator.Generate(spec, 5);
        var z = set.AdditiveNoise;
        double mean = z.Average(), sd = Math.Sqrt(z.Select(v => (v - mean) * (v - mean)).Sum() / (z.Length - 1));
        // N = 10,000: the sample sd's standard error is 0.3/√20000 ≈ 0.0021; the mean's is 0.003.
        Assert.InRange(sd, 0.3 - 5 * 0.0021, 0.3 + 5 * 0.0021);
        Assert.InRange(mean, -5 * 0.003, 5 * 0.003);
        double within1 = z.Count(v => Math.Abs(v) < 0.3) / (double)z.Length;
        Assert.InRange(within1, 0.6827 - 0.025, 0.6827 + 0.025);
        for (int j = 0; j < set.SampleCount; j++)
            Assert.Equal(set.Targets.Sum(t => t[j]) / 4 + z[j], set.Mixture[j], 15);
        // A different std scales the same draws.
        var unit = SignalGenerator.Generate(spec with { NoiseStd = 1.0 }, 5).AdditiveNoise;
        Assert.Equal(z[123], 0.3 * unit[123], 15);
    }
}
