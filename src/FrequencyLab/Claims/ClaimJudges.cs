using FrequencyLab.Diagnostics;
using FrequencyLab.Findings;
using FrequencyLab.Model;
using FrequencyLab.Training;
using E = FrequencyLab.Claims.LedgerExperiments;

namespace FrequencyLab.Claims;

/// <summary>
/// The code behind each claim's rule: which experiments it reads, the question it answers, and the function from the
/// evidence to a <see cref="RuleResult"/> and its measurements. A claim whose experiments were not run is inconclusive.
/// </summary>
public static class ClaimJudges
{
    /// <summary>The margin an intervention must beat, in MSE or train loss: the report's own target MSE, 0.01.</summary>
    public const double Margin = ReportConstants.TargetMse;

    private sealed record Judge(string Question, Func<LedgerSettings, string[]> Needs, Func<LedgerEvidence, Outcome> Decide);
    private sealed record Outcome(RuleResult Result, IReadOnlyList<Measurement> Measurements, string? Context = null);

    private static string F(double v) => Number.Format(v);
    private static Measurement M(SeedValues v) => v.ToMeasurement();

    private static readonly IReadOnlyDictionary<string, Judge> Table = Build();

    /// <summary>True when this version has a rule for claim <paramref name="id"/>.</summary>
    public static bool Knows(string id) => Table.ContainsKey(id);

    /// <summary>Every claim id with a rule.</summary>
    public static IReadOnlyList<string> Ids => Table.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>The experiments claim <paramref name="id"/> reads.</summary>
    public static IReadOnlyList<string> RequiredRuns(string id, LedgerSettings settings) =>
        Table.TryGetValue(id, out var j) ? j.Needs(settings) : throw new FrequencyLabException($"claim {id} has no rule in this version of freqlab");

    /// <summary>Judges <paramref name="claim"/> on <paramref name="evidence"/>: a <see cref="Finding"/> with the verdict, the rule,
    /// the measurements and an explanation generated from them.</summary>
    public static Finding Decide(ReportClaim claim, LedgerEvidence evidence)
    {
        if (!Table.TryGetValue(claim.Id, out var judge)) throw new FrequencyLabException($"claim {claim.Id} has no rule in this version of freqlab");
        var missing = judge.Needs(evidence.Settings).Where(k => evidence.RunsOf(k) is null).ToArray();
        if (missing.Length > 0)
            return new Finding(judge.Question, Verdict.Inconclusive,
                $"Not measured: the experiment{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} did not run for every seed.",
                claim.Rule, [], claim.Quote, claim.Section);
        Outcome o;
        try { o = judge.Decide(evidence); }
        catch (Exception e) when (e is FrequencyLabException or ArgumentException)
        {
            return new Finding(judge.Question, Verdict.Inconclusive, $"Not measured: {e.Message}", claim.Rule, [], claim.Quote, claim.Section);
        }
        var reason = o.Result.Reason.Length > 0 ? char.ToUpperInvariant(o.Result.Reason[0]) + o.Result.Reason[1..] : "";
        var verdictWord = o.Result.Verdict switch
        {
            Verdict.Supported => "so the claim is supported",
            Verdict.Contradicted => "so the claim is contradicted",
            _ => "so the measurements do not decide the claim",
        };
        var explanation = $"{reason}, {verdictWord}." + (o.Context is null ? "" : " " + o.Context);
        return new Finding(judge.Question, o.Result.Verdict, explanation, o.Result.Rule, o.Measurements, claim.Quote, claim.Section);
    }

    private static T Need<T>(T? value, string what) where T : class => value ?? throw new FrequencyLabException($"{what} was not measured");

    private static Dictionary<string, Judge> Build()
    {
        var t = new Dictionary<string, Judge>(StringComparer.Ordinal);
        string[] Report(LedgerSettings s) => [E.ReportRun(s)];

        t["loss-table-best-epoch-1"] = new("Is the report's run at its best after epoch 1?", Report, ev =>
        {
            var key = E.ReportRun(ev.Settings);
            var best = Need(ev.PerRun(key, h => h.Epochs.Take(ev.Settings.ShortEpochs).Select((e, i) => (e.TrainLoss, i)).Min().i + 1, "epoch of the lowest train loss"), "best epoch");
            var r = ClaimRules.AllOrNone(best.Values.Select(v => (bool?)(v == 1)).ToArray(), "the lowest train loss is at epoch 1",
                $"supported when every one of ≥ {ClaimRules.MinSeeds} init seeds has its lowest train loss at epoch 1; contradicted when none has; otherwise inconclusive");
            return new(r, [M(best), M(Need(ev.At(key, 1, e => e.TrainLoss, "train loss, epoch 1", "MSE"), "epoch 1"))]);
        });

        t["loss-table-jump-epoch-2"] = new("Does the train loss jump by more than 20 % from epoch 1 to epoch 2?", Report, ev =>
        {
            var key = E.ReportRun(ev.Settings);
            var change = Need(ev.PerRun(key, h => 100 * (h.Epochs[1].TrainLoss / h.Epochs[0].TrainLoss - 1), "train-loss change epoch 1 → 2", "%"), "change");
            var r = ClaimRules.Side(change, 100 * ReportConstants.JumpAlert, claimAbove: true);
            return new(r, [M(change), new Measurement("the report's change", 100 * (ReportConstants.EpochLosses[1] / ReportConstants.EpochLosses[0] - 1), "%")]);
        });

        t["loss-table-monotonic"] = new("Does the train loss rise at every step from epoch 1 to epoch 4?", Report, ev =>
        {
            var key = E.ReportRun(ev.Settings);
            var runs = Need(ev.RunsOf(key), key);
            var rises = new SeedValues("rises among steps 1→2, 2→3, 3→4", runs.Select(h => (double)Enumerable.Range(1, Math.Min(3, h.Epochs.Count - 1)).Count(i => h.Epochs[i].TrainLoss > h.Epochs[i - 1].TrainLoss)).ToArray());
            var holds = runs.Select((h, i) => h.Epochs.Count < 4 ? (bool?)null : rises.Values[i] == 3).ToArray();
            var r = ClaimRules.AllOrNone(holds, "the train loss rises at all three steps",
                $"supported when the train loss rises at all three steps in every one of ≥ {ClaimRules.MinSeeds} init seeds; contradicted when it does in none; otherwise inconclusive");
            // The trend across epochs without eyeballing: Theil–Sen slope and Mann–Kendall p per seed (FrequencyLab.Diagnostics).
            var trends = runs.Select(h => TrendTest.OverEpochs(h.Epochs.Select(e => e.TrainLoss).ToArray())).ToArray();
            var slope = new SeedValues("Theil–Sen slope of the train loss per epoch", trends.Select(x => x.Slope).ToArray(), "MSE per epoch");
            var p = new SeedValues("Mann–Kendall two-sided p of no trend", trends.Select(x => x.PValue).ToArray());
            return new(r, [M(rises), M(slope), M(p)]);
        });

        t["loss-table-reproduces"] = new("Does a rerun of the report's configuration give the report's five epoch losses?", Report, ev =>
        {
            var key = E.ReportRun(ev.Settings);
            var measured = Enumerable.Range(1, ReportConstants.EpochLosses.Count).Select(e => ev.At(key, e, x => x.TrainLoss, $"train loss, epoch {e} (report: {F(ReportConstants.EpochLosses[e - 1])})", "MSE")).ToArray();
            var r = ClaimRules.TableReproduced(ReportConstants.EpochLosses, measured);
            return new(r, measured.Where(m => m is not null).Select(m => M(m!)).ToArray());
        });

        t["best-performance-is-model-quality"] = new("Can the weights after epoch 1 do what the report's 0.285 says?", Report, ev =>
        {
            var key = E.ReportRun(ev.Settings);
            var frozen = Need(ev.At(key, 1, e => e.FrozenTest.Mse, "frozen test MSE after epoch 1", "MSE"), "frozen");
            var train = Need(ev.At(key, 1, e => e.TrainLoss, "train loss of epoch 1 (weights moving every row)", "MSE"), "train");
            var frozenTrain = Need(ev.At(key, 1, e => e.FrozenTrain.Mse, "frozen train MSE after epoch 1", "MSE"), "frozen train");
            var r = ClaimRules.Near(frozen, ReportConstants.BestMse, 1.25);
            return new(r, [M(frozen), M(frozenTrain), M(train)],
                $"The train loss (median {F(train.Median)}) is measured while the weights change at every row; the frozen pass (median {F(frozen.Median)}) is what the weights can do.");
        });

        Outcome Hypothesis(LedgerEvidence ev, string treatment, string treatmentName, params string[] shown)
        {
            var baseline = Need(ev.Degradation(E.Lr1e3), E.Lr1e3);
            var treated = Need(ev.Degradation(treatment), treatment);
            var r = ClaimRules.PairedImprovement(baseline, treated, Margin, treatmentName);
            var ms = new List<Measurement> { M(treated with { Name = $"D, {treatmentName}" }), M(baseline with { Name = $"D, the report's run ({E.Lr1e3})" }) };
            foreach (var k in shown) if (ev.Degradation(k) is { } d) ms.Add(M(d with { Name = $"D, {ev.Experiments[k].Description}" }));
            var frozenBase = ev.At(E.Lr1e3, 0, e => e.FrozenTest.Mse, $"frozen test MSE after the last epoch, {ev.Experiments[E.Lr1e3].Description}", "MSE");
            var frozenTreated = ev.At(treatment, 0, e => e.FrozenTest.Mse, $"frozen test MSE after the last epoch, {ev.Experiments[treatment].Description}", "MSE");
            string? context = null;
            if (frozenBase is not null && frozenTreated is not null)
            {
                ms.Add(M(frozenBase));
                ms.Add(M(frozenTreated));
                // D is about the train loss; say whether the intervention also changed what the weights can do.
                double shift = frozenBase.Median - frozenTreated.Median;
                context = Math.Abs(shift) < Margin
                    ? $"The frozen test MSE after the last epoch is {F(frozenTreated.Median)} with {treatmentName} and {F(frozenBase.Median)} without (medians): it changes the train loss, not what the weights can do."
                    : $"The frozen test MSE after the last epoch moves from {F(frozenBase.Median)} to {F(frozenTreated.Median)} (medians) with {treatmentName}.";
            }
            return new(r, ms, context);
        }
        string[] H(params string[] keys) => keys;

        t["h1-lower-lr-removes-rise"] = new("Does a lower learning rate remove the rise of the train loss (H1, as the train loss shows it)?", _ => H(E.Lr1e3, E.Lr1e4, E.Lr1e2, E.Lr1e5),
            ev => Hypothesis(ev, E.Lr1e4, "lowering the lr to 1e-4", E.Lr1e2, E.Lr1e5));
        t["h2-adam-state"] = new("Does resetting Adam's state each epoch remove the rise (H2)?", _ => H(E.Lr1e3, E.OptimizerReset),
            ev => Hypothesis(ev, E.OptimizerReset, "resetting Adam each epoch"));
        t["h3-state-reset"] = new("Does keeping the LSTM state across epochs remove the rise (H3)?", _ => H(E.Lr1e3, E.ResetNever, E.ResetPerBlock, E.ResetStateless),
            ev => Hypothesis(ev, E.ResetNever, "never resetting the state", E.ResetPerBlock, E.ResetStateless));
        t["h4-noise-forgetting"] = new("Does drawing A and φ once per series remove the rise (H4)?", _ => H(E.Lr1e3, E.PerSeriesNoise),
            ev => Hypothesis(ev, E.PerSeriesNoise, "per-series noise"));
        t["h4-block-forgetting"] = new("Does interleaving the frequencies remove the rise (H4, forgetting between blocks)?", _ => H(E.Lr1e3, E.Interleaved),
            ev => Hypothesis(ev, E.Interleaved, "interleaving the rows"));

        // H1's mechanism is a statement about the weights ("Weights jump OVER the local minimum into worse region"), so it is
        // judged on what the weights can do: the frozen test MSE against the untrained model's, never on the running train loss.
        Outcome Mechanism(LedgerEvidence ev)
        {
            var key = E.ReportRun(ev.Settings);
            var runs = Need(ev.RunsOf(key), key);
            var untrained = ev.UntrainedOf(key);
            var first = new SeedValues("frozen test MSE after epoch 1", runs.Select(h => h.Epochs[0].FrozenTest.Mse).ToArray(), "MSE");
            var worst = new SeedValues("worst frozen test MSE of the later epochs", runs.Select(h => h.Epochs.Count < 2 ? double.NaN : h.Epochs.Skip(1).Max(e => e.FrozenTest.Mse)).ToArray(), "MSE");
            var gained = new SeedValues("frozen test MSE gained by epoch 1 (untrained − epoch 1)", untrained.Values.Select((u, i) => u - first.Values[i]).ToArray(), "MSE");
            var lost = new SeedValues("frozen test MSE lost after epoch 1 (worst later − epoch 1)", worst.Values.Select((w, i) => w - first.Values[i]).ToArray(), "MSE");
            var holds = gained.Values.Select((g, i) => double.IsNaN(g) || double.IsNaN(lost.Values[i]) ? (bool?)null : g > Margin && lost.Values[i] > Margin).ToArray();
            var r = ClaimRules.AllOrNone(holds,
                $"the weights beat the untrained model by more than {F(Margin)} after epoch 1 and then lose more than {F(Margin)} (gain median {F(gained.Median)}, later loss median {F(lost.Median)})",
                $"supported when, in every one of ≥ {ClaimRules.MinSeeds} init seeds, the frozen test MSE after epoch 1 beats the untrained model's by more than {F(Margin)} and a later epoch's is worse than epoch 1's by more than {F(Margin)}; contradicted when that happens in no seed; otherwise inconclusive");
            var train1 = new SeedValues("train loss of epoch 1 (weights moving every row)", runs.Select(h => h.Epochs[0].TrainLoss).ToArray(), "MSE");
            var frozenTrain1 = new SeedValues("frozen train MSE after epoch 1 (the same rows, weights fixed)", runs.Select(h => h.Epochs[0].FrozenTrain.Mse).ToArray(), "MSE");
            return new(r, [M(untrained), M(first), M(worst), M(gained), M(lost), M(train1), M(frozenTrain1)],
                $"Predicting zero scores {F(ReportConstants.PredictZeroMse)}. The epoch-1 train loss (median {F(train1.Median)}) is the running fit of weights that change at every row; the same weights, frozen, score {F(frozenTrain1.Median)} on those rows.");
        }
        t["h1-overshoot-mechanism"] = new("Did the weights reach a good region at epoch 1 and larger steps carry them to a worse one (H1's mechanism)?", s => H(E.ReportRun(s)), Mechanism);

        // §2.3's root cause needs both halves of H1: the intervention (lower lr removes the rise) and the mechanism (weights
        // that got worse). Without the mechanism the rise has another explanation, which the finding names with its numbers.
        t["root-cause-lr-too-high"] = new("Is a too-high learning rate the root cause of the rise after epoch 1?",
            s => H(E.ReportRun(s), E.Lr1e3, E.Lr1e4, E.Lr1e2, E.Lr1e5, E.OptimizerReset, E.ResetNever, E.PerSeriesNoise, E.Interleaved), ev =>
        {
            var mechanism = Mechanism(ev);
            var rise = t["h1-lower-lr-removes-rise"].Decide(ev);
            var others = new (string Id, string Key)[] { ("h2-adam-state", E.OptimizerReset), ("h3-state-reset", E.ResetNever), ("h4-noise-forgetting", E.PerSeriesNoise), ("h4-block-forgetting", E.Interleaved) }
                .Where(o => t[o.Id].Decide(ev).Result.Verdict == Verdict.Supported).Select(o => o.Id).ToArray();
            var verdict = mechanism.Result.Verdict == Verdict.Contradicted || rise.Result.Verdict == Verdict.Contradicted ? Verdict.Contradicted
                : mechanism.Result.Verdict == Verdict.Supported && rise.Result.Verdict == Verdict.Supported && others.Length == 0 ? Verdict.Supported : Verdict.Inconclusive;
            const string rule = "supported when H1's mechanism (weights that were good after epoch 1 got worse: frozen test MSE) and H1's intervention (lr 1e-4 shrinks the train-loss rise D by more than 0.01) both hold in every seed and no other intervention (H2–H4) removes the rise; contradicted when the mechanism or the intervention holds in no seed; otherwise inconclusive";
            var reason = $"H1's mechanism: {mechanism.Result.Reason}; H1's intervention: {rise.Result.Reason}" + (others.Length > 0 ? $"; other interventions that remove the rise: {string.Join(", ", others)}" : "");
            var runs = Need(ev.RunsOf(E.ReportRun(ev.Settings)), "report run");
            var train = new SeedValues("train loss, epoch 1 → mean of epochs 2–5 (D)", runs.Select(LedgerEvidence.DegradationOf).ToArray(), "MSE");
            var frozen = new SeedValues("frozen test MSE, last epoch − epoch 1", runs.Select(h => h.Epochs[^1].FrozenTest.Mse - h.Epochs[0].FrozenTest.Mse).ToArray(), "MSE");
            var context = mechanism.Result.Verdict == Verdict.Supported ? mechanism.Context
                : $"The measured alternative: the rise is in the running fit, not in the weights. The train loss rises by D = {F(train.Median)} (median) while the frozen test MSE moves by {F(frozen.Median)} from epoch 1 to the last epoch; {mechanism.Context}";
            return new(new RuleResult(verdict, rule, reason), [.. mechanism.Measurements, M(train), M(frozen)], context);
        });

        t["h5-lucky-init"] = new("Does the untrained model already reach the report's epoch-1 MSE (H5)?", s => H(E.ReportRun(s)), ev =>
        {
            var key = E.ReportRun(ev.Settings);
            var untrained = ev.Untrained;
            var r = ClaimRules.Near(untrained, ReportConstants.BestMse, 1.25);
            return new(r, [M(untrained), M(Need(ev.At(key, 1, e => e.TrainLoss, "train loss of epoch 1", "MSE"), "train")),
                M(Need(ev.At(key, 1, e => e.FrozenTest.Mse, "frozen test MSE after epoch 1", "MSE"), "frozen"))]);
        });

        t["training-numerically-sound"] = new("Are the losses and gradients of the report's run finite and neither vanishing nor exploding?", Report, ev =>
        {
            var runs = Need(ev.RunsOf(E.ReportRun(ev.Settings)), "report run");
            bool Ok(EpochRecord e) => double.IsFinite(e.TrainLoss) && double.IsFinite(e.FrozenTrain.Mse) && double.IsFinite(e.FrozenTest.Mse)
                && e.GradientNorm.Mean > 1e-6 && e.GradientNorm.Mean < 1e3;
            int bad = runs.Sum(h => h.Epochs.Count(e => !Ok(e))), total = runs.Sum(h => h.Epochs.Count);
            const string rule = "supported when every epoch of every one of ≥ 3 init seeds has a finite train loss, finite frozen MSEs and a mean gradient norm in (1e-6, 1e3); contradicted otherwise";
            var verdict = runs.Count < ClaimRules.MinSeeds ? Verdict.Inconclusive : bad == 0 && runs.All(h => h.Stop != StopReason.NonFinite) ? Verdict.Supported : Verdict.Contradicted;
            var r = new RuleResult(verdict, rule, $"{total - bad} of {total} epochs over {runs.Count} init seeds pass");
            var norms = new SeedValues("mean pre-clip gradient norm", runs.Select(h => h.Epochs.Average(e => e.GradientNorm.Mean)).ToArray());
            var max = new SeedValues("largest pre-clip gradient norm", runs.Select(h => h.Epochs.Max(e => e.GradientNorm.Max)).ToArray());
            return new(r, [M(norms), M(max)], "This checks the reimplementation's training of the report's setup; the report's own code is not available to test. It says nothing about what the state holds: see the memory and gradient-flow claims.");
        });

        // "Memory correct" is judged on what the carried state is worth to the trained weights, not on finite numbers.
        t["memory-carried-state-used"] = new("Does the carried (h, c) make the trained weights predict better than the same weights without it?", Report, ev =>
        {
            var memory = Need(ev.MemoryOf(E.ReportRun(ev.Settings)), "memory");
            var gain = memory.Gain;
            var holds = gain.Values.Select(g => double.IsNaN(g) ? (bool?)null : g > Margin).ToArray();
            var r = ClaimRules.AllOrNone(holds, $"carrying the state lowers the frozen test MSE by more than {F(Margin)} (gain median {F(gain.Median)})",
                $"supported when, for the final weights of every one of ≥ {ClaimRules.MinSeeds} init seeds, carrying (h, c) from row to row lowers the frozen test MSE by more than {F(Margin)} against resetting it before every row; contradicted when it does for none; otherwise inconclusive");
            return new(r, [M(memory.Carried), M(memory.Stateless), M(gain)],
                $"A state worth nothing means the model predicts each row from that row alone: the best such predictor scores {F(ev.Validation.Baselines.Single(b => b.Name == "best memoryless").Mse)}, and the target sin(2π f t) needs a clock, which only the state can keep.");
        });

        // "Gradient flow correct" is judged on whether any gradient reaches the state across rows: with (h, c) detached every row
        // (the report's trainer, by design) none does, so nothing trains the state to carry information to later rows.
        t["gradient-flow-across-rows"] = new("Does any gradient reach the carried state from a later row?", Report, ev =>
        {
            var runs = Need(ev.RunsOf(E.ReportRun(ev.Settings)), "report run");
            var crossed = new SeedValues("rows a gradient travels back through (h, c) (truncated-BPTT window − 1)", runs.Select(h => (double)(h.Config.Window - 1)).ToArray());
            var holds = crossed.Values.Select(v => (bool?)(v >= 1)).ToArray();
            var r = ClaimRules.AllOrNone(holds, $"a gradient crosses at least one row through the state (window − 1 = {F(crossed.Median)})",
                $"supported when the trainer carries the gradient through (h, c) across at least one row in every one of ≥ {ClaimRules.MinSeeds} init seeds; contradicted when (h, c) is detached after every row in every seed; otherwise inconclusive");
            return new(r, [M(crossed), new("rows per training step (L)", runs[0].Config.Window)],
                "Each step's loss reaches the weights through the current row only: the incoming (h, c) is a constant to the gradient. The weights learn to read the state, but no loss ever asks them to write into it what a later row will need, so the state cannot be trained to keep the phase of the clock.");
        });

        t["lr-1e-4-stable-descent"] = new("Does the prescribed restart at lr 1e-4 lower the frozen test MSE?", _ => H(E.Restart), ev =>
        {
            var first = Need(ev.At(E.Restart, 1, e => e.FrozenTest.Mse, "frozen test MSE after epoch 1", "MSE"), "first");
            var last = Need(ev.At(E.Restart, 0, e => e.FrozenTest.Mse, "frozen test MSE after the last epoch", "MSE"), "last");
            var r = ClaimRules.PairedImprovement(first, last, Margin, $"training to epoch {ev.Settings.LongEpochs}");
            return new(r, [M(first), M(last), M(Need(ev.At(E.Restart, 0, e => e.TrainLoss, "train loss of the last epoch", "MSE"), "train"))]);
        });

        t["forecast-lr-1e-4"] = new("Does the restart's train loss follow the report's forecast curve?", _ => H(E.Restart), ev =>
        {
            var r = ClaimRules.Forecast(ReportConstants.Forecast, e => ev.At(E.Restart, e, x => x.TrainLoss, $"train loss, epoch {e}", "MSE"));
            var ms = ReportConstants.Forecast.Select(p => ev.At(E.Restart, p.Epoch, x => x.TrainLoss, $"train loss, epoch {p.Epoch} (forecast {F(p.Predicted)})", "MSE"))
                .Where(m => m is not null).Select(m => M(m!)).Append(new Measurement("epochs run", ev.RunsOf(E.Restart)!.Min(h => h.Epochs.Count))).ToArray();
            return new(r, ms);
        });

        t["success-criteria-lr-1e-4"] = new("Does the restart meet the report's per-epoch success criteria?", _ => H(E.Restart), ev =>
        {
            var r = ClaimRules.Criteria(ReportConstants.SuccessCriteria, e => ev.At(E.Restart, e, x => x.TrainLoss, $"train loss, epoch {e}"));
            var ms = ReportConstants.SuccessCriteria.Select(c => ev.At(E.Restart, c.Epoch, x => x.TrainLoss, $"train loss, epoch {c.Epoch} (criterion < {F(c.Below)})", "MSE"))
                .Where(m => m is not null).Select(m => M(m!)).Append(new Measurement("epochs run", ev.RunsOf(E.Restart)!.Min(h => h.Epochs.Count))).ToArray();
            return new(r, ms);
        });

        t["mse-0-01-in-40-50-epochs"] = new("Does the restart reach a frozen test MSE below 0.01 within 50 epochs?", _ => H(E.Restart), ev =>
        {
            var runs = Need(ev.RunsOf(E.Restart), E.Restart);
            var at = Success(ev).At50;
            var holds = runs.Select((h, i) => at.Values[i] < ReportConstants.TargetMse ? true : h.Epochs.Count >= 40 ? false : (bool?)null).ToArray();
            var r = ClaimRules.AllOrNone(holds, $"the frozen test MSE is below {F(ReportConstants.TargetMse)} (median {F(at.Median)})",
                $"supported when every one of ≥ {ClaimRules.MinSeeds} init seeds is below 0.01 by epoch 50; contradicted when every seed is at or above 0.01 at its last epoch and that epoch is ≥ 40; otherwise inconclusive");
            return new(r, [M(at), M(Need(ev.At(E.Restart, 0, e => e.TrainLoss, "train loss of the last epoch", "MSE"), "train"))]);
        });

        t["epochs-to-target-table"] = new("Does the restart's train loss reach each MSE within the epochs the report gives?", _ => H(E.Restart), ev =>
        {
            var curves = Need(ev.TrainCurves(E.Restart), E.Restart);
            var r = ClaimRules.EpochsToTarget(ReportConstants.EpochsToTarget, curves);
            var lowest = new SeedValues("lowest train loss reached", curves.Select(c => c.Min()).ToArray(), "MSE");
            return new(r, [M(lowest), new Measurement("epochs run", curves.Min(c => c.Count))]);
        });

        t["early-stopping-30-40"] = new("Would the report's early stopping end the restart around epoch 30–40?", _ => H(E.Restart), ev =>
        {
            var curves = Need(ev.TrainCurves(E.Restart), E.Restart);
            var stops = curves.Select(c =>
            {
                var stopper = new EarlyStopping(EarlyStoppingSettings.ReportPlan);
                for (int i = 0; i < c.Count; i++) if (EarlyStopping.ShouldStop(stopper.Check(c[i], i + 1))) return (int?)(i + 1);
                return null;
            }).ToArray();
            var r = ClaimRules.StopWithin(stops, curves.Select(c => c.Count).ToArray(), ReportConstants.EarlyStopLow, ReportConstants.EarlyStopHigh);
            var ms = new List<Measurement> { new("epochs run", curves.Min(c => c.Count)) };
            if (stops.All(s => s is not null)) ms.Add(M(new SeedValues("stop epoch (patience 10, min_delta 1e-4, train loss)", stops.Select(s => (double)s!.Value).ToArray())));
            return new(r, ms);
        });

        t["noise-floor-0-01-0-02"] = new("Is there an irreducible MSE of 0.01–0.02 for a perfect frequency extractor?", _ => [], ev =>
        {
            var b = ev.Validation.Baselines;
            var clock = b.Single(x => x.Name == "perfect clock");
            var memoryless = b.Single(x => x.Name == "best memoryless");
            var variance = b.Single(x => x.Name == "own mean (variance)");
            var r = ClaimRules.InRange(clock.Mse, ReportConstants.NoiseFloorLow, ReportConstants.NoiseFloorHigh, $"the perfect clock's MSE on {ev.Validation.BaselinesScoredOn}");
            return new(r, [new("perfect clock MSE (predicts sin(2π f t))", clock.Mse, "MSE"), new("best memoryless MSE from S", memoryless.Mse, "MSE"),
                new("target variance", variance.Mse, "MSE")],
                $"From S alone the best memoryless predictor reaches {F(memoryless.Mse)} against a target variance of {F(variance.Mse)}.");
        });

        t["noise-variance-3-3"] = new("Is the variance the randomization puts into the signal about 3.3?", _ => [], ev =>
        {
            var s = ev.TrainSignals;
            double Var(IEnumerable<double> x) { var a = x.ToArray(); double m = a.Average(); return a.Sum(v => (v - m) * (v - m)) / a.Length; }
            double component = s.Components.Average(c => Var(c));
            var r = ClaimRules.WithinFactor(component, ReportConstants.NoiseVariance, 2, 2, "the variance of a noisy component A·sin(2π f t + φ)");
            return new(r, [new("variance of a noisy component", component), new("variance of the phase draws φ (rad²)", s.Phases.Average(p => Var(p))),
                new("variance of the amplitude draws A", s.Amplitudes.Average(a => Var(a))), new("variance of the mixture S", Var(s.Mixture))],
                "The phase variance is an angle's variance in rad²; it enters the signal only through sin(·), whose values stay within ±1.2.");
        });

        t["variance-sqrt-3200"] = new("Does averaging n rows' gradients cut their variance by √n, as the report computes?", _ => [], ev =>
        {
            var g = ev.GradientVariance;
            // Reduction = Var(one row) / Var(mean of n rows) = n^a: a = 1 for independent rows, the report's √ is a = 0.5.
            var exponent = new SeedValues($"exponent a in Var ratio = n^a (n = {g[0].Rows})", g.Select(x => Math.Log(x.Reduction) / Math.Log(x.Rows)).ToArray());
            var ratio = new SeedValues($"variance ratio, single row / mean of {g[0].Rows} rows", g.Select(x => x.Reduction).ToArray());
            var holds = exponent.Values.Select(a => double.IsNaN(a) ? (bool?)null : a >= 0.25 && a <= 0.75).ToArray();
            var r = ClaimRules.AllOrNone(holds, $"the exponent (median {F(exponent.Median)}) lies in [0.25, 0.75] around the report's 0.5",
                $"supported when every one of ≥ {ClaimRules.MinSeeds} init seeds' exponent lies in [0.25, 0.75]; contradicted when every seed's lies outside; otherwise inconclusive");
            return new(r, [M(exponent), M(ratio), new("√n (the report's factor)", Math.Sqrt(g[0].Rows)), new("n (independent rows)", g[0].Rows),
                new("windows measured", g[0].Windows)],
                "Measured at the untrained weights with the carried state, learning rate 0 (the weights do not move).");
        });

        t["fft-correct-frequencies"] = new("Does the spectrum of the mixture S show lines at 1, 3, 5, 7 Hz?", _ => [], ev =>
        {
            var spectrum = ev.Validation.Spectra.Single(x => x.Dataset == "train" && x.Signal == "S").Spectrum;
            var freqs = ev.TrainSignals.Spec.Frequencies;
            var targetBins = freqs.Select(spectrum.NearestBin).ToHashSet();
            var band = spectrum.Frequencies.Select((f, i) => (f, i)).Where(p => p.f >= 0.1 && p.f < 10 && !targetBins.Contains(p.i)).Select(p => spectrum.Amplitudes[p.i]).ToArray();
            double median = Stats.Median(band);
            if (band.Length == 0 || !(median > 0)) throw new FrequencyLabException($"the spectrum of {ev.TrainSignals.SampleCount} samples has no bins in 0.1–10 Hz to compare with");
            var ratios = freqs.Select(f => spectrum.AmplitudeAt(f) / median).ToArray();
            int present = ratios.Count(x => x >= 10);
            const string rule = "a line is present when S's amplitude at the frequency is at least 10 × the median amplitude of the 0.1–10 Hz band; supported when all four lines are present; contradicted when none is; otherwise inconclusive";
            var verdict = present == freqs.Length ? Verdict.Supported : present == 0 ? Verdict.Contradicted : Verdict.Inconclusive;
            var r = new RuleResult(verdict, rule, $"{present} of {freqs.Length} lines are present in S (largest ratio {F(ratios.Max())})");
            return new(r, freqs.Select((f, i) => new Measurement($"S amplitude at {F(f)} Hz / band median", ratios[i])).ToArray());
        });

        t["per-sample-randomization-correct"] = new("Are A and φ drawn afresh, in range and unbiased, at every sample?", _ => [], ev =>
        {
            var spec = ev.TrainSignals.Spec;
            var checks = new List<(string Name, bool Ok)>();
            double maxLag = 0, repeats = 0, worstMeanA = 0, worstMeanPhi = 0;
            foreach (var set in new[] { ev.TrainSignals, ev.TestSignals })
                for (int i = 0; i < set.FrequencyCount; i++)
                {
                    var a = set.Amplitudes[i]; var p = set.Phases[i]; int n = a.Length;
                    checks.Add(("amplitudes in range", a.All(v => v >= spec.AmplitudeMin && v <= spec.AmplitudeMax)));
                    checks.Add(("phases in range", p.All(v => v >= spec.PhaseMin && v < spec.PhaseMax)));
                    double seA = (spec.AmplitudeMax - spec.AmplitudeMin) / Math.Sqrt(12.0 * n), seP = (spec.PhaseMax - spec.PhaseMin) / Math.Sqrt(12.0 * n);
                    double zA = Math.Abs(a.Average() - (spec.AmplitudeMin + spec.AmplitudeMax) / 2) / seA, zP = Math.Abs(p.Average() - (spec.PhaseMin + spec.PhaseMax) / 2) / seP;
                    worstMeanA = Math.Max(worstMeanA, zA); worstMeanPhi = Math.Max(worstMeanPhi, zP);
                    checks.Add(("means", zA < 4 && zP < 4));
                    int rep = Enumerable.Range(1, n - 1).Count(j => a[j] == a[j - 1] || p[j] == p[j - 1]);
                    repeats += rep;
                    checks.Add(("fresh draws", rep == 0));
                    double lag = Math.Max(Math.Abs(Lag1(a)), Math.Abs(Lag1(p)));
                    maxLag = Math.Max(maxLag, lag * Math.Sqrt(n));
                    checks.Add(("independence", lag < 4 / Math.Sqrt(n)));
                }
            int failed = checks.Count(c => !c.Ok);
            const string rule = "supported when every draw is in range, the means are within 4 standard errors of the range's midpoint, no draw repeats its predecessor and |lag-1 autocorrelation| < 4/√N, for every frequency of train and test; contradicted otherwise";
            var r = new RuleResult(failed == 0 ? Verdict.Supported : Verdict.Contradicted, rule,
                $"{checks.Count - failed} of {checks.Count} checks pass" + (failed > 0 ? " (failing: " + string.Join(", ", checks.Where(c => !c.Ok).Select(c => c.Name).Distinct()) + ")" : ""));
            return new(r, [new("largest |mean A − 1| in standard errors", worstMeanA), new("largest |mean φ − π| in standard errors", worstMeanPhi),
                new("draws equal to their predecessor", repeats), new("largest |lag-1 autocorrelation| × √N", maxLag)]);
        });

        t["hidden-64-adequate"] = new("Is hidden size 64 enough, i.e. does 128 not do better?", _ => H(E.Restart, E.Hidden128, E.Hidden32), ev =>
        {
            var h64 = Need(ev.At(E.Restart, 0, e => e.FrozenTest.Mse, "frozen test MSE, H 64", "MSE"), "64");
            var h128 = Need(ev.At(E.Hidden128, 0, e => e.FrozenTest.Mse, "frozen test MSE, H 128", "MSE"), "128");
            var h32 = Need(ev.At(E.Hidden32, 0, e => e.FrozenTest.Mse, "frozen test MSE, H 32", "MSE"), "32");
            var r = ClaimRules.Negate(ClaimRules.PairedImprovement(h64, h128, Margin, "H 128"),
                $"supported when H 128 lowers the last-epoch frozen test MSE by more than {F(Margin)} in none of ≥ {ClaimRules.MinSeeds} init seeds; contradicted when it does in every seed; otherwise inconclusive");
            return new(r, [M(h32), M(h64), M(h128)]);
        });

        t["clip-1-conservative"] = new("Does clipping at 1.0 leave most steps alone?", Report, ev =>
        {
            var clipped = Need(ev.PerRun(E.ReportRun(ev.Settings), h => 100 * h.Epochs.Average(e => e.GradientNorm.FractionClipped), "share of steps clipped", "%"), "clip");
            var holds = clipped.Values.Select(v => v < 10 ? true : v > 50 ? false : (bool?)null).ToArray();
            var r = ClaimRules.AllOrNone(holds, $"fewer than 10 % of steps are clipped (median {F(clipped.Median)} %)",
                $"supported when every one of ≥ {ClaimRules.MinSeeds} init seeds clips fewer than 10 % of steps; contradicted when every seed clips more than 50 %; otherwise inconclusive");
            var norms = Need(ev.PerRun(E.ReportRun(ev.Settings), h => h.Epochs.Average(e => e.GradientNorm.Mean), "mean pre-clip gradient norm"), "norm");
            return new(r, [M(clipped), M(norms)]);
        });

        t["seconds-per-epoch-17"] = new("Does a 40,000-row epoch take about 17 s on TorchSharp here?", s => H(s.TorchReportRun ? E.ReportRunTorch : E.TorchTiming), ev =>
        {
            var key = ev.Settings.TorchReportRun ? E.ReportRunTorch : E.TorchTiming;
            var runs = Need(ev.RunsOf(key), key);
            var perEpoch = runs.SelectMany(h => h.Epochs.Select(e => e.Seconds * 40_000.0 / Math.Max(1, e.Rows))).ToArray();
            double median = Stats.Median(perEpoch);
            var r = ClaimRules.WithinFactor(median, ReportConstants.SecondsPerEpoch, 2, 4, "the median wall time per 40,000-row epoch");
            return new(r, [new("wall seconds per 40,000-row epoch (median)", median, "s"), new("epochs timed", perEpoch.Length)],
                "Wall time includes the frozen evaluation passes and depends on this machine and its load.");
        });

        t["parameters-18241"] = new("Does LSTM(5→64) + Linear(64→1) have 18,241 parameters?", _ => [], _ =>
        {
            var r = ClaimRules.Exact(new ModelShape(5, 64).ParameterCount, ReportConstants.Parameters, "the parameter count of LSTM(5→64) + Linear(64→1)");
            return new(r, [new("parameters", new ModelShape(5, 64).ParameterCount)]);
        });

        t["generalization-gap-risk"] = new("Is the restart's frozen test MSE more than 20 % above its frozen train MSE?", _ => H(E.Restart), ev =>
        {
            // A fraction of the frozen train MSE (0.2 = the report's "20%"), not a percentage, so the value and the threshold read alike.
            var gap = Need(ev.At(E.Restart, 0, e => (e.FrozenTest.Mse - e.FrozenTrain.Mse) / e.FrozenTrain.Mse, "generalization gap (test − train) / train, a fraction"), "gap");
            var r = ClaimRules.Side(gap, ReportConstants.GapFraction, claimAbove: true);
            return new(r, [M(gap), M(Need(ev.At(E.Restart, 0, e => e.FrozenTrain.Mse, "frozen train MSE, last epoch", "MSE"), "train")),
                M(Need(ev.At(E.Restart, 0, e => e.FrozenTest.Mse, "frozen test MSE, last epoch", "MSE"), "test"))]);
        });

        // §3.4: the report calls the rise pathological because normal variance "CANNOT explain" it. A pathology of training is
        // one the weights show: judged on whether the frozen test MSE got worse after epoch 1, with the train loss beside it.
        t["pathological-not-normal-variance"] = new("Did the weights themselves get worse after epoch 1, as a training pathology would make them?", Report, ev =>
        {
            var key = E.ReportRun(ev.Settings);
            var runs = Need(ev.RunsOf(key), key);
            var frozen = new SeedValues("frozen test MSE, last epoch − epoch 1", runs.Select(h => h.Epochs[^1].FrozenTest.Mse - h.Epochs[0].FrozenTest.Mse).ToArray(), "MSE");
            var train = new SeedValues("train loss, last epoch − epoch 1", runs.Select(h => h.Epochs[^1].TrainLoss - h.Epochs[0].TrainLoss).ToArray(), "MSE");
            var holds = frozen.Values.Select(v => double.IsNaN(v) ? (bool?)null : v > Margin).ToArray();
            var r = ClaimRules.AllOrNone(holds, $"the frozen test MSE after the last epoch is worse than after epoch 1 by more than {F(Margin)} (median change {F(frozen.Median)})",
                $"supported when the frozen test MSE after the last epoch exceeds that after epoch 1 by more than {F(Margin)} in every one of ≥ {ClaimRules.MinSeeds} init seeds; contradicted when it does in none; otherwise inconclusive");
            return new(r, [M(frozen), M(train), M(ev.UntrainedOf(key))],
                $"The train loss changes by {F(train.Median)} (median) over the same epochs: a rise the weights do not show is in how the loss is measured (each row scored by weights that just fitted the rows before it), not a pathology of the weights.");
        });

        t["l1-gradual-decrease"] = new("Does L = 1 training at lr 1e-4 lower what the weights can do gradually over the epochs?", _ => H(E.Restart), ev =>
        {
            var runs = Need(ev.RunsOf(E.Restart), E.Restart);
            var trends = runs.Select(h => TrendTest.OverEpochs(h.Epochs.Select(e => e.FrozenTest.Mse).ToArray())).ToArray();
            var drop = new SeedValues("frozen test MSE, epoch 1 − last epoch", runs.Select(h => h.Epochs[0].FrozenTest.Mse - h.Epochs[^1].FrozenTest.Mse).ToArray(), "MSE");
            var holds = runs.Select((h, i) => h.Epochs.Count < 3 ? (bool?)null : trends[i].Slope < 0 && trends[i].PValue < 0.05 && drop.Values[i] > Margin).ToArray();
            var r = ClaimRules.AllOrNone(holds, $"the frozen test MSE falls by more than {F(Margin)} with a significant downward trend (median fall {F(drop.Median)})",
                $"supported when the frozen test MSE has a negative Theil–Sen slope with Mann–Kendall p < 0.05 and falls by more than {F(Margin)} from epoch 1 to the last epoch in every one of ≥ {ClaimRules.MinSeeds} init seeds; contradicted when in none; otherwise inconclusive");
            var slope = new SeedValues("Theil–Sen slope of the frozen test MSE per epoch", trends.Select(x => x.Slope).ToArray(), "MSE per epoch");
            var p = new SeedValues("Mann–Kendall two-sided p of no trend", trends.Select(x => x.PValue).ToArray());
            var trainSlope = new SeedValues("Theil–Sen slope of the train loss per epoch", runs.Select(h => TrendTest.OverEpochs(h.Epochs.Select(e => e.TrainLoss).ToArray()).Slope).ToArray(), "MSE per epoch");
            return new(r, [M(drop), M(slope), M(p), M(trainSlope), new("epochs run", runs.Min(h => h.Epochs.Count))]);
        });

        t["first-5-epochs-improve"] = new("Do the restart's first 5 epochs improve the model, as the report's monitoring step expects?", _ => H(E.Restart), ev =>
        {
            // Epoch 5, or the last epoch of a shorter (reduced-scale) restart, which the measurement's name then says.
            int last = Math.Min(5, Need(ev.RunsOf(E.Restart), E.Restart).Min(h => h.Epochs.Count));
            if (last < 2) throw new FrequencyLabException("the restart ran fewer than 2 epochs");
            var first = Need(ev.At(E.Restart, 1, e => e.FrozenTest.Mse, "frozen test MSE after epoch 1", "MSE"), "first");
            var fifth = Need(ev.At(E.Restart, last, e => e.FrozenTest.Mse, $"frozen test MSE after epoch {last}", "MSE"), "fifth");
            var r = ClaimRules.PairedImprovement(first, fifth, Margin, $"epochs 2–{last}");
            var train1 = Need(ev.At(E.Restart, 1, e => e.TrainLoss, "train loss, epoch 1 (the report expects 0.420)", "MSE"), "t1");
            var train5 = Need(ev.At(E.Restart, last, e => e.TrainLoss, $"train loss, epoch {last}", "MSE"), "t5");
            return new(r, [M(first), M(fifth), M(train1), M(train5), M(ev.UntrainedOf(E.Restart))]);
        });

        // §8: success means the weights reach the target: the frozen test MSE below 0.01 by epoch 50.
        (int Successes, int Undecided, SeedValues At50) Success(LedgerEvidence ev)
        {
            var runs = Need(ev.RunsOf(E.Restart), E.Restart);
            var at = new SeedValues("frozen test MSE at epoch min(50, last)", runs.Select(h => h.Epochs[Math.Min(50, h.Epochs.Count) - 1].FrozenTest.Mse).ToArray(), "MSE");
            int ok = at.Values.Count(v => v < ReportConstants.TargetMse);
            int undecided = runs.Select((h, i) => at.Values[i] >= ReportConstants.TargetMse && h.Epochs.Count < 50 && h.Stop != StopReason.EarlyStopping).Count(x => x);
            return (ok, undecided, at);
        }

        t["p-success-50-epochs-55"] = new("Is a 55 % chance of MSE < 0.01 within 50 epochs at lr 1e-4 consistent with the seeds?", _ => H(E.Restart), ev =>
        {
            var (ok, undecided, at) = Success(ev);
            var r = ClaimRules.Probability(ReportConstants.SuccessProbability50Epochs, ok, at.Count, undecided, $"a frozen test MSE below {F(ReportConstants.TargetMse)} by epoch 50");
            return new(r, [M(at), new("init seeds below 0.01", ok), new("init seeds", at.Count)]);
        });

        t["most-likely-0-008-0-015"] = new("Does the restart end in the report's most likely range, MSE 0.008–0.015 after 50 epochs?", _ => H(E.Restart), ev =>
        {
            var runs = Need(ev.RunsOf(E.Restart), E.Restart);
            var at = new SeedValues("frozen test MSE at epoch 50", runs.Select(h => h.Epochs.Count >= 50 ? h.Epochs[49].FrozenTest.Mse : double.NaN).ToArray(), "MSE");
            var holds = at.Values.Select(v => double.IsNaN(v) ? (bool?)null : v >= ReportConstants.MostLikelyLow && v <= ReportConstants.MostLikelyHigh).ToArray();
            var r = ClaimRules.AllOrNone(holds, $"the frozen test MSE at epoch 50 lies in [{F(ReportConstants.MostLikelyLow)}, {F(ReportConstants.MostLikelyHigh)}]",
                $"supported when every one of ≥ {ClaimRules.MinSeeds} init seeds' frozen test MSE at epoch 50 lies in [{F(ReportConstants.MostLikelyLow)}, {F(ReportConstants.MostLikelyHigh)}]; contradicted when none does; inconclusive when they disagree or a seed did not reach epoch 50");
            return new(r, [M(at), new("epochs run", runs.Min(h => h.Epochs.Count))]);
        });

        t["proceed-with-confidence"] = new("Is success (MSE < 0.01 within 50 epochs at lr 1e-4) highly likely, as the report's recommendation says?", _ => H(E.Restart), ev =>
        {
            var (ok, undecided, at) = Success(ev);
            const string rule = "supported when more than half of ≥ 3 init seeds reach a frozen test MSE below 0.01 by epoch 50; contradicted when none does and every seed was decided; otherwise inconclusive";
            var verdict = at.Count < ClaimRules.MinSeeds ? Verdict.Inconclusive : 2 * ok > at.Count ? Verdict.Supported : ok == 0 && undecided == 0 ? Verdict.Contradicted : Verdict.Inconclusive;
            return new(new RuleResult(verdict, rule, $"{ok} of {at.Count} init seeds reach a frozen test MSE below {F(ReportConstants.TargetMse)} by epoch 50 (median {F(at.Median)})"), [M(at)]);
        });

        // §8.1 / §8.4: whether anything stands between the report's trainer and its target. The data's bounds say how much a
        // model can do from S alone (the best memoryless predictor) and with a clock (the perfect clock); the ledger's runs and
        // the learnability matrix say whether any trained model gets past the memoryless bound.
        (Verdict Verdict, string Reason, IReadOnlyList<Measurement> Ms, string Context) Limitation(LedgerEvidence ev)
        {
            double memoryless = ev.Validation.Baselines.Single(b => b.Name == "best memoryless").Mse;
            double clock = ev.Validation.Baselines.Single(b => b.Name == "perfect clock").Mse;
            var finished = ev.Runs.Where(kv => ev.RunsOf(kv.Key) is not null && kv.Key != E.TorchTiming).ToArray();
            if (finished.Length == 0) throw new FrequencyLabException("no ledger run finished");
            // Per experiment, the worst seed's best frozen test MSE: what the experiment reaches in every seed.
            var reached = finished.Select(kv => (Key: kv.Key, Mse: kv.Value.Max(h => h.Epochs.Min(e => e.FrozenTest.Mse)))).MinBy(x => x.Mse);
            var perSample = ev.Learnability?.Cells.Where(c => c.Cell.Noise == Signals.NoiseMode.PerSample).ToArray();
            bool matrixLearns = perSample?.Any(c => c.Verdict == Learnability.LearnabilityVerdict.LearnsBeyondMemoryless) ?? false;
            var bestCell = perSample?.MinBy(c => c.MedianTestMse);
            var ms = new List<Measurement>
            {
                new("best frozen test MSE reached in every seed by a ledger experiment", reached.Mse, "MSE"),
                new("best memoryless predictor from S (test MSE)", memoryless, "MSE"),
                new("perfect clock (test MSE)", clock, "MSE"),
                new("predict zero (test MSE)", ReportConstants.PredictZeroMse, "MSE"),
                new("the report's target", ReportConstants.TargetMse, "MSE"),
            };
            if (bestCell is not null) ms.Add(new($"best per-sample learnability cell ({bestCell.Cell}), median frozen test MSE", bestCell.MedianTestMse, "MSE"));
            Verdict v;
            string reason;
            if (reached.Mse < ReportConstants.TargetMse) { v = Verdict.Supported; reason = $"{ev.Experiments[reached.Key].Description} reaches {F(reached.Mse)} < {F(ReportConstants.TargetMse)} in every seed"; }
            else if (reached.Mse > memoryless - Margin && !matrixLearns)
            {
                v = Verdict.Contradicted;
                reason = $"no ledger experiment beats the best memoryless predictor ({F(memoryless)}) by {F(Margin)} in every seed (best {F(reached.Mse)}, {ev.Experiments[reached.Key].Description})"
                    + (perSample is null ? " and no learnability matrix was given to this ledger" : " and no per-sample cell of the learnability matrix learns beyond it");
            }
            else { v = Verdict.Inconclusive; reason = $"the best ledger experiment reaches {F(reached.Mse)}: past the memoryless bound {F(memoryless)}" + (matrixLearns ? " or a learnability cell learns beyond it" : "") + $", not yet below {F(ReportConstants.TargetMse)}"; }
            var context = $"From S alone no predictor beats {F(memoryless)}; {F(ReportConstants.TargetMse)} needs the phase of sin(2π f t), which only a clock kept in the state can supply (a perfect clock scores {F(clock)}).";
            return (v, reason, ms, context);
        }

        t["feasible-0-01"] = new("Is MSE < 0.01 within reach of the report's trainer?", _ => H(E.Restart), ev =>
        {
            var (v, reason, ms, context) = Limitation(ev);
            const string rule = "supported when some ledger experiment reaches a frozen test MSE below 0.01 in every seed; contradicted when none beats the best memoryless predictor by 0.01 in every seed and no per-sample cell of the learnability matrix (when given) learns beyond it; otherwise inconclusive";
            return new(new RuleResult(v, rule, reason), ms, context);
        });

        t["fundamental-limitation-25"] = new("Is a fundamental limitation only a 25 % risk, i.e. does the task yield to the report's trainer?", _ => H(E.Restart), ev =>
        {
            var (v, reason, ms, context) = Limitation(ev);
            const string rule = "the report gives the limitation 25 %: supported when some ledger experiment reaches a frozen test MSE below 0.01 in every seed (no limitation); contradicted when no experiment beats the best memoryless predictor by 0.01 in every seed and no per-sample cell of the learnability matrix (when given) learns beyond it (the limitation is what happens); otherwise inconclusive";
            return new(new RuleResult(v, rule, reason), ms, context);
        });

        void Contingency(string id, string key, string question)
        {
            t[id] = new(question, _ => H(E.Restart, key), ev =>
            {
                var baseline = Need(ev.At(E.Restart, 0, e => e.FrozenTest.Mse, "frozen test MSE after the last epoch, the restart (lr 1e-4)", "MSE"), "restart");
                var plan = Need(ev.At(key, 0, e => e.FrozenTest.Mse, $"frozen test MSE after the last epoch, {ev.Experiments[key].Description}", "MSE"), key);
                var r = ClaimRules.PairedImprovement(baseline, plan, Margin, ev.Experiments[key].Description);
                return new(r, [M(plan), M(baseline), M(Need(ev.At(key, 0, e => e.TrainLoss, $"train loss of the last epoch, {ev.Experiments[key].Description}", "MSE"), "train"))]);
            });
        }
        Contingency("contingency-lr-5e-5", E.RestartLr5e5, "Does lr 5e-5 do better than the prescribed 1e-4?");
        Contingency("contingency-lr-2e-4", E.RestartLr2e4, "Does lr 2e-4 do better than the prescribed 1e-4?");
        Contingency("contingency-warmup", E.Warmup, "Does a learning-rate warm-up do better than the prescribed restart?");
        Contingency("contingency-plateau", E.Plateau, "Does ReduceLROnPlateau from 1e-3 do better than the prescribed restart?");
        Contingency("contingency-accumulate-10", E.Accumulate10, "Does accumulating 10 rows per step do better than the prescribed restart?");
        Contingency("contingency-sgd-momentum", E.SgdMomentum, "Does SGD with momentum 0.9 do better than the prescribed restart?");
        Contingency("contingency-hidden-128", E.Hidden128, "Does hidden size 128 do better than the prescribed restart?");
        return t;
    }

    private static double Lag1(double[] x)
    {
        double m = x.Average(), num = 0, den = 0;
        for (int i = 0; i < x.Length; i++) { den += (x[i] - m) * (x[i] - m); if (i > 0) num += (x[i] - m) * (x[i - 1] - m); }
        return den == 0 ? double.NaN : num / den;
    }
}
