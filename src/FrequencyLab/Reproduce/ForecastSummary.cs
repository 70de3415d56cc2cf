using System.Text.Json;
using FrequencyLab.Findings;
using FrequencyLab.IO;
using FrequencyLab.Prediction;

namespace FrequencyLab.Reproduce;

/// <summary>
/// One convergence forecast of the study (the proposed fix's train loss or frozen test MSE against the target), as the
/// predict stage writes it to prediction/forecasts.json and the page shows it: the observed curve, the band, the reach
/// interval and the <see cref="Finding"/>s. The bootstrap's paths and fitted models are not kept (the page needs neither).
/// </summary>
/// <param name="Metric">"train loss" or "frozen test MSE".</param>
/// <param name="Curve">The observed curve the forecast was fitted to.</param>
/// <param name="Options">Target, horizon, level, replicates and seed of the forecast.</param>
/// <param name="Status">Whether the ensemble was fitted.</param>
/// <param name="Trend">Whether the curve falls, rises or is flat.</param>
/// <param name="Band">Predicted median and band per epoch up to the horizon.</param>
/// <param name="ProbabilityByHorizon">P(target reached by the horizon), null without a fit.</param>
/// <param name="Reach">Epoch the target is reached: median and interval.</param>
/// <param name="ObservedReachEpoch">The epoch the run itself reached the target, if it did.</param>
/// <param name="Asymptote">The value the curve levels off at: median and interval.</param>
/// <param name="Findings">The forecast's summary finding (and, for the test MSE, the report's success probability judged).</param>
public sealed record ForecastSummary(
    string Metric,
    LearningCurve Curve,
    PredictionOptions Options,
    PredictionStatus Status,
    CurveTrend Trend,
    IReadOnlyList<PredictedPoint> Band,
    double? ProbabilityByHorizon,
    QuantileInterval Reach,
    double? ObservedReachEpoch,
    QuantileInterval Asymptote,
    IReadOnlyList<Finding> Findings)
{
    public static ForecastSummary Of(string metric, ConvergencePrediction p, IReadOnlyList<Finding> findings) =>
        new(metric, p.Curve, p.Options, p.Status, p.Trend, p.Band, p.ProbabilityByHorizon, p.Reach, p.ObservedReachEpoch, p.Asymptote, findings);

    /// <summary>The forecast again as a <see cref="ConvergencePrediction"/> (without paths or models), for
    /// <see cref="Charts.ForecastCharts.Band"/>.</summary>
    public ConvergencePrediction ToPrediction() => new()
    {
        Curve = Curve, Options = Options, Status = Status, Trend = Trend, Band = Band, ProbabilityByHorizon = ProbabilityByHorizon,
        Reach = Reach, ObservedReachEpoch = ObservedReachEpoch, Asymptote = Asymptote, Models = [], Paths = [],
    };

    public static void Write(string path, IReadOnlyList<ForecastSummary> forecasts)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(forecasts, ReproduceResults.JsonOptions) + "\n");
    }

    private static readonly JsonSerializerOptions ReadOptions = JsonFile.Strict(ReproduceResults.JsonOptions);

    /// <summary>Reads forecasts.json strictly (<see cref="JsonFile"/>); a file that is not one is a <see cref="DataFileException"/> naming it.</summary>
    public static IReadOnlyList<ForecastSummary> Read(string path)
    {
        const string what = "forecasts file";
        var list = JsonFile.Read<List<ForecastSummary>>(path, what, ReadOptions);
        for (int i = 0; i < list.Count; i++)
        {
            var f = list[i];
            if (f is null || f.Curve is null || f.Options is null || f.Band is null || f.Findings is null || f.Reach is null || f.Asymptote is null
                || f.Band.Any(b => b is null) || f.Findings.Any(x => x is null))
                throw JsonFile.Invalid(path, what, $"$[{i}]: null or missing fields");
            if (f.ProbabilityByHorizon is < 0 or > 1 || f.ProbabilityByHorizon is double.NaN)
                throw JsonFile.Invalid(path, what, $"$[{i}].probabilityByHorizon: {f.ProbabilityByHorizon} is not a probability");
        }
        return list;
    }
}
