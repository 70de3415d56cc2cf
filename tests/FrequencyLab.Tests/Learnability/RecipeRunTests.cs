using System.Text.Json;
using FrequencyLab.Findings;
using FrequencyLab.Learnability;
using FrequencyLab.Scales;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Learnability;

/// <summary>The recipe and its ablation as real fused runs of the one grid runner, on the tiny scale's small model (320 rows,
/// H = 16) with three seeds and a matrix of one cell.</summary>
public class RecipeRunTests
{
    private static LearnabilitySettings Small => StudyScales.Tiny.Learnability with
    {
        Noises = [NoiseMode.Additive], Windows = [1], Resets = [ResetPolicy.PerEpoch], InitSeeds = [0, 1, 2], Label = "recipe-test",
    };

    [Fact]
    public void The_recipe_and_each_ablation_are_named_runs_in_the_store_read_back_without_training()
    {
        using var tmp = new TempDir();
        var matrix = new LearnabilityMatrix(Small) { OutputFolder = tmp.Path, Workers = 2 };
        var results = matrix.Run();
        var recipe = Assert.IsType<RecipeResults>(results.Recipe);

        Assert.Equal([NoiseMode.Additive, NoiseMode.PerSample, NoiseMode.PerSeries], recipe.Cells.Select(c => c.Cell.Noise));
        Assert.Equal(RecipeIngredients.All, recipe.Ablation.Select(a => a.Ingredient));
        Assert.All(recipe.Cells.Concat(recipe.Ablation.Select(a => a.Without)), c =>
        {
            Assert.Equal([0UL, 1UL, 2UL], c.Runs.Select(r => r.InitSeed));
            Assert.All(c.Runs, r => Assert.True(double.IsFinite(r.TestMse) && r.Epochs == Small.Recipe!.Epochs));
            Assert.Equal(c.Cell.Noise, c.Bounds.Noise);
        });
        // Every run is in the store under its name, with the config the recipe says (the ablation without the window is L = 1).
        var runs = Path.Combine(tmp.Path, "runs");
        foreach (var run in Small.RecipeRuns())
        {
            var config = JsonSerializer.Deserialize<TrainingConfig>(File.ReadAllText(Path.Combine(runs, run.Name, "config.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web)
                { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } })!;
            Assert.Equal((run.Config.Window, run.Config.Epochs, run.Config.InputScaling, run.Config.Schedule.Kind, run.Config.ForgetGate.Kind, run.Config.Data.Spec.Noise),
                (config.Window, config.Epochs, config.InputScaling, config.Schedule.Kind, config.ForgetGate.Kind, config.Data.Spec.Noise));
        }
        Assert.Equal(1, Small.RecipeRuns().Single(r => r.Name == "recipe-no-window-seed-1").Config.Window);
        // The ablation's runs differ from the recipe's: each removes something that changes training.
        Assert.All(recipe.Ablation, a => Assert.NotEqual(recipe.Main.Runs.Select(r => r.TestMse), a.Without.Runs.Select(r => r.TestMse)));

        // A second run reads every run back (no history is rewritten) and gives the same numbers and findings.
        var stamps = Directory.GetDirectories(runs).ToDictionary(d => d, d => File.GetLastWriteTimeUtc(Path.Combine(d, "history.json")));
        var again = LearnabilityMatrix.For(quick: true, tmp.Path).Run();
        Assert.All(stamps, s => Assert.Equal(s.Value, File.GetLastWriteTimeUtc(Path.Combine(s.Key, "history.json"))));
        Assert.Equal(recipe.Ablation.SelectMany(a => a.Without.Runs).Select(r => r.TestMse), again.Recipe!.Ablation.SelectMany(a => a.Without.Runs).Select(r => r.TestMse));
        Assert.Equal(results.RecipeFindingsList().Select(f => f.Explanation), again.RecipeFindingsList().Select(f => f.Explanation));
        // Five findings: the headline, then one per ingredient, each decided by the rule from these runs.
        var findings = again.RecipeFindingsList();
        Assert.Equal(5, findings.Count);
        var learns = recipe.Main.Verdict == LearnabilityVerdict.LearnsBeyondMemoryless;
        Assert.Equal(learns ? Verdict.Supported : Verdict.Contradicted, findings[0].Verdict);
        Assert.Contains("(recipe-test scale)", findings[0].Explanation);
        Assert.Contains("recipe", File.ReadAllText(matrix.ResultsPath));
    }
}
