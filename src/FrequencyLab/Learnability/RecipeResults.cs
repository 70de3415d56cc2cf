using FrequencyLab.Signals;

namespace FrequencyLab.Learnability;

/// <summary>The recipe without one ingredient, trained on the recipe's task over the matrix's init seeds.</summary>
public sealed record AblationResult(RecipeIngredient Ingredient, LearnabilityCellResult Without);

/// <summary>
/// The recipe's runs: one cell per noise model of <see cref="LearningRecipe.Noises"/> (same budget each, the recipe's task
/// first) and the ablation on its task, each over the matrix's init seeds.
/// </summary>
public sealed record RecipeResults(LearningRecipe Recipe, IReadOnlyList<LearnabilityCellResult> Cells, IReadOnlyList<AblationResult> Ablation)
{
    /// <summary>The recipe on the task it was found for.</summary>
    public LearnabilityCellResult Main => Cells[0];

    public LearnabilityCellResult? On(NoiseMode noise) => Cells.FirstOrDefault(c => c.Cell.Noise == noise);

    /// <summary>The recipe on each noise model, then the recipe without each ingredient: worst and median seed, the verdict,
    /// and for the ablation whether the ingredient matters (<see cref="RecipeFindings.Ingredient"/>).</summary>
    public Charts.HtmlTable Table(LearnabilitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var ingredients = RecipeFindings.Ingredients(this, settings);
        static string Mse(LearnabilityCellResult c) => $"{Findings.Number.Format(Worst(c))} / {Findings.Number.Format(c.MedianTestMse)}";
        var rows = Cells.Select(c => (IReadOnlyList<string>)[$"the recipe on {Data.DataNames.Of(c.Cell.Noise)} data", Mse(c), LearnabilityRule.Describe(c.Verdict), ""])
            .Concat(Ablation.Select((a, i) => (IReadOnlyList<string>)[$"{RecipeIngredients.WithoutIt(a.Ingredient)}, {Data.DataNames.Of(a.Without.Cell.Noise)} data", Mse(a.Without),
                LearnabilityRule.Describe(a.Without.Verdict), ingredients[i].VerdictText]));
        return new(["run", "frozen test MSE, worst / median seed", "verdict", "ingredient matters"], rows,
            $"The recipe ({Recipe.Describe()}), {settings.InitSeeds.Length} init seeds, H = {settings.HiddenSize}, engine {settings.Engine} ({settings.Label} scale). Ingredients: {RecipeFindings.IngredientRule}");
    }

    /// <summary>The worst seed's frozen test MSE, NaN (a diverged seed) counting as +∞ as in <see cref="LearnabilityRule"/>.</summary>
    public static double Worst(LearnabilityCellResult c) => c.Runs.Any(r => double.IsNaN(r.TestMse)) ? double.PositiveInfinity : c.MaxTestMse;
}
