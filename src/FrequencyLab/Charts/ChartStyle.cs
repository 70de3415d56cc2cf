using Plotly.NET;
using Plotly.NET.CSharp;

namespace FrequencyLab.Charts;

/// <summary>
/// The common finish of every chart: title, axis titles with units, log axes, size, reference lines, legend.
/// Uses Plotly.NET.CSharp for the axes and Plotly.NET's dynamic layout object for title, shapes and annotations,
/// whose F# constructors take a dozen non-optional FSharpOption arguments from C#.
/// </summary>
internal static class ChartStyle
{
    public const int DefaultWidth = 900;
    public const int DefaultHeight = 540;

    public static ChartView Finish(GenericChart chart, string title, AxisLabel x, AxisLabel y,
        bool logX = false, bool logY = false, IEnumerable<ReferenceLine>? horizontalLines = null,
        IEnumerable<double>? verticalMarkers = null, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(chart);
        // The axis type is set only for log axes: otherwise plotly infers it, which keeps category axes (bar keys) categorical.
        chart = logX
            ? chart.WithXAxisStyle<double, double, string>(TitleText: x.ToString(), AxisType: StyleParam.AxisType.Log)
            : chart.WithXAxisStyle<double, double, string>(TitleText: x.ToString());
        chart = logY
            ? chart.WithYAxisStyle<double, double, string>(TitleText: y.ToString(), AxisType: StyleParam.AxisType.Log)
            : chart.WithYAxisStyle<double, double, string>(TitleText: y.ToString());
        chart = chart.WithSize(width, height);

        var layout = GenericChart.getLayout(chart);
        // Powers of ten (10⁻³) rather than plotly's SI prefixes (1m, 1µ), which read oddly for losses and amplitudes.
        foreach (var axis in new[] { "xaxis", "yaxis" })
            if (layout.TryGetPropertyValue(axis)?.Value is DynamicObj.DynamicObj axisObject)
                axisObject.SetProperty("exponentformat", "power");
        var titleObject = new Title();
        titleObject.SetProperty("text", title);
        titleObject.SetProperty("x", 0.02);
        layout.SetProperty("title", titleObject);
        layout.SetProperty("margin", new Dictionary<string, object> { ["t"] = 60, ["r"] = 30 });
        // Below the plot, so that long, explicit trace names do not squeeze the plot area.
        layout.SetProperty("legend", new Dictionary<string, object> { ["orientation"] = "h", ["x"] = 0.0, ["y"] = -0.18, ["yanchor"] = "top" });

        var shapes = new List<Dictionary<string, object>>();
        var annotations = new List<Dictionary<string, object>>();
        foreach (var line in horizontalLines ?? [])
        {
            if (logY && !(line.Value > 0)) throw new ArgumentOutOfRangeException(nameof(horizontalLines), $"reference line {line.Value} cannot be drawn on a log axis");
            // plotly.js places shapes in data units on every axis type, but annotations on a log axis at log10 of the value
            // (checked on a rendered screenshot: a shape at log10(0.01) = −2 stretched the axis down to 1e-48).
            double annotationY = logY ? Math.Log10(line.Value) : line.Value;
            shapes.Add(new()
            {
                ["type"] = "line", ["xref"] = "paper", ["x0"] = 0.0, ["x1"] = 1.0, ["yref"] = "y", ["y0"] = line.Value, ["y1"] = line.Value,
                ["line"] = new Dictionary<string, object> { ["color"] = "#d62728", ["width"] = 1.5, ["dash"] = "dash" },
            });
            annotations.Add(new()
            {
                ["xref"] = "paper", ["x"] = 1.0, ["xanchor"] = "right", ["yref"] = "y", ["y"] = annotationY, ["yanchor"] = "bottom",
                ["text"] = line.Label, ["showarrow"] = false, ["font"] = new Dictionary<string, object> { ["color"] = "#d62728" },
            });
        }
        foreach (var marker in verticalMarkers ?? [])
        {
            shapes.Add(new()
            {
                ["type"] = "line", ["yref"] = "paper", ["y0"] = 0.0, ["y1"] = 1.0, ["xref"] = "x", ["x0"] = marker, ["x1"] = marker,
                ["line"] = new Dictionary<string, object> { ["color"] = "rgba(80,80,80,0.6)", ["width"] = 1, ["dash"] = "dot" },
            });
        }
        if (shapes.Count > 0) layout.SetProperty("shapes", shapes);
        if (annotations.Count > 0) layout.SetProperty("annotations", annotations);
        chart = GenericChart.setLayout(layout, chart);
        return new ChartView(chart, title);
    }

    /// <summary>Keeps at most <paramref name="maxPoints"/> evenly strided indices of 0..count−1 (all when fewer).</summary>
    public static int[] StridedIndices(int count, int maxPoints)
    {
        if (maxPoints < 1) throw new ArgumentOutOfRangeException(nameof(maxPoints), "must be at least 1");
        if (count <= maxPoints) return Enumerable.Range(0, count).ToArray();
        var indices = new int[maxPoints];
        for (int i = 0; i < maxPoints; i++) indices[i] = (int)((long)i * count / maxPoints);
        return indices;
    }

    public static void RequireSameLength(int a, int b, string what)
    {
        if (a != b) throw new ArgumentException($"{what}: {a} x values but {b} y values");
    }
}
