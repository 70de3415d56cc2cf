using System.Globalization;

namespace FrequencyLab.Prediction;

/// <summary>
/// The report's convergence forecast as data, read from data/report/phase3-report-figures.json (the report's numbers
/// exactly as printed): its 5 epoch losses at lr 1e-3, the predicted curve at lr 1e-4 (§6.1), the success criteria (§5.2
/// step 4), the epochs-to-target table with confidences (§6.3) and P(MSE &lt; 0.01 within 100 epochs) (§8.1).
/// </summary>
public sealed record ReportForecast(
    IReadOnlyList<double> EpochLosses,
    double LearningRate,
    double RecommendedLearningRate,
    IReadOnlyList<(int Epoch, double Value)> PredictedCurve,
    IReadOnlyList<(int Epoch, double Below)> SuccessCriteria,
    IReadOnlyList<EpochsToTargetClaim> EpochsToTarget,
    double SuccessProbabilityWithin100)
{
    /// <summary>The report's own 5 epoch losses as a curve.</summary>
    public LearningCurve ReportedCurve => LearningCurve.FromValues($"report · lr {LearningRate.ToString("0.###e+0", CultureInfo.InvariantCulture)} · train loss", EpochLosses);

    /// <summary>Reads the figures file (<see cref="Diagnostics.ReportFigures.Load"/>, its one reader); anything missing or
    /// malformed is a <see cref="DataFileException"/>.</summary>
    public static ReportForecast Load(string path) => From(Diagnostics.ReportFigures.Load(path));

    /// <summary>The forecast tables of the report's figures.</summary>
    public static ReportForecast From(Diagnostics.ReportFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return new ReportForecast(figures.EpochLosses, figures.LearningRate, figures.RecommendedLearningRate,
            [.. figures.PredictedCurve.OrderBy(p => p.Key).Select(p => (p.Key, p.Value))],
            [.. figures.SuccessCriteria.OrderBy(p => p.Key).Select(p => (p.Key, p.Value))],
            [.. figures.EpochsToTarget.Select(t => new EpochsToTargetClaim(t.MseBelow, t.FirstEpoch, t.LastEpoch, t.Confidence))],
            figures.SuccessProbabilityWithin100);
    }
}
