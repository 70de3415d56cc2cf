using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Fused;
using FrequencyLab.Signals;
using FrequencyLab.Training;

namespace FrequencyLab.Claims;

/// <summary>The ledger's experiments, by key: the report's run, the hypothesis interventions, the prescribed restart and
/// every contingency plan, each at the settings' scale.</summary>
public static class LedgerExperiments
{
    public const string ReportRunTorch = "report-run-torch", ReportRunFullScale = "report-run-full-scale", TorchTiming = "torch-timing";
    public const string Lr1e2 = "lr-1e-2", Lr1e3 = "lr-1e-3", Lr1e4 = "lr-1e-4", Lr1e5 = "lr-1e-5";
    public const string ResetPerBlock = "reset-per-block", ResetNever = "reset-never", ResetStateless = "reset-stateless";
    public const string OptimizerReset = "optimizer-reset", PerSeriesNoise = "per-series-noise", Interleaved = "interleaved";
    public const string Restart = "restart", RestartLr5e5 = "restart-lr-5e-5", RestartLr2e4 = "restart-lr-2e-4", Warmup = "warmup",
        Plateau = "plateau", Accumulate10 = "accumulate-10", SgdMomentum = "sgd-momentum", Hidden32 = "hidden-32", Hidden128 = "hidden-128";

    /// <summary>The key holding the report's own 5-epoch run: TorchSharp in the full ledger; the fused run at the report's
    /// scale when <see cref="LedgerSettings.ReportScaleReportRun"/>; otherwise the fused lr 1e-3 run at the ledger's scale.</summary>
    public static string ReportRun(LedgerSettings s) =>
        s.TorchReportRun ? ReportRunTorch : s.ReportScaleReportRun && s.Duration != SignalSpec.Default.Duration ? ReportRunFullScale : Lr1e3;

    /// <summary>The 5-epoch experiments the hypotheses H1–H5 need.</summary>
    public static IReadOnlyList<string> HypothesisKeys { get; } =
        [Lr1e2, Lr1e3, Lr1e4, Lr1e5, ResetPerBlock, ResetNever, ResetStateless, OptimizerReset, PerSeriesNoise, Interleaved];

    /// <summary>Every experiment at the settings' scale.</summary>
    public static IReadOnlyList<LedgerExperiment> All(LedgerSettings s)
    {
        s.Validate();
        var spec = SignalSpec.Default with { Duration = s.Duration };
        var report = TrainingConfig.Report with { Engine = FusedEngine.EngineName, Data = new TrainingDataConfig { Spec = spec }, Epochs = s.ShortEpochs };
        var restart = report with { LearningRate = 1e-4, Epochs = s.LongEpochs };
        var seeds = s.InitSeeds;
        var list = new List<LedgerExperiment>
        {
            new(Lr1e2, "lr 1e-2", report with { LearningRate = 1e-2 }, seeds),
            new(Lr1e3, "lr 1e-3 (the report's run, fused engine)", report, seeds),
            new(Lr1e4, "lr 1e-4", report with { LearningRate = 1e-4 }, seeds),
            new(Lr1e5, "lr 1e-5", report with { LearningRate = 1e-5 }, seeds),
            new(ResetPerBlock, "state reset at every change of frequency", report with { Reset = ResetPolicy.PerBlock }, seeds),
            new(ResetNever, "state never reset", report with { Reset = ResetPolicy.Never }, seeds),
            new(ResetStateless, "state reset before every row", report with { Reset = ResetPolicy.Stateless }, seeds),
            new(OptimizerReset, "Adam's moments reset at every epoch start", report with { ResetOptimizerEachEpoch = true }, seeds),
            new(PerSeriesNoise, "one A and φ per series", report with { Data = report.Data with { Spec = spec with { Noise = NoiseMode.PerSeries } } }, seeds),
            new(Interleaved, "rows interleaved", report with { Data = report.Data with { Order = RowOrder.Interleaved } }, seeds),
            new(Restart, "the prescribed restart: lr 1e-4", restart, seeds),
            new(RestartLr5e5, "restart at lr 5e-5", restart with { LearningRate = 5e-5 }, seeds),
            new(RestartLr2e4, "restart at lr 2e-4", restart with { LearningRate = 2e-4 }, seeds),
            new(Warmup, $"restart with a {s.WarmupEpochs}-epoch warm-up from 5e-5", restart with { WarmupEpochs = Math.Min(s.WarmupEpochs, s.LongEpochs), WarmupStartFactor = 0.5 }, seeds),
            new(Plateau, "lr 1e-3 with ReduceLROnPlateau(0.5, 5, min 1e-5)", restart with { LearningRate = 1e-3, Plateau = PlateauSettings.ReportStrategy2 }, seeds),
            new(Accumulate10, "restart with gradients accumulated over 10 rows", restart with { AccumulationSteps = 10 }, seeds),
            new(SgdMomentum, "SGD momentum 0.9 at lr 1e-3", restart with { LearningRate = 1e-3, Optimizer = OptimizerSettings.Report with { Kind = OptimizerKind.Sgd, Momentum = 0.9 } }, seeds),
            new(Hidden32, "restart at hidden size 32", restart with { HiddenSize = 32 }, seeds),
            new(Hidden128, "restart at hidden size 128", restart with { HiddenSize = 128 }, seeds),
        };
        if (ReportRun(s) == ReportRunFullScale)
            list.Add(new(ReportRunFullScale, "the report's run at the report's scale (40,000 rows, fused engine)",
                report with { Data = new TrainingDataConfig { Spec = SignalSpec.Default } }, seeds));
        list.Add(s.TorchReportRun
            ? new LedgerExperiment(ReportRunTorch, s.TorchSeeds >= seeds.Count ? "the report's run on TorchSharp"
                : $"the report's run on TorchSharp (seeds beyond the first {s.TorchSeeds} on the fused engine)", report with { Engine = "torch" }, seeds)
            {
                FusedSeeds = [.. seeds.Skip(s.TorchSeeds)],
            }
            : new LedgerExperiment(TorchTiming, "one TorchSharp epoch, for its speed", report with { Engine = "torch", Epochs = 1 }, [seeds[0]]));
        return list;
    }
}
