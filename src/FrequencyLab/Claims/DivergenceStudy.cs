using FrequencyLab.Findings;

namespace FrequencyLab.Claims;

/// <summary>
/// Notebook 02's experiments: the report's 5-epoch run at lr 1e-3 over several init seeds and the interventions that test
/// its hypotheses H1–H4 (lr sweep, Adam reset, state-reset policies, per-series noise, interleaved rows), all on the fused
/// engine, plus the untrained model (H5). The same experiments and judges as the claims ledger.
/// </summary>
public static class DivergenceStudy
{
    /// <summary>The hypothesis experiments and the report's run at the quick or full scale (<see cref="Scales.StudyScales"/>),
    /// trained in memory by <see cref="LedgerStudy.Run"/>, or those of a ledger's runs folder <paramref name="ledgerRuns"/>
    /// (e.g. the claims stage's of <c>freqlab reproduce</c>) at that ledger's scale.</summary>
    public static LedgerStudy For(bool quick, string? ledgerRuns) =>
        LedgerStudy.For(quick, ledgerRuns, s => LedgerExperiments.HypothesisKeys.Append(LedgerExperiments.ReportRun(s)));

    /// <summary>The finding for one claim of the report, judged by the ledger's rule.</summary>
    public static Finding Claim(string claimId, LedgerEvidence evidence) => ClaimsLedger.Judge(claimId, evidence);

    /// <summary>What the evidence says caused the rise: the ledger's root-cause claim (§2.3), which needs both H1's
    /// intervention (the train-loss rise D) and H1's mechanism (weights that got worse, on the frozen test MSE), and names the
    /// measured alternative when the mechanism fails.</summary>
    public static Finding Cause(LedgerEvidence evidence) => Claim("root-cause-lr-too-high", evidence);
}
