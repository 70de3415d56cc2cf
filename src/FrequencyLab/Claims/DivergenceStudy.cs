using FrequencyLab.Findings;

namespace FrequencyLab.Claims;

/// <summary>
/// Notebook 02's experiments: the report's 5-epoch run at lr 1e-3 over several init seeds and the interventions that test
/// its hypotheses H1–H4 (lr sweep, Adam reset, state-reset policies, per-series noise, interleaved rows), all on the fused
/// engine, plus the untrained model (H5). The same experiments and judges as the claims ledger.
/// </summary>
public static class DivergenceStudy
{
    /// <summary>Full: the report's 40,000 rows; quick: 0.5 s of signal (2,000 rows), for tests. With <paramref name="ledgerRuns"/>
    /// (a ledger's runs folder, e.g. the claims stage's of <c>freqlab reproduce</c>): that ledger's settings.</summary>
    public static LedgerSettings Settings(bool quick, string? ledgerRuns = null) => LedgerStudy.Settings(quick
        ? LedgerSettings.Quick with { Mode = "notebook-quick", Duration = 0.5 }
        : LedgerSettings.Full with { Mode = "notebook", TorchReportRun = false }, ledgerRuns);

    /// <summary>Runs the hypothesis experiments (in memory, or read back from <paramref name="ledgerRuns"/>);
    /// <paramref name="onProgress"/> gets one line per update.</summary>
    public static LedgerEvidence Run(LedgerSettings settings, Action<string>? onProgress = null, string? ledgerRuns = null,
        CancellationToken cancellationToken = default) =>
        LedgerStudy.Run(settings, LedgerExperiments.HypothesisKeys, onProgress, ledgerRuns, cancellationToken);

    /// <summary>One progress line.</summary>
    public static string Describe(ClaimsProgress p) => LedgerStudy.Describe(p);

    /// <summary>The finding for one claim of the report, judged by the ledger's rule.</summary>
    public static Finding Claim(string claimId, LedgerEvidence evidence) => ClaimsLedger.Judge(claimId, evidence);

    /// <summary>
    /// What the evidence says caused the rise, tested against the report's root cause ("learning rate 0.001 too high"):
    /// supported when H1's intervention removes the rise in every seed and no other intervention does; contradicted when H1's
    /// removes it in no seed; otherwise inconclusive. The explanation names every intervention that did remove it and says
    /// whether the frozen MSE — what the weights can do — moved at all.
    /// </summary>
    public static Finding Cause(LedgerEvidence evidence)
    {
        string[] ids = ["h1-lr-too-high", "h2-adam-state", "h3-state-reset", "h4-noise-forgetting", "h4-block-forgetting"];
        var findings = ids.Select(id => (Id: id, Finding: Claim(id, evidence))).ToArray();
        var h1 = findings[0].Finding;
        var others = findings.Skip(1).Where(f => f.Finding.Verdict == Verdict.Supported).Select(f => f.Id).ToArray();
        var removing = findings.Where(f => f.Finding.Verdict == Verdict.Supported).Select(f => f.Id).ToArray();
        var verdict = h1.Verdict == Verdict.Contradicted ? Verdict.Contradicted
            : h1.Verdict == Verdict.Supported && others.Length == 0 ? Verdict.Supported : Verdict.Inconclusive;

        var report = evidence.RunsOf(LedgerExperiments.Lr1e3);
        var measurements = new List<Measurement>();
        string frozenSentence = "";
        if (report is not null)
        {
            var untrained = evidence.Untrained;
            var train = new SeedValues("train loss, range over the epochs (max − min)", report.Select(h => h.Epochs.Max(e => e.TrainLoss) - h.Epochs.Min(e => e.TrainLoss)).ToArray());
            // What training bought: the untrained model's frozen test MSE minus the best frozen test MSE of any epoch, per seed.
            var gain = new SeedValues("frozen test MSE gained over the untrained model (best epoch)", report.Select((h, i) => untrained.Values[i] - h.Epochs.Min(e => e.FrozenTest.Mse)).ToArray(), "MSE");
            var last = new SeedValues("frozen test MSE after the last epoch", report.Select(h => h.Epochs[^1].FrozenTest.Mse).ToArray(), "MSE");
            measurements.AddRange([train.ToMeasurement(), gain.ToMeasurement(), last.ToMeasurement(), untrained.ToMeasurement()]);
            frozenSentence = gain.Max < ClaimJudges.Margin
                ? $" Meanwhile no epoch's weights beat the untrained model's frozen test MSE by {Number.Format(ClaimJudges.Margin)} in any seed (largest gain {Number.Format(gain.Max)}; {Number.Format(untrained.Median)} untrained, {Number.Format(last.Median)} after the last epoch), while the train loss moved by up to {Number.Format(train.Max)}: the rise and fall is in the loss measured while the weights change every row, not in what the weights can do."
                : $" The trained weights do beat the untrained model's frozen test MSE (gain median {Number.Format(gain.Median)}, range {Number.Format(gain.Min)}–{Number.Format(gain.Max)}), so training changed what the model can do.";
        }
        foreach (var (id, f) in findings) measurements.Add(new Measurement($"{id}: verdict (1 supported, 0 inconclusive, −1 contradicted)", f.Verdict switch { Verdict.Supported => 1, Verdict.Contradicted => -1, _ => 0 }));
        string named = removing.Length == 0
            ? "No intervention removed the rise of the train loss in every seed."
            : $"The interventions that removed the rise in every seed: {string.Join(", ", removing)}.";
        return new Finding("What caused the rise of the train loss after epoch 1?", verdict, named + frozenSentence,
            "the report's root cause is supported when lowering the lr (H1) shrinks the degradation D by more than 0.01 in every seed and no other intervention (H2–H4) does; contradicted when H1's does in no seed; otherwise inconclusive",
            measurements, "ROOT CAUSE: Learning rate (0.001) is too high for this extreme noise environment", "§2.3");
    }
}
