using FrequencyLab.Data;
using FrequencyLab.Findings;
using FrequencyLab.Signals;
using FrequencyLab.Training;

namespace FrequencyLab.Learnability;

/// <summary>The findings of a learnability matrix: one per cell, what each change buys, and the recommendation to the task's designer.</summary>
public static class LearnabilityFindings
{
    private static string Seeds(LearnabilityCellResult c) => $"min–max over {c.Runs.Count} init seeds";

    private static Measurement TestMse(LearnabilityCellResult c) =>
        new($"frozen test MSE ({c.Cell})", c.MedianTestMse, "MSE", c.MinTestMse, c.MaxTestMse, Seeds(c));

    private static IEnumerable<Measurement> BoundsOf(DataBounds b) =>
    [
        new($"predict zero ({DataNames.Of(b.Noise)} data)", b.ZeroMse, "MSE"),
        new($"best memoryless predictor ({b.MemorylessName})", b.MemorylessMse, "MSE"),
        new("perfect clock", b.ClockMse, "MSE"),
    ];

    /// <summary>The information argument of notebook 01 for one noise model: does S(t) alone, with no memory, tell anything about
    /// the target? Supported when the best memoryless predictor beats predicting zero by the rule's margin.</summary>
    public static Finding MemorylessInformation(DataBounds b)
    {
        ArgumentNullException.ThrowIfNull(b);
        double margin = LearnabilityRule.MarginFraction * b.ZeroMse;
        bool informative = b.MemorylessMse < b.ZeroMse - margin;
        return new Finding(
            $"Does S(t) alone, without memory, tell the target on {DataNames.Of(b.Noise)} data?",
            informative ? Verdict.Supported : Verdict.Contradicted,
            informative
                ? $"Yes: the best memoryless predictor ({b.MemorylessName}) reaches {Number.Format(b.MemorylessMse)} against {Number.Format(b.ZeroMse)} for predicting zero; a model needs memory only for the rest of the way to the clock's {Number.Format(b.ClockMse)}."
                : $"No: the best memoryless predictor ({b.MemorylessName}) reaches {Number.Format(b.MemorylessMse)}, no better than predicting zero ({Number.Format(b.ZeroMse)}); everything below that must come from memory acting as a clock.",
            $"supported when MSE(best memoryless) < MSE(zero) − {LearnabilityRule.MarginFraction:0.##} × MSE(zero)",
            [.. BoundsOf(b)]);
    }

    /// <summary>Does this cell learn beyond the memoryless bound? Supported for <see cref="LearnabilityVerdict.LearnsBeyondMemoryless"/>.</summary>
    public static Finding Cell(LearnabilityCellResult c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var verdict = c.Verdict;
        var perFrequency = c.VerdictPerFrequency;
        var frequencies = c.Bounds.ZeroMsePerFrequency.Length;
        int beyond = perFrequency.Count(v => v == LearnabilityVerdict.LearnsBeyondMemoryless);
        return new Finding(
            $"Does the model learn beyond the memoryless bound with {c.Cell}?",
            verdict == LearnabilityVerdict.LearnsBeyondMemoryless ? Verdict.Supported : Verdict.Contradicted,
            $"The model {LearnabilityRule.Describe(verdict)}: its frozen test MSE is {Number.Format(c.MedianTestMse)} (median; {Number.Format(c.MinTestMse)} to {Number.Format(c.MaxTestMse)} over {c.Runs.Count} seeds) " +
            $"against {Number.Format(c.Bounds.ZeroMse)} for predicting zero and {Number.Format(c.Bounds.MemorylessMse)} for the best memoryless predictor; " +
            $"{beyond} of {frequencies} frequencies learn beyond their own memoryless bound.",
            LearnabilityRule.Text,
            [TestMse(c), .. BoundsOf(c.Bounds), new("share of the memoryless-to-clock gap closed (median seed)", c.GapClosed)]);
    }

    /// <summary>For each noise model: does a window L &gt; 1 lower the frozen test MSE below L = 1's? Supported when the best
    /// window's worst seed beats L = 1's best seed (same reset policy), contradicted when it does not even beat L = 1's worst.</summary>
    public static IReadOnlyList<Finding> WhatWindowsBuy(LearnabilityResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var findings = new List<Finding>();
        foreach (var noise in results.Bounds.Select(b => b.Noise))
        {
            var pairs = results.Settings.Resets
                .Select(reset => (One: results.Find(noise, 1, reset), Best: results.Cells.Where(c => c.Cell.Noise == noise && c.Cell.Reset == reset && c.Cell.Window > 1).MinBy(c => c.MedianTestMse)))
                .Where(p => p.One is not null && p.Best is not null)
                .ToArray();
            if (pairs.Length == 0) continue;
            var (one, best) = pairs.MinBy(p => p.Best!.MedianTestMse);
            var verdict = best!.MaxTestMse < one!.MinTestMse ? Verdict.Supported
                : best.MinTestMse >= one.MaxTestMse ? Verdict.Contradicted : Verdict.Inconclusive;
            string outcome = verdict switch
            {
                Verdict.Supported => "lowers the frozen test MSE for every seed",
                Verdict.Contradicted => "does not lower the frozen test MSE for any seed",
                _ => "changes the frozen test MSE by less than the spread over seeds",
            };
            findings.Add(new Finding(
                $"Does truncated BPTT (L > 1) help on {DataNames.Of(noise)} data?",
                verdict,
                $"The best window, L = {best.Cell.Window}, {outcome}: {Number.Format(best.MedianTestMse)} against {Number.Format(one.MedianTestMse)} at L = 1 (medians), " +
                $"where the best memoryless predictor reaches {Number.Format(best.Bounds.MemorylessMse)}; it {LearnabilityRule.Describe(best.Verdict)}.",
                "supported when the best window's worst seed is below L = 1's best seed (same reset); contradicted when its best seed is not below L = 1's worst; inconclusive otherwise",
                [TestMse(one), TestMse(best), .. BoundsOf(best.Bounds)]));
        }
        return findings;
    }

    /// <summary>The recommendation to the task's designer, computed from the verdicts: keep the per-sample task and change the
    /// trainer when a window learns beyond the memoryless bound there; otherwise change the noise model to the one whose best
    /// cell closes most of the memoryless-to-clock gap; inconclusive when no cell learns beyond the memoryless bound.</summary>
    public static Finding Recommendation(LearnabilityResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        const string rule = "supported when some cell learns beyond the memoryless bound: prefer the report's per-sample task with the best such " +
                            "window, else the noise model whose best such cell closes the largest share of the memoryless-to-clock gap; inconclusive when no cell does";
        var beyond = results.Cells.Where(c => c.Verdict == LearnabilityVerdict.LearnsBeyondMemoryless).ToArray();
        var reportTask = beyond.Where(c => c.Cell.Noise == NoiseMode.PerSample).MinBy(c => c.MedianTestMse);
        var label = results.Settings.Label == "full" ? "" : $" (the {results.Settings.Label} matrix)";
        if (beyond.Length == 0)
        {
            var closest = results.Cells.MaxBy(c => c.GapClosed)!;
            return new Finding(
                "Which change makes the task learnable beyond the memoryless bound?",
                Verdict.Inconclusive,
                $"No tested cell{label} learns beyond the memoryless bound for every seed. The closest is {closest.Cell} at {Number.Format(closest.MedianTestMse)} " +
                $"against {Number.Format(closest.Bounds.MemorylessMse)} memoryless: within this budget, neither the trainer nor the noise model tested makes the clock learnable.",
                rule, [TestMse(closest), .. BoundsOf(closest.Bounds)]);
        }
        if (reportTask is not null)
            return new Finding(
                "Which change makes the task learnable beyond the memoryless bound?",
                Verdict.Supported,
                $"Keep the report's per-sample task and change the trainer{label}: with {reportTask.Cell} the frozen test MSE is {Number.Format(reportTask.MedianTestMse)} " +
                $"against {Number.Format(reportTask.Bounds.MemorylessMse)} for the best memoryless predictor: carrying the gradient through the state lets the memory act as a clock.",
                rule, [TestMse(reportTask), .. BoundsOf(reportTask.Bounds)]);
        var best = beyond.MaxBy(c => c.GapClosed)!;
        var perSample = results.Cells.Where(c => c.Cell.Noise == NoiseMode.PerSample).MinBy(c => c.MedianTestMse);
        return new Finding(
            "Which change makes the task learnable beyond the memoryless bound?",
            Verdict.Supported,
            $"Change the task, not only the trainer{label}: no per-sample cell learns beyond the memoryless bound" +
            (perSample is null ? "" : $" (best {Number.Format(perSample.MedianTestMse)} with {perSample.Cell})") +
            $", while {best.Cell} reaches {Number.Format(best.MedianTestMse)} against {Number.Format(best.Bounds.MemorylessMse)} memoryless, " +
            $"closing {Number.Format(100 * best.GapClosed)} % of the gap to the perfect clock: give the signal a phase that persists in time.",
            rule, [TestMse(best), .. BoundsOf(best.Bounds), .. perSample is null ? Array.Empty<Measurement>() : [TestMse(perSample)]]);
    }
}
