using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Model;
using FrequencyLab.Signals;

namespace FrequencyLab.Training;

/// <summary>Which epoch-level number the plateau scheduler and early stopping watch.</summary>
public enum MonitorMetric
{
    /// <summary>The epoch's mean per-row training loss (what the report watches).</summary>
    TrainLoss,
    /// <summary>The frozen (no-grad, stateful) MSE over the test rows after the epoch.</summary>
    TestMse,
}

/// <summary>How <see cref="ReduceLROnPlateau"/> decides that a value is better than the best so far (PyTorch's threshold_mode).</summary>
public enum ThresholdMode
{
    /// <summary>better ⇔ a &lt; best·(1 − threshold).</summary>
    Relative,
    /// <summary>better ⇔ a &lt; best − threshold.</summary>
    Absolute,
}

/// <summary>Where the rows come from: generated in memory from a spec and seeds, or read from files.</summary>
public sealed record TrainingDataConfig
{
    /// <summary>The report's task.</summary>
    public SignalSpec Spec { get; init; } = SignalSpec.Default;
    /// <summary>The report's training seed.</summary>
    public ulong TrainSeed { get; init; } = 1;
    /// <summary>The report's test seed: same task, fresh noise.</summary>
    public ulong TestSeed { get; init; } = 2;
    /// <summary>The report presents all of f1 in time order, then f2, … (its Blocks layout).</summary>
    public RowOrder Order { get; init; } = RowOrder.Blocks;
    /// <summary>A dataset file to train on instead of generating; recorded with its SHA-256 in the history.</summary>
    public string? TrainFile { get; init; }
    public string? TestFile { get; init; }
    /// <summary>Use only the first N rows of each set (quick runs and tests); null = all rows.</summary>
    public int? MaxRows { get; init; }

    public TrainingDataConfig Validate()
    {
        Spec.Validate();
        if (MaxRows is < 1) throw new InvalidSpecException($"invalid training config: max rows {MaxRows} must be at least 1");
        if (!Enum.IsDefined(Order)) throw new InvalidSpecException($"invalid training config: unknown row order {Order}");
        if ((TrainFile is null) != (TestFile is null))
            throw new InvalidSpecException("invalid training config: give both a train file and a test file, or neither");
        return this;
    }
}

/// <summary>
/// Everything that defines one training run (L = 1, or truncated BPTT over <see cref="Window"/> rows), so that the same config on the same data reproduces the same history.
/// Defaults are the report's Phase 3 run (Adam at 1e-3, 5 epochs, clip 1.0, H = 64, state reset per epoch, no schedule,
/// no early stopping); each default says why.
/// </summary>
public sealed record TrainingConfig
{
    public TrainingDataConfig Data { get; init; } = new();

    /// <summary>The report's LSTM(5→64) + Linear(64→1).</summary>
    public int HiddenSize { get; init; } = 64;

    /// <summary>The report's run: 5 epochs (its table has five rows).</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Adam's default, which the report used and blames (its Hypothesis 1).</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seed of the NumPy-compatible stream that draws PyTorch's default initialisation.</summary>
    public ulong InitSeed { get; init; } = 0;

    /// <summary>One of <see cref="EngineFactory.Names"/>: "fused" (hand-written CPU step), the default of every entry point
    /// because it is the fast one and agrees with the reference; or "torch" (TorchSharp, the reference the report ran on).</summary>
    public string Engine { get; init; } = FusedEngine.EngineName;

    /// <summary>The report used Adam with PyTorch's defaults and no weight decay.</summary>
    public OptimizerSettings Optimizer { get; init; } = OptimizerSettings.Report;

    /// <summary>The report's clip_grad_norm_(max_norm=1.0); +∞ disables clipping.</summary>
    public double MaxGradNorm { get; init; } = 1.0;

    /// <summary>The report zeroes (h, c) at the start of each epoch.</summary>
    public ResetPolicy Reset { get; init; } = ResetPolicy.PerEpoch;

    /// <summary>Truncated BPTT window L: rows forwarded with the carried state, one loss (their mean), one backward through all
    /// of them and one optimizer step per window; the state is detached at window edges (and windows end at a reset). 1 = the
    /// report's trainer exactly (detach after every row).</summary>
    public int Window { get; init; } = 1;

    /// <summary>Rows per optimizer step (the report's Strategy 3); 1 = one step per row, as the report ran.</summary>
    public int AccumulationSteps { get; init; } = 1;

    /// <summary>The learning-rate schedule, a factor on the learning rate at each optimizer step (times the plateau
    /// scheduler's reductions); constant, as the report ran.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;

    /// <summary>Linear warm-up length in epochs (the report's Plan C): <see cref="Schedule"/>'s, setting it makes the schedule
    /// a linear warm-up (0 = constant again). Kept as a shorthand; the JSON holds the schedule only.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int WarmupEpochs { get => Schedule.WarmupEpochs; init => Schedule = Schedule.WithWarmupEpochs(value); }

    /// <summary>LR factor at the first warm-up step (<see cref="Schedule"/>'s); Plan C starts at half the learning rate.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double WarmupStartFactor { get => Schedule.WarmupStartFactor; init => Schedule = Schedule with { WarmupStartFactor = value }; }

    // config.json and history.json written before the schedule existed held the warm-up at the top level: read them (as the
    // linear warm-up they describe), never write them.
    [System.Text.Json.Serialization.JsonInclude, System.Text.Json.Serialization.JsonPropertyName("warmupEpochs")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    private int? LegacyWarmupEpochs { get => null; init { if (value is { } v) WarmupEpochs = v; } }

    [System.Text.Json.Serialization.JsonInclude, System.Text.Json.Serialization.JsonPropertyName("warmupStartFactor")]
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    private double? LegacyWarmupStartFactor { get => null; init { if (value is { } v) WarmupStartFactor = v; } }

    /// <summary>True when the schedule is defined over the run's total epochs (cosine, one-cycle): a run of fewer epochs is
    /// then not the prefix of a longer one, and a resume may not change the epoch count.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool DependsOnEpochBudget => Schedule.DependsOnEpochBudget;

    /// <summary>Scaling of the input S, fitted on the training rows; none, as the report ran.</summary>
    public InputScaling InputScaling { get; init; } = InputScaling.None;

    /// <summary>The forget-gate bias initialisation; PyTorch's default, as the report ran.</summary>
    public ForgetGateInit ForgetGate { get; init; } = ForgetGateInit.PyTorchDefault;

    /// <summary>Forget Adam's moments at every epoch start (to test the report's Hypothesis 2); off as the report ran.</summary>
    public bool ResetOptimizerEachEpoch { get; init; } = false;

    /// <summary>What the plateau scheduler and early stopping watch; the report watches its train loss.</summary>
    public MonitorMetric Monitor { get; init; } = MonitorMetric.TrainLoss;

    /// <summary>ReduceLROnPlateau settings; null = constant learning rate (the report's run).</summary>
    public PlateauSettings? Plateau { get; init; }

    /// <summary>Early-stopping settings; null = run every epoch (the report's run).</summary>
    public EarlyStoppingSettings? EarlyStopping { get; init; }

    /// <summary>Also keep a checkpoint every N epochs (the report's save_every = 10); 0 = only last and best.</summary>
    public int CheckpointEvery { get; init; } = 10;

    /// <summary>The report's task.</summary>
    public static TrainingConfig Report { get; } = new();

    [System.Text.Json.Serialization.JsonIgnore]
    public ModelShape Shape => new(1 + Data.Spec.FrequencyCount, HiddenSize);

    /// <summary>The run's initial weights: PyTorch's default from <see cref="InitSeed"/>, with the <see cref="ForgetGate"/> biases.</summary>
    public float[] InitialWeights() => ModelInitializer.Initial(Shape, InitSeed, ForgetGate);

    /// <summary>Throws <see cref="InvalidSpecException"/> with one line naming the first problem; returns this config when valid.
    /// The engine must be one of <see cref="EngineFactory.Names"/>: the one check of engine names in the library.</summary>
    public TrainingConfig Validate() => Validate(ownEngine: false);

    /// <summary>As <see cref="Validate()"/>; with <paramref name="ownEngine"/> the caller builds the engine itself
    /// (<see cref="StatefulTrainer"/> given its own engine factory, e.g. the tests' scalar reference), so the name is not
    /// required to be one of the factory's.</summary>
    internal TrainingConfig Validate(bool ownEngine)
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid training config: {m}");
        ArgumentNullException.ThrowIfNull(Data);
        Data.Validate();
        if (HiddenSize < 1) Fail($"hidden size {HiddenSize} must be at least 1");
        Shape.Validate();
        if (Epochs < 1) Fail($"epochs {Epochs} must be at least 1");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) Fail($"learning rate {LearningRate} must be a positive number");
        if (string.IsNullOrWhiteSpace(Engine)) Fail("no engine named");
        if (!ownEngine && !EngineFactory.Names.Contains(Engine)) Fail(EngineFactory.UnknownEngine(Engine));
        ArgumentNullException.ThrowIfNull(Optimizer);
        Optimizer.Validate();
        if (!(MaxGradNorm > 0)) Fail($"gradient clip {MaxGradNorm} must be positive (use infinity to disable)");
        if (!Enum.IsDefined(Reset)) Fail($"unknown reset policy {Reset}");
        if (AccumulationSteps < 1) Fail($"accumulation steps {AccumulationSteps} must be at least 1");
        if (Window < 1) Fail($"window {Window} must be at least 1");
        if (Window > 1 && AccumulationSteps > 1) Fail($"window {Window} and accumulation {AccumulationSteps} together are not supported (a window is already one step over L rows)");
        if (Window > 1 && Reset == ResetPolicy.Stateless) Fail($"window {Window} with the stateless policy has no state to carry through the window");
        if (Window > 1 && !EngineFactory.SupportsWindow(Engine)) Fail($"engine '{Engine}' has no truncated BPTT: --window {Window} needs {string.Join(" or ", EngineFactory.WindowNames)}");
        ArgumentNullException.ThrowIfNull(Schedule);
        Schedule.Validate(Epochs);
        if (!Enum.IsDefined(InputScaling)) Fail($"unknown input scaling {InputScaling}");
        ArgumentNullException.ThrowIfNull(ForgetGate);
        ForgetGate.Validate();
        if (!Enum.IsDefined(Monitor)) Fail($"unknown monitor {Monitor}");
        Plateau?.Validate();
        EarlyStopping?.Validate();
        if (CheckpointEvery < 0) Fail($"checkpoint interval {CheckpointEvery} must not be negative");
        return this;
    }
}
