namespace FrequencyLab.Learnability;

/// <summary>One choice of <see cref="LearningRecipe"/> that the ablation removes, one at a time.</summary>
public enum RecipeIngredient
{
    /// <summary>Truncated BPTT over <see cref="LearningRecipe.Window"/> rows; removed: L = 1, the report's trainer.</summary>
    Window,
    /// <summary>The learning-rate schedule (one-cycle); removed: the constant learning rate at the recipe's peak.</summary>
    Schedule,
    /// <summary>The forget-gate bias initialisation (chrono); removed: PyTorch's default.</summary>
    ForgetGateInit,
    /// <summary>Standardising S with the training rows' mean and std; removed: S as generated.</summary>
    InputStandardization,
}

/// <summary>Names of <see cref="RecipeIngredient"/> for run names, tables and JSON.</summary>
public static class RecipeIngredients
{
    public static IReadOnlyList<RecipeIngredient> All { get; } = Enum.GetValues<RecipeIngredient>();

    /// <summary>"window", "schedule", "forget-init", "standardization": run names (recipe-no-window-seed-0) and JSON.</summary>
    public static string Key(RecipeIngredient i) => i switch
    {
        RecipeIngredient.Window => "window",
        RecipeIngredient.Schedule => "schedule",
        RecipeIngredient.ForgetGateInit => "forget-init",
        _ => "standardization",
    };

    /// <summary>What removing the ingredient leaves, as a table row shows it.</summary>
    public static string WithoutIt(RecipeIngredient i) => i switch
    {
        RecipeIngredient.Window => "no window (L = 1, the report's trainer)",
        RecipeIngredient.Schedule => "no schedule (constant learning rate)",
        RecipeIngredient.ForgetGateInit => "no forget-gate initialisation (PyTorch's default)",
        _ => "no standardisation (S as generated)",
    };
}
