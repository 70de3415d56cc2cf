using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using static FrequencyLab.Tests.Signals.NumpyGolden;

namespace FrequencyLab.Tests.Signals;

/// <summary>
/// NumpyRandom's ziggurat against numpy 1.24 run now: a million standard normals and a million normals per seed,
/// compared as raw float64 bits, with the number of draws each branch of the ziggurat accepted counted and checked
/// against the fractions the tables imply (so the test proves the tail and wedge branches ran and matched).
/// </summary>
public class NumpyNormalLiveTests
{
    private const int Draws = 1_000_000;

    [Fact]
    public void A_million_draws_per_seed_match_numpy_bit_for_bit_through_every_branch()
    {
        ulong[] seeds = [0, 3, 12345678901];
        using var dir = new TempDir();
        Python.Run(RepoPaths.Combine("scripts", "golden_normal.py"), ["--out", dir.Path, "--name", "live", "--draws", Draws.ToString(),
            "--loc", "-3.5", "--scale", "0.125", "--head", "0", "--seeds", .. seeds.Select(s => s.ToString())]);
        var golden = Load(dir.Path, "live");
        var counts = new Dictionary<ZigguratPath, long>();
        var layerCounts = new long[ZigguratTables.Layers];
        foreach (var seed in seeds)
        {
            var rng = new NumpyRandom(seed);
            var z = new double[Draws];
            for (int i = 0; i < Draws; i++)
            {
                z[i] = rng.StandardNormal(out var path, out int layer);
                counts[path] = counts.GetValueOrDefault(path) + 1;
                layerCounts[layer]++;
            }
            AssertBitIdentical(golden.Array(seed, "standard_normal").Values, z, $"standard_normal seed {seed}");

            var y = new double[Draws];
            var again = new NumpyRandom(seed);
            again.Normal(-3.5, 0.125, y);
            AssertBitIdentical(golden.Array(seed, "normal").Values, y, $"normal seed {seed}");
            Assert.Equal(golden.Seed(seed).GetProperty("randomAfterNormals").GetDouble(), again.NextDouble());
        }

        long total = seeds.Length * (long)Draws;
        var expected = ExpectedAcceptanceFractions();
        foreach (var (path, fraction) in expected)
        {
            long seen = counts.GetValueOrDefault(path);
            double mean = total * fraction, sd = Math.Sqrt(total * fraction * (1 - fraction));
            Assert.True(Math.Abs(seen - mean) <= 6 * sd, $"{path}: {seen} draws, expected {mean:F0} ± {6 * sd:F0}");
        }
        Assert.True(counts[ZigguratPath.Tail] > 100, $"only {counts[ZigguratPath.Tail]} tail draws");
        Assert.True(layerCounts.Min() > 1000, $"a layer accepted only {layerCounts.Min()} draws");
        Console.WriteLine($"{total} draws compared: rectangle {counts[ZigguratPath.Rectangle]}, wedge {counts[ZigguratPath.Wedge]}, tail {counts[ZigguratPath.Tail]}");
    }

    /// <summary>
    /// Share of accepted draws each test accepts, from the tables: an attempt lands in layer i's rectangle with
    /// probability kᵢ/2⁵²/256 and an attempt is accepted with probability (area under f on x ≥ 0)/(256·v) = √(π/2)/(256·v);
    /// the tail holds the half-normal's mass beyond r, which the base strip's area defines: (v − r·f(r))/√(π/2).
    /// </summary>
    private static Dictionary<ZigguratPath, double> ExpectedAcceptanceFractions()
    {
        double acceptPerAttempt = Math.Sqrt(Math.PI / 2) / (ZigguratTables.Layers * ZigguratTables.LayerArea);
        double rectanglePerAttempt = ZigguratTables.Ki.Sum(k => k / ZigguratTables.Mantissa) / ZigguratTables.Layers;
        double rectangle = rectanglePerAttempt / acceptPerAttempt;
        double tail = (ZigguratTables.LayerArea - ZigguratTables.R * ZigguratTables.Fi[ZigguratTables.Layers - 1]) / Math.Sqrt(Math.PI / 2);
        return new() { [ZigguratPath.Rectangle] = rectangle, [ZigguratPath.Tail] = tail, [ZigguratPath.Wedge] = 1 - rectangle - tail };
    }
}
