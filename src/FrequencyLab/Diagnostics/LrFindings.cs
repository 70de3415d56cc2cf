using FrequencyLab.Findings;

namespace FrequencyLab.Diagnostics;

/// <summary>Verdicts from an LR range test (<see cref="LrFinderResult"/>).</summary>
public static class LrFindings
{
    /// <summary>
    /// Does the range test agree that <paramref name="reportLr"/> (the report's 1e-3) is too high? Rule on the chosen
    /// suggestion: supported when it is below reportLr / 2, contradicted when it is at or above reportLr, inconclusive in
    /// between (within a factor of 2 below) or when the rule had too few steps to suggest anything.
    /// </summary>
    public static Finding SuggestsBelow(LrFinderResult result, double reportLr, string method = "valley")
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Suggestion(method);
        var verdict = !double.IsFinite(s.LearningRate) ? Verdict.Inconclusive
            : s.LearningRate < reportLr / 2 ? Verdict.Supported
            : s.LearningRate >= reportLr ? Verdict.Contradicted : Verdict.Inconclusive;
        string others = string.Join(", ", result.Suggestions.Where(o => o.Method != method)
            .Select(o => $"{o.Method} {(double.IsFinite(o.LearningRate) ? Number.Format(o.LearningRate) : "none")}"));
        return new Finding($"Does the LR range test ({method} rule, {result.Settings.RowsPerStep} row(s) per step) say lr {Number.Format(reportLr)} is too high?", verdict,
            double.IsFinite(s.LearningRate)
                ? $"The {method} rule suggests lr {Number.Format(s.LearningRate)} ({Number.Format(s.LearningRate / reportLr)}× the report's {Number.Format(reportLr)}) after {result.StepCount} steps{(result.StoppedOnDivergence ? ", stopped on divergence" : "")}; the other rules: {others}."
                : $"The {method} rule had too few steps ({result.StepCount}) to suggest a rate.",
            $"supported when the suggestion < {Number.Format(reportLr / 2)}, contradicted when ≥ {Number.Format(reportLr)}, otherwise inconclusive",
            result.Suggestions.Select(o => new Measurement($"{o.Method} suggestion", o.LearningRate, "lr")).ToList(),
            "Learning Rate Too High (PRIMARY DIAGNOSIS) … 85%", "§2.2 H1");
    }

    /// <summary>
    /// Is the range test's loss curve usable, or does per-step noise dominate it? Measured on the first tenth of the steps,
    /// where the rate is too small to change the model: the coefficient of variation (std/mean) of the raw step losses.
    /// Rule: supported (usable) when it is below 0.2, contradicted above 0.5, inconclusive between.
    /// </summary>
    public static Finding SingleRowSteps(LrFinderResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int n = Math.Max(2, Math.Min(result.StepCount, result.Settings.Steps / 10));
        var head = result.Losses.Take(n).Where(double.IsFinite).ToArray();
        double mean = head.Average(), cv = head.Length < 2 ? double.NaN : Math.Sqrt(head.Sum(v => (v - mean) * (v - mean)) / (head.Length - 1)) / mean;
        var verdict = !double.IsFinite(cv) ? Verdict.Inconclusive : cv < 0.2 ? Verdict.Supported : cv > 0.5 ? Verdict.Contradicted : Verdict.Inconclusive;
        return new Finding($"Is the range test's loss curve usable with {result.Settings.RowsPerStep} row(s) per step?", verdict,
            $"Over the first {head.Length} steps (lr ≤ {Number.Format(result.LearningRates[Math.Min(n, result.StepCount) - 1])}, too small to change the model) the raw step loss varies with std/mean = {Number.Format(cv)}; "
            + $"the test ran {result.StepCount} of {result.Settings.Steps} steps{(result.StoppedOnDivergence ? " and stopped on \"divergence\"" : "")}.",
            "supported when std/mean of the raw step loss over the first tenth of the steps is below 0.2, contradicted above 0.5, otherwise inconclusive",
            [new Measurement("std/mean of early step losses", cv), new Measurement("steps run", result.StepCount)]);
    }
}
