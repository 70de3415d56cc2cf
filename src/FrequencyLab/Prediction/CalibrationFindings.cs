using FrequencyLab.Findings;

namespace FrequencyLab.Prediction;

/// <summary>Findings computed from a <see cref="ForecastCalibration"/>: how far ahead its band holds, and whether its reach
/// probabilities beat the base rate.</summary>
public static class CalibrationFindings
{
    /// <summary>Held-out coverage this far below the level still counts as holding (0.9 → 0.85, the issue's bar).</summary>
    public const double Slack = 0.05;

    /// <summary>Held-out epochs a range needs before its coverage is read.</summary>
    public const int MinimumHeldOut = 50;

    /// <summary>
    /// "How far ahead can a forecast of this task be trusted?" — supported when the calibrated band covers at least
    /// level − <see cref="Slack"/> of held-out epochs of real curves at every range measured (then it is trusted up to
    /// <see cref="ForecastCalibration.MaxAhead"/> epochs ahead, the furthest measured); contradicted when a range falls
    /// below; inconclusive with fewer than 5 groups of real curves or no range of <see cref="MinimumHeldOut"/> epochs.
    /// The explanation also says how far the raw bootstrap band holds, and how wide the calibrated band is.
    /// </summary>
    public static Finding TrustedHorizon(ForecastCalibration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        string level = Number.Format(100 * c.Level);
        double bar = c.Level - Slack;
        var measured = c.Horizons.Where(h => h.HeldOutEpochs >= MinimumHeldOut && h.CalibratedCoverage is not null).ToList();
        var measurements = new List<Measurement> { new("real curves", c.RealCurves), new("groups held out", c.Groups), new("held-out epochs", c.HeldOutEpochs) };
        foreach (var h in measured)
        {
            measurements.Add(new($"raw band coverage (epochs ahead: {h.Range.Label})", h.RawCoverage ?? double.NaN));
            measurements.Add(new($"calibrated coverage (epochs ahead: {h.Range.Label})", h.CalibratedCoverage!.Value));
            if (h.CalibratedWidth is double w) measurements.Add(new($"calibrated width upper/lower (epochs ahead: {h.Range.Label})", w));
        }
        string rule = $"supported when the calibrated {level} % band covers at least {Number.Format(bar)} of the held-out epochs of real curves (groups it was not calibrated on) in every range of epochs ahead with at least {MinimumHeldOut} of them; "
                      + "contradicted when a range falls below; inconclusive with fewer than 5 groups";
        const string question = "How far ahead can a forecast of this task's learning curves be trusted?";
        if (c.Groups < 5 || measured.Count == 0)
            return new Finding(question, Verdict.Inconclusive, $"Only {c.Groups} groups of real curves and {measured.Count} measured ranges: too few to say.", rule, measurements);

        int RawReach()
        {
            int reach = 0;
            foreach (var h in measured)
            {
                if (!(h.RawCoverage >= bar)) break;
                reach = h.To ?? c.MaxAhead;
            }
            return reach;
        }
        int raw = RawReach();
        var failing = measured.FirstOrDefault(h => h.CalibratedCoverage < bar);
        var far = measured[^1];
        string rawText = raw == 0
            ? $"The bootstrap band alone does not hold its {level} % even one epoch ahead ({Number.Format(measured[0].RawCoverage ?? double.NaN)})"
            : $"The bootstrap band alone holds its {level} % (at least {Number.Format(bar)} of held-out epochs) only up to {raw} epoch{(raw == 1 ? "" : "s")} ahead; {far.Range.Label} epochs ahead it covers {Number.Format(far.RawCoverage ?? double.NaN)}";
        if (failing is not null)
            return new Finding(question, Verdict.Contradicted,
                $"{rawText}; even calibrated, it covers only {Number.Format(failing.CalibratedCoverage!.Value)} at {failing.Range.Label} epochs ahead on held-out curves.", rule, measurements);
        return new Finding(question, Verdict.Supported,
            $"{rawText}. Scaled per horizon, on {c.Groups} groups it was not calibrated on the band covers {Number.Format(measured.Min(h => h.CalibratedCoverage!.Value))}–{Number.Format(measured.Max(h => h.CalibratedCoverage!.Value))} "
            + $"of held-out epochs up to {c.MaxAhead} epochs ahead, the furthest any backtest reached; the price is width: at {far.Range.Label} epochs ahead it spans a factor {Number.Format(far.CalibratedWidth ?? double.NaN)} "
            + $"(upper/lower) against {Number.Format(far.RawWidth ?? double.NaN)} before. Beyond {c.MaxAhead} epochs ahead nothing was measured, and no band is drawn.", rule, measurements);
    }

    /// <summary>
    /// "Do the reach probabilities beat the base rate?" — supported when the Brier score of P(reached) on held-out backtests
    /// is below that of always saying the base rate, contradicted when it is not, inconclusive with fewer than 20 backtests.
    /// </summary>
    public static Finding ReachSkill(ForecastCalibration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var r = c.Reach;
        double brier = r.Brier ?? double.NaN, baseline = r.BaseRateBrier ?? double.NaN;
        double skill = baseline > 0 ? 1 - brier / baseline : double.NaN;
        var measurements = new List<Measurement>
        {
            new("backtests", r.Backtests), new("Brier score of P(reached)", brier), new("Brier score of the base rate", baseline),
            new("base rate (reached)", r.BaseRate ?? double.NaN), new("skill (1 − Brier / base-rate Brier)", skill),
        };
        string rule = "supported when the Brier score of the predictor's P(reached) is below that of always saying the base rate; contradicted otherwise; inconclusive with fewer than 20 backtests";
        string question = $"Do the predictor's reach probabilities beat the base rate? ({r.Question})";
        if (r.Backtests < 20 || !double.IsFinite(skill))
            return new Finding(question, Verdict.Inconclusive, $"Only {r.Backtests} backtests with a probability.", rule, measurements);
        return new Finding(question, brier < baseline ? Verdict.Supported : Verdict.Contradicted,
            $"Over {r.Backtests} backtests the Brier score is {Number.Format(brier)} against {Number.Format(baseline)} for always saying the base rate {Number.Format(r.BaseRate ?? double.NaN)}: "
            + (brier < baseline ? $"a skill of {Number.Format(100 * skill)} %." : "no better than the base rate; read P(reached) as a rough indication."), rule, measurements);
    }
}
