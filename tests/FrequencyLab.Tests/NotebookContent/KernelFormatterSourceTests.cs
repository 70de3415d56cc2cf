using System.Reflection;
using FrequencyLab.Charts;
using FrequencyLab.Findings;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using PlotlyJs = FrequencyLab.Charts.PlotlyJs;

namespace FrequencyLab.Tests.NotebookContent;

/// <summary>
/// The library's values show as HTML in the real .NET Interactive kernel's <see cref="Formatter"/> (the one this process
/// hosts for the headless runner) with no registration call: the kernel finds <see cref="TypeFormatterSourceAttribute"/>
/// by its name, though the library does not reference the kernel.
/// </summary>
public class KernelFormatterSourceTests
{
    private const string HtmlMime = "text/html";

    [Fact]
    public void The_library_does_not_reference_the_kernel()
    {
        var references = typeof(ChartView).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain(references, n => n.StartsWith("FSharp.Compiler", StringComparison.Ordinal));
        // The kernel matches the attribute by its type's name, as its own attribute is named.
        Assert.Equal(typeof(Microsoft.DotNet.Interactive.Formatting.TypeFormatterSourceAttribute).Name, typeof(FrequencyLab.Charts.TypeFormatterSourceAttribute).Name);
    }

    [Fact]
    public void Every_displayable_class_of_the_library_names_its_formatter_source()
    {
        var displayables = typeof(ChartView).Assembly.GetTypes()
            .Where(t => typeof(IHtmlDisplayable).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }).ToList();
        Assert.Contains(typeof(Finding), displayables);
        Assert.All(displayables, t => Assert.NotNull(t.GetCustomAttribute<FrequencyLab.Charts.TypeFormatterSourceAttribute>()));
    }

    [Fact]
    public void With_the_real_kernel_Formatter_displayables_charts_and_data_frames_format_as_html()
    {
        Formatter.ResetToDefault(); // a fresh kernel's formatters, as the runner gives every notebook
        try
        {
            var table = new HtmlTable(["a"], [["1"]]);
            var prose = new Markdown("**bold** <b>");
            var chart = LossCharts.Epochs("loss", [new LossCurve("a", [1.0, 0.5, 0.25])]);
            Assert.Equal(table.ToHtml(), table.ToDisplayString(HtmlMime));
            Assert.Equal(prose.ToHtml(), prose.ToDisplayString(HtmlMime));

            // The first chart after the formatters were (re)created carries plotly.js once; later charts are bare fragments,
            // and a bare Plotly.NET chart draws through the same page.
            var firstChart = chart.ToDisplayString(HtmlMime);
            var secondChart = chart.Chart.ToDisplayString(HtmlMime);
            var thirdChart = chart.ToDisplayString(HtmlMime);
            Assert.StartsWith(PlotlyJs.InlineScript(), firstChart);
            Assert.EndsWith(chart.ToHtml(), firstChart);
            Assert.Contains("Plotly.newPlot", secondChart);
            Assert.DoesNotContain(PlotlyJs.Source[..200], secondChart);
            Assert.Equal(chart.ToHtml(), thirdChart);

            var frame = new DataFrame(new PrimitiveDataFrameColumn<int>("n", Enumerable.Range(0, 50)));
            var html = frame.ToDisplayString(HtmlMime);
            Assert.StartsWith("<table class=\"dataframe\">", html);
            Assert.Contains($"… {50 - 2 * HtmlFormatterSource.DataFrameEdgeRows} more rows …", html);

            // A reset (the next notebook's kernel) starts a new page: its first chart carries plotly.js again.
            Formatter.ResetToDefault();
            Assert.StartsWith(PlotlyJs.InlineScript(), chart.ToDisplayString(HtmlMime));
        }
        finally
        {
            Formatter.ResetToDefault();
        }
    }
}
