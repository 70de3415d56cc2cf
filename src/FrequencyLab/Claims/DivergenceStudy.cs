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
        LedgerStudy.Run(settings, LedgerExperiments.HypothesisKeys.Append(LedgerExperiments.ReportRun(settings)).Distinct(), onProgress, ledgerRuns, cancellationToken);

    /// <summary>One progress line.</summary>
    public static string Describe(ClaimsProgress p) => LedgerStudy.Describe(p);

    /// <summary>The finding for one claim of the report, judged by the ledger's rule.</summary>
    public static Finding Claim(string claimId, LedgerEvidence evidence) => ClaimsLedger.Judge(claimId, evidence);

    /// <summary>What the evidence says caused the rise: the ledger's root-cause claim (§2.3), which needs both H1's
    /// intervention (the train-loss rise D) and H1's mechanism (weights that got worse, on the frozen test MSE), and names the
    /// measured alternative when the mechanism fails.</summary>
    public static Finding Cause(LedgerEvidence evidence) => Claim("root-cause-lr-too-high", evidence);
}
