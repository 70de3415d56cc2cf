using System.Text.Json;
using FrequencyLab.Diagnostics;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Tests.TestSupport;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Diagnostics;

public class LrFinderTests
{
    private static TrainingConfig Small => TrainingConfig.Report with
    {
        Engine = FusedEngine.EngineName, HiddenSize = 8,
        Data = new TrainingDataConfig { Order = FrequencyLab.Data.RowOrder.Interleaved, MaxRows = 2000 },
    };

    [Fact]
    public void Runs_fastais_schedule_smoothing_and_stop_rule_on_the_real_engine()
    {
        var settings = new LrFinderSettings { Steps = 60, RowsPerStep = 20, StartLr = 1e-6, EndLr = 10 };
        var r = LrFinder.Run(Small, settings);
        Assert.Equal(r.Losses.Count, r.StepCount);
        double avg = 0, best = double.PositiveInfinity;
        for (int i = 0; i < r.StepCount; i++)
        {
            Assert.Equal(1e-6 * Math.Pow(1e7, i / 60.0), r.LearningRates[i], 1e-15 + 1e-12 * r.LearningRates[i]);
            avg = 0.98 * avg + 0.02 * r.Losses[i];
            Assert.Equal(avg / (1 - Math.Pow(0.98, i + 1)), r.SmoothedLosses[i], 12);
            best = Math.Min(best, r.SmoothedLosses[i]);
            // Every step before the last stayed within 4× the best so far; the last one is where it stopped.
            if (i < r.StepCount - 1) Assert.True(r.SmoothedLosses[i] <= 4 * best);
        }
        if (r.StoppedOnDivergence) Assert.True(!double.IsFinite(r.SmoothedLosses[^1]) || r.SmoothedLosses[^1] > 4 * best);
        else Assert.Equal(60, r.StepCount);
        Assert.Equal(["steep", "valley", "minimum", "lightning"], r.Suggestions.Select(s => s.Method));
        // Same config, same numbers.
        Assert.Equal(r.SmoothedLosses, LrFinder.Run(Small, settings).SmoothedLosses);
    }

    [Fact]
    public void Step_zero_loss_is_the_untrained_models_row_loss()
    {
        var r = LrFinder.Run(Small, new LrFinderSettings { Steps = 6, RowsPerStep = 1 });
        var c = Small;
        using var engine = new FusedEngine(c.Shape, c.Optimizer, Model.ModelInitializer.PyTorchDefault(c.Shape, c.InitSeed));
        var rows = TrainingData.Load(c.Data).Train;
        Assert.Equal(engine.ForwardBackward(rows.Input(0), rows.Targets[0]), r.Losses[0]);
    }

    [Fact]
    public void Steep_valley_minimum_and_torch_gradient_match_hand_computed_values()
    {
        Assert.Equal(1, LrSuggestionRules.Steep([1e-3, 1e-2, 1e-1, 1], [1, 0.9, 0.5, 2]));
        Assert.Equal(1, LrSuggestionRules.Valley([5, 4, 6, 3, 2, 1, 7]));
        Assert.Equal(5, LrSuggestionRules.Minimum([5, 4, 6, 3, 2, 1, 7]));
        Assert.Equal([1, 2, 4, 5], LrSuggestionRules.Gradient([0, 1, 4, 9], [0, 1, 2, 3]));
        Assert.Equal(2, LrSuggestionRules.Gradient([0, 1, 9], [0, 1, 3])[1], 12);
        Assert.Null(LrSuggestionRules.Steep([1e-3], [1]));
        Assert.Null(LrSuggestionRules.Lightning([1, 2, 3], [1, 2, 3]));
    }

    [Fact]
    public void Fastai_window_skips_a_tenth_and_five_and_cuts_at_the_first_NaN()
    {
        var losses = Enumerable.Range(0, 100).Select(i => (double)(100 - i)).ToArray();
        Assert.Equal((10, 85), LrSuggestionRules.FastaiWindow(losses, 100));
        losses[40] = double.NaN;
        Assert.Equal((10, 30), LrSuggestionRules.FastaiWindow(losses, 100));
        var lrs = Enumerable.Range(0, 100).Select(i => Math.Pow(10, -7 + 7 * i / 100.0)).ToArray();
        for (int i = 21; i < 40; i++) losses[i] -= 5; // the steepest drop is from step 20 to 21
        var all = LrSuggestionRules.All(lrs, losses, 100);
        Assert.Equal(20, all[0].Index);
        Assert.Equal(lrs[all[2].Index!.Value] / 10, all[2].LearningRate, 15);
        Assert.All(all.Take(3), s => Assert.InRange(s.Index!.Value, 10, 39));
    }

    [Theory]
    [InlineData("--steps", "3", 1, "steps 3 must be at least 6")]
    [InlineData("--end", "1e-9", 1, "end lr")]
    [InlineData("--beta", "1", 1, "beta 1")]
    [InlineData("--order", "sideways", 2, "--order")]
    [InlineData("--steps", "many", 2, "many")]
    public void Bad_settings_are_one_line(string flag, string value, int code, string expected)
    {
        var r = Freqlab.Run("lr-find", flag, value);
        Assert.Equal(code, r.ExitCode);
        Assert.Contains(expected, Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void Cli_writes_json_and_chart_and_refuses_an_out_that_is_a_file()
    {
        using var dir = new TempDir();
        var r = Freqlab.Run("lr-find", "--steps", "12", "--rows-per-step", "5", "--hidden", "8", "--json", "--out", dir.Path);
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal(doc.RootElement.GetProperty("learningRates").GetArrayLength(), doc.RootElement.GetProperty("smoothedLosses").GetArrayLength());
        Assert.Equal(r.StdOut.Trim(), File.ReadAllText(dir.File("lr-find.json")).Trim());
        Assert.Contains("plotly", File.ReadAllText(dir.File("lr-find.html")));
        var text = Freqlab.Run("lr-find", "--steps", "12", "--rows-per-step", "5", "--hidden", "8");
        Assert.Contains("step   12/12", text.StdOut);
        Assert.Contains("suggestion valley", text.StdOut);

        var file = dir.File("a-file");
        File.WriteAllText(file, "keep");
        var bad = Freqlab.Run("lr-find", "--steps", "12", "--out", file);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("not a folder", Assert.Single(bad.ErrorLines));
        Assert.Equal("keep", File.ReadAllText(file));
    }
}
