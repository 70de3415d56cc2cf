using FrequencyLab.Data;
using FrequencyLab.Findings;
using FrequencyLab.Signals;

namespace FrequencyLab.Learnability;

/// <summary>The findings of the recipe and its ablation: one per ingredient, and the headline (does the recipe learn, against
/// which bounds, which ingredients matter, how far the other noise models get with the same budget).</summary>
public static class RecipeFindings
{
    /// <summary>An ingredient matters when removing it raises the worst seed's frozen test MSE by more than this fraction of
    /// MSE(zero) (0.025 for unit sines). The same 5 % as <see cref="LearnabilityRule.MarginFraction"/>: a change smaller than
    /// that is within the seed-to-seed spread the matrix and the hand search saw (e.g. 0.0101–0.0223 over three seeds of one
    /// configuration), so it is not evidence that the ingredient does anything.</summary>
    public const double MarginFraction = 0.05;

    /// <summary>An ablation judges on at least this many init seeds (the issue's ≥ 3); fewer (the tiny scale) is inconclusive.</summary>
    public const int MinSeeds = 3;

    private static Measurement TestMse(string name, LearnabilityCellResult c) =>
        new($"frozen test MSE, {name}", c.MedianTestMse, "MSE", c.MinTestMse, c.MaxTestMse, $"min–max over {c.Runs.Count} init seeds");

    private static string Label(LearnabilitySettings s) => s.Label == Scales.StudyScales.FullName ? "" : $" ({s.Label} scale)";

    public static string IngredientRule =>
        $"supported when removing the ingredient raises the worst seed's frozen test MSE by more than {MarginFraction:0.##} × MSE(zero); " +
        $"contradicted when it does not; inconclusive with fewer than {MinSeeds} init seeds or when the recipe itself does not learn beyond the memoryless bound";

    /// <summary>What one ingredient is worth: the recipe against the recipe without it, worst seed against worst seed.</summary>
    public static Finding Ingredient(RecipeResults results, AblationResult ablation, LearnabilitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(ablation);
        ArgumentNullException.ThrowIfNull(settings);
        var main = results.Main;
        double margin = MarginFraction * main.Bounds.ZeroMse;
        double with = RecipeResults.Worst(main), without = RecipeResults.Worst(ablation.Without);
        double cost = without - with;
        int seeds = Math.Min(main.Runs.Count, ablation.Without.Runs.Count);
        // A recipe that does not learn its task has nothing to lose: its ingredients are not judged (the small scales).
        bool learns = main.Verdict == LearnabilityVerdict.LearnsBeyondMemoryless;
        var verdict = seeds < MinSeeds || !learns ? Verdict.Inconclusive : cost > margin ? Verdict.Supported : Verdict.Contradicted;
        var key = RecipeIngredients.Key(ablation.Ingredient);
        var outcome = verdict switch
        {
            Verdict.Supported => $"it matters: without it the worst seed rises by {Number.Format(cost)}, more than the margin {Number.Format(margin)}",
            Verdict.Contradicted => $"it is not needed at this budget: without it the worst seed changes by {Number.Format(cost)}, within the margin {Number.Format(margin)}",
            _ when !learns => $"undecided: the recipe itself {LearnabilityRule.Describe(main.Verdict)}, so there is nothing for the ingredient to be worth; the worst seed changes by {Number.Format(cost)}",
            _ => $"undecided on {seeds} init seed{(seeds == 1 ? "" : "s")} (the ablation needs {MinSeeds}); the worst seed changes by {Number.Format(cost)}",
        };
        return new Finding(
            $"Does the recipe need its {key}{Label(settings)}?",
            verdict,
            $"On {DataNames.Of(main.Cell.Noise)} data, {outcome}: {Number.Format(without)} with {RecipeIngredients.WithoutIt(ablation.Ingredient)} against {Number.Format(with)} for the recipe (worst of {seeds} seeds).",
            IngredientRule,
            [TestMse("the recipe", main), TestMse(RecipeIngredients.WithoutIt(ablation.Ingredient), ablation.Without),
             new("worst-seed cost of removing it", cost, "MSE"), new("margin", margin, "MSE")]);
    }

    public static IReadOnlyList<Finding> Ingredients(RecipeResults results, LearnabilitySettings settings) =>
        [.. results.Ablation.Select(a => Ingredient(results, a, settings))];

    /// <summary>The causal linear filter a model with the recipe's window is judged against: the longest measured one of at most
    /// <see cref="LearningRecipe.Window"/> taps (null when none was measured).</summary>
    public static LinearFilterBound? FilterFor(RecipeResults results) =>
        results.Main.Bounds.LinearFilters.Where(f => f.Taps <= results.Recipe.Window && double.IsFinite(f.Mse)).MaxBy(f => f.Taps);

    /// <summary>The headline: does the recipe learn its task beyond the memoryless bound (every seed, <see cref="LearnabilityRule"/>)?
    /// Its worst-seed and median MSE against the linear filter of its window and the memoryless bound, the ingredients that
    /// matter (from <see cref="Ingredients"/>) and the other noise models with the same budget.</summary>
    public static Finding Headline(RecipeResults results, LearnabilitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        var main = results.Main;
        var b = main.Bounds;
        bool learns = main.Verdict == LearnabilityVerdict.LearnsBeyondMemoryless;
        var ingredients = Ingredients(results, settings).Zip(results.Ablation).ToArray();
        string Names(Verdict v) => string.Join(", ", ingredients.Where(p => p.First.Verdict == v).Select(p =>
            $"{RecipeIngredients.Key(p.Second.Ingredient)} ({Number.Format(RecipeResults.Worst(p.Second.Without))} without it)"));
        var matter = Names(Verdict.Supported);
        var notNeeded = Names(Verdict.Contradicted);
        var undecided = Names(Verdict.Inconclusive);
        var filter = FilterFor(results);
        var text = new System.Text.StringBuilder();
        text.Append($"The recipe{Label(settings)} ({results.Recipe.Describe()}) on {DataNames.Of(main.Cell.Noise)} data: worst seed {Number.Format(RecipeResults.Worst(main))}, median {Number.Format(main.MedianTestMse)} ");
        text.Append($"against {Number.Format(b.MemorylessMse)} for the best memoryless predictor");
        if (filter is not null) text.Append($" and {Number.Format(filter.Mse)} for the causal linear filter of {filter.Taps} samples");
        text.Append($"; it {LearnabilityRule.Describe(main.Verdict)}. ");
        if (matter.Length > 0) text.Append($"Ingredients that matter: {matter}. ");
        if (notNeeded.Length > 0) text.Append($"Not needed at this budget: {notNeeded}. ");
        if (undecided.Length > 0) text.Append($"Undecided ({(learns ? "too few seeds" : "the recipe does not learn here")}): {undecided}. ");
        foreach (var other in results.Cells.Skip(1))
        {
            var ob = other.Bounds;
            var best = ob.LinearFilters.Where(f => double.IsFinite(f.Mse)).MinBy(f => f.Mse);
            text.Append($"With the same budget, {DataNames.Of(other.Cell.Noise)} data: worst seed {Number.Format(RecipeResults.Worst(other))} against zero {Number.Format(ob.ZeroMse)} and memoryless {Number.Format(ob.MemorylessMse)}");
            text.Append(best is null ? "" : $" (the best causal linear filter, {best.Taps} tap{(best.Taps == 1 ? "" : "s")}: {Number.Format(best.Mse)})");
            text.Append($": it {LearnabilityRule.Describe(other.Verdict)}");
            // Why, from the numbers: a past of S that no causal filter can use beyond S itself holds no clock to learn; a test
            // MSE above predicting zero with a low train loss is a fit of the training draw that the test draw does not share.
            double margin = LearnabilityRule.MarginFraction * ob.ZeroMse;
            double trainLoss = other.Runs.Max(r => r.TrainLoss);
            if (best is not null && best.Mse >= ob.MemorylessMse - margin)
                text.Append($" — no causal filter of S's past beats S alone here, so its past holds no clock to learn");
            if (other.MinTestMse > ob.ZeroMse && trainLoss < ob.ZeroMse - margin)
                text.Append($" — it fits the training draw (last train loss at most {Number.Format(trainLoss)}) but not the test draw's amplitudes and phases");
            text.Append(". ");
        }
        var measurements = new List<Measurement>
        {
            TestMse($"the recipe ({DataNames.Of(main.Cell.Noise)})", main),
            new("worst seed", RecipeResults.Worst(main), "MSE"),
            new("best memoryless predictor", b.MemorylessMse, "MSE"),
        };
        if (filter is not null) measurements.Add(new($"causal linear filter, {filter.Taps} taps", filter.Mse, "MSE"));
        measurements.Add(new("predict zero", b.ZeroMse, "MSE"));
        measurements.AddRange(results.Cells.Skip(1).Select(c => TestMse($"the recipe ({DataNames.Of(c.Cell.Noise)})", c)));
        measurements.AddRange(results.Ablation.Select(a => TestMse(RecipeIngredients.WithoutIt(a.Ingredient), a.Without)));
        return new Finding(
            "What makes the task learnable: does the training recipe pull the clean sinusoid out of the mixture?",
            learns ? Verdict.Supported : Verdict.Contradicted,
            text.ToString().TrimEnd(),
            $"supported when the recipe {LearnabilityRule.Describe(LearnabilityVerdict.LearnsBeyondMemoryless)} on its task ({LearnabilityRule.Text}); ingredients: {IngredientRule}",
            measurements);
    }

    /// <summary>What a teacher should change in the report's trainer, from the ablation: the ingredients found to matter, each
    /// with what removing it costs; supported when the recipe learns its task and at least one ingredient matters.</summary>
    public static Finding ForTheTeacher(RecipeResults results, LearnabilitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        var main = results.Main;
        var judged = Ingredients(results, settings).Zip(results.Ablation).ToArray();
        var matter = judged.Where(p => p.First.Verdict == Verdict.Supported).Select(p => p.Second).ToArray();
        bool learns = main.Verdict == LearnabilityVerdict.LearnsBeyondMemoryless;
        // A recipe that does not learn here (the small scales) cannot say what to change: inconclusive, as is one whose
        // ingredients all stay within the margin.
        var verdict = learns && matter.Length > 0 ? Verdict.Supported : Verdict.Inconclusive;
        string Why(AblationResult a) => a.Ingredient switch
        {
            RecipeIngredient.Window => $"carry the gradient through the state over {results.Recipe.Window} rows (truncated BPTT) instead of detaching (h, c) after every row: without it the worst seed scores {Number.Format(RecipeResults.Worst(a.Without))}",
            RecipeIngredient.Schedule => $"use a {LearningRateSchedule(results.Recipe)} schedule instead of a constant learning rate: without it {Number.Format(RecipeResults.Worst(a.Without))}",
            RecipeIngredient.ForgetGateInit => $"initialise the forget gate for long memory (chrono) instead of PyTorch's default: without it {Number.Format(RecipeResults.Worst(a.Without))}",
            _ => $"standardise S: without it {Number.Format(RecipeResults.Worst(a.Without))}",
        };
        var explanation = verdict switch
        {
            Verdict.Supported => $"Change the report's trainer{Label(settings)}: {string.Join("; ", matter.Select(Why))} — against {Number.Format(RecipeResults.Worst(main))} for the whole recipe, " +
                                 $"where S alone allows {Number.Format(main.Bounds.MemorylessMse)}. The report's trainer has none of these, which is why its weights learn nothing they keep.",
            Verdict.Inconclusive when learns => $"The recipe{Label(settings)} learns (worst seed {Number.Format(RecipeResults.Worst(main))}), but no single ingredient's removal costs more than the margin: none can be singled out at this budget.",
            _ => $"The recipe{Label(settings)} does not learn its task here (worst seed {Number.Format(RecipeResults.Worst(main))} against {Number.Format(main.Bounds.MemorylessMse)} memoryless), so this run cannot say what to change; the full scale's recipe is the reference.",
        };
        return new Finding("What should a teacher change in the report's trainer, and why?", verdict, explanation,
            $"supported when the recipe learns beyond the memoryless bound and at least one ingredient matters ({IngredientRule}); inconclusive otherwise; names only the ingredients that matter",
            [TestMse("the recipe", main), .. results.Ablation.Select(a => TestMse(RecipeIngredients.WithoutIt(a.Ingredient), a.Without))]);
    }

    private static string LearningRateSchedule(LearningRecipe r) => Training.LearningRateSchedule.Name(r.Schedule.Kind);
}
