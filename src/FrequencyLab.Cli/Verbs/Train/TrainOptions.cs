using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FrequencyLab.Cli.Options;
using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Model;
using FrequencyLab.Training;

namespace FrequencyLab.Cli.Verbs.Train;

/// <summary>
/// The options of <c>freqlab train</c> and how they change a <see cref="TrainingConfig"/>. Options have no parser
/// defaults: an option changes the config only when given, so the same code builds a new run's config from the report's
/// defaults and checks a resumed run's flags against its stored config.
/// </summary>
internal sealed class TrainOptions
{
    private static readonly TrainingConfig D = TrainingConfig.Report;

    public Option<double?> LearningRate { get; } = SharedOptions.Number("--lr", $"Learning rate (default {D.LearningRate}, the report's).");
    public Option<int?> Epochs { get; } = new("--epochs") { Description = $"Epochs (default {D.Epochs}); may be raised on --resume." };
    public Option<ulong?> InitSeed { get; } = new("--init-seed") { Description = $"Seed of the initial weights (default {D.InitSeed})." };
    public Option<string?> Order { get; } = SharedOptions.Choice("--order", "Row order (default blocks, the report's).", "blocks", "interleaved");
    public Option<string?> Reset { get; } = SharedOptions.Choice("--reset", "When (h, c) is zeroed (default per-epoch, the report's).", "per-epoch", "per-block", "never", "stateless");
    public Option<string?> Optimizer { get; } = SharedOptions.Choice("--optimizer", "Optimizer (default adam).", "adam", "sgd");
    public Option<double?> Momentum { get; } = SharedOptions.Number("--momentum", "SGD momentum (default 0.9).");
    public Option<double?> WeightDecay { get; } = SharedOptions.Number("--weight-decay", "L2 weight decay (default 0).");
    public Option<int?> Hidden { get; } = new("--hidden") { Description = $"LSTM hidden size (default {D.HiddenSize})." };
    public Option<string?> Engine { get; } = SharedOptions.Engine($"Training engine: {string.Join(" or ", EngineFactory.Names)} (default {D.Engine}).");
    public Option<double?> Clip { get; } = new("--clip") { Description = "Max global gradient norm (default 1.0; 'none' disables).", HelpName = "NORM|none", CustomParser = ParseClip };
    public Option<int?> Accumulate { get; } = new("--accumulate") { Description = "Rows per optimizer step (gradient accumulation, default 1)." };
    public Option<int?> Window { get; } = new("--window") { Description = $"Truncated BPTT window L in rows: one loss, one backward and one step per L rows (default {D.Window} = detach every row, the report's; torch and fused engines)." };
    public Option<string?> Schedule { get; } = SharedOptions.Choice("--schedule", "Learning-rate schedule (default constant, the report's; linear-warmup is set by --warmup-epochs).",
        [.. Enum.GetValues<ScheduleKind>().Select(LearningRateSchedule.Name)]);
    public Option<string?> ScheduleUnit { get; } = SharedOptions.Choice("--schedule-unit", "Move the schedule after every optimizer step or once per epoch (default step).", "step", "epoch");
    public Option<double?> CosineFloor { get; } = SharedOptions.Number("--cosine-floor", $"Cosine: the factor of the learning rate it decays to (default {LearningRateSchedule.Constant.Floor}).");
    public Option<double?> PctStart { get; } = SharedOptions.Number("--one-cycle-pct-start", $"One-cycle: fraction of the run spent rising (default {LearningRateSchedule.Constant.PctStart}).");
    public Option<double?> DivFactor { get; } = SharedOptions.Number("--one-cycle-div", $"One-cycle: peak / initial learning rate (default {LearningRateSchedule.Constant.DivFactor}).");
    public Option<double?> FinalDivFactor { get; } = SharedOptions.Number("--one-cycle-final-div", $"One-cycle: initial / final learning rate (default {LearningRateSchedule.Constant.FinalDivFactor}).");
    public Option<int?> WarmupEpochs { get; } = new("--warmup-epochs") { Description = "Linear warm-up length in epochs: the linear-warmup schedule (default 0 = none)." };
    public Option<double?> WarmupStart { get; } = SharedOptions.Number("--warmup-start-factor", $"LR factor at the first warm-up step (default {D.WarmupStartFactor}).");
    public Option<string?> InputScaling { get; } = SharedOptions.Choice("--input-scaling", "Scale S before the model: standardize = (S − mean)/std with the training rows' statistics (default none, the report's).", "none", "standardize");
    public Option<string?> ForgetInit { get; } = SharedOptions.Choice("--forget-init", "Forget-gate bias initialisation (default: PyTorch's).", [.. Enum.GetValues<ForgetGateInitKind>().Select(ForgetGateInit.Name)]);
    public Option<double?> ForgetBias { get; } = SharedOptions.Number("--forget-bias", $"--forget-init constant: the forget bias (default {ForgetGateInit.PyTorchDefault.Value}).");
    public Option<double?> ChronoMax { get; } = SharedOptions.Number("--chrono-max", $"--forget-init chrono: T_max, the longest memory time scale in rows (default {ForgetGateInit.PyTorchDefault.MaxTimescale}).");
    public Option<bool> ResetOptimizer { get; } = new("--reset-optimizer-each-epoch") { Description = "Forget the optimizer state at each epoch start (Hypothesis 2)." };
    public Option<string?> Monitor { get; } = SharedOptions.Choice("--monitor", "What the plateau schedule and early stopping watch (default train-loss).", "train-loss", "test-mse");
    public Option<int?> Patience { get; } = new("--patience") { Description = "Enable early stopping with this patience (Lightning semantics)." };
    public Option<double?> MinDelta { get; } = SharedOptions.Number("--min-delta", "Early stopping: smallest improvement that counts (default 0; enables early stopping).");
    public Option<bool> Plateau { get; } = new("--plateau") { Description = "Enable ReduceLROnPlateau (PyTorch defaults unless set below)." };
    public Option<double?> PlateauFactor { get; } = SharedOptions.Number("--plateau-factor", "ReduceLROnPlateau factor (default 0.1).");
    public Option<int?> PlateauPatience { get; } = new("--plateau-patience") { Description = "ReduceLROnPlateau patience (default 10)." };
    public Option<double?> PlateauThreshold { get; } = SharedOptions.Number("--plateau-threshold", "ReduceLROnPlateau threshold (default 1e-4).");
    public Option<string?> PlateauThresholdMode { get; } = SharedOptions.Choice("--plateau-threshold-mode", "ReduceLROnPlateau threshold mode (default rel).", "rel", "abs");
    public Option<int?> PlateauCooldown { get; } = new("--plateau-cooldown") { Description = "ReduceLROnPlateau cooldown (default 0)." };
    public Option<double?> MinLr { get; } = SharedOptions.Number("--min-lr", "ReduceLROnPlateau min_lr (default 0).");
    public Option<int?> CheckpointEvery { get; } = new("--checkpoint-every") { Description = $"Also keep a checkpoint every N epochs (default {D.CheckpointEvery}; 0 = only last and best)." };
    public Option<string?> TrainFile { get; } = new("--train") { Description = "Training dataset file (.npy or .csv); default: generate the report's task.", HelpName = "FILE" };
    public Option<string?> TestFile { get; } = new("--test") { Description = "Test dataset file; required with --train.", HelpName = "FILE" };
    public Option<ulong?> TrainSeed { get; } = new("--train-seed") { Description = "Seed of the generated training set (default 1)." };
    public Option<ulong?> TestSeed { get; } = new("--test-seed") { Description = "Seed of the generated test set (default 2)." };
    public Option<string?> Noise { get; } = SharedOptions.Choice("--noise", "Noise model of the generated sets (default per-sample, the report's).", [.. DataNames.NoiseNames]);
    public Option<double?> NoiseStd { get; } = SharedOptions.Number("--noise-std", $"Std of the additive noise (default {Signals.SignalSpec.DefaultNoiseStd}; --noise additive only).");
    public Option<int?> MaxRows { get; } = new("--max-rows") { Description = "Use only the first N rows of each set (quick runs)." };
    public Option<string?> Out { get; } = SharedOptions.Out("Run folder (config, history.json, checkpoints).", "RUN_DIR");
    public Option<string?> Resume { get; } = new("--resume") { Description = "Continue the run in RUN_DIR (or in --out) from its last checkpoint.", HelpName = "RUN_DIR", Arity = ArgumentArity.ZeroOrOne };
    public Option<bool> Json { get; } = SharedOptions.Json("Print the history as JSON instead of the table.");

    public IEnumerable<Option> All =>
    [
        LearningRate, Epochs, InitSeed, Order, Reset, Optimizer, Momentum, WeightDecay, Hidden, Engine, Clip, Accumulate, Window, Schedule, ScheduleUnit, CosineFloor, PctStart,
        DivFactor, FinalDivFactor, WarmupEpochs, WarmupStart, InputScaling, ForgetInit, ForgetBias, ChronoMax, ResetOptimizer, Monitor, Patience, MinDelta, Plateau, PlateauFactor, PlateauPatience, PlateauThreshold,
        PlateauThresholdMode, PlateauCooldown, MinLr, CheckpointEvery, TrainFile, TestFile, TrainSeed, TestSeed, Noise, NoiseStd, MaxRows, Out, Resume, Json,
    ];

    /// <summary><paramref name="config"/> with every option given on the command line applied.</summary>
    public TrainingConfig Apply(TrainingConfig config, ParseResult p)
    {
        var c = config;
        if (p.GetValue(LearningRate) is { } lr) c = c with { LearningRate = lr };
        if (p.GetValue(Epochs) is { } epochs) c = c with { Epochs = epochs };
        if (p.GetValue(InitSeed) is { } seed) c = c with { InitSeed = seed };
        if (p.GetValue(Hidden) is { } hidden) c = c with { HiddenSize = hidden };
        if (p.GetValue(Engine) is { } engine) c = c with { Engine = engine };
        if (p.GetValue(Reset) is { } reset) c = c with { Reset = ParseReset(reset) };
        if (p.GetValue(Optimizer) is { } opt) c = c with { Optimizer = c.Optimizer with { Kind = opt == "sgd" ? OptimizerKind.Sgd : OptimizerKind.Adam } };
        if (p.GetValue(Momentum) is { } momentum) c = c with { Optimizer = c.Optimizer with { Momentum = momentum } };
        if (p.GetValue(WeightDecay) is { } wd) c = c with { Optimizer = c.Optimizer with { WeightDecay = wd } };
        if (p.GetValue(Clip) is { } clip) c = c with { MaxGradNorm = clip };
        if (p.GetValue(Accumulate) is { } k) c = c with { AccumulationSteps = k };
        if (p.GetValue(Window) is { } window) c = c with { Window = window };
        if (p.GetValue(Schedule) is { } kind) c = c with { Schedule = c.Schedule with { Kind = Enum.GetValues<ScheduleKind>().Single(k => LearningRateSchedule.Name(k) == kind) } };
        if (p.GetValue(ScheduleUnit) is { } unit) c = c with { Schedule = c.Schedule with { Unit = unit == "epoch" ? Training.ScheduleUnit.Epoch : Training.ScheduleUnit.Step } };
        if (p.GetValue(CosineFloor) is { } floor) c = c with { Schedule = c.Schedule with { Floor = floor } };
        if (p.GetValue(PctStart) is { } pct) c = c with { Schedule = c.Schedule with { PctStart = pct } };
        if (p.GetValue(DivFactor) is { } div) c = c with { Schedule = c.Schedule with { DivFactor = div } };
        if (p.GetValue(FinalDivFactor) is { } finalDiv) c = c with { Schedule = c.Schedule with { FinalDivFactor = finalDiv } };
        if (p.GetValue(WarmupEpochs) is { } we) c = c with { WarmupEpochs = we };
        if (p.GetValue(WarmupStart) is { } ws) c = c with { WarmupStartFactor = ws };
        // A flag of one schedule or initialisation given with another would be silently ignored: refuse it (exit 1, one line).
        void Requires(Option option, bool applies, string what)
        {
            if (p.GetResult(option) is not null && !applies) throw new InvalidSpecException($"{option.Name} applies only to {what}");
        }
        Requires(CosineFloor, c.Schedule.Kind == ScheduleKind.Cosine, "--schedule cosine");
        foreach (var o in new Option[] { PctStart, DivFactor, FinalDivFactor }) Requires(o, c.Schedule.Kind == ScheduleKind.OneCycle, "--schedule one-cycle");
        if (p.GetValue(Schedule) is "constant" && c.Schedule.Kind != ScheduleKind.Constant)
            throw new InvalidSpecException("--schedule constant and --warmup-epochs contradict each other (a warm-up is the linear-warmup schedule)");
        if (p.GetValue(InputScaling) is { } scaling) c = c with { InputScaling = scaling == "standardize" ? Training.InputScaling.Standardize : Training.InputScaling.None };
        if (p.GetValue(ForgetInit) is { } forget) c = c with { ForgetGate = c.ForgetGate with { Kind = Enum.GetValues<ForgetGateInitKind>().Single(k => ForgetGateInit.Name(k) == forget) } };
        if (p.GetValue(ForgetBias) is { } bias) c = c with { ForgetGate = c.ForgetGate with { Value = bias } };
        if (p.GetValue(ChronoMax) is { } tmax) c = c with { ForgetGate = c.ForgetGate with { MaxTimescale = tmax } };
        Requires(ForgetBias, c.ForgetGate.Kind == ForgetGateInitKind.Constant, "--forget-init constant");
        Requires(ChronoMax, c.ForgetGate.Kind == ForgetGateInitKind.Chrono, "--forget-init chrono");
        if (p.GetResult(ResetOptimizer) is not null) c = c with { ResetOptimizerEachEpoch = p.GetValue(ResetOptimizer) };
        if (p.GetValue(Monitor) is { } monitor) c = c with { Monitor = monitor == "test-mse" ? MonitorMetric.TestMse : MonitorMetric.TrainLoss };
        if (p.GetValue(CheckpointEvery) is { } every) c = c with { CheckpointEvery = every };

        if (p.GetValue(Patience) is { } patience) c = c with { EarlyStopping = (c.EarlyStopping ?? new()) with { Patience = patience } };
        if (p.GetValue(MinDelta) is { } minDelta) c = c with { EarlyStopping = (c.EarlyStopping ?? new()) with { MinDelta = minDelta } };

        PlateauSettings Plat() => c.Plateau ?? new PlateauSettings();
        if (p.GetResult(Plateau) is not null && p.GetValue(Plateau)) c = c with { Plateau = Plat() };
        if (p.GetValue(PlateauFactor) is { } pf) c = c with { Plateau = Plat() with { Factor = pf } };
        if (p.GetValue(PlateauPatience) is { } pp) c = c with { Plateau = Plat() with { Patience = pp } };
        if (p.GetValue(PlateauThreshold) is { } pt) c = c with { Plateau = Plat() with { Threshold = pt } };
        if (p.GetValue(PlateauThresholdMode) is { } pm) c = c with { Plateau = Plat() with { ThresholdMode = pm == "abs" ? ThresholdMode.Absolute : ThresholdMode.Relative } };
        if (p.GetValue(PlateauCooldown) is { } pc) c = c with { Plateau = Plat() with { Cooldown = pc } };
        if (p.GetValue(MinLr) is { } minLr) c = c with { Plateau = Plat() with { MinLearningRate = minLr } };

        var data = c.Data;
        if (p.GetValue(Order) is { } order) data = data with { Order = order == "interleaved" ? RowOrder.Interleaved : RowOrder.Blocks };
        if (p.GetValue(TrainFile) is { } train) data = data with { TrainFile = Path.GetFullPath(train) };
        if (p.GetValue(TestFile) is { } test) data = data with { TestFile = Path.GetFullPath(test) };
        if (p.GetValue(TrainSeed) is { } trainSeed) data = data with { TrainSeed = trainSeed };
        if (p.GetValue(TestSeed) is { } testSeed) data = data with { TestSeed = testSeed };
        if (p.GetValue(MaxRows) is { } maxRows) data = data with { MaxRows = maxRows };
        if (p.GetValue(Noise) is { } noise) data = data with { Spec = data.Spec with { Noise = DataNames.ParseNoise(noise)!.Value } };
        if (p.GetValue(NoiseStd) is { } std)
        {
            if (data.Spec.Noise != Signals.NoiseMode.Additive)
                throw new InvalidSpecException($"--noise-std applies only to --noise additive (not {DataNames.Of(data.Spec.Noise)})");
            data = data with { Spec = data.Spec with { NoiseStd = std } };
        }
        return c with { Data = data };
    }

    private static ResetPolicy ParseReset(string s) => s switch
    {
        "per-block" => ResetPolicy.PerBlock,
        "never" => ResetPolicy.Never,
        "stateless" => ResetPolicy.Stateless,
        _ => ResetPolicy.PerEpoch,
    };

    private static double? ParseClip(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (token is "none" or "inf") return double.PositiveInfinity;
        if (OptionRules.TryDouble(token, out var v) && !double.IsNaN(v)) return v;
        result.AddError($"--clip: '{token}' is not a number or 'none'");
        return null;
    }
}
