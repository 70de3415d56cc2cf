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

    /// <summary>The worst seed's frozen test MSE, NaN (a diverged seed) counting as +∞ as in <see cref="LearnabilityRule"/>.</summary>
    public static double Worst(LearnabilityCellResult c) => c.Runs.Any(r => double.IsNaN(r.TestMse)) ? double.PositiveInfinity : c.MaxTestMse;
}
