using FrequencyLab.Claims;
using FrequencyLab.Findings;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Claims;

/// <summary>Judges on synthetic histories (no training): each driven to its verdicts by the numbers alone.</summary>
public class ClaimJudgesTests
{
    private static readonly LedgerSettings Settings = LedgerSettings.Quick with { Mode = "synthetic", Duration = 0.1 };

    private static TrainingHistory History(ulong seed, double[] train, double frozen = 0.5, double clipped = 0.05, double gradMean = 0.5) => new()
    {
        Config = TrainingConfig.Report with { InitSeed = seed },
        TrainData = new DataProvenance("generated", 400),
        TestData = new DataProvenance("generated", 400),
        Environment = new RunEnvironment("fused", new Dictionary<string, string>(), "test", "test"),
        Stop = StopReason.Completed,
        Epochs = train.Select((loss, i) => new EpochRecord
        {
            Epoch = i + 1, TrainLoss = loss, TrainLossPerFrequency = [loss],
            FrozenTrain = new FrozenEvaluation(frozen, [frozen]), FrozenTest = new FrozenEvaluation(frozen, [frozen]),
            LearningRate = 1e-3, LastStepLearningRate = 1e-3, GradientNorm = new GradientNormStats(400, gradMean, 2 * gradMean, clipped),
            Rows = 400, Seconds = 0.1, Events = [],
        }).ToArray(),
    };

    private static IReadOnlyList<TrainingHistory> Seeds(Func<ulong, double[]> train, double frozen = 0.5, double clipped = 0.05, double gradMean = 0.5) =>
        new ulong[] { 0, 1, 2 }.Select(s => History(s, train(s), frozen, clipped, gradMean)).ToArray();

    private static Finding Judge(string id, Dictionary<string, IReadOnlyList<TrainingHistory>> runs) =>
        ClaimsLedger.Judge(id, new LedgerEvidence(Settings, runs));

    private static readonly double[] Rising = [0.28, 0.40, 0.41, 0.46, 0.45];
    private static readonly double[] Flat = [0.40, 0.40, 0.40, 0.40, 0.40];

    [Fact]
    public void H1_is_supported_contradicted_or_inconclusive_by_the_paired_degradation()
    {
        var report = Seeds(_ => Rising);
        Assert.Equal(Verdict.Supported, Judge("h1-lr-too-high", new() { ["lr-1e-3"] = report, ["lr-1e-4"] = Seeds(_ => Flat), ["lr-1e-2"] = report, ["lr-1e-5"] = report }).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("h1-lr-too-high", new() { ["lr-1e-3"] = report, ["lr-1e-4"] = Seeds(_ => Rising), ["lr-1e-2"] = report, ["lr-1e-5"] = report }).Verdict);
        var mixed = Seeds(s => s == 0 ? Flat : Rising);
        var split = Judge("h1-lr-too-high", new() { ["lr-1e-3"] = report, ["lr-1e-4"] = mixed, ["lr-1e-2"] = report, ["lr-1e-5"] = report });
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
        Assert.Equal(Verdict.Supported, Judge("state-and-gradient-flow-correct", good).Verdict);
        var bad = new Dictionary<string, IReadOnlyList<TrainingHistory>> { ["lr-1e-3"] = Seeds(_ => Rising, frozen: 0.5, clipped: 0.9, gradMean: 0) };
        Assert.Equal(Verdict.Contradicted, Judge("best-performance-is-model-quality", bad).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("clip-1-conservative", bad).Verdict);
        Assert.Equal(Verdict.Contradicted, Judge("state-and-gradient-flow-correct", bad).Verdict);
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
}
