using FrequencyLab.Diagnostics;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace FrequencyLab.Charts;

/// <summary>The LR range test as fastai and Lightning plot it: loss against the learning rate on a log axis, with the suggestions marked.</summary>
public static class LrFinderCharts
{
    /// <summary>
    /// The raw per-step loss (faint) and the smoothed, debiased loss against the learning rate (log x), with one marker
    /// per suggestion rule at its chosen step and a dotted vertical line at each suggested rate.
    /// </summary>
    public static ChartView LossVsLearningRate(LrFinderResult result, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.StepCount == 0) throw new ArgumentException("the range test has no steps to draw", nameof(result));
        static (double[] X, double[] Y) Finite(IReadOnlyList<double> x, IReadOnlyList<double> y)
        {
            var keep = Enumerable.Range(0, x.Count).Where(i => double.IsFinite(y[i]) && y[i] > 0).ToArray();
            return (keep.Select(i => x[i]).ToArray(), keep.Select(i => y[i]).ToArray());
        }
        var (rx, ry) = Finite(result.LearningRates, result.Losses);
        var (sx, sy) = Finite(result.LearningRates, result.SmoothedLosses);
        var traces = new List<GenericChart>
        {
            Plotly.NET.CSharp.Chart.Line<double, double, string>(rx, ry, Name: "raw step loss", Opacity: 0.35, LineWidth: 1.0),
            Plotly.NET.CSharp.Chart.Line<double, double, string>(sx, sy, Name: $"smoothed (β = {result.Settings.Beta}, debiased)", LineWidth: 2.0),
        };
        foreach (var s in result.Suggestions.Where(s => s.Index is not null))
        {
            int i = s.Index!.Value;
            traces.Add(Plotly.NET.CSharp.Chart.Point<double, double, string>(new[] { result.LearningRates[i] }, new[] { result.SmoothedLosses[i] },
                Name: $"{s.Method}: lr {Findings.Number.Format(s.LearningRate)}"));
        }
        var suggested = result.Suggestions.Where(s => double.IsFinite(s.LearningRate) && s.LearningRate > 0).Select(s => s.LearningRate);
        return ChartStyle.Finish(Plotly.NET.CSharp.Chart.Combine(traces),
            title ?? $"LR range test: {result.StepCount} steps × {result.Settings.RowsPerStep} row(s){(result.StoppedOnDivergence ? ", stopped on divergence" : "")}",
            new AxisLabel("learning rate", "log scale"), new AxisLabel("train loss: MSE", "squared target units"), logX: true,
            // Shapes are placed in data units on a log axis too (see ChartStyle), so the rates go in as they are.
            verticalMarkers: suggested);
    }
}
