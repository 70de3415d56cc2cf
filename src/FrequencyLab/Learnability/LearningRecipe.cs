using System.Globalization;
using System.Text.Json.Serialization;
using FrequencyLab.Model;
using FrequencyLab.Signals;
using FrequencyLab.Training;

namespace FrequencyLab.Learnability;

/// <summary>
/// The training recipe that makes the additive task learnable (docs/learnability.md, found by a hand search on the fused
/// engine): truncated BPTT over <see cref="Window"/> rows, chrono forget-gate initialisation, a one-cycle schedule peaking at
/// <see cref="LearningRate"/>, standardised S and <see cref="Epochs"/> epochs. The task, model size and engine are the
/// matrix's (<see cref="LearnabilitySettings"/>); the recipe has its own epoch budget. Defaults are the full-scale recipe:
/// <c>freqlab train --engine fused --noise additive --window 300 --input-scaling standardize --forget-init chrono
/// --chrono-max 100 --schedule one-cycle --lr 1e-2 --epochs 15</c>.
/// </summary>
public sealed record LearningRecipe
{
    public int Window { get; init; } = 300;
    public int Epochs { get; init; } = 15;
    /// <summary>The one-cycle peak (and the constant learning rate of the ablation without a schedule).</summary>
    public double LearningRate { get; init; } = 1e-2;
    public InputScaling InputScaling { get; init; } = InputScaling.Standardize;
    /// <summary>Chrono with T_max = 100 rows: a tenth of the 1 Hz period, enough to carry the phase across a window of 300.</summary>
    public ForgetGateInit ForgetGate { get; init; } = new() { Kind = ForgetGateInitKind.Chrono, MaxTimescale = 100 };
    public LearningRateSchedule Schedule { get; init; } = new() { Kind = ScheduleKind.OneCycle };
    /// <summary>The noise models the recipe runs on, with the same budget; the first is the one it was found for and the one
    /// the ablation runs on (additive: the others have nothing a clock can learn, docs/learnability.md says why).</summary>
    public NoiseMode[] Noises { get; init; } = [NoiseMode.Additive, NoiseMode.PerSample, NoiseMode.PerSeries];

    [JsonIgnore]
    public NoiseMode Task => Noises[0];

    /// <summary>The recipe with one ingredient removed (the ablation's configurations).</summary>
    public LearningRecipe Without(RecipeIngredient ingredient) => ingredient switch
    {
        RecipeIngredient.Window => this with { Window = 1 },
        RecipeIngredient.Schedule => this with { Schedule = LearningRateSchedule.Constant },
        RecipeIngredient.ForgetGateInit => this with { ForgetGate = ForgetGateInit.PyTorchDefault },
        RecipeIngredient.InputStandardization => this with { InputScaling = InputScaling.None },
        _ => throw new ArgumentOutOfRangeException(nameof(ingredient)),
    };

    /// <summary>The training config of the recipe on <paramref name="noise"/> for one init seed, on the matrix's task, model and engine.</summary>
    public TrainingConfig ConfigFor(LearnabilitySettings settings, NoiseMode noise, ulong initSeed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.ConfigFor(new LearnabilityCell(noise, Window, ResetPolicy.PerEpoch), initSeed) with
        {
            Epochs = Epochs,
            LearningRate = LearningRate,
            InputScaling = InputScaling,
            ForgetGate = ForgetGate,
            Schedule = Schedule,
        };
    }

    /// <summary>The recipe in words, e.g. "L = 300, chrono forget init (T_max 100), one-cycle to lr 0.01, standardised S, 15 epochs".</summary>
    public string Describe()
    {
        var forget = ForgetGate.Kind switch
        {
            ForgetGateInitKind.Chrono => $"chrono forget init (T_max {Findings.Number.Format(ForgetGate.MaxTimescale)})",
            ForgetGateInitKind.Constant => $"forget bias {Findings.Number.Format(ForgetGate.Value)}",
            _ => "default forget init",
        };
        var schedule = Schedule.Kind == ScheduleKind.Constant ? $"constant lr {Findings.Number.Format(LearningRate)}"
            : $"{LearningRateSchedule.Name(Schedule.Kind)} to lr {Findings.Number.Format(LearningRate)}";
        var scaling = InputScaling == InputScaling.Standardize ? "standardised S" : "raw S";
        return string.Create(CultureInfo.InvariantCulture, $"L = {Window}, {forget}, {schedule}, {scaling}, {Epochs} epochs");
    }

    /// <summary>Throws <see cref="InvalidSpecException"/> (one line) when the recipe or one of its ablations cannot run on the matrix's task.</summary>
    public LearningRecipe Validate(LearnabilitySettings settings)
    {
        if (Noises is null || Noises.Length == 0 || Noises.Distinct().Count() != Noises.Length)
            throw new InvalidSpecException("invalid learning recipe: give each noise model once, at least one");
        foreach (var recipe in RecipeIngredients.All.Select(Without).Prepend(this))
            recipe.ConfigFor(settings, Task, 0).Validate();
        return this;
    }
}
