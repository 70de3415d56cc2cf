using FrequencyLab.Charts;
using FrequencyLab.Notebooks;
using FrequencyLab.Tests.NotebookContent.FakeKernel;
using PlotlyJs = FrequencyLab.Charts.PlotlyJs;

namespace FrequencyLab.Tests.NotebookContent;

public class KernelFormattingTests
{
    private static readonly System.Reflection.Assembly[] TestAssembly = [typeof(KernelFormattingTests).Assembly];

    private sealed class Table : IHtmlDisplayable
    {
        public string ToHtml() => "<table><tr><td>1</td></tr></table>";
    }

    [Fact]
    public void Without_the_kernel_loaded_Register_does_nothing()
    {
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Microsoft.DotNet.Interactive.Formatting");
        Assert.False(KernelFormatting.Register());
        Assert.Null(KernelFormatting.FindType(AppDomain.CurrentDomain.GetAssemblies(), KernelFormatting.FormatterTypeName));
    }

    [Fact]
    public void The_lookup_picks_the_Type_Action_mimeType_overload_among_the_others()
    {
        var method = KernelFormatting.FindRegisterMethod(typeof(Formatter));
        Assert.NotNull(method);
        Assert.Equal([typeof(Type), typeof(Action<object, TextWriter>), typeof(string)], method!.GetParameters().Select(p => p.ParameterType));
        Assert.Null(KernelFormatting.FindRegisterMethod(typeof(UnsupportedKernel.Formatter)));
    }

    [Fact]
    public void With_a_kernel_shaped_formatter_it_registers_html_for_displayables_and_plotly_charts()
    {
        Formatter.Registered.Clear();
        Assert.True(KernelFormatting.Register(TestAssembly, typeof(Formatter).FullName!));

        var registered = Formatter.Registered.ToArray();
        Assert.Equal([typeof(IHtmlDisplayable), typeof(Plotly.NET.GenericChart)], registered.Select(r => r.Type));
        Assert.All(registered, r => Assert.Equal("text/html", r.MimeType));

        // A table needs no plotly.js; the first chart carries it once; later charts are bare fragments.
        var chart = LossCharts.Epochs("loss", [new LossCurve("a", [1.0, 0.5, 0.25])]);
        var table = Format(registered[0].Format, new Table());
        var firstChart = Format(registered[0].Format, chart);
        var secondChart = Format(registered[1].Format, chart.Chart);
        var thirdChart = Format(registered[0].Format, chart);
        Assert.Equal(new Table().ToHtml(), table);
        Assert.StartsWith(PlotlyJs.InlineScript(), firstChart);
        Assert.EndsWith(chart.ToHtml(), firstChart);
        Assert.Contains("Plotly.newPlot", secondChart);
        Assert.DoesNotContain(PlotlyJs.Source[..200], secondChart);
        Assert.Equal(chart.ToHtml(), thirdChart);
    }

    [Fact]
    public void Older_kernels_with_a_trailing_optional_parameter_get_its_default()
    {
        OlderKernel.Formatter.Registered.Clear();
        Assert.True(KernelFormatting.Register(TestAssembly, typeof(OlderKernel.Formatter).FullName!));
        Assert.Equal(2, OlderKernel.Formatter.Registered.Count);
        Assert.All(OlderKernel.Formatter.Registered, r => Assert.Equal(("text/html", false), (r.MimeType, r.AddToDefaults)));
    }

    [Fact]
    public void A_kernel_without_the_overload_is_reported_in_one_line()
    {
        var e = Assert.Throws<FrequencyLabException>(() => KernelFormatting.Register(TestAssembly, typeof(UnsupportedKernel.Formatter).FullName!));
        Assert.Contains("has no Register(Type, Action<object, TextWriter>, string) overload", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static string Format(Action<object, TextWriter> format, object value)
    {
        using var writer = new StringWriter();
        format(value, writer);
        return writer.ToString();
    }
}
