using FrequencyLab.Training;
using E = FrequencyLab.Claims.LedgerExperiments;

namespace FrequencyLab.Claims;

/// <summary>
/// Notebook 03's runs: the report's prescribed restart (lr 1e-4, fresh model and optimizer, 50 epochs) and every
/// contingency plan, exactly as the claims ledger runs and judges them — each its full epoch budget, so the claims about
/// epochs 20–50 can be judged; the report's early stopping is replayed on the histories (where it would have stopped),
/// not applied, so the runs also show what stopping would have cut off.
/// </summary>
public static class RestartStudy
{
    /// <summary>The restart and the contingencies, in the notebook's order.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [E.Restart, E.RestartLr5e5, E.RestartLr2e4, E.Warmup, E.Plateau, E.Accumulate10, E.SgdMomentum, E.Hidden32, E.Hidden128];

    /// <summary>The restart and its contingencies at the quick or full scale (<see cref="Scales.StudyScales"/>), trained in
    /// memory by <see cref="LedgerStudy.Run"/>, or those of a ledger's runs folder <paramref name="ledgerRuns"/> at that
    /// ledger's scale.</summary>
    public static LedgerStudy For(bool quick, string? ledgerRuns) => LedgerStudy.For(quick, ledgerRuns, _ => Keys);

    /// <summary>Each run with its name and the report's words for it, at <paramref name="settings"/>' scale.</summary>
    public static IReadOnlyList<RestartVariant> Variants(LedgerSettings settings)
    {
        var experiments = LedgerExperiments.All(settings).ToDictionary(e => e.Key);
        RestartVariant V(string key, string name, string reportSays) => new(key, name, reportSays, experiments[key].Config);
        return
        [
            V(E.Restart, "restart lr 1e-4", "§5.1: restart with LR = 0.0001, fresh model and optimizer"),
            V(E.RestartLr5e5, "plan B: lr 5e-5", "§5.3 Plan B: reduce LR to 0.00005"),
            V(E.RestartLr2e4, "lr 2e-4", "§7.2 Strategy 1: test_lrs = [0.00005, 0.0001, 0.0002]"),
            // The trainer's warm-up is linear from ½·lr; the report's Plan C is a step (5e-5 for 10 epochs, then 1e-4).
            V(E.Warmup, "plan C: warm-up", "§5.3 Plan C: epochs 1–10 at 0.00005, then 0.0001 (here: linear from 0.5×)"),
            V(E.Plateau, "strategy 2: ReduceLROnPlateau", "§7.2 Strategy 2: start with higher LR, ReduceLROnPlateau(factor 0.5, patience 5, min_lr 1e-5)"),
            V(E.Accumulate10, "strategy 3: accumulate 10", "§7.2 Strategy 3: accumulate over 10 samples"),
            V(E.SgdMomentum, "plan D: SGD momentum 0.9", "§5.3 Plan D / §8.3 B: SGD with momentum 0.9, LR 0.001"),
            V(E.Hidden32, "hidden 32", "§8.1: hidden size 64 is adequate (a smaller model for comparison)"),
            V(E.Hidden128, "plan D: hidden 128", "§5.3 Plan D / §8.3 A: increase hidden_size to 128"),
        ];
    }

    /// <summary>The prescribed restart at <paramref name="settings"/>' scale with the report's early stopping (patience 10,
    /// min_delta 1e-4 on the train loss) and no checkpoints: the base config of the notebook's LR range test, update-effect
    /// experiment and gradient probe.</summary>
    public static TrainingConfig Prescribed(LedgerSettings settings) =>
        LedgerExperiments.All(settings).Single(e => e.Key == E.Restart).Config with { EarlyStopping = EarlyStoppingSettings.ReportPlan, CheckpointEvery = 0 };

    /// <summary><paramref name="config"/> on data with another noise model (same seeds, order and length).</summary>
    public static TrainingConfig WithNoise(TrainingConfig config, Signals.NoiseMode noise) =>
        config with { Data = config.Data with { Spec = config.Data.Spec with { Noise = noise } } };

    /// <summary><paramref name="config"/> on the same rows in another order.</summary>
    public static TrainingConfig WithOrder(TrainingConfig config, Data.RowOrder order) => config with { Data = config.Data with { Order = order } };

    /// <summary>The histories of one variant, in seed order.</summary>
    public static IReadOnlyList<TrainingHistory> Runs(LedgerEvidence evidence, RestartVariant variant) =>
        evidence.RunsOf(variant.Key) ?? throw new FrequencyLabException($"no runs of {variant.Key} in the evidence");

    /// <summary>The finding for one claim of the report, judged by the ledger's rule on this evidence.</summary>
    public static Findings.Finding Claim(string claimId, LedgerEvidence evidence) => ClaimsLedger.Judge(claimId, evidence);
}
