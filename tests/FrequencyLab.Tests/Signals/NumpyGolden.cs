using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using FrequencyLab.IO;
using FrequencyLab.Signals;

namespace FrequencyLab.Tests.Signals;

/// <summary>
/// Reads what scripts/golden_numpy.py writes: a manifest (spec, per-seed SHA-256 of every full array, measured
/// np.sin vs math.sin differences) and the first H samples of each array as .npy files.
/// </summary>
internal sealed class NumpyGolden
{
    /// <summary>
    /// |S_numpy − S_libm| bound: np.sin through SVML differs from the C library's sin by up to 3 ULP of a value in
    /// [−1, 1], i.e. ≤ 3·2⁻⁵³ per component; A ≤ 1.2 and the sum of four such over K = 4 stays below 2⁻⁵¹ (4.4e-16).
    /// Stated for amplitudes up to 1.5 (the live tests use 1.2 and 1.5). Measured here: 3.3e-16 (seed 1), 2.8e-16 (seed 2).
    /// </summary>
    public const double MixtureTolerance = 4.440892098500626e-16; // 2^-51

    /// <summary>Targets are single sin values: SVML's sin is within 3 ULP of the C library's (measured max 3).</summary>
    public const long TargetUlpTolerance = 3;

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

    /// <summary>Distance in ULPs on the ordered integer line of doubles.</summary>
    public static long UlpDistance(double a, double b)
    {
        static long Ordered(double v) { long i = BitConverter.DoubleToInt64Bits(v); return i < 0 ? long.MinValue - i : i; }
        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <summary>Asserts equality bit for bit, naming the first differing index.</summary>
    public static void AssertBitIdentical(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"{what}[{i}]: numpy {expected[i]:R}, C# {actual[i]:R}");
    }
}
