using System.Globalization;
using FrequencyLab.Findings;
using FrequencyLab.Prediction;
using FrequencyLab.Training;

namespace FrequencyLab.Reproduce;

/// <summary>
/// Convergence prediction (<see cref="ConvergencePredictor"/>, what <c>freqlab predict</c> runs) of the proposed fix's
/// train loss and frozen test MSE against the report's target MSE 0.01, to the report's horizon of 100 epochs (its §8.1
/// P(MSE &lt; 0.01 within 100 epochs)), written to prediction/forecasts.json. Seeded, so the same run gives the same band.
/// </summary>
public sealed class PredictStage : IReproduceStage
{
    public string Name => "predict";
    public string Title => "convergence prediction of the proposed fix (target MSE 0.01)";

    /// <summary>The report's success target (§5.2: test MSE below 0.01) and its §8.1 horizon.</summary>
    public static PredictionOptions Options { get; } = new(Target: 0.01, Horizon: 100, Level: 0.9, Replicates: 200, Seed: 0);

    public int Runs(ReproduceContext context) => 1;

    public double OtherWork(ReproduceContext context) => 1; // fitting curves to one history: well under a second

    private static string History(ReproduceContext context) => Path.Combine(context.ProposedRunFolder, "history.json");

    public string Fingerprint(ReproduceContext context) =>
        ReproduceContext.Hash(Name, Options.ToString(), ReproduceContext.HashFile(History(context)));

    public bool OutputsExist(ReproduceContext context) => File.Exists(context.Layout.Forecasts);

    public string Run(ReproduceContext context, IProgress<StageProgress> progress, CancellationToken cancellationToken)
    {
        var path = History(context);
        if (!File.Exists(path)) throw new FrequencyLabException($"{path}: the proposed fix has not run, so there is nothing to forecast");
        var forecast = ReportForecast.Load(Path.Combine(context.Options.RepositoryRoot, ReportNumbers.RelativePath));
        var predictor = new ConvergencePredictor();
        var forecasts = new List<ForecastSummary>();
        foreach (var (metric, i) in new[] { MonitorMetric.TrainLoss, MonitorMetric.TestMse }.Select((m, i) => (m, i)))
        {
            var name = LearningCurve.MetricName(metric);
            progress.Report(new StageProgress(0, i / 2.0, $"forecasting the {name}"));
            var curve = LearningCurve.Read(path, metric) with { Name = $"proposed fix (lr 1e-4) · {name}" };
            var p = predictor.Predict(curve, Options, cancellationToken);
            var findings = new List<Finding> { p.Summary };
            // The report's §8.1 "P(MSE < 0.01 within 100 epochs)" is about the test MSE: judged against this forecast.
            if (metric == MonitorMetric.TestMse)
                findings.Add(ForecastFindings.SuccessProbability(forecast.SuccessProbabilityWithin100, Options.Target, Options.Horizon, curve, p));
            forecasts.Add(ForecastSummary.Of(name, p, findings));
        }
        ForecastSummary.Write(context.Layout.Forecasts, forecasts);
        progress.Report(new StageProgress(1, 1, "done"));
        return string.Join("; ", forecasts.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{f.Metric}: {f.Findings[0].VerdictText}{(f.ProbabilityByHorizon is double q ? $", P(≤ {Number.Format(Options.Target)} by epoch {Options.Horizon}) = {Number.Format(q)}" : "")}")));
    }
}
