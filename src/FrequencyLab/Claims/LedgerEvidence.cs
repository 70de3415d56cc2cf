using System.Collections.Concurrent;
using FrequencyLab.Diagnostics;
using FrequencyLab.Signals;
using FrequencyLab.Training;
using FrequencyLab.Validation;

namespace FrequencyLab.Claims;

/// <summary>
/// Everything the judges read: the finished histories of each experiment (per init seed, in seed order) and the data facts
/// (validation report and drawn signals at the report's full length; untrained frozen MSE and gradient variance on the
/// ledger's rows), the latter computed on first use.
/// </summary>
public sealed class LedgerEvidence
{
    private readonly Lazy<(SignalSet Train, SignalSet Test)> _signals;
    private readonly Lazy<ValidationReport> _validation;
    private readonly Lazy<IReadOnlyList<WindowVariance>> _gradients;
    private readonly ConcurrentDictionary<string, Lazy<SeedValues>> _untrainedOf = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<MemoryEffect>> _memoryOf = new(StringComparer.Ordinal);

    public LedgerSettings Settings { get; }
    /// <summary>Histories by experiment key, one per init seed in seed order (missing seeds left out).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TrainingHistory>> Runs { get; }
    /// <summary>The experiments these runs came from, by key.</summary>
    public IReadOnlyDictionary<string, LedgerExperiment> Experiments { get; }
    /// <summary>Each run's final checkpoint by experiment key, in the order of <see cref="Runs"/> (null entries: trained in
    /// memory, or not kept): what the memory probe reads the final weights from instead of training the run again.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string?>> Checkpoints { get; init; } = new Dictionary<string, IReadOnlyList<string?>>();
    /// <summary>The learnability matrix of the same study, when it ran (null otherwise): with the data's bounds it decides
    /// whether a fundamental limitation stands between the report's trainer and its target.</summary>
    public Learnability.LearnabilityResults? Learnability { get; init; }

    public LedgerEvidence(LedgerSettings settings, IReadOnlyDictionary<string, IReadOnlyList<TrainingHistory>> runs)
    {
        Settings = settings.Validate();
        Runs = runs;
        Experiments = LedgerExperiments.All(settings).ToDictionary(e => e.Key, StringComparer.Ordinal);
        var spec = Experiments[LedgerExperiments.Lr1e3].Config.Data.Spec;
        var data = Experiments[LedgerExperiments.Lr1e3].Config.Data;
        // Data facts (spectrum, draws, baselines) are cheap, so they are measured on the report's full-length data at every scale.
        var fullSpec = spec with { Duration = SignalSpec.Default.Duration };
        _signals = new(() => (SignalGenerator.Generate(fullSpec, data.TrainSeed), SignalGenerator.Generate(fullSpec, data.TestSeed)));
        _validation = new(() => ValidationReport.Compute(_signals.Value.Train, _signals.Value.Test, data.Order));
        _gradients = new(() =>
        {
            // The diagnostics' probe: per-row gradients at the untrained weights (lr-0 steps), window means of n rows.
            var config = Experiments[LedgerExperiments.Lr1e3].Config;
            var rows = TrainingData.Load(config.Data);
            return Settings.InitSeeds.Select(s => GradientProbe.Measure(config with { InitSeed = s }, 0, [Settings.GradientWindow], rows).Windows[0]).ToArray();
        });
    }

    public SignalSet TrainSignals => _signals.Value.Train;
    public SignalSet TestSignals => _signals.Value.Test;
    public ValidationReport Validation => _validation.Value;
    /// <summary>Frozen test MSE of the untrained model, per init seed.</summary>
    public SeedValues Untrained => UntrainedOf(LedgerExperiments.Lr1e3);
    /// <summary>Per init seed: how much averaging <see cref="LedgerSettings.GradientWindow"/> rows' gradients reduces their variance.</summary>
    public IReadOnlyList<WindowVariance> GradientVariance => _gradients.Value;

    /// <summary>The untrained model's frozen test MSE on the test rows of experiment <paramref name="key"/> (its scale, its
    /// reset policy), per init seed: epoch 0 of that experiment.</summary>
    public SeedValues UntrainedOf(string key) => _untrainedOf.GetOrAdd(key, k => new(() =>
    {
        var config = Experiments[k].Config;
        var test = TrainingData.Generate(config.Data.Spec, config.Data.TestSeed, config.Data.Order);
        return new SeedValues("untrained frozen test MSE (epoch 0)",
            Settings.InitSeeds.Select(s => UntrainedEvaluation.FrozenMse(config with { InitSeed = s }, test)).ToArray(), "MSE");
    })).Value;

    /// <summary>What the carried (h, c) contributes to the final weights of <paramref name="key"/>'s runs: their frozen test
    /// MSE with the state carried from row to row against the same weights with the state reset before every row.</summary>
    public MemoryEffect? MemoryOf(string key) => RunsOf(key) is null ? null : _memoryOf.GetOrAdd(key, k => new(() =>
    {
        var runs = RunsOf(k)!;
        Checkpoints.TryGetValue(k, out var checkpoints);
        var config = runs[0].Config;
        var test = TrainingData.Generate(config.Data.Spec, config.Data.TestSeed, config.Data.Order);
        var carried = new double[runs.Count];
        var stateless = new double[runs.Count];
        for (int i = 0; i < runs.Count; i++)
        {
            var c = runs[i].Config;
            var weights = FinalWeights(c, checkpoints is not null && i < checkpoints.Count ? checkpoints[i] : null);
            carried[i] = FrozenPredictions.Compute(c, weights, test).Mse;
            stateless[i] = FrozenPredictions.Compute(c with { Reset = ResetPolicy.Stateless, Window = 1 }, weights, test).Mse;
        }
        return new MemoryEffect(new SeedValues("frozen test MSE, state carried from row to row", carried, "MSE"),
            new SeedValues("frozen test MSE, same weights, state reset before every row", stateless, "MSE"));
    })).Value;

    private static float[] FinalWeights(TrainingConfig config, string? checkpoint)
    {
        if (checkpoint is not null && File.Exists(checkpoint)) return CheckpointFile.Read(checkpoint).Engine.Parameters;
        // Training is deterministic: the same config on the same rows gives the same weights.
        return new StatefulTrainer(config, TrainingData.Load(config.Data)).Train().Final.Parameters;
    }

    /// <summary>The runs of <paramref name="key"/>, or null when it was not run (or not for every seed).</summary>
    public IReadOnlyList<TrainingHistory>? RunsOf(string key) =>
        Runs.TryGetValue(key, out var list) && list.Count > 0 && list.All(h => h.Epochs.Count > 0) ? list : null;

    /// <summary>A per-epoch quantity of <paramref name="key"/> at <paramref name="epoch"/> (1-based; 0 or less = each run's
    /// last epoch), one value per seed; null when not run or when a seed did not reach that epoch.</summary>
    public SeedValues? At(string key, int epoch, Func<EpochRecord, double> pick, string name, string unit = "")
    {
        if (RunsOf(key) is not { } runs) return null;
        if (epoch > 0 && runs.Any(h => h.Epochs.Count < epoch)) return null;
        return new SeedValues(name, runs.Select(h => pick(epoch > 0 ? h.Epochs[epoch - 1] : h.Epochs[^1])).ToArray(), unit);
    }

    /// <summary>A whole-run quantity of <paramref name="key"/>, one value per seed.</summary>
    public SeedValues? PerRun(string key, Func<TrainingHistory, double> pick, string name, string unit = "") =>
        RunsOf(key) is { } runs ? new SeedValues(name, runs.Select(pick).ToArray(), unit) : null;

    /// <summary>The degradation D the hypotheses explain: mean train loss of epochs 2…5 minus the epoch-1 train loss.</summary>
    public SeedValues? Degradation(string key) => PerRun(key, DegradationOf, "degradation D (mean train loss of epochs 2–5 − epoch 1)", "MSE");

    public static double DegradationOf(TrainingHistory h)
    {
        var later = h.Epochs.Skip(1).Take(4).Select(e => e.TrainLoss).ToArray();
        return later.Length == 0 ? double.NaN : later.Average() - h.Epochs[0].TrainLoss;
    }

    /// <summary>Train-loss curves of <paramref name="key"/>, one per seed.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? TrainCurves(string key) =>
        RunsOf(key)?.Select(h => (IReadOnlyList<double>)h.Epochs.Select(e => e.TrainLoss).ToArray()).ToArray();
}

/// <summary>Frozen test MSE of the same final weights with the carried state and with the state reset before every row.</summary>
public sealed record MemoryEffect(SeedValues Carried, SeedValues Stateless)
{
    /// <summary>Stateless − carried, per seed: what the memory is worth (positive: the carried state helps).</summary>
    public SeedValues Gain => new("MSE gained by carrying the state (stateless − carried)",
        Carried.Values.Select((c, i) => Stateless.Values[i] - c).ToArray(), "MSE");
}
