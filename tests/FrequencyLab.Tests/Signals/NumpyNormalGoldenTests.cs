using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using static FrequencyLab.Tests.Signals.NumpyGolden;

namespace FrequencyLab.Tests.Signals;

/// <summary>NumpyRandom's normals against the committed vectors made by numpy 1.24 (scripts/golden_normal.py, data/golden/normal*).</summary>
public class NumpyNormalGoldenTests
{
    private static readonly NumpyGolden Golden = Load(RepoPaths.Combine("data", "golden"), "normal");

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void Every_committed_draw_and_the_hash_of_all_draws_match(ulong seed)
    {
        int draws = Golden.Manifest.GetProperty("draws").GetInt32();
        double loc = Golden.Manifest.GetProperty("loc").GetDouble(), scale = Golden.Manifest.GetProperty("scale").GetDouble();
        Assert.StartsWith("1.24", Golden.Manifest.GetProperty("numpy").GetString());

        var z = new double[draws];
        new NumpyRandom(seed).StandardNormal(z);
        var y = new double[draws];
        var rng = new NumpyRandom(seed);
        rng.Normal(loc, scale, y);

        var zHead = Golden.Array(seed, "standard_normal").Values;
        var yHead = Golden.Array(seed, "normal").Values;
        AssertBitIdentical(zHead, z[..zHead.Length], "standard_normal");
        AssertBitIdentical(yHead, y[..yHead.Length], "normal");
        Assert.Equal(Golden.Sha(seed, "standard_normal"), Sha256(z));
        Assert.Equal(Golden.Sha(seed, "normal"), Sha256(y));
        Assert.Equal(Golden.Seed(seed).GetProperty("randomAfterNormals").GetDouble(), rng.NextDouble());
    }

    [Fact]
    public void The_committed_files_are_what_the_committed_script_makes_now()
    {
        using var dir = new TempDir();
        var argv = Golden.Manifest.GetProperty("argv").EnumerateArray().Select(a => a.GetString()!).ToArray();
        int outAt = Array.IndexOf(argv, "--out");
        Assert.True(outAt >= 0, "the manifest's argv has no --out");
        argv[outAt + 1] = dir.Path;
        Python.Run(RepoPaths.Combine("scripts", "golden_normal.py"), argv);
        foreach (var file in Directory.GetFiles(RepoPaths.Combine("data", "golden"), "normal-seed*.npy"))
            Assert.True(File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir.Path, Path.GetFileName(file)))),
                $"{Path.GetFileName(file)} differs");
        var now = Load(dir.Path, "normal");
        foreach (var seed in new[] { 1UL, 2UL })
            foreach (var name in new[] { "standard_normal", "normal" })
                Assert.Equal(Golden.Sha(seed, name), now.Sha(seed, name));
    }
}
