using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using FrequencyLab.IO;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Signals;

/// <summary>
/// Reads what scripts/golden_numpy.py writes: a manifest (spec, per-seed SHA-256 of every full array, measured
/// np.sin vs math.sin differences) and the first H samples of each array as .npy files.
/// </summary>
internal sealed class NumpyGolden
{
    /// <summary>
    /// np.sin (float64) against the C library's sin, which SignalGenerator calls through Math.Sin. On an AVX512_SKX CPU
    /// numpy 1.22–1.24 computes sin with Intel SVML, whose own accuracy test in numpy allows 4 ulps from the correctly rounded
    /// value (numpy/core/tests/data/umath-validation-set-sin.csv, column ulperr = 4 on every float64 row); glibc's sin is not
    /// promised correctly rounded either (its manual, "Known Maximum Errors"), so one more ulp on our side: 5. Measured on
    /// AVX-512 here: 3 (data/golden manifests, targets_vs_libm.maxUlp). Elsewhere np.sin is the C library's: 0.
    /// </summary>
    public static readonly Tolerance SinTolerance = Tolerance.Ulps(5);

    /// <summary>
    /// The mixture S = (Σₖ Aₖ·sin θₖ)/K (+ noise) is a sum, which can cancel to near zero, so an ulp of S means nothing
    /// (the manifests record 10⁶ ulps at such a point): the bound is in ulps of the element's scale
    /// σⱼ = Σₖ|Aₖ sin θₖ|/K + |noiseⱼ|, and follows from <see cref="SinTolerance"/> with u = 2⁻⁵³ (ulp(x) ≤ 2u|x|,
    /// each correctly rounded operation off by ≤ u of its result; both sides round the same operations in the same order):
    /// each sin differs by ≤ 5 ulp ≤ 10u|sin|; the products Aₖ·sin each round once more on both sides: term k differs by
    /// ≤ 12u|xₖ|; K − 1 additions add ≤ 2u·Σ|x| each; ÷K and + noise ≤ 2u·σ each. Total ≤ (2K + 14)·u·σ &lt; (2K + 14)·ulp(σ).
    /// K = 4: 22 ulps of σ. Measured: ≤ 2 (printed by the tests). A relative error of 1e-12 is 4,500 u.
    /// </summary>
    public static Tolerance MixtureTolerance(SignalSet set) => Tolerance.UlpsOfScale(MixtureUlps(set), MixtureScale(set));

    /// <summary>(2K + 14): the ulps of σ that <see cref="MixtureTolerance"/> allows.</summary>
    public static long MixtureUlps(SignalSet set) => 2 * set.Components.Length + 14;

    /// <summary>σⱼ = Σₖ|componentsₖⱼ|/K + |noiseⱼ|: the magnitudes S adds up (see <see cref="MixtureTolerance"/>).</summary>
    public static double[] MixtureScale(SignalSet set)
    {
        int k = set.Components.Length;
        var scale = new double[set.SampleCount];
        for (int j = 0; j < scale.Length; j++)
        {
            double sum = 0;
            for (int i = 0; i < k; i++) sum += Math.Abs(set.Components[i][j]);
            scale[j] = sum / k + (set.AdditiveNoise.Length > 0 ? Math.Abs(set.AdditiveNoise[j]) : 0);
        }
        return scale;
    }

    public required string Folder { get; init; }
    public required string Name { get; init; }
    public required JsonElement Manifest { get; init; }

    public static NumpyGolden Load(string folder, string name) => new()
    {
        Folder = folder,
        Name = name,
        Manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, name + ".json"))).RootElement,
    };

    public SignalSpec Spec
    {
        get
        {
            var s = Manifest.GetProperty("spec");
            return new SignalSpec
            {
                Frequencies = s.GetProperty("frequencies").EnumerateArray().Select(e => e.GetDouble()).ToArray(),
                SampleRate = s.GetProperty("sampleRate").GetDouble(),
                Duration = s.GetProperty("duration").GetDouble(),
                AmplitudeMin = s.GetProperty("amplitudeMin").GetDouble(),
                AmplitudeMax = s.GetProperty("amplitudeMax").GetDouble(),
                PhaseMin = s.GetProperty("phaseMin").GetDouble(),
                PhaseMax = s.GetProperty("phaseMax").GetDouble(),
                Noise = FrequencyLab.Data.DataNames.ParseNoise(s.GetProperty("noise").GetString()) ?? throw new InvalidDataException("unknown noise"),
                NoiseStd = s.TryGetProperty("noiseStd", out var std) ? std.GetDouble() : SignalSpec.DefaultNoiseStd,
            };
        }
    }

    public JsonElement Seed(ulong seed) =>
        Manifest.GetProperty("seeds").EnumerateArray().Single(e => e.GetProperty("seed").GetUInt64() == seed);

    public string Sha(ulong seed, string array) => Seed(seed).GetProperty("sha256").GetProperty(array).GetString()!;

    public NpyArray Array(ulong seed, string array) => NpyFile.Read(Path.Combine(Folder, $"{Name}-seed{seed}-{array}.npy"));

    /// <summary>SHA-256 of values as float64 little-endian bytes, in the order given (C order for K × N).</summary>
    public static string Sha256(IEnumerable<double> values)
    {
        var list = values.ToArray();
        var bytes = new byte[list.Length * 8];
        for (int i = 0; i < list.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), list[i]);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The first <paramref name="head"/> columns of each row, flattened in C order.</summary>
    public static double[] Head(double[][] rows, int head) => rows.SelectMany(r => r.Take(head)).ToArray();

    /// <summary>Asserts equality bit for bit: arrays that involve no transcendental from numpy's SIMD dispatch.</summary>
    public static void AssertBitIdentical(double[] expected, double[] actual, string what) =>
        NumericAssert.Exact(expected, actual, $"{what} (numpy vs C#)");
}
