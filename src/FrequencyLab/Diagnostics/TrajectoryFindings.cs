using FrequencyLab.Findings;
using FrequencyLab.Training;

namespace FrequencyLab.Diagnostics;

/// <summary>Verdicts on a <see cref="LossTrajectory"/>, each from an explicit rule on its numbers.</summary>
public static class TrajectoryFindings
{
    /// <summary>The significance level of <see cref="Trend"/>: the conventional 5 %.</summary>
    public const double Alpha = 0.05;

    /// <summary>
    /// Does the trajectory move in <paramref name="claimed"/> direction? Rule: with the Mann–Kendall p-value below
    /// <paramref name="alpha"/>, supported when the Theil–Sen slope has the claimed sign (and Sen's interval, where it
    /// exists, excludes 0 on that side), contradicted when it has the opposite sign; inconclusive when p ≥ α (no
    /// detectable trend in so few epochs) or the interval straddles 0.
    /// </summary>
    public static Finding Trend(LossTrajectory trajectory, TrendDirection claimed, string? claim = null, string? source = null, double alpha = Alpha)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var t = trajectory.Trend;
        string word = claimed == TrendDirection.Rising ? "rise" : "fall";
        int sign = claimed == TrendDirection.Rising ? 1 : -1;
        bool hasInterval = double.IsFinite(t.SlopeLower) && double.IsFinite(t.SlopeUpper);
        bool significant = t.PValue < alpha;
        bool claimedSide = sign * t.Slope > 0 && (!hasInterval || (sign > 0 ? t.SlopeLower > 0 : t.SlopeUpper < 0));
        bool otherSide = sign * t.Slope < 0 && (!hasInterval || (sign > 0 ? t.SlopeUpper < 0 : t.SlopeLower > 0));
        var verdict = !significant || t.Count < 3 ? Verdict.Inconclusive
            : claimedSide ? Verdict.Supported : otherSide ? Verdict.Contradicted : Verdict.Inconclusive;
        string slopeText = $"Theil–Sen slope {Number.Format(t.Slope)} per epoch ({Number.Percent(t.RelativeSlope)} of the median level)";
        string intervalText = hasInterval ? $", {Number.Format(100 * t.Confidence)} % interval [{Number.Format(t.SlopeLower)}, {Number.Format(t.SlopeUpper)}]" : ", too few epochs for Sen's interval";
        string explanation = verdict switch
        {
            Verdict.Supported => $"Over {t.Count} epochs the {trajectory.Name} does {word}: Kendall's τ = {Number.Format(t.Tau)}, p = {Number.Format(t.PValue)}; {slopeText}{intervalText}.",
            Verdict.Contradicted => $"Over {t.Count} epochs the {trajectory.Name} moves the other way: Kendall's τ = {Number.Format(t.Tau)}, p = {Number.Format(t.PValue)}; {slopeText}{intervalText}.",
            _ => t.Count < 3
                ? $"Only {t.Count} finite epochs: no trend can be tested."
                : $"No trend is established over {t.Count} epochs: Kendall's τ = {Number.Format(t.Tau)}, p = {Number.Format(t.PValue)} (≥ {Number.Format(alpha)} or the interval straddles 0); {slopeText}{intervalText}.",
        };
        var measurements = new List<Measurement>
        {
            new("epochs", t.Count),
            new("Kendall's τ", t.Tau),
            new($"Mann–Kendall p ({(t.Exact ? "exact" : "normal approximation")})", t.PValue),
            new("Theil–Sen slope", t.Slope, "per epoch", hasInterval ? t.SlopeLower : null, hasInterval ? t.SlopeUpper : null,
                hasInterval ? $"Sen {Number.Format(100 * t.Confidence)} % interval" : null),
        };
        return new Finding($"Does the {trajectory.Name} {word} across epochs?", verdict, explanation,
            $"Mann–Kendall p < {Number.Format(alpha)} and the Theil–Sen slope (with Sen's interval) on the claimed side of 0 → supported; on the other side → contradicted; otherwise inconclusive",
            measurements, claim, source);
    }

    /// <summary>
    /// Is the trajectory strictly rising from epoch <paramref name="from"/> to <paramref name="to"/> (each epoch above the
    /// one before)? Arithmetic on the given values: supported or contradicted, never inconclusive.
    /// </summary>
    public static Finding MonotonicRise(LossTrajectory trajectory, int from, int to, string? claim = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        bool rising = trajectory.IsMonotonicIncrease(from, to);
        var changes = Enumerable.Range(from + 1, to - from).Select(e => trajectory.Rows[e - 1]).ToList();
        var falls = changes.Where(r => !r.Rose).Select(r => r.Epoch).ToList();
        string explanation = rising
            ? $"Every epoch from {from} to {to} is above the one before ({string.Join(", ", changes.Select(r => Number.Percent(r.ChangeFromPrevious ?? double.NaN)))})."
            : $"Not every epoch from {from} to {to} rises: epoch{(falls.Count > 1 ? "s" : "")} {string.Join(", ", falls)} did not rise over the one before.";
        return new Finding($"Does the {trajectory.Name} rise at every epoch from {from} to {to}?", rising ? Verdict.Supported : Verdict.Contradicted,
            explanation, "supported when each epoch's value is strictly above the previous one's over the range, otherwise contradicted",
            changes.Select(r => new Measurement($"change epoch {r.Epoch - 1} → {r.Epoch}", 100 * (r.ChangeFromPrevious ?? double.NaN), "%")).ToList(),
            claim, source);
    }

    /// <summary>Is the lowest value at epoch <paramref name="expected"/>? Supported when it is, otherwise contradicted.</summary>
    public static Finding BestEpoch(LossTrajectory trajectory, int expected, string? claim = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var best = trajectory.BestEpoch;
        bool match = best == expected;
        string explanation = best is null
            ? "No epoch has a finite value."
            : match
                ? $"The lowest {trajectory.Name}, {Number.Format(trajectory.BestLoss)}, is at epoch {best}; the run ended {Number.Percent(trajectory.FinalAboveBest)} above it."
                : $"The lowest {trajectory.Name}, {Number.Format(trajectory.BestLoss)}, is at epoch {best}, not {expected}.";
        return new Finding($"Is the best {trajectory.Name} at epoch {expected}?", match ? Verdict.Supported : Verdict.Contradicted, explanation,
            $"supported when the lowest finite value is at epoch {expected}, otherwise contradicted",
            [new Measurement("best epoch", best ?? double.NaN), new Measurement("best value", trajectory.BestLoss),
             new Measurement("final value", trajectory.FinalLoss)], claim, source);
    }

    /// <summary>
    /// Does the run diverge by the report's own alert rules (§6.4, §7.3)? Supported when an AboveBest,
    /// ConsecutiveIncreases or NonFinite alert fired (a single LossJump is a warning, not divergence); otherwise contradicted.
    /// </summary>
    public static Finding Divergence(LossTrajectory trajectory, string? claim = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var a = trajectory.Alerts;
        int Count(TrainingEventKind k) => a.Divergence.Single(d => d.Kind == k).Count;
        string Epochs(TrainingEventKind k) => string.Join(", ", a.Divergence.Single(d => d.Kind == k).Epochs);
        int diverging = Count(TrainingEventKind.AboveBest) + Count(TrainingEventKind.ConsecutiveIncreases) + Count(TrainingEventKind.NonFinite);
        var parts = AlertSummary.DivergenceKinds.Where(k => Count(k) > 0).Select(k => $"{k} at epoch {Epochs(k)}").ToList();
        string explanation = parts.Count == 0
            ? $"None of the report's alerts fired in {trajectory.Rows.Count} epochs of the {trajectory.Name}."
            : $"Alerts on the {trajectory.Name}: {string.Join("; ", parts)}.";
        return new Finding($"Does the {trajectory.Name} diverge by the report's alert rules?", diverging > 0 ? Verdict.Supported : Verdict.Contradicted,
            explanation,
            $"supported when the loss exceeds {Number.Format(DivergenceAlerts.BestRatio)} × the best so far, rises {DivergenceAlerts.IncreasesToAlert} epochs in a row, or is not finite; otherwise contradicted (a rise over {Number.Percent(DivergenceAlerts.JumpRatio - 1)} alone is reported but is not divergence)",
            AlertSummary.DivergenceKinds.Select(k => new Measurement($"{k} alerts", Count(k))).ToList(), claim, source);
    }
}
