using FrequencyLab.Charts;
using FrequencyLab.Notebooks;
using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using PlotlyJs = FrequencyLab.Charts.PlotlyJs;

namespace FrequencyLab.Tests.NotebookContent;

public class KernelFormattingTests
{
    private static readonly System.Reflection.Assembly[] TestAssembly = [typeof(KernelFormattingTests).Assembly];
    private const string HtmlMime = "text/html";

    private sealed class Table : IHtmlDisplayable
    {
        public string ToHtml() => "<table><tr><td>1</td></tr></table>";
    }

    [Fact]
    public void Where_no_kernel_formatter_is_loaded_Register_does_nothing()
    {
        Assert.False(KernelFormatting.Register([typeof(object).Assembly], KernelFormatting.FormatterTypeName));
        Assert.Null(KernelFormatting.FindType([typeof(object).Assembly], KernelFormatting.FormatterTypeName));
    }

    [Fact]
    public void The_lookup_picks_the_Type_Action_mimeType_overload_of_the_real_kernel_Formatter()
    {
        var method = KernelFormatting.FindRegisterMethod(typeof(Formatter));
        Assert.NotNull(method);
        Assert.Equal([typeof(Type), typeof(Action<object, TextWriter>), typeof(string)], method!.GetParameters().Take(3).Select(p => p.ParameterType));
        Assert.Null(KernelFormatting.FindRegisterMethod(typeof(UnsupportedKernel.Formatter)));
    }

    [Fact]
    public void With_the_real_kernel_Formatter_displayables_charts_and_data_frames_format_as_html()
    {
        // The kernel this process hosts (Microsoft.DotNet.Interactive.Formatting, loaded with the library) is found by name.
        _ = typeof(Formatter).Assembly;
        Assert.True(KernelFormatting.Register());

        // A table needs no plotly.js; the first chart after a registration carries it once; later charts are bare fragments.
        var chart = LossCharts.Epochs("loss", [new LossCurve("a", [1.0, 0.5, 0.25])]);
        var table = new Table().ToDisplayString(HtmlMime);
        var firstChart = chart.ToDisplayString(HtmlMime);
        var secondChart = chart.Chart.ToDisplayString(HtmlMime);
        var thirdChart = chart.ToDisplayString(HtmlMime);
        Assert.Equal(new Table().ToHtml(), table);
        Assert.StartsWith(PlotlyJs.InlineScript(), firstChart);
        Assert.EndsWith(chart.ToHtml(), firstChart);
        Assert.Contains("Plotly.newPlot", secondChart);
        Assert.DoesNotContain(PlotlyJs.Source[..200], secondChart);
        Assert.Equal(chart.ToHtml(), thirdChart);

        var frame = new DataFrame(new PrimitiveDataFrameColumn<int>("n", Enumerable.Range(0, 50)));
        var html = frame.ToDisplayString(HtmlMime);
        Assert.StartsWith("<table class=\"dataframe\">", html);
        Assert.Contains($"… {50 - 2 * KernelFormatting.DataFrameEdgeRows} more rows …", html);
    }

    [Fact]
    public void Older_kernels_with_a_trailing_optional_parameter_get_its_default()
    {
        OlderKernel.Formatter.Registered.Clear();
        Assert.True(KernelFormatting.Register(TestAssembly, typeof(OlderKernel.Formatter).FullName!));
        Assert.Equal(3, OlderKernel.Formatter.Registered.Count); // IHtmlDisplayable, GenericChart, DataFrame
        Assert.All(OlderKernel.Formatter.Registered, r => Assert.Equal(("text/html", false), (r.MimeType, r.AddToDefaults)));
    }

    [Fact]
    public void A_kernel_without_the_overload_is_reported_in_one_line()
    {
        var e = Assert.Throws<FrequencyLabException>(() => KernelFormatting.Register(TestAssembly, typeof(UnsupportedKernel.Formatter).FullName!));
        Assert.Contains("has no Register(Type, Action<object, TextWriter>, string) overload", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
