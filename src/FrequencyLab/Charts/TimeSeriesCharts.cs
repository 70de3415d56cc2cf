using Plotly.NET;

namespace FrequencyLab.Charts;

/// <summary>Lines over time, overlaid and zoomable (predictions against targets, inputs, residuals).</summary>
public static class TimeSeriesCharts
{
    /// <summary>
    /// Overlays <paramref name="series"/> against time. Each keeps at most <paramref name="maxPointsPerSeries"/> evenly
    /// strided points, so a whole 10 s series stays a light page; zoom in with the mouse.
    /// </summary>
    public static ChartView Lines(string title, IReadOnlyList<TimeSeries> series, AxisLabel valueAxis, int maxPointsPerSeries = 5000)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("no time series to draw", nameof(series));
        var traces = new List<GenericChart>();
        foreach (var s in series)
        {
            ChartStyle.RequireSameLength(s.Time.Count, s.Values.Count, $"time series \"{s.Name}\"");
            var keep = ChartStyle.StridedIndices(s.Time.Count, maxPointsPerSeries);
            traces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(keep.Select(i => s.Time[i]).ToArray(), keep.Select(i => s.Values[i]).ToArray(),
                Name: s.Name, LineWidth: s.Faint ? 0.8 : 1.6, Opacity: s.Faint ? 0.45 : 1.0,
                LineDash: s.Dashed ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid));
        }
        return ChartStyle.Finish(Plotly.NET.CSharp.Chart.Combine(traces), title, new AxisLabel("time t", "s"), valueAxis);
    }
}
