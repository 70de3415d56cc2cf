using System.Text.RegularExpressions;
using FrequencyLab.Charts;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Charts;

public class ChartViewTests
{
    private static ChartView Bars() => BarCharts.Grouped("Per-frequency MSE", ["1 Hz", "3 Hz", "5 Hz", "7 Hz"],
        [new BarSeries("run A", [0.1, 0.2, 0.3, 0.4]), new BarSeries("run B", [0.05, 0.1, 0.2, 0.25])],
        new AxisLabel("frequency block"), new AxisLabel("MSE", "squared target units"), referenceLines: [new ReferenceLine(0.01, "target")]);

    [Fact]
    public void The_fragment_loads_nothing_from_the_network_and_does_not_carry_plotly()
    {
        var html = Bars().ToHtml();
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=\\s*[\"']?(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.True(html.Length < 100_000, $"fragment is {html.Length} characters: plotly.js must not be inside it");
        Assert.Contains("Plotly.newPlot", html);
    }

    [Fact]
    public void The_same_chart_gives_the_same_html_and_another_chart_another_id()
    {
        Assert.Equal(Bars().ToHtml(), Bars().ToHtml());
        var other = BarCharts.Grouped("Other", ["a"], [new BarSeries("s", [1.0])], new AxisLabel("x"), new AxisLabel("y"));
        Assert.NotEqual(Bars().ElementId, other.ElementId);
    }

    [Fact]
    public void SaveHtml_writes_a_whole_document_with_plotly_inlined_and_no_remote_reference()
    {
        using var dir = new TempDir();
        var path = dir.File("bars.html");
        Bars().SaveHtml(path);
        var doc = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", doc);
        Assert.Contains(PlotlyJs.Source, doc);
        Assert.Single(Regex.Matches(doc, Regex.Escape(PlotlyJs.Source[..200])));
        Assert.DoesNotMatch(new Regex("<(script|link|img)[^>]+(src|href)\\s*=", RegexOptions.IgnoreCase), doc);
        Assert.Equal([path], Directory.GetFiles(dir.Path)); // no temp file left behind
    }

    [Fact]
    public void A_title_with_markup_cannot_close_the_script()
    {
        var chart = LossCharts.Epochs("</script><b>x</b>", [new LossCurve("a</script>", [1.0, 0.5])]);
        var html = chart.ToHtml();
        Assert.Single(Regex.Matches(html, "</script>"));
    }

    [Fact]
    public void The_embedded_plotly_bundle_is_found_with_its_version()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", PlotlyJs.Version);
        Assert.True(PlotlyJs.Source.Length > 1_000_000);
        Assert.StartsWith("<script", PlotlyJs.InlineScript());
    }

    [Fact]
    public void Builders_reject_mismatched_or_empty_input_with_a_clear_message()
    {
        var e = Assert.Throws<ArgumentException>(() => BarCharts.Grouped("t", ["a", "b"], [new BarSeries("s", [1.0])], new AxisLabel("x"), new AxisLabel("y")));
        Assert.Contains("bar series \"s\"", e.Message);
        Assert.Throws<ArgumentException>(() => LossCharts.Epochs("t", []));
        Assert.Throws<ArgumentOutOfRangeException>(() => LossCharts.Epochs("t", [new LossCurve("a", [1.0])], logY: true, target: new ReferenceLine(0, "zero")));
    }

    [Fact]
    public void Loss_curves_leave_out_values_a_log_axis_cannot_show()
    {
        var chart = LossCharts.Epochs("t", [new LossCurve("a", [1.0, double.NaN, 0.0, 0.25])], logY: true);
        Assert.Contains("\"x\":[1.0,4.0]", chart.FigureJson);
        Assert.Contains("\"y\":[1.0,0.25]", chart.FigureJson);
    }

    [Fact]
    public void Scatter_keeps_at_most_the_requested_points_per_series()
    {
        var x = Enumerable.Range(0, 10_000).Select(i => i / 10_000.0).ToArray();
        var chart = ScatterCharts.PredictionsVsTargets("t", [new ScatterSeries("p", x, x)], maxPointsPerSeries: 100);
        var firstX = Regex.Match(chart.FigureJson, "\"x\":\\[([^\\]]*)\\]").Groups[1].Value;
        Assert.Equal(100, firstX.Split(',').Length);
    }

    [Fact]
    public void Axis_labels_carry_units()
    {
        Assert.Equal("time t (s)", new AxisLabel("time t", "s").ToString());
        Assert.Equal("epoch", new AxisLabel("epoch").ToString());
        Assert.Contains("time t (s)", FrequencyLab.Charts.SignalCharts.MixtureWindow(
            FrequencyLab.Signals.SignalGenerator.Generate(FrequencyLab.Signals.SignalSpec.Default with { Duration = 0.5 }, 1), 0, 0.1).FigureJson);
    }
}

public class BuilderInputTests
{
    [Fact]
    public void Spectra_stop_at_the_maximum_frequency_and_clamp_zeros_on_a_log_axis()
    {
        var chart = SpectrumCharts.Amplitude("t", [new SpectrumSeries("s", [0.0, 1.0, 2.0, 3.0], [0.5, 0.0, 0.25, 9.0])], [1.0], maxFrequencyHz: 2.0, logFloor: 1e-6);
        Assert.Contains("\"x\":[0.0,1.0,2.0]", chart.FigureJson);
        Assert.Contains("\"y\":[0.5,1E-06,0.25]", chart.FigureJson);
    }

    [Fact]
    public void The_signal_window_must_overlap_the_series_and_name_a_real_component()
    {
        var signals = FrequencyLab.Signals.SignalGenerator.Generate(FrequencyLab.Signals.SignalSpec.Default with { Duration = 0.5 }, 1);
        Assert.Throws<ArgumentException>(() => SignalCharts.MixtureWindow(signals, 0.2, 0.1));
        Assert.Throws<ArgumentException>(() => SignalCharts.MixtureWindow(signals, 0.6, 0.7));
        Assert.Throws<ArgumentOutOfRangeException>(() => SignalCharts.MixtureWindow(signals, 0, 0.1, componentIndex: 4));
        var window = SignalCharts.MixtureWindow(signals, 0.1, 0.2, componentIndex: 3);
        // Four targets, one noisy component and S, each over the 100 samples of t in [0.1, 0.2).
        using var figure = System.Text.Json.JsonDocument.Parse(window.FigureJson);
        var traces = figure.RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(6, traces.Length);
        Assert.All(traces, t => Assert.Equal(100, t.GetProperty("x").GetArrayLength()));
        Assert.Equal(0.1, traces[0].GetProperty("x")[0].GetDouble());
    }

    [Theory]
    [InlineData(FrequencyLab.Signals.NoiseMode.PerSample, "A, φ drawn per sample", "per-sample")]
    [InlineData(FrequencyLab.Signals.NoiseMode.PerSeries, "A, φ drawn once per series", "per-series")]
    public void The_signal_window_names_the_noise_mode_and_the_mean_of_the_signal_it_shows(FrequencyLab.Signals.NoiseMode noise, string drawn, string name)
    {
        var spec = new FrequencyLab.Signals.SignalSpec { Frequencies = [1, 3, 5], SampleRate = 100, Duration = 1, Noise = noise };
        var window = SignalCharts.MixtureWindow(FrequencyLab.Signals.SignalGenerator.Generate(spec, 1), 0, 0.5);
        using var figure = System.Text.Json.JsonDocument.Parse(window.FigureJson);
        var names = figure.RootElement.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString()!).ToArray();
        Assert.Contains(names, n => n.EndsWith(drawn, StringComparison.Ordinal));
        Assert.Contains("S(t) = (1/3) Σ A·sin(2πft + φ)", names);
        Assert.Contains($"noise {name})", window.Title);
    }
}
