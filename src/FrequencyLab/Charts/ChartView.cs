using System.Net;
using System.Security.Cryptography;
using System.Text;
using FrequencyLab.IO;
using Plotly.NET;

namespace FrequencyLab.Charts;

/// <summary>
/// A finished Plotly.NET chart and its two HTML forms: a fragment for a page that loads plotly.js once
/// (<see cref="ToHtml"/>, what notebooks display) and a whole offline document with plotly.js inlined (<see cref="SaveHtml"/>).
/// </summary>
/// <remarks>
/// The fragment's element id is derived from the figure's JSON, so the same chart gives the same HTML on every run
/// (executed notebooks diff cleanly). The fragment's script draws into the element just before it; it waits up to
/// ten seconds for <c>window.Plotly</c>, then writes a visible message instead of failing silently.
/// </remarks>
[TypeFormatterSource(typeof(ChartFormatterSource))]
public sealed class ChartView : IHtmlDisplayable
{
    private const string Config = "{\"responsive\":true,\"displaylogo\":false}";

    /// <param name="chart">The styled chart.</param>
    /// <param name="title">The chart's title, used as document title and in the plain-text form.</param>
    public ChartView(GenericChart chart, string title)
    {
        ArgumentNullException.ThrowIfNull(chart);
        Chart = chart;
        Title = title ?? "";
        FigureJson = GenericChart.toFigureJson(chart);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(FigureJson));
        ElementId = "freqlab-chart-" + Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>The Plotly.NET chart, for further styling with the Plotly.NET API.</summary>
    public GenericChart Chart { get; }

    public string Title { get; }

    /// <summary>The plotly.js figure: {"data": [...], "layout": {...}}.</summary>
    public string FigureJson { get; }

    /// <summary>The id of the fragment's chart element.</summary>
    public string ElementId { get; }

    /// <summary>A &lt;div&gt; and a &lt;script&gt; that draw the chart with the page's plotly.js.</summary>
    public string ToHtml()
    {
        // "</" cannot appear inside an inline script; "<\/" is the same string to JSON and JavaScript.
        var figure = FigureJson.Replace("</", "<\\/", StringComparison.Ordinal);
        var message = JsonString($"plotly.js is not loaded on this page: chart \"{Title}\" cannot be drawn.");
        return $$"""
            <div class="freqlab-chart" id="{{ElementId}}"></div>
            <script type="text/javascript">
            (function () {
              // The element just before this script; by id only where the page moved it (identical charts share an id).
              var s = document.currentScript, prev = s && s.previousElementSibling;
              var el = prev && prev.id === "{{ElementId}}" ? prev : document.getElementById("{{ElementId}}");
              var figure = {{figure}};
              var tries = 0;
              function draw() {
                if (window.Plotly) { window.Plotly.newPlot(el, figure.data, figure.layout, {{Config}}); return; }
                if (++tries > 200) { el.textContent = {{message}}; return; }
                setTimeout(draw, 50);
              }
              draw();
            })();
            </script>
            """;
    }

    /// <summary>A whole HTML document with plotly.js inlined: it renders with no network access.</summary>
    public string ToDocument() =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{WebUtility.HtmlEncode(Title)}</title>
        {PlotlyJs.InlineScript()}
        </head>
        <body style="margin:0;background:#ffffff">
        {ToHtml()}
        </body>
        </html>
        """;

    /// <summary>Writes <see cref="ToDocument"/> to <paramref name="path"/> atomically.</summary>
    public void SaveHtml(string path) => AtomicFile.WriteAllText(path, ToDocument());

    public override string ToString() => $"Chart: {Title}";

    private static string JsonString(string value) =>
        System.Text.Json.JsonSerializer.Serialize(value).Replace("</", "<\\/", StringComparison.Ordinal);
}
