using System.Text.Json;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Learnability;

/// <summary><c>freqlab learnability</c> through the real entry point, on the quick matrix cut to one epoch and one seed (the
/// fused engine by default, real TorchSharp with <c>--engine torch</c>).</summary>
public class LearnabilityVerbTests
{
    private static string[] Tiny(string dir, params string[] extra) => ["learnability", "--quick", "--epochs", "1", "--seeds", "1", "--out", dir, .. extra];

    [Fact]
    public void Runs_every_cell_prints_json_and_a_rerun_reuses_the_stored_runs()
    {
        using var dir = new TempDir();
        var first = Freqlab.Run(Tiny(dir.Path, "--json"));
        Assert.Equal(0, first.ExitCode);
        var json = JsonDocument.Parse(first.StdOut).RootElement;
        Assert.Equal("quick", json.GetProperty("label").GetString());
        var cells = json.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Equal(3 * 2 * 2, cells.Length); // noise × L ∈ {1, 40} × reset
        Assert.All(cells, c => Assert.Contains(c.GetProperty("verdict").GetString(),
            new[] { "learns beyond the memoryless bound", "reaches only the memoryless bound", "learns nothing" }));
        Assert.All(cells, c => Assert.Equal(4, c.GetProperty("medianTestMsePerFrequency").GetArrayLength()));
        Assert.Equal(3, json.GetProperty("bounds").GetArrayLength());
        // The recipe on each noise model and its four ablations, one seed each (JSON shape; the verdicts are inconclusive on one seed).
        var recipe = json.GetProperty("recipe");
        Assert.Equal(["additive", "per-sample", "per-series"], recipe.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("noise").GetString()));
        Assert.Equal(["window", "schedule", "forget-init", "standardization"], recipe.GetProperty("ablation").EnumerateArray().Select(a => a.GetProperty("without").GetString()));
        Assert.All(recipe.GetProperty("ablation").EnumerateArray(), a => Assert.Equal("inconclusive", a.GetProperty("verdict").GetString()));
        Assert.All(recipe.GetProperty("cells").EnumerateArray(), c => Assert.Equal(1, c.GetProperty("testMse").GetArrayLength()));
        Assert.Equal(40, recipe.GetProperty("settings").GetProperty("window").GetInt32());
        Assert.StartsWith("What makes the task learnable", recipe.GetProperty("headline").GetProperty("question").GetString());
        // One run folder per cell × seed in the matrix's run store, and one per recipe run.
        var runs = Directory.GetDirectories(Path.Combine(dir.Path, "runs")).Select(f => Path.Combine(f, "history.json")).ToArray();
        Assert.Equal(12 + 7, runs.Count(File.Exists));
        Assert.True(File.Exists(Path.Combine(dir.Path, "runs", "recipe-no-window-seed-0", "history.json")));
        var stamps = runs.ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var again = Freqlab.Run(Tiny(dir.Path));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("19 of 19 runs reused from the store", again.StdOut);
        Assert.Contains("learnability matrix (quick)", again.StdOut);
        Assert.Contains("the recipe (quick): L = 40", again.StdOut);
        Assert.Contains("no window (L = 1, the report's trainer)", again.StdOut);
        Assert.All(runs, f => Assert.Equal(stamps[f], File.GetLastWriteTimeUtc(f)));
        // The table's numbers are the stored runs': the JSON written at the end is unchanged.
        Assert.Equal(first.StdOut.Trim(), File.ReadAllText(Path.Combine(dir.Path, "results.json")).Trim());
    }

    [Fact]
    public void The_engine_is_part_of_the_matrix_settings()
    {
        using var dir = new TempDir();
        var torch = Freqlab.Run(Tiny(dir.Path, "--engine", "torch", "--no-recipe", "--json"));
        Assert.True(torch.ExitCode == 0, torch.StdErr);
        Assert.Equal("torch", JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "settings.json"))).RootElement.GetProperty("engine").GetString());
        Assert.Equal(12, Directory.GetDirectories(Path.Combine(dir.Path, "runs")).Length);
        Assert.False(JsonDocument.Parse(torch.StdOut).RootElement.TryGetProperty("recipe", out var none) && none.ValueKind != JsonValueKind.Null);
        // The same folder without --engine is the fused matrix: another matrix's folder, refused, nothing touched.
        var fused = Freqlab.Run(Tiny(dir.Path, "--no-recipe"));
        Assert.Equal(1, fused.ExitCode);
        Assert.Contains("other settings", Assert.Single(fused.ErrorLines));
        Assert.Equal("torch", JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.Path, "settings.json"))).RootElement.GetProperty("engine").GetString());

        var unknown = Freqlab.Run(Tiny(dir.File("m"), "--engine", "cuda"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("unknown engine 'cuda'", Assert.Single(unknown.ErrorLines));
        Assert.False(Directory.Exists(dir.File("m")));
    }

    [Fact]
    public void Bad_inputs_are_one_line_and_leave_an_existing_matrix_untouched()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("file"), "x");
        var onFile = Freqlab.Run(Tiny(dir.File("file")));
        Assert.Equal(1, onFile.ExitCode);
        Assert.Contains("is a file", Assert.Single(onFile.ErrorLines));

        var seeds = Freqlab.Run(["learnability", "--quick", "--seeds", "0", "--out", dir.File("m")]);
        Assert.Equal(2, seeds.ExitCode);
        Assert.Contains("--seeds 0 must be at least 1", Assert.Single(seeds.ErrorLines));
        var epochs = Freqlab.Run(["learnability", "--quick", "--epochs", "0", "--out", dir.File("m")]);
        Assert.Equal(1, epochs.ExitCode);
        Assert.Contains("epochs 0", Assert.Single(epochs.ErrorLines));
        Assert.False(Directory.Exists(dir.File("m")));

        Directory.CreateDirectory(dir.File("other"));
        File.WriteAllText(Path.Combine(dir.File("other"), "settings.json"), "{\"epochs\": 99}");
        var other = Freqlab.Run(Tiny(dir.File("other")));
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("other settings", Assert.Single(other.ErrorLines));
        Assert.Equal("{\"epochs\": 99}", File.ReadAllText(Path.Combine(dir.File("other"), "settings.json")));

        var flag = Freqlab.Run(["learnability", "--quick", "--epochs", "many", "--out", dir.File("m")]);
        Assert.Equal(2, flag.ExitCode);
        Assert.Single(flag.ErrorLines);
        var recipeFlag = Freqlab.Run(["learnability", "--quick", "--no-recipe", "perhaps", "--out", dir.File("m")]);
        Assert.Equal(2, recipeFlag.ExitCode);
        Assert.Single(recipeFlag.ErrorLines);
        Assert.False(Directory.Exists(dir.File("m")));
    }
}
