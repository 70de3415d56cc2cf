using Plotly.NET;
using Plotly.NET.CSharp;

namespace FrequencyLab.Charts;

/// <summary>Scatter plots: predictions against targets, with the identity line y = x.</summary>
public static class ScatterCharts
{
    /// <summary>
    /// One point per (target, prediction) pair, a colour per series, and the line prediction = target that a perfect
    /// model would sit on. Each series keeps at most <paramref name="maxPointsPerSeries"/> evenly strided points,
    /// so that a 40,000-row test set still gives a light page.
    /// </summary>
    public static ChartView PredictionsVsTargets(string title, IReadOnlyList<ScatterSeries> series, int maxPointsPerSeries = 3000)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("no scatter series to draw", nameof(series));
        var traces = new List<GenericChart>();
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (var s in series)
        {
            ChartStyle.RequireSameLength(s.X.Count, s.Y.Count, $"scatter series \"{s.Name}\"");
            var keep = ChartStyle.StridedIndices(s.X.Count, maxPointsPerSeries);
            var x = keep.Select(i => s.X[i]).ToArray();
            var y = keep.Select(i => s.Y[i]).ToArray();
            foreach (var v in x.Concat(y).Where(double.IsFinite)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
            traces.Add(Plotly.NET.CSharp.Chart.Point<double, double, string>(x, y, Name: s.Name, Opacity: 0.5));
        }
        if (lo <= hi)
            traces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(new[] { lo, hi }, new[] { lo, hi }, Name: "prediction = target",
                LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromHex("#333333"), LineWidth: 1.2));
        return ChartStyle.Finish(Plotly.NET.CSharp.Chart.Combine(traces), title,
            new AxisLabel("target sin(2π f t)", "dimensionless"), new AxisLabel("prediction", "dimensionless"), height: 600, width: 700);
    }
}
