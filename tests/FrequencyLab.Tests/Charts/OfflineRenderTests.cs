using FrequencyLab.Charts;
using FrequencyLab.Signals;
using FrequencyLab.Tests.TestSupport;

namespace FrequencyLab.Tests.Charts;

/// <summary>
/// What a person sees: charts saved with <see cref="ChartView.SaveHtml"/> are opened in headless Chromium with the network
/// closed, and the screenshot must show a drawn chart (plot area, and pixels in the trace colours) while the net log shows
/// no request other than the file itself.
/// </summary>
public class OfflineRenderTests
{
    // Plotly.NET's default template colorway starts with these two trace colours.
    private static readonly (byte R, byte G, byte B) FirstTraceColour = (0x63, 0x6e, 0xfa);
    private static readonly (byte R, byte G, byte B) SecondTraceColour = (0xef, 0x55, 0x3b);

    private static ChartView LossChart() => LossCharts.Epochs("Loss per epoch (render test)",
    [
        new LossCurve("train (epoch mean)", Enumerable.Range(1, 30).Select(e => 0.5 * Math.Pow(e, -0.8)).ToArray()),
        new LossCurve("test (frozen)", Enumerable.Range(1, 30).Select(e => 0.55 * Math.Pow(e, -0.6)).ToArray(), Dashed: true),
    ], logY: true, target: new ReferenceLine(0.01, "target MSE 0.01"));

    [Fact]
    public void A_saved_chart_renders_offline_and_shows_its_traces()
    {
        using var dir = new TempDir();
        var html = dir.File("loss.html");
        LossChart().SaveHtml(html);

        var shot = HeadlessChromium.Screenshot(html, dir.Path);
        var image = PngImage.Read(shot.ScreenshotPath);
        CopyForInspection(shot.ScreenshotPath, "loss-chart.png");

        Assert.Equal((1200, 800), (image.Width, image.Height));
        var stats = PixelStats.Of(image);
        // An empty white page has no non-background pixel; a drawn plotly chart fills its plot area (light blue-grey).
        Assert.True(stats.NonBackgroundFraction > 0.10, $"only {stats.NonBackgroundFraction:P1} of the pixels differ from the background");
        Assert.True(stats.Near(FirstTraceColour) > 300, $"{stats.Near(FirstTraceColour)} pixels in the first trace colour");
        Assert.True(stats.Near(SecondTraceColour) > 150, $"{stats.Near(SecondTraceColour)} pixels in the second trace colour");
        Assert.True(shot.PageRequests.Count == 0, "the page made requests: " + string.Join(", ", shot.PageRequests));
    }

    [Fact]
    public void The_signal_window_chart_renders_offline()
    {
        using var dir = new TempDir();
        var signals = SignalGenerator.Generate(SignalSpec.Default with { Duration = 2.0 }, seed: 1);
        var html = dir.File("signal.html");
        SignalCharts.MixtureWindow(signals, 0, 1.0, componentIndex: 1).SaveHtml(html);

        var shot = HeadlessChromium.Screenshot(html, dir.Path);
        CopyForInspection(shot.ScreenshotPath, "signal-window.png");
        var stats = PixelStats.Of(PngImage.Read(shot.ScreenshotPath));
        Assert.True(stats.NonBackgroundFraction > 0.10, $"only {stats.NonBackgroundFraction:P1} of the pixels differ from the background");
        Assert.True(stats.Near(FirstTraceColour) > 100, $"{stats.Near(FirstTraceColour)} pixels in the first trace colour");
        Assert.True(shot.PageRequests.Count == 0, "the page made requests: " + string.Join(", ", shot.PageRequests));
    }

    [Fact]
    public void A_bar_chart_over_named_categories_draws_its_bars()
    {
        using var dir = new TempDir();
        var html = dir.File("bars.html");
        BarCharts.Grouped("MSE per frequency (render test)", ["1 Hz", "3 Hz", "5 Hz", "7 Hz"],
            [new BarSeries("run A", [0.4, 0.3, 0.2, 0.1]), new BarSeries("run B", [0.2, 0.25, 0.3, 0.35])],
            new AxisLabel("frequency"), new AxisLabel("MSE", "squared target units"), referenceLines: [new ReferenceLine(0.05, "target")]).SaveHtml(html);

        var shot = HeadlessChromium.Screenshot(html, dir.Path);
        CopyForInspection(shot.ScreenshotPath, "bar-chart.png");
        var stats = PixelStats.Of(PngImage.Read(shot.ScreenshotPath));
        // Filled bars cover thousands of pixels in each series colour; a categorical axis forced to numbers draws none.
        Assert.True(stats.Near(FirstTraceColour) > 5000, $"{stats.Near(FirstTraceColour)} pixels in the first series colour");
        Assert.True(stats.Near(SecondTraceColour) > 5000, $"{stats.Near(SecondTraceColour)} pixels in the second series colour");
        Assert.True(shot.PageRequests.Count == 0, "the page made requests: " + string.Join(", ", shot.PageRequests));
    }

    [Fact]
    public async Task Notebook_01s_executed_html_renders_its_charts_offline()
    {
        // The runner's HTML page, not a single chart: plotly.js inlined once, every chart fragment drawn with it, no request.
        using var dir = new TempDir();
        var options = new FrequencyLab.Notebooks.NotebookRunOptions(dir.File("out"))
        {
            Parameters = [FrequencyLab.Notebooks.NotebookParameter.Create("quick", true)],
        };
        var result = await new FrequencyLab.Notebooks.NotebookRunner().RunAsync(RepoPaths.Combine("notebooks", "01-data-validation.ipynb"), options);

        // Tall enough to reach the first chart (the signal window) below the title, the prose and the first cells.
        var shot = HeadlessChromium.Screenshot(result.HtmlPath!, dir.Path, height: 2400);
        CopyForInspection(shot.ScreenshotPath, "notebook-01-top.png");
        var stats = PixelStats.Of(PngImage.Read(shot.ScreenshotPath));
        Assert.True(stats.Near(FirstTraceColour) > 300, $"{stats.Near(FirstTraceColour)} pixels in the first trace colour");
        Assert.True(stats.Near(SecondTraceColour) > 300, $"{stats.Near(SecondTraceColour)} pixels in the second trace colour");
        Assert.True(shot.PageRequests.Count == 0, "the page made requests: " + string.Join(", ", shot.PageRequests));
    }

    [Fact]
    public void A_fragment_without_plotly_on_the_page_draws_nothing_and_says_so()
    {
        // The control for the test above: the same chart without the inlined plotly.js shows no trace pixels.
        using var dir = new TempDir();
        var html = dir.File("fragment.html");
        File.WriteAllText(html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + LossChart().ToHtml() + "</body></html>");

        var shot = HeadlessChromium.Screenshot(html, dir.Path);
        var stats = PixelStats.Of(PngImage.Read(shot.ScreenshotPath));
        Assert.True(stats.Near(FirstTraceColour) < 20, $"{stats.Near(FirstTraceColour)} pixels in the first trace colour");
        Assert.True(stats.NonBackgroundFraction < 0.02, $"{stats.NonBackgroundFraction:P1} of the pixels differ from the background");
        Assert.True(stats.NonBackgroundFraction > 0, "the 'plotly.js is not loaded' message should be visible");
    }

    [Fact]
    public void The_net_log_check_sees_a_page_that_asks_for_a_CDN()
    {
        // The control for the no-network assertion: a page loading plotly.js from its CDN is caught.
        using var dir = new TempDir();
        var html = dir.File("cdn.html");
        File.WriteAllText(html, "<!DOCTYPE html><html><head><script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"></script></head><body>x</body></html>");

        var shot = HeadlessChromium.Screenshot(html, dir.Path);
        Assert.Contains(shot.PageRequests, u => u.StartsWith("https://cdn.plot.ly/", StringComparison.Ordinal));
        Assert.DoesNotContain(shot.BrowserRequests, u => u.StartsWith("https://cdn.plot.ly/", StringComparison.Ordinal));
    }

    // Keeps the latest screenshots where a person can look at them (artifacts/ is git-ignored build output).
    private static void CopyForInspection(string png, string name)
    {
        var dir = RepoPaths.Combine("artifacts", "chart-screenshots");
        Directory.CreateDirectory(dir);
        File.Copy(png, Path.Combine(dir, name), overwrite: true);
    }
}
