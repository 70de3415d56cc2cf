namespace FrequencyLab.Training;

/// <summary>The shape of a <see cref="LearningRateSchedule"/>.</summary>
public enum ScheduleKind
{
    /// <summary>The configured learning rate throughout (the report's run).</summary>
    Constant,
    /// <summary>Linear warm-up from a start factor to 1 over the first epochs, then constant (the report's Plan C; <see cref="LinearWarmup"/>).</summary>
    LinearWarmup,
    /// <summary>Cosine decay from the learning rate to a floor over the whole run (<see cref="CosineDecay"/>).</summary>
    Cosine,
    /// <summary>Smith's one-cycle: a cosine rise to the learning rate, then a cosine fall far below it (<see cref="OneCycle"/>).</summary>
    OneCycle,
}

/// <summary>When a <see cref="LearningRateSchedule"/> moves: after every optimizer step, or once per epoch (PyTorch: where
/// scheduler.step() is called).</summary>
public enum ScheduleUnit
{
    Step,
    Epoch,
}

/// <summary>
/// The learning-rate schedule of a run: a factor on <see cref="TrainingConfig.LearningRate"/> at each optimizer step, built
/// for the run's length by <see cref="Build"/>. Defaults: constant, as the report ran; each schedule's own parameters default
/// to PyTorch's (LinearLR's warm-up as the report's Plan C, OneCycleLR's pct_start, div_factor, final_div_factor).
/// </summary>
public sealed record LearningRateSchedule
{
    public ScheduleKind Kind { get; init; } = ScheduleKind.Constant;

    /// <summary>Per optimizer step (PyTorch's usual place for warm-up, cosine and one-cycle) or per epoch.</summary>
    public ScheduleUnit Unit { get; init; } = ScheduleUnit.Step;

    /// <summary>Linear warm-up: its length in epochs (0 = none).</summary>
    public int WarmupEpochs { get; init; } = 0;

    /// <summary>Linear warm-up: the factor at its first step; Plan C starts at half the learning rate.</summary>
    public double WarmupStartFactor { get; init; } = 0.5;

    /// <summary>Cosine: the factor it decays to (eta_min / lr); 0 as CosineAnnealingLR's default.</summary>
    public double Floor { get; init; } = 0.0;

    /// <summary>One-cycle: the fraction of the run spent rising (OneCycleLR's default 0.3).</summary>
    public double PctStart { get; init; } = 0.3;

    /// <summary>One-cycle: peak / initial learning rate (OneCycleLR's default 25).</summary>
    public double DivFactor { get; init; } = 25;

    /// <summary>One-cycle: initial / final learning rate (OneCycleLR's default 1e4).</summary>
    public double FinalDivFactor { get; init; } = 1e4;

    public static LearningRateSchedule Constant { get; } = new();

    /// <summary>True when the factor at a step depends on the run's total epochs (cosine, one-cycle): a shorter run is then
    /// not the prefix of a longer one, and a resume cannot change the epoch count.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool DependsOnEpochBudget => Kind is ScheduleKind.Cosine or ScheduleKind.OneCycle;

    /// <summary>This schedule with a linear warm-up of <paramref name="epochs"/> epochs (0 turns a warm-up back into constant);
    /// a cosine or one-cycle schedule keeps its kind, and <see cref="Validate"/> refuses the warm-up it cannot use.</summary>
    public LearningRateSchedule WithWarmupEpochs(int epochs) => Kind switch
    {
        ScheduleKind.Constant or ScheduleKind.LinearWarmup => this with { Kind = epochs == 0 ? ScheduleKind.Constant : ScheduleKind.LinearWarmup, WarmupEpochs = epochs },
        _ => this with { WarmupEpochs = epochs },
    };

    /// <summary>Throws <see cref="InvalidSpecException"/> (one line) for a schedule no run of <paramref name="epochs"/> epochs can follow.</summary>
    public LearningRateSchedule Validate(int epochs)
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid training config: {m}");
        if (!Enum.IsDefined(Kind)) Fail($"unknown learning-rate schedule {Kind}");
        if (!Enum.IsDefined(Unit)) Fail($"unknown schedule unit {Unit}");
        if (WarmupEpochs < 0) Fail($"warm-up epochs {WarmupEpochs} must not be negative");
        if (!(WarmupStartFactor > 0 && WarmupStartFactor <= 1)) Fail($"warm-up start factor {WarmupStartFactor} must be in (0, 1]");
        if (Kind == ScheduleKind.LinearWarmup && WarmupEpochs == 0) Fail("the linear-warmup schedule needs at least 1 warm-up epoch (--warmup-epochs)");
        if (WarmupEpochs > 0 && Kind != ScheduleKind.LinearWarmup)
            Fail($"warm-up epochs apply to the linear-warmup schedule, not to {Name(Kind)} (one-cycle has its own rise: --schedule-pct-start)");
        if (!(Floor >= 0 && Floor < 1)) Fail($"cosine floor {Floor} must be in [0, 1)");
        if (!(PctStart > 0 && PctStart < 1)) Fail($"one-cycle pct start {PctStart} must be in (0, 1)");
        if (!(DivFactor >= 1) || !double.IsFinite(DivFactor)) Fail($"one-cycle div factor {DivFactor} must be a number of at least 1");
        if (!(FinalDivFactor >= 1) || !double.IsFinite(FinalDivFactor)) Fail($"one-cycle final div factor {FinalDivFactor} must be a number of at least 1");
        if (Kind == ScheduleKind.OneCycle && Unit == ScheduleUnit.Epoch) CheckOneCycle(epochs, "epochs");
        return this;
    }

    /// <summary>The curve for a run of <paramref name="epochs"/> epochs of <paramref name="stepsPerEpoch"/> optimizer steps each.</summary>
    public IScheduleCurve Build(long stepsPerEpoch, int epochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        Validate(epochs);
        bool perEpoch = Unit == ScheduleUnit.Epoch;
        long total = perEpoch ? epochs : epochs * stepsPerEpoch;
        IScheduleCurve curve = Kind switch
        {
            ScheduleKind.LinearWarmup when WarmupEpochs > 0 => new LinearWarmup(WarmupStartFactor, perEpoch ? WarmupEpochs : WarmupEpochs * stepsPerEpoch),
            ScheduleKind.Cosine => new CosineDecay(Floor, total),
            ScheduleKind.OneCycle => new OneCycle(CheckOneCycle(total, perEpoch ? "epochs" : "optimizer steps"), PctStart, DivFactor, FinalDivFactor),
            _ => LinearWarmup.None,
        };
        return perEpoch && !ReferenceEquals(curve, LinearWarmup.None) ? new PerEpoch(curve, stepsPerEpoch) : curve;
    }

    /// <summary>The schedule's name on the command line and in tables: constant, linear-warmup, cosine, one-cycle.</summary>
    public static string Name(ScheduleKind kind) => kind switch
    {
        ScheduleKind.LinearWarmup => "linear-warmup",
        ScheduleKind.OneCycle => "one-cycle",
        _ => kind.ToString().ToLowerInvariant(),
    };

    // OneCycleLR divides by its rise's length pct·T − 1: it must be positive (PyTorch computes 0/0 at step 0 when it is 0).
    private long CheckOneCycle(long total, string units)
    {
        if (!(PctStart * total > 1))
            throw new InvalidSpecException($"invalid training config: one-cycle over {total} {units} with pct start {PctStart} has no rise (needs pct start × {units} > 1)");
        return total;
    }

    /// <summary>A curve over epochs applied to steps: every step of epoch e gets the factor of e.</summary>
    private sealed record PerEpoch(IScheduleCurve Curve, long StepsPerEpoch) : IScheduleCurve
    {
        public double Factor(long step) => Curve.Factor(step / StepsPerEpoch);
    }
}
