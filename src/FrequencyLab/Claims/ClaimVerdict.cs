using FrequencyLab.Findings;

namespace FrequencyLab.Claims;

/// <summary>A claim of the report with the <see cref="Finding"/> its rule produced and the scale it was measured at.</summary>
public sealed record ClaimVerdict(ReportClaim Claim, Finding Finding, LedgerSettings Settings)
{
    public Verdict Verdict => Finding.Verdict;
    /// <summary>The experiment as claims.json states it, prefixed by the ledger's scale (quick mode is labelled there).</summary>
    public string ExperimentText => $"[{Settings.Label}] {Claim.Experiment}";
}
