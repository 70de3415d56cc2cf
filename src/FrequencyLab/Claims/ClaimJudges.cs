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
            var slope = new SeedValues("Theil–Sen slope of the train loss per epoch", trends.Select(x => x.Slope).ToArray());
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

        t["h1-lr-too-high"] = new("Does a lower learning rate remove the rise of the train loss (H1)?", _ => H(E.Lr1e3, E.Lr1e4, E.Lr1e2, E.Lr1e5),
            ev => Hypothesis(ev, E.Lr1e4, "lowering the lr to 1e-4", E.Lr1e2, E.Lr1e5));
        t["h2-adam-state"] = new("Does resetting Adam's state each epoch remove the rise (H2)?", _ => H(E.Lr1e3, E.OptimizerReset),
            ev => Hypothesis(ev, E.OptimizerReset, "resetting Adam each epoch"));
        t["h3-state-reset"] = new("Does keeping the LSTM state across epochs remove the rise (H3)?", _ => H(E.Lr1e3, E.ResetNever, E.ResetPerBlock, E.ResetStateless),
            ev => Hypothesis(ev, E.ResetNever, "never resetting the state", E.ResetPerBlock, E.ResetStateless));
        t["h4-noise-forgetting"] = new("Does drawing A and φ once per series remove the rise (H4)?", _ => H(E.Lr1e3, E.PerSeriesNoise),
            ev => Hypothesis(ev, E.PerSeriesNoise, "per-series noise"));
        t["h4-block-forgetting"] = new("Does interleaving the frequencies remove the rise (H4, forgetting between blocks)?", _ => H(E.Lr1e3, E.Interleaved),
            ev => Hypothesis(ev, E.Interleaved, "interleaving the rows"));

        t["h5-lucky-init"] = new("Does the untrained model already reach the report's epoch-1 MSE (H5)?", s => H(E.ReportRun(s)), ev =>
        {
            var key = E.ReportRun(ev.Settings);
            var untrained = ev.Untrained;
            var r = ClaimRules.Near(untrained, ReportConstants.BestMse, 1.25);
            return new(r, [M(untrained), M(Need(ev.At(key, 1, e => e.TrainLoss, "train loss of epoch 1", "MSE"), "train")),
                M(Need(ev.At(key, 1, e => e.FrozenTest.Mse, "frozen test MSE after epoch 1", "MSE"), "frozen"))]);
        });

        t["state-and-gradient-flow-correct"] = new("Are the losses and gradients of the report's run finite and neither vanishing nor exploding?", Report, ev =>
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
            return new(r, [M(norms), M(max)], "This checks the reimplementation's training of the report's setup; the report's own code is not available to test.");
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
            var at = new SeedValues("frozen test MSE at epoch min(50, last)", runs.Select(h => h.Epochs[Math.Min(50, h.Epochs.Count) - 1].FrozenTest.Mse).ToArray(), "MSE");
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
            var gap = Need(ev.At(E.Restart, 0, e => 100 * (e.FrozenTest.Mse - e.FrozenTrain.Mse) / e.FrozenTrain.Mse, "generalization gap (test − train) / train", "%"), "gap");
            var r = ClaimRules.Side(gap, ReportConstants.GapPercent, claimAbove: true);
            return new(r, [M(gap), M(Need(ev.At(E.Restart, 0, e => e.FrozenTrain.Mse, "frozen train MSE, last epoch", "MSE"), "train")),
                M(Need(ev.At(E.Restart, 0, e => e.FrozenTest.Mse, "frozen test MSE, last epoch", "MSE"), "test"))]);
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
