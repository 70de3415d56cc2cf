using CsCheck;
using FrequencyLab.Sweep;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Tests.Training;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Sweep;

/// <summary>sweep.json made hostile: a valid index or one line naming the file; never a point folder outside the sweep.</summary>
public class SweepIndexHostileInputTests
{
    private static string Index()
    {
        var grid = new SweepGrid { Base = TrainerFixtures.Config(epochs: 2) with { Engine = "fused" }, LearningRates = [1e-2, 1e-3], InitSeeds = [0, 1] };
        var points = grid.Points().Select((p, i) => new SweepIndexEntry(p.Name, p.Name, p.LearningRate, p.InitSeed, p.Reset, p.Order,
            i == 0 ? SweepPointStatus.Completed : SweepPointStatus.Pending, i == 0 ? 2 : 0, i == 0 ? 0.25 : null, i == 0 ? 0.2 : null,
            i == 0 ? 0.3 : null, i == 0 ? 0.29 : null, i == 0 ? 1.5 : 0, i == 0 ? null : "waiting")).ToList();
        return SweepIndex.Serialize(new SweepIndex { Grid = grid, Points = points });
    }

    [Fact]
    public void Any_variant_is_an_index_or_one_line()
    {
        using var dir = new TempDir();
        var path = dir.File(SweepIndex.FileName);
        HostileInput.JsonVariants(Index()).Sample(bytes => HostileInput.AssertTotal(path, bytes, SweepIndex.FileName, p =>
        {
            var index = SweepIndex.Read(p);
            // Whatever it says, a point's folder is a run folder of the sweep folder or of a store beside it: never further out.
            Assert.All(index.Points, e =>
            {
                var parts = e.Folder.Split('/');
                Assert.True(parts.Length == 1 || (parts.Length == 3 && parts[0] == ".."), e.Folder);
                Assert.DoesNotContain("..", parts[^1..].Concat(parts.Length == 3 ? [parts[1]] : []));
                Assert.DoesNotContain(".", parts);
            });
        }), iter: 400, threads: 1);
    }

    [Fact]
    public void A_folder_leading_out_of_the_sweep_and_a_huge_grid_are_refused()
    {
        using var dir = new TempDir();
        var path = dir.File(SweepIndex.FileName);
        var json = Index();
        var name = SweepIndex.Read(WriteTo(path, json)).Points[0].Name;
        var e = Assert.Throws<DataFileException>(() => SweepIndex.Read(WriteTo(path, json.Replace($"\"folder\": \"{name}\"", "\"folder\": \"../../etc\"", StringComparison.Ordinal))));
        Assert.Contains("$.points[0].folder", e.Message);
        var rates = string.Join(", ", Enumerable.Range(1, 10_001).Select(i => (i * 1e-6).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var huge = System.Text.RegularExpressions.Regex.Replace(json, "\"learningRates\": \\[[^\\]]*\\]", $"\"learningRates\": [{rates}]");
        e = Assert.Throws<DataFileException>(() => SweepIndex.Read(WriteTo(path, huge)));
        Assert.Contains("more than the 10000 a sweep may have", e.Message);
    }

    private static string WriteTo(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }
}
