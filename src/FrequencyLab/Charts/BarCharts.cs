using Plotly.NET;
using Plotly.NET.CSharp;

namespace FrequencyLab.Charts;

/// <summary>Grouped bar charts over named categories (frequency blocks, frequencies, runs).</summary>
public static class BarCharts
{
    /// <summary>One bar per category for each series, series side by side, with optional horizontal reference lines.</summary>
    public static ChartView Grouped(string title, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series,
        AxisLabel categoryAxis, AxisLabel valueAxis, bool logY = false, IReadOnlyList<ReferenceLine>? referenceLines = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("no bar series to draw", nameof(series));
        var traces = new List<GenericChart>();
        foreach (var s in series)
        {
            ChartStyle.RequireSameLength(categories.Count, s.Values.Count, $"bar series \"{s.Name}\"");
            traces.Add(Plotly.NET.CSharp.Chart.Column<double, string, string>(s.Values, Keys: categories.ToArray(), Name: s.Name,
                MultiText: s.Values.Select(FormatValue).ToArray()));
        }
        return ChartStyle.Finish(Plotly.NET.CSharp.Chart.Combine(traces), title, categoryAxis, valueAxis,
            logY: logY, horizontalLines: referenceLines);
    }

    private static string FormatValue(double v) => Math.Abs(v) is >= 1e-3 and < 1e4 || v == 0 ? v.ToString("0.####") : v.ToString("0.##e+0");
}
