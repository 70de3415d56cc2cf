using Plotly.NET;

namespace FrequencyLab.Charts;

/// <summary>
/// The kernel formatters of charts (<see cref="TypeFormatterSourceAttribute"/> on <see cref="ChartView"/>): a
/// <see cref="ChartView"/> and, once one has been shown, a bare Plotly.NET <see cref="GenericChart"/>, as text/html fragments
/// that draw with plotly.js. The first chart one source writes carries plotly.js inline (<see cref="PlotlyJs.InlineScript"/>),
/// later ones only their fragment, so a notebook page loads it once with no network. The kernel creates the source once, the
/// first time it shows a <see cref="ChartView"/> after its formatters were reset (a fresh kernel; the headless runner resets
/// them for every notebook).
/// </summary>
public sealed class ChartFormatterSource
{
    private int _plotlyWritten;

    public IEnumerable<object> CreateTypeFormatters() => [new ChartViewFormatter(this), new GenericChartFormatter(this)];

    private void WriteChart(TextWriter writer, string fragment)
    {
        if (Interlocked.Exchange(ref _plotlyWritten, 1) == 0) writer.Write(PlotlyJs.InlineScript());
        writer.Write(fragment);
    }

    /// <summary>A <see cref="ChartView"/> (no <c>Type</c> property: the kernel applies it to the attributed type).</summary>
    public sealed class ChartViewFormatter(ChartFormatterSource source)
    {
        public string MimeType => MimeTypes.Html;

        public bool Format(object value, TextWriter writer)
        {
            if (value is not ChartView chart) return false;
            source.WriteChart(writer, chart.ToHtml());
            return true;
        }
    }

    /// <summary>A Plotly.NET chart made without the library's chart helpers, shown as an untitled <see cref="ChartView"/>.</summary>
    public sealed class GenericChartFormatter(ChartFormatterSource source)
    {
        public string MimeType => MimeTypes.Html;
        public Type Type => typeof(GenericChart);

        public bool Format(object value, TextWriter writer)
        {
            if (value is not GenericChart chart) return false;
            source.WriteChart(writer, new ChartView(chart, "").ToHtml());
            return true;
        }
    }
}
