using FrequencyLab.Diagnostics;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace FrequencyLab.Charts;

/// <summary>Charts for the diagnostics: the loss within an epoch before/after each row's update, and curves from seed bands and the report's forecast.</summary>
public static class DiagnosticCharts
{
    /// <summary>
    /// One epoch, against the row index: the running train loss per window (weights changing every row), the frozen loss
    /// of the epoch's final weights on the same windows, and sampled rows' loss before and right after their own update
    /// (faint points, strided). Log loss axis.
    /// </summary>
    public static ChartView WithinEpoch(UpdateEffectEpoch epoch, int maxPoints = 1500)
    {
        ArgumentNullException.ThrowIfNull(epoch);
        if (epoch.Windows.Count == 0) throw new ArgumentException("the epoch has no windows to draw", nameof(epoch));
        var mid = epoch.Windows.Select(w => w.StartRow + w.Rows / 2.0).ToArray();
        var keep = ChartStyle.StridedIndices(epoch.SampleRow.Count, maxPoints);
        static bool Positive(double v) => double.IsFinite(v) && v > 0;
        var beforeIdx = keep.Where(i => Positive(epoch.SampleBefore[i])).ToArray();
        var afterIdx = keep.Where(i => Positive(epoch.SampleAfter[i])).ToArray();
        var traces = new List<GenericChart>
        {
            Plotly.NET.CSharp.Chart.Point<double, double, string>(beforeIdx.Select(i => (double)epoch.SampleRow[i]), beforeIdx.Select(i => epoch.SampleBefore[i]),
                Name: "a row's loss before its own update", Opacity: 0.25),
            Plotly.NET.CSharp.Chart.Point<double, double, string>(afterIdx.Select(i => (double)epoch.SampleRow[i]), afterIdx.Select(i => epoch.SampleAfter[i]),
                Name: "the same row right after its own update", Opacity: 0.25),
            Plotly.NET.CSharp.Chart.Line<double, double, string>(mid, epoch.Windows.Select(w => w.TrainLoss), Name: "running train loss (window mean)", LineWidth: 2.2),
            Plotly.NET.CSharp.Chart.Line<double, double, string>(mid, epoch.Windows.Select(w => w.FrozenLoss), Name: "epoch's final weights, frozen (window mean)", LineWidth: 2.2,
                LineDash: StyleParam.DrawingStyle.Dash),
        };
        return ChartStyle.Finish(Plotly.NET.CSharp.Chart.Combine(traces),
            $"Within epoch {epoch.Epoch} at lr {Findings.Number.Format(epoch.LearningRate)}: loss while the weights move vs what they can do",
            new AxisLabel("training row"), new AxisLabel("loss: MSE", "squared target units"), logY: true);
    }

    /// <summary>The median of a seed band as a loss curve (the min–max are in <see cref="BandEdges"/>).</summary>
    public static LossCurve Median(SeedBand band, string? name = null) =>
        new(name ?? $"{band.Name} (median of {band.RunCount})", band.Points.Select(p => p.Median).ToList(), band.Points.Select(p => (double)p.Epoch).ToList());

    /// <summary>The lower and upper edge of a seed band as two dashed curves.</summary>
    public static IReadOnlyList<LossCurve> BandEdges(SeedBand band) =>
    [
        new($"{band.Name} min", band.Points.Select(p => p.Min).ToList(), band.Points.Select(p => (double)p.Epoch).ToList(), Dashed: true),
        new($"{band.Name} max", band.Points.Select(p => p.Max).ToList(), band.Points.Select(p => (double)p.Epoch).ToList(), Dashed: true),
    ];

    /// <summary>The report's forecast at lr 1e-4 (§6.1) as a dashed curve at its own epochs.</summary>
    public static LossCurve Forecast(ReportFigures figures) =>
        new("report's forecast, lr 1e-4 (§6.1)", figures.PredictedCurve.OrderBy(k => k.Key).Select(k => k.Value).ToList(),
            figures.PredictedCurve.OrderBy(k => k.Key).Select(k => (double)k.Key).ToList(), Dashed: true);

    /// <summary>The report's 5-epoch losses at lr 1e-3 (§2.1) as a dashed curve.</summary>
    public static LossCurve ReportRun(ReportFigures figures) => new("report's run, lr 1e-3 (§2.1)", figures.EpochLosses.ToList(), Dashed: true);
}
