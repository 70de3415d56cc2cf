using CsCheck;
using FrequencyLab.Findings;
using FrequencyLab.Learnability;
using FrequencyLab.Model;
using FrequencyLab.Reproduce;
using FrequencyLab.Scales;
using FrequencyLab.Signals;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Learnability;

/// <summary>The recipe's findings decided from constructed results (zero 0.5, so the ingredient margin is 0.025), and the
/// recipe's configurations: each ablation removes exactly its ingredient.</summary>
public class RecipeFindingsTests
{
    private static readonly LearnabilitySettings Settings = StudyScales.Full.Learnability;

    private static DataBounds Bounds(NoiseMode noise, double memoryless) =>
        new(noise, 0.5, memoryless, 0, [0.5, 0.5], [memoryless, memoryless], [0, 0], "quantile bins 50")
        {
            LinearFilters = noise == NoiseMode.Additive
                ? [new LinearFilterBound(10, 0.3, [0.3, 0.3], 0.3), new LinearFilterBound(300, 0.0687, [0.0687, 0.0687], 0.06), new LinearFilterBound(1000, 0.0043, [0.0043, 0.0043], 0.004)]
                : [new LinearFilterBound(1, 0.5, [0.5, 0.5], 0.5), new LinearFilterBound(300, 0.51, [0.51, 0.51], 0.49)],
        };

    private static LearnabilityCellResult Cell(NoiseMode noise, int window, double memoryless, params double[] mses)
    {
        var cell = new LearnabilityCell(noise, window, ResetPolicy.PerEpoch);
        return new(cell, [.. mses.Select((m, i) => new SeedRun(cell, (ulong)i, m, [m, m], m, 15, 5))], Bounds(noise, memoryless));
    }

    /// <summary>The recipe at 0.0104–0.0120 (the hand search's numbers); without the window 0.35 (harmful to remove), without
    /// standardisation 0.030 (+0.018, inside the margin: harmless), without the schedule +0.02 (inside the margin), without the
    /// forget init 0.11.</summary>
    private static RecipeResults Constructed(params double[] recipeSeeds) => new(Settings.Recipe!,
        [Cell(NoiseMode.Additive, 300, 0.3353, recipeSeeds), Cell(NoiseMode.PerSample, 300, 0.5, 0.516, 0.520, 0.517), Cell(NoiseMode.PerSeries, 300, 0.5, 1.09, 0.91, 1.06)],
        [new(RecipeIngredient.Window, Cell(NoiseMode.Additive, 1, 0.3353, 0.31, 0.33, 0.35)),
         new(RecipeIngredient.Schedule, Cell(NoiseMode.Additive, 300, 0.3353, 0.01, 0.02, recipeSeeds.Max() + 0.02)),
         new(RecipeIngredient.ForgetGateInit, Cell(NoiseMode.Additive, 300, 0.3353, 0.10, 0.11, 0.08)),
         new(RecipeIngredient.InputStandardization, Cell(NoiseMode.Additive, 300, 0.3353, 0.010, 0.030, 0.013))]);

    [Fact]
    public void Removing_a_harmful_ingredient_is_supported_and_a_harmless_one_is_not()
    {
        var results = Constructed(0.0119, 0.0104, 0.0120);
        var findings = RecipeFindings.Ingredients(results, Settings);
        Assert.Equal([Verdict.Supported, Verdict.Contradicted, Verdict.Supported, Verdict.Contradicted], findings.Select(f => f.Verdict));
        Assert.Contains("0.35 with no window", findings[0].Explanation);
        Assert.Contains("within the margin 0.025", findings[3].Explanation);

        var headline = RecipeFindings.Headline(results, Settings);
        Assert.Equal(Verdict.Supported, headline.Verdict);
        Assert.Contains("worst seed 0.012, median 0.0119", headline.Explanation);
        // Judged against the linear filter of the recipe's window (300 taps), not the longer 1000-tap one.
        Assert.Contains("0.0687 for the causal linear filter of 300 samples", headline.Explanation);
        Assert.Contains("Ingredients that matter: window (0.35 without it), forget-init (0.11 without it).", headline.Explanation);
        Assert.Contains("Not needed at this budget: schedule", headline.Explanation);
        Assert.Contains("per-sample data: worst seed 0.52 against zero 0.5 and memoryless 0.5 (the best causal linear filter, 1 tap: 0.5): it learns nothing — no causal filter of S's past beats S alone", headline.Explanation);
        // The study's headline is the recipe's when the matrix ran it, the matrix's recommendation when not.
        var matrix = new LearnabilityResults(Settings, [.. results.Cells.Select(c => c.Bounds)], [results.Cells[1]]) { Recipe = results };
        Assert.Equal((headline.Question, headline.Explanation), Pair(StudyConclusion.WhatMakesItLearnable(matrix)));
        Assert.Equal(Pair(LearnabilityFindings.Recommendation(matrix)), Pair(StudyConclusion.WhatMakesItLearnable(matrix with { Recipe = null })));
    }

    private static (string, string) Pair(Finding f) => (f.Question, f.Explanation);

    [Fact]
    public void A_recipe_that_does_not_learn_or_has_too_few_seeds_judges_no_ingredient()
    {
        var failing = Constructed(0.30, 0.32, 0.34); // no better than memoryless by the margin
        Assert.Equal(Verdict.Contradicted, RecipeFindings.Headline(failing, Settings).Verdict);
        Assert.All(RecipeFindings.Ingredients(failing, Settings), f => Assert.Equal(Verdict.Inconclusive, f.Verdict));

        var diverged = Constructed(0.0119, double.NaN, 0.0120); // a NaN seed is the worst seed
        Assert.Equal(double.PositiveInfinity, RecipeResults.Worst(diverged.Main));
        Assert.Equal(Verdict.Contradicted, RecipeFindings.Headline(diverged, Settings).Verdict);

        var one = Constructed(0.0119);
        one = one with { Ablation = [.. one.Ablation.Select(a => a with { Without = a.Without with { Runs = [a.Without.Runs[^1]] } })] };
        Assert.All(RecipeFindings.Ingredients(one, Settings), f => Assert.Equal(Verdict.Inconclusive, f.Verdict));
        Assert.Contains("the ablation needs 3", RecipeFindings.Ingredients(one, Settings)[0].Explanation);
    }

    [Fact]
    public void Each_ablation_removes_exactly_its_ingredient()
    {
        var recipe = Settings.Recipe!;
        var full = recipe.ConfigFor(Settings, NoiseMode.Additive, 2);
        Assert.Equal((300, 15, 1e-2, InputScaling.Standardize, ForgetGateInitKind.Chrono, 100.0, ScheduleKind.OneCycle, NoiseMode.Additive, 2UL, "fused", 64),
            (full.Window, full.Epochs, full.LearningRate, full.InputScaling, full.ForgetGate.Kind, full.ForgetGate.MaxTimescale, full.Schedule.Kind, full.Data.Spec.Noise, full.InitSeed, full.Engine, full.HiddenSize));
        var expected = new Dictionary<RecipeIngredient, TrainingConfig>
        {
            [RecipeIngredient.Window] = full with { Window = 1 },
            [RecipeIngredient.Schedule] = full with { Schedule = LearningRateSchedule.Constant },
            [RecipeIngredient.ForgetGateInit] = full with { ForgetGate = ForgetGateInit.PyTorchDefault },
            [RecipeIngredient.InputStandardization] = full with { InputScaling = InputScaling.None },
        };
        foreach (var (ingredient, config) in expected)
            Assert.Equal(config, recipe.Without(ingredient).ConfigFor(Settings, NoiseMode.Additive, 2));

        var runs = Settings.RecipeRuns();
        Assert.Equal((3 + 4) * 3, runs.Count);
        Assert.Equal(runs.Count, runs.Select(r => r.Name).Distinct().Count());
        Assert.Contains(runs, r => r.Name == "recipe-additive-seed-0" && r.Without is null && r.Config == recipe.ConfigFor(Settings, NoiseMode.Additive, 0));
        Assert.Contains(runs, r => r.Name == "recipe-no-window-seed-1" && r.Config.Window == 1 && r.Config.Data.Spec.Noise == NoiseMode.Additive);
        Assert.Empty((Settings with { Recipe = null }).RecipeRuns());
    }

    [Fact]
    public void A_recipe_that_cannot_run_is_one_line()
    {
        var e = Assert.Throws<InvalidSpecException>(() => (Settings with { Recipe = Settings.Recipe! with { Epochs = 0 } }).Validate());
        Assert.Contains("epochs 0", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        e = Assert.Throws<InvalidSpecException>(() => (Settings with { Recipe = Settings.Recipe! with { Noises = [] } }).Validate());
        Assert.Contains("invalid learning recipe", e.Message);
    }
}

/// <summary>The ingredient rule on random seed MSEs: the verdict is exactly the stated rule, whatever the numbers.</summary>
public class RecipeIngredientRulePropertyTests
{
    private static readonly LearnabilitySettings Settings = StudyScales.Full.Learnability;

    private static LearnabilityCellResult Cell(int window, double[] mses)
    {
        var cell = new LearnabilityCell(NoiseMode.Additive, window, ResetPolicy.PerEpoch);
        return new(cell, [.. mses.Select((m, i) => new SeedRun(cell, (ulong)i, m, [m], m, 15, 5))], new DataBounds(NoiseMode.Additive, 0.5, 0.3353, 0, [0.5], [0.3353], [0], "quantile bins 50"));
    }

    [Fact]
    public void The_ingredient_verdict_is_the_stated_rule()
    {
        var mse = Gen.OneOf(Gen.Double[0, 0.6], Gen.Const(double.NaN), Gen.Double[0, 5]);
        Gen.Select(mse.Array[1, 4], mse.Array[1, 4]).Sample((recipe, without) =>
        {
            var results = new RecipeResults(Settings.Recipe!, [Cell(300, recipe)], [new(RecipeIngredient.Window, Cell(1, without))]);
            var verdict = RecipeFindings.Ingredient(results, results.Ablation[0], Settings).Verdict;
            double Worst(double[] m) => m.Any(double.IsNaN) ? double.PositiveInfinity : m.Max();
            bool learns = Worst(recipe) < 0.3353 - 0.025;
            var expected = Math.Min(recipe.Length, without.Length) < 3 || !learns ? Verdict.Inconclusive
                : Worst(without) - Worst(recipe) > 0.025 ? Verdict.Supported : Verdict.Contradicted;
            Assert.Equal(expected, verdict);
        }, iter: 500, seed: "0N0XIzNsQ0O2");
    }
}
