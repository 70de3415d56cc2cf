using System.Globalization;
using System.Text.Json;

namespace FrequencyLab.Reproduce;

/// <summary>
/// The report's own figures, read from data/report/phase3-report-figures.json (as the report printed them: claims to test,
/// not facts): its run's epoch losses and time per epoch, its predicted curve for lr 1e-4 and its success criteria.
/// </summary>
public sealed record ReportNumbers(
    IReadOnlyList<double> EpochLosses,
    double SecondsPerEpoch,
    IReadOnlyDictionary<int, double> PredictedCurveLr1e4,
    IReadOnlyDictionary<int, double> SuccessCriteriaLr1e4,
    IReadOnlyList<double> NoiseFloorMse)
{
    public const string RelativePath = "data/report/phase3-report-figures.json";

    public static ReportNumbers Read(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, RelativePath);
        if (!File.Exists(path)) throw new DataFileException(path, "the report's figures are missing");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var run = doc.RootElement.GetProperty("run");
            var claims = doc.RootElement.GetProperty("claims");
            return new ReportNumbers(
                run.GetProperty("epoch_losses").EnumerateArray().Select(e => e.GetDouble()).ToList(),
                run.GetProperty("seconds_per_epoch").GetDouble(),
                ByEpoch(claims.GetProperty("predicted_curve_lr_1e-4")),
                ByEpoch(claims.GetProperty("success_criteria_lr_1e-4")),
                claims.GetProperty("noise_floor_mse").EnumerateArray().Select(e => e.GetDouble()).ToList());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new DataFileException(path, $"not the report's figures ({e.Message})");
        }
    }

    private static SortedDictionary<int, double> ByEpoch(JsonElement e) =>
        new(e.EnumerateObject().ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.GetDouble()));
}
