using System.Globalization;
using System.Text.Json;

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

    /// <summary>Reads the figures file; anything missing or malformed is a <see cref="DataFileException"/>.</summary>
    public static ReportForecast Load(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, "no such file");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var run = doc.RootElement.GetProperty("run");
            var claims = doc.RootElement.GetProperty("claims");
            static IReadOnlyList<(int, double)> Table(JsonElement e) =>
                e.EnumerateObject().Select(p => (int.Parse(p.Name, CultureInfo.InvariantCulture), p.Value.GetDouble())).OrderBy(x => x.Item1).ToArray();
            return new ReportForecast(
                run.GetProperty("epoch_losses").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
                run.GetProperty("learning_rate").GetDouble(),
                claims.GetProperty("recommended_learning_rate").GetDouble(),
                Table(claims.GetProperty("predicted_curve_lr_1e-4")),
                Table(claims.GetProperty("success_criteria_lr_1e-4")),
                claims.GetProperty("epochs_to_target").EnumerateArray().Select(r =>
                {
                    var epochs = r.GetProperty("epochs").EnumerateArray().Select(v => v.GetInt32()).ToArray();
                    return new EpochsToTargetClaim(r.GetProperty("mse_below").GetDouble(), epochs[0], epochs[1], r.GetProperty("confidence").GetDouble());
                }).ToArray(),
                claims.GetProperty("p_success_mse_0_01_within_100_epochs").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new DataFileException(path, $"not the report's figures file ({e.Message.Split('\n')[0]})");
        }
    }
}
