using FrequencyLab.Claims;
using FrequencyLab.Findings;
using FrequencyLab.Scales;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Claims;

/// <summary>Judges on synthetic histories (no training): each driven to its verdicts by the numbers alone.</summary>
public class ClaimJudgesTests
{
    private static readonly LedgerSettings Settings = StudyScales.Quick.Ledger with { Mode = "synthetic", Duration = 0.1 };

    private static TrainingHistory History(ulong seed, double[] train, double frozen = 0.5, double clipped = 0.05, double gradMean = 0.5, double[]? frozenCurve = null,
        TrainingConfig? config = null) => new()
    {
        Config = (config ?? TrainingConfig.Report) with { InitSeed = seed },
        TrainData = new DataProvenance("generated", 400),
        TestData = new DataProvenance("generated", 400),
        Environment = new RunEnvironment("fused", new Dictionary<string, string>(), "test", "test"),
        Stop = StopReason.Completed,
        Epochs = train.Select((loss, i) => new EpochRecord
        {
            Epoch = i + 1, TrainLoss = loss, TrainLossPerFrequency = [loss],
            FrozenTrain = new FrozenEvaluation(frozenCurve?[i] ?? frozen, [frozenCurve?[i] ?? frozen]), FrozenTest = new FrozenEvaluation(frozenCurve?[i] ?? frozen, [frozenCurve?[i] ?? frozen]),
            LearningRate = 1e-3, LastStepLearningRate = 1e-3, GradientNorm = new GradientNormStats(400, gradMean, 2 * gradMean, clipped),
            Rows = 400, Seconds = 0.1, Events = [],
        }).ToArray(),
    };

    private static IReadOnlyList<TrainingHistory> Seeds(Func<ulong, double[]> train, double frozen = 0.5, double clipped = 0.05, double gradMean = 0.5,
        Func<ulong, double[]>? frozenCurve = null, TrainingConfig? config = null) =>
        new ulong[] { 0, 1, 2 }.Select(s => History(s, train(s), frozen, clipped, gradMean, frozenCurve?.Invoke(s), config)).ToArray();

    /// <summary>The synthetic ledger's own report-run config (0.1 s of signal): the untrained model and any retraining are real and small.</summary>
    private static TrainingConfig Small(int epochs = 5) => LedgerExperiments.All(Settings).Single(e => e.Key == LedgerExperiments.Lr1e3).Config with { Epochs = epochs };

    private static Finding Judge(string id, Dictionary<string, IReadOnlyList<TrainingHistory>> runs) =>
        ClaimsLedger.Judge(id, new LedgerEvidence(Settings, runs));

    private static readonly double[] Rising = [0.28, 0.40, 0.41, 0.46, 0.45];
    private static readonly double[] Flat = [0.40, 0.40, 0.40, 0.40, 0.40];

    [Fact]
    public void H1_is_supported_contradicted_or_inconclusive_by_the_paired_degradation()
    {
        var report = Seeds(_ => Rising);
        Assert.Equal(Verdict.Supported, Judge("h1-lower-lr-removes-rise", new() { ["lr-1e-3"] = report, ["lr-1e-4"] = Seeds(_ => Flat), ["lr-1e-2"] = report, ["lr-1e-5"] = report }).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("h1-lower-lr-removes-rise", new() { ["lr-1e-3"] = report, ["lr-1e-4"] = Seeds(_ => Rising), ["lr-1e-2"] = report, ["lr-1e-5"] = report }).Verdict);
        var mixed = Seeds(s => s == 0 ? Flat : Rising);
        var split = Judge("h1-lower-lr-removes-rise", new() { ["lr-1e-3"] = report, ["lr-1e-4"] = mixed, ["lr-1e-2"] = report, ["lr-1e-5"] = report });
        Assert.Equal(Verdict.Inconclusive, split.Verdict);
        Assert.Contains("1 of 3", split.Explanation);
    }

    [Fact]
    public void The_loss_table_judges_follow_the_synthetic_curves()
    {
        var rising = new Dictionary<string, IReadOnlyList<TrainingHistory>> { ["lr-1e-3"] = Seeds(_ => Rising) };
        Assert.Equal(Verdict.Supported, Judge("loss-table-best-epoch-1", rising).Verdict);
        Assert.Equal(Verdict.Supported, Judge("loss-table-jump-epoch-2", rising).Verdict);
        Assert.Equal(Verdict.Supported, Judge("loss-table-monotonic", rising).Verdict);
        Assert.Equal(Verdict.Supported, Judge("loss-table-reproduces", rising).Verdict);
        var falling = new Dictionary<string, IReadOnlyList<TrainingHistory>> { ["lr-1e-3"] = Seeds(_ => [0.5, 0.4, 0.3, 0.2, 0.1]) };
        Assert.Equal(Verdict.Contradicted, Judge("loss-table-best-epoch-1", falling).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("loss-table-jump-epoch-2", falling).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("loss-table-monotonic", falling).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("loss-table-reproduces", falling).Verdict);
    }

    [Fact]
    public void Frozen_quality_clip_and_gradient_flow_judges()
    {
        var good = new Dictionary<string, IReadOnlyList<TrainingHistory>> { ["lr-1e-3"] = Seeds(_ => Rising, frozen: 0.29) };
        Assert.Equal(Verdict.Supported, Judge("best-performance-is-model-quality", good).Verdict);
        Assert.Equal(Verdict.Supported, Judge("clip-1-conservative", good).Verdict);
        Assert.Equal(Verdict.Supported, Judge("training-numerically-sound", good).Verdict);
        var bad = new Dictionary<string, IReadOnlyList<TrainingHistory>> { ["lr-1e-3"] = Seeds(_ => Rising, frozen: 0.5, clipped: 0.9, gradMean: 0) };
        Assert.Equal(Verdict.Contradicted, Judge("best-performance-is-model-quality", bad).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("clip-1-conservative", bad).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("training-numerically-sound", bad).Verdict);
        var middling = new Dictionary<string, IReadOnlyList<TrainingHistory>> { ["lr-1e-3"] = Seeds(_ => Rising, clipped: 0.3) };
        Assert.Equal(Verdict.Inconclusive, Judge("clip-1-conservative", middling).Verdict);
    }

    [Fact]
    public void A_contingency_is_judged_on_the_frozen_test_mse_against_the_restart()
    {
        Dictionary<string, IReadOnlyList<TrainingHistory>> Runs(double plan) => new() { ["restart"] = Seeds(_ => Flat, frozen: 0.5), ["accumulate-10"] = Seeds(_ => Flat, frozen: plan) };
        Assert.Equal(Verdict.Supported, Judge("contingency-accumulate-10", Runs(0.3)).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("contingency-accumulate-10", Runs(0.5)).Verdict);
    }

    [Fact]
    public void H1_s_mechanism_is_judged_on_the_frozen_mse_against_the_untrained_model()
    {
        // The untrained model of this config is real (measured on its 400 test rows): about 0.5, as predicting zero.
        double untrained = new LedgerEvidence(Settings, new Dictionary<string, IReadOnlyList<TrainingHistory>>()).UntrainedOf(LedgerExperiments.Lr1e3).Median;
        Assert.InRange(untrained, 0.3, 0.8);
        var goodThenWorse = Seeds(_ => Rising, frozenCurve: _ => [untrained - 0.2, untrained - 0.05, untrained, untrained, untrained]);
        var mechanism = Judge("h1-overshoot-mechanism", new() { ["lr-1e-3"] = goodThenWorse });
        Assert.Equal(Verdict.Supported, mechanism.Verdict);
        var neverLearned = Seeds(_ => Rising, frozenCurve: _ => [untrained, untrained, untrained, untrained, untrained]);
        Assert.Equal(Verdict.Contradicted, Judge("h1-overshoot-mechanism", new() { ["lr-1e-3"] = neverLearned }).Verdict);
        // Good after epoch 1 but never worse later: the second half fails, so no seed shows the mechanism either.
        var goodAndStaying = Seeds(_ => Rising, frozenCurve: _ => [untrained - 0.2, untrained - 0.2, untrained - 0.2, untrained - 0.2, untrained - 0.2]);
        Assert.Equal(Verdict.Contradicted, Judge("h1-overshoot-mechanism", new() { ["lr-1e-3"] = goodAndStaying }).Verdict);
    }

    [Fact]
    public void The_root_cause_needs_the_mechanism_and_names_the_running_fit_when_it_fails()
    {
        var flat = Seeds(_ => Flat);
        Dictionary<string, IReadOnlyList<TrainingHistory>> Runs(IReadOnlyList<TrainingHistory> report) => new()
        {
            ["lr-1e-3"] = report, ["lr-1e-4"] = flat, ["lr-1e-2"] = report, ["lr-1e-5"] = report, ["optimizer-reset"] = report,
            ["reset-never"] = report, ["per-series-noise"] = report, ["interleaved"] = report,
        };
        // Lowering the lr removes the rise (H1's intervention holds), but the weights never beat the untrained model.
        var never = Judge("root-cause-lr-too-high", Runs(Seeds(_ => Rising, frozen: 0.5)));
        Assert.Equal(Verdict.Supported, Judge("h1-lower-lr-removes-rise", Runs(Seeds(_ => Rising))).Verdict);
        Assert.Equal(Verdict.Contradicted, never.Verdict);
        Assert.Contains("running fit", never.Explanation);
        double untrained = new LedgerEvidence(Settings, new Dictionary<string, IReadOnlyList<TrainingHistory>>()).UntrainedOf(LedgerExperiments.Lr1e3).Median;
        var overshoot = Seeds(_ => Rising, frozenCurve: _ => [untrained - 0.2, untrained, untrained, untrained, untrained]);
        Assert.Equal(Verdict.Supported, Judge("root-cause-lr-too-high", Runs(overshoot)).Verdict);
        // Another intervention that also removes the rise leaves the root cause undecided.
        var withOther = Runs(overshoot);
        withOther["interleaved"] = flat;
        Assert.Equal(Verdict.Inconclusive, Judge("root-cause-lr-too-high", withOther).Verdict);
    }

    [Fact]
    public void Gradient_flow_is_judged_on_whether_a_gradient_crosses_a_row()
    {
        var detached = Seeds(_ => Rising, config: Small());
        Assert.Equal(Verdict.Contradicted, Judge("gradient-flow-across-rows", new() { ["lr-1e-3"] = detached }).Verdict);
        var windowed = Seeds(_ => Rising, config: Small() with { Window = 10 });
        Assert.Equal(Verdict.Supported, Judge("gradient-flow-across-rows", new() { ["lr-1e-3"] = windowed }).Verdict);
    }

    [Fact]
    public void Memory_is_what_the_carried_state_is_worth_to_the_same_weights()
    {
        // Weights trained with the state reset before every row: carrying or resetting is the same pass, so the memory is
        // worth exactly nothing and the claim is contradicted (the weights are retrained, deterministically, from the config).
        var stateless = Seeds(_ => [0.4, 0.4], config: Small(2) with { Reset = ResetPolicy.Stateless });
        var evidence = new LedgerEvidence(Settings, new Dictionary<string, IReadOnlyList<TrainingHistory>> { ["lr-1e-3"] = stateless });
        var memory = evidence.MemoryOf("lr-1e-3")!;
        Assert.Equal(memory.Carried.Values, memory.Stateless.Values);
        Assert.Equal(Verdict.Contradicted, ClaimsLedger.Judge("memory-carried-state-used", evidence).Verdict);
        // With the state carried (the report's policy) the two passes differ: the comparison is not vacuous.
        var carried = new LedgerEvidence(Settings, new Dictionary<string, IReadOnlyList<TrainingHistory>> { ["lr-1e-3"] = Seeds(_ => [0.4, 0.4], config: Small(2)) }).MemoryOf("lr-1e-3")!;
        Assert.NotEqual(carried.Carried.Values, carried.Stateless.Values);
    }

    [Fact]
    public void Success_probability_and_fundamental_limitation_follow_the_restart()
    {
        IReadOnlyList<TrainingHistory> Restart(double frozen) => Seeds(_ => Enumerable.Repeat(0.3, 50).ToArray(), frozen: frozen);
        var failing = new Dictionary<string, IReadOnlyList<TrainingHistory>> { ["restart"] = Restart(0.5) };
        Assert.Equal(Verdict.Contradicted, Judge("p-success-50-epochs-55", failing).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("proceed-with-confidence", failing).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("most-likely-0-008-0-015", failing).Verdict);
        var limitation = Judge("fundamental-limitation-25", failing);
        Assert.Equal(Verdict.Contradicted, limitation.Verdict);
        Assert.Contains("memoryless", limitation.Explanation);
        var succeeding = new Dictionary<string, IReadOnlyList<TrainingHistory>> { ["restart"] = Restart(0.009) };
        Assert.Equal(Verdict.Supported, Judge("p-success-50-epochs-55", succeeding).Verdict);
        Assert.Equal(Verdict.Supported, Judge("proceed-with-confidence", succeeding).Verdict);
        Assert.Equal(Verdict.Supported, Judge("most-likely-0-008-0-015", succeeding).Verdict);
        Assert.Equal(Verdict.Supported, Judge("fundamental-limitation-25", succeeding).Verdict);
        Assert.Equal(Verdict.Supported, Judge("feasible-0-01", succeeding).Verdict);
    }

    [Fact]
    public void The_generalization_gap_is_a_fraction()
    {
        var restart = Seeds(_ => Flat, frozen: 0.5);
        var gap = Judge("generalization-gap-risk", new() { ["restart"] = restart }).Measurements[0];
        Assert.Equal("", gap.Unit);
        Assert.Equal(0, gap.Value);
    }
}
