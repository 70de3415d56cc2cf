namespace FrequencyLab.Findings;

/// <summary>What the measurements say about a claim or a question.</summary>
public enum Verdict
{
    /// <summary>The rule, applied to the measurements, agrees with the claim.</summary>
    Supported,
    /// <summary>The rule, applied to the measurements, disagrees with the claim.</summary>
    Contradicted,
    /// <summary>The measurements do not decide (an interval straddles the threshold, too few seeds, …).</summary>
    Inconclusive,
}
