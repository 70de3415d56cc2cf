using FrequencyLab.Findings;
using FrequencyLab.Training;

namespace FrequencyLab.Diagnostics;

/// <summary>Verdicts on the prescribed restart (§5) and its forecasts (§6), over several init seeds.</summary>
public static class RestartFindings
{
    /// <summary>
    /// The report's success criteria for lr 1e-4 (§5.2 step 4: train loss below x by epoch e). Rule, over the criteria whose
    /// epoch every run reached: supported when every run meets every criterion, contradicted when some criterion is missed
    /// by every run, otherwise inconclusive (the seeds disagree or no criterion epoch was reached).
    /// </summary>
    public static Finding SuccessCriteria(IReadOnlyList<TrainingHistory> runs, ReportFigures figures, string label)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(figures);
        if (runs.Count == 0) throw new ArgumentException("no runs", nameof(runs));
        var checks = new List<(int Epoch, double Limit, double[] Values)>();
        foreach (var (epoch, limit) in figures.SuccessCriteria.OrderBy(k => k.Key))
        {
            if (runs.Any(r => r.Epochs.Count < epoch)) continue;
            checks.Add((epoch, limit, runs.Select(r => r.Epochs[epoch - 1].TrainLoss).ToArray()));
        }
        bool anyMissedByAll = checks.Any(c => c.Values.All(v => !(v < c.Limit)));
        bool allMet = checks.Count > 0 && checks.All(c => c.Values.All(v => v < c.Limit));
        var verdict = checks.Count == 0 ? Verdict.Inconclusive : anyMissedByAll ? Verdict.Contradicted : allMet ? Verdict.Supported : Verdict.Inconclusive;
        string explanation = checks.Count == 0
            ? $"No run of {label} reached the first criterion epoch ({figures.SuccessCriteria.Keys.Min()})."
            : string.Join("; ", checks.Select(c => $"epoch {c.Epoch}: train loss {Number.Format(c.Values.Min())}–{Number.Format(c.Values.Max())} vs < {Number.Format(c.Limit)}")) + $" ({runs.Count} init seed(s), {label}).";
        return new Finding($"Does {label} meet the report's success criteria?", verdict, explanation,
            "over criteria whose epoch all runs reached: supported when all runs meet all, contradicted when a criterion is missed by every run, otherwise inconclusive",
            checks.Select(c => new Measurement($"train loss at epoch {c.Epoch} (criterion < {Number.Format(c.Limit)})", Median(c.Values), "MSE", c.Values.Min(), c.Values.Max(), $"min–max over {runs.Count} seed(s)")).ToList(),
            "Epoch 5: < 0.25 … Epoch 50: < 0.01", "§5.2");
    }

    /// <summary>
    /// The forecast curve at lr 1e-4 (§6.1): at each forecast epoch that all runs reached, is the measured train loss within
    /// a factor of 1.5 of the forecast? Rule: supported when every run is within the factor at every such epoch,
    /// contradicted when at some epoch every run is outside it, otherwise inconclusive.
    /// </summary>
    public static Finding ForecastCurve(IReadOnlyList<TrainingHistory> runs, ReportFigures figures, string label, double factor = 1.5)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(figures);
        if (runs.Count == 0) throw new ArgumentException("no runs", nameof(runs));
        var checks = figures.PredictedCurve.OrderBy(k => k.Key).Where(k => runs.All(r => r.Epochs.Count >= k.Key))
            .Select(k => (Epoch: k.Key, Forecast: k.Value, Values: runs.Select(r => r.Epochs[k.Key - 1].TrainLoss).ToArray())).ToList();
        bool Within(double v, double f) => v <= f * factor && v >= f / factor;
        var verdict = checks.Count == 0 ? Verdict.Inconclusive
            : checks.Any(c => c.Values.All(v => !Within(v, c.Forecast))) ? Verdict.Contradicted
            : checks.All(c => c.Values.All(v => Within(v, c.Forecast))) ? Verdict.Supported : Verdict.Inconclusive;
        return new Finding($"Does {label} follow the report's forecast curve?", verdict,
            checks.Count == 0 ? "No forecast epoch was reached by every run."
                : string.Join("; ", checks.Select(c => $"epoch {c.Epoch}: {Number.Format(Median(c.Values))} vs forecast {Number.Format(c.Forecast)}")) + $" (median over {runs.Count} seed(s)).",
            $"supported when every run is within ×/÷ {Number.Format(factor)} of the forecast at every forecast epoch it reached, contradicted when at some epoch no run is, otherwise inconclusive",
            checks.Select(c => new Measurement($"epoch {c.Epoch} (forecast {Number.Format(c.Forecast)})", Median(c.Values), "MSE", c.Values.Min(), c.Values.Max(), "min–max over seeds")).ToList(),
            "Epoch 1: 0.450 … Epoch 50: 0.006", "§6.1");
    }

    /// <summary>
    /// The report's Strategy 1 rule (§7.2) per run: "if history[-1] &lt; history[0]: shows improvement, else diverges".
    /// Supported (improves) when every run's last train loss is below its first, contradicted when none is, otherwise inconclusive.
    /// </summary>
    public static Finding StrategyOne(IReadOnlyList<TrainingHistory> runs, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("no runs", nameof(runs));
        var changes = runs.Select(r => r.Epochs[^1].TrainLoss / r.Epochs[0].TrainLoss - 1).ToArray();
        int improved = changes.Count(c => c < 0);
        var verdict = improved == runs.Count ? Verdict.Supported : improved == 0 ? Verdict.Contradicted : Verdict.Inconclusive;
        return new Finding($"Does lr {Number.Format(learningRate)} \"show improvement\" by the report's Strategy 1 rule?", verdict,
            $"{improved} of {runs.Count} init seed(s) end below their first epoch's train loss (change last vs first: {string.Join(", ", changes.Select(Number.Percent))}).",
            "per run: last epoch's train loss < first epoch's; supported when all runs improve, contradicted when none does, otherwise inconclusive",
            [new Measurement("change last vs first epoch", 100 * Median(changes), "%", 100 * changes.Min(), 100 * changes.Max(), $"min–max over {runs.Count} seed(s)")],
            "if history[-1] < history[0]: LR shows improvement", "§7.2");
    }

    private static double Median(double[] v)
    {
        var s = v.OrderBy(x => x).ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
