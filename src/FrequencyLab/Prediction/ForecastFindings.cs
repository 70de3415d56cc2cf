using FrequencyLab.Findings;

namespace FrequencyLab.Prediction;

/// <summary>
/// The report's convergence forecasts scored against a run: what the run did where it got that far, and our
/// <see cref="ConvergencePrediction"/> of it where it did not. Each rule is stated in the finding.
/// </summary>
public static class ForecastFindings
{
    /// <summary>A claimed value at an observed epoch is "right" within this factor either way.</summary>
    public const double ValueFactor = 1.5;

    /// <summary>"MSE &lt; X in a–b epochs (confidence c)" (§6.3) against the run <paramref name="run"/> and its forecast.</summary>
    public static Finding EpochsToTarget(EpochsToTargetClaim claim, LearningCurve run, ConvergencePrediction forecast)
    {
        string x = Number.Format(claim.Below);
        string question = $"Does {run.Name} get below {x} within epochs {claim.FromEpoch}–{claim.ToEpoch}?";
        string words = $"MSE < {x}: {claim.FromEpoch}-{claim.ToEpoch} epochs, {Number.Format(100 * claim.Confidence)} % confidence";
        string rule = "where the run crossed: supported when its first epoch below the value is inside the window, else contradicted; "
                      + "a run that passed the window without crossing contradicts; otherwise the forecast's P(first crossing in the window): "
                      + "supported when ≥ the report's confidence, contradicted when ≤ 0.1, inconclusive between";
        double? crossed = ConvergencePrediction.ObservedReach(run, claim.Below);
        var m = new List<Measurement> { new("epochs run", run.Count), new("report's confidence", claim.Confidence) };
        if (crossed is double c)
        {
            m.Add(new("first epoch below", c, "epochs"));
            bool inside = c >= claim.FromEpoch && c <= claim.ToEpoch;
            return new Finding(question, inside ? Verdict.Supported : Verdict.Contradicted,
                $"The run first went below {x} at epoch {Number.Format(c)}, {(inside ? "inside" : c < claim.FromEpoch ? "before" : "after")} the claimed window.",
                rule, m, words, "§6.3");
        }
        if (run.LastEpoch >= claim.ToEpoch)
            return new Finding(question, Verdict.Contradicted,
                $"The run reached epoch {Number.Format(run.LastEpoch)} without going below {x}; its last value is {Number.Format(run.Values[^1])}.",
                rule, m, words, "§6.3");
        double? p = forecast.ProbabilityReachedBetween(claim.Below, claim.FromEpoch, claim.ToEpoch);
        if (p is not double prob)
            return new Finding(question, Verdict.Inconclusive, $"The run stopped at epoch {Number.Format(run.LastEpoch)} and no forecast could be made.", rule, m, words, "§6.3");
        m.Add(new("forecast P(first below in the window)", prob));
        var verdict = prob >= claim.Confidence ? Verdict.Supported : prob <= 0.1 ? Verdict.Contradicted : Verdict.Inconclusive;
        return new Finding(question, verdict,
            $"The run stopped at epoch {Number.Format(run.LastEpoch)} (last value {Number.Format(run.Values[^1])}); extrapolated, it first goes below {x} in the window with probability {Number.Format(prob)}, against the report's {Number.Format(claim.Confidence)}.",
            rule, m, words, "§6.3");
    }

    /// <summary>"Epoch e: predicted MSE v" (§6.1) against the run, or against the forecast band beyond the run.</summary>
    public static Finding PredictedValue(int epoch, double claimed, LearningCurve run, ConvergencePrediction forecast)
    {
        string question = $"Is {run.Name} near {Number.Format(claimed)} at epoch {epoch}?";
        string words = $"epoch {epoch}: predicted MSE {Number.Format(claimed)}";
        string rule = $"observed epoch: supported within a factor {Number.Format(ValueFactor)} of the claimed value, else contradicted; "
                      + "beyond the run: supported when the claimed value is inside the forecast band, contradicted outside";
        int index = run.Epochs.ToList().IndexOf(epoch);
        if (index >= 0)
        {
            double seen = run.Values[index];
            double factor = Math.Exp(Math.Abs(Math.Log(seen / claimed)));
            var m = new List<Measurement> { new("observed", seen), new("claimed", claimed), new("factor apart", factor) };
            return new Finding(question, factor <= ValueFactor ? Verdict.Supported : Verdict.Contradicted,
                $"At epoch {epoch} the run measured {Number.Format(seen)}, a factor {Number.Format(factor)} {(seen > claimed ? "above" : "below")} the claimed {Number.Format(claimed)}.",
                rule, m, words, "§6.1");
        }
        if (forecast.BandAt(epoch) is not { } band)
            return new Finding(question, Verdict.Inconclusive, $"Epoch {epoch} is beyond both the run and the forecast.", rule, [new("claimed", claimed)], words, "§6.1");
        var level = $"{Number.Format(100 * forecast.Options.Level)} % prediction band";
        var ms = new List<Measurement> { new("forecast", band.Median, "", band.Lower, band.Upper, level), new("claimed", claimed) };
        return new Finding(question, band.Contains(claimed) ? Verdict.Supported : Verdict.Contradicted,
            $"The run stopped at epoch {Number.Format(run.LastEpoch)}; the forecast for epoch {epoch} is {Number.Format(band.Median)} [{Number.Format(band.Lower)}, {Number.Format(band.Upper)}], which {(band.Contains(claimed) ? "contains" : "excludes")} the claimed {Number.Format(claimed)}.",
            rule, ms, words, "§6.1");
    }

    /// <summary>"Epoch e: MSE &lt; v" (success criteria, §5.2 step 4) against the run or its forecast.</summary>
    public static Finding SuccessCriterion(int epoch, double below, LearningCurve run, ConvergencePrediction forecast)
    {
        string question = $"Is {run.Name} below {Number.Format(below)} at epoch {epoch}?";
        string words = $"success criterion: MSE < {Number.Format(below)} by epoch {epoch}";
        string rule = "observed epoch: supported when below, else contradicted; beyond the run: the forecast's P(below): supported ≥ 0.9, contradicted ≤ 0.1, inconclusive between";
        int index = run.Epochs.ToList().IndexOf(epoch);
        if (index >= 0)
        {
            double seen = run.Values[index];
            return new Finding(question, seen < below ? Verdict.Supported : Verdict.Contradicted,
                $"At epoch {epoch} the run measured {Number.Format(seen)} ({(seen < below ? "below" : "not below")} {Number.Format(below)}).",
                rule, [new("observed", seen), new("criterion", below)], words, "§5.2");
        }
        if (forecast.ProbabilityBelowAt(below, epoch) is not double p)
            return new Finding(question, Verdict.Inconclusive, $"Epoch {epoch} is beyond both the run and the forecast.", rule, [new("criterion", below)], words, "§5.2");
        return new Finding(question, p >= 0.9 ? Verdict.Supported : p <= 0.1 ? Verdict.Contradicted : Verdict.Inconclusive,
            $"The run stopped at epoch {Number.Format(run.LastEpoch)}; extrapolated, it is below {Number.Format(below)} at epoch {epoch} with probability {Number.Format(p)}.",
            rule, [new("forecast P(below)", p), new("criterion", below)], words, "§5.2");
    }

    /// <summary>"P(MSE &lt; 0.01 within 100 epochs) = 75 %" (§8.1) against the run, or the forecast's P(reached by that epoch).</summary>
    public static Finding SuccessProbability(double claimed, double target, int byEpoch, LearningCurve run, ConvergencePrediction forecast, double tolerance = 0.2)
    {
        string question = $"Is P({run.Name} below {Number.Format(target)} by epoch {byEpoch}) about {Number.Format(claimed)}?";
        string words = $"P(MSE < {Number.Format(target)} within {byEpoch} epochs) = {Number.Format(100 * claimed)} %";
        string rule = $"supported when the probability (1 or 0 once the run got that far) is within ±{Number.Format(tolerance)} of the claimed one, contradicted outside, inconclusive without a forecast";
        double? p = ConvergencePrediction.ObservedReach(run, target) is double seen ? (seen <= byEpoch ? 1 : 0)
            : run.LastEpoch >= byEpoch ? 0 : forecast.ProbabilityReached(target, byEpoch);
        if (p is not double prob)
            return new Finding(question, Verdict.Inconclusive, "No forecast could be made.", rule, [new("claimed", claimed)], words, "§8.1");
        bool close = Math.Abs(prob - claimed) <= tolerance;
        string basis = run.LastEpoch >= byEpoch || ConvergencePrediction.ObservedReach(run, target) is not null
            ? $"The run itself decides it: probability {Number.Format(prob)}"
            : $"Extrapolated from {run.Count} epochs the probability is {Number.Format(prob)}";
        return new Finding(question, close ? Verdict.Supported : Verdict.Contradicted, $"{basis}, against the claimed {Number.Format(claimed)}.",
            rule, [new("measured or forecast P", prob), new("claimed P", claimed)], words, "§8.1");
    }
}
