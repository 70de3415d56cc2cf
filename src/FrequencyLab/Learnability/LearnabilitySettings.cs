using FrequencyLab.Signals;
using FrequencyLab.Training;

namespace FrequencyLab.Learnability;

/// <summary>
/// What the learnability matrix runs: noise models × windows × reset policies × init seeds, each a training run of
/// <see cref="Epochs"/> epochs on generated train (seed 1) and test (seed 2) rows of <see cref="Spec"/> in blocks order.
/// </summary>
public sealed record LearnabilitySettings
{
    public NoiseMode[] Noises { get; init; } = [NoiseMode.PerSample, NoiseMode.PerSeries, NoiseMode.Additive];
    public int[] Windows { get; init; } = [1, 10, 100, 1000];
    public ResetPolicy[] Resets { get; init; } = [ResetPolicy.PerEpoch, ResetPolicy.PerBlock];
    public ulong[] InitSeeds { get; init; } = [0, 1, 2];
    /// <summary>The report's task (its noise mode is replaced by each of <see cref="Noises"/>).</summary>
    public SignalSpec Spec { get; init; } = SignalSpec.Default;
    public int Epochs { get; init; } = 5;
    public int HiddenSize { get; init; } = 64;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>The engine every cell runs on (one engine for all, so cells compare): the fused engine, whose windows match
    /// the double-precision reference and PyTorch's loop (tested) at a small fraction of TorchSharp's time per epoch.</summary>
    public string Engine { get; init; } = "fused";
    /// <summary>The scale's name ("full", "quick", "tiny"): shown with every result so a quick matrix is never mistaken for the full one.</summary>
    public string Label { get; init; } = "full";

    /// <summary>The training recipe run beside the matrix on each of its noise models, and its ablation (one ingredient
    /// removed at a time), over <see cref="InitSeeds"/>; null runs the matrix alone (<c>freqlab learnability --no-recipe</c>,
    /// and matrix folders written before the recipe existed, whose settings.json has none).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public LearningRecipe? Recipe { get; init; }

    /// <summary>The recipe's runs: each noise model of the recipe, then each ablation on its task, every init seed; named
    /// <c>recipe-additive-seed-0</c>, <c>recipe-no-window-seed-1</c> in the run store (empty without a recipe).</summary>
    public IReadOnlyList<RecipeRun> RecipeRuns()
    {
        if (Recipe is not { } r) return [];
        var runs = new List<RecipeRun>();
        foreach (var noise in r.Noises)
            foreach (var seed in InitSeeds)
                runs.Add(new RecipeRun($"recipe-{Data.DataNames.Of(noise)}-seed-{seed}", noise, null, seed, r.ConfigFor(this, noise, seed)));
        foreach (var ingredient in RecipeIngredients.All)
            foreach (var seed in InitSeeds)
                runs.Add(new RecipeRun($"recipe-no-{RecipeIngredients.Key(ingredient)}-seed-{seed}", r.Task, ingredient, seed, r.Without(ingredient).ConfigFor(this, r.Task, seed)));
        return runs;
    }

    /// <summary>The matrix the issue asks for: the report's task and model, 5 epochs, 3 noise models × L ∈ {1, 10, 100, 1000}
    /// × 2 resets × 3 seeds = 72 runs: measured 2 min 41 s wall (155 CPU-s, one core busy) on the fused engine on a shared
    /// 2-core machine; on torch it was not run (an hour or more from TorchSharp's 15–40 CPU-s per L = 1 epoch). The full row
    /// of <see cref="Scales.StudyScales"/>; the reduced matrices are the other rows' (<c>StudyScales.Quick.Learnability</c>).</summary>
    public static LearnabilitySettings Full => Scales.StudyScales.Full.Learnability;

    /// <summary>The cells in run order (noise, then reset, then window); windows longer than the training rows are left out.</summary>
    public IReadOnlyList<LearnabilityCell> Cells()
    {
        int rows = Spec.SampleCount * Spec.FrequencyCount;
        return [.. from noise in Noises from reset in Resets from window in Windows where window <= rows select new LearnabilityCell(noise, window, reset)];
    }

    /// <summary>The training config of one cell and seed.</summary>
    public TrainingConfig ConfigFor(LearnabilityCell cell, ulong initSeed) => TrainingConfig.Report with
    {
        Data = new TrainingDataConfig { Spec = Spec with { Noise = cell.Noise } },
        HiddenSize = HiddenSize,
        Epochs = Epochs,
        LearningRate = LearningRate,
        InitSeed = initSeed,
        Engine = Engine,
        Reset = cell.Reset,
        Window = cell.Window,
        CheckpointEvery = 0,
    };

    public LearnabilitySettings Validate()
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid learnability settings: {m}");
        Spec.Validate();
        if (Noises.Length == 0 || Windows.Length == 0 || Resets.Length == 0 || InitSeeds.Length == 0) Fail("every axis needs at least one value");
        if (Resets.Any(r => r is not (ResetPolicy.PerEpoch or ResetPolicy.PerBlock))) Fail("resets are per-epoch or per-block");
        if (Cells().Count == 0) Fail("every window is longer than the training rows");
        foreach (var cell in Cells()) ConfigFor(cell, InitSeeds[0]).Validate();
        Recipe?.Validate(this);
        return this;
    }
}

/// <summary>One run of the recipe or its ablation: its run-store name, noise model, the ingredient removed (null for the
/// recipe itself), init seed and training config.</summary>
public sealed record RecipeRun(string Name, NoiseMode Noise, RecipeIngredient? Without, ulong InitSeed, TrainingConfig Config);
