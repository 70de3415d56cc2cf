using FrequencyLab.Signals;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace FrequencyLab.Charts;

/// <summary>Charts of a generated <see cref="SignalSet"/>: the mixture S(t), the clean targets and the noisy components.</summary>
public static class SignalCharts
{
    /// <summary>
    /// S(t) over the time window [<paramref name="fromSeconds"/>, <paramref name="toSeconds"/>), drawn against every clean
    /// target sin(2π f_i t) and the noisy component A_i(t)·sin(2π f_i t + φ_i(t)) of frequency <paramref name="componentIndex"/>.
    /// The chart zooms and pans; the range slider under it moves the window.
    /// </summary>
    public static ChartView MixtureWindow(SignalSet signals, double fromSeconds, double toSeconds, int componentIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if (!(toSeconds > fromSeconds)) throw new ArgumentException($"time window [{fromSeconds}, {toSeconds}) s is empty");
        if (componentIndex < 0 || componentIndex >= signals.FrequencyCount)
            throw new ArgumentOutOfRangeException(nameof(componentIndex), $"component {componentIndex} is not one of the {signals.FrequencyCount} frequencies");
        int first = Array.FindIndex(signals.Time, t => t >= fromSeconds);
        int end = Array.FindIndex(signals.Time, t => t >= toSeconds);
        if (first < 0) throw new ArgumentException($"time window starts at {fromSeconds} s, after the series ends ({signals.Time[^1]} s)");
        if (end < 0) end = signals.SampleCount;
        var range = new Range(first, end);
        var time = signals.Time[range];
        var spec = signals.Spec;

        var traces = new List<GenericChart>();
        for (int i = 0; i < signals.FrequencyCount; i++)
        {
            traces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(time, signals.Targets[i][range],
                Name: $"target sin(2π·{spec.Frequencies[i]:0.##}·t)", LineWidth: 1.5, Opacity: 0.8));
        }
        double f = spec.Frequencies[componentIndex];
        string over = signals.FrequencyCount == 4 ? "¼" : $"(1/{signals.FrequencyCount})";
        // In the additive mode the components are the clean targets already drawn above; the noise is on S only.
        if (spec.Noise != NoiseMode.Additive)
            traces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(time, signals.Components[componentIndex][range],
                Name: $"noisy component A·sin(2π·{f:0.##}·t + φ), A, φ drawn {(spec.Noise == NoiseMode.PerSample ? "per sample" : "once per series")}", LineWidth: 0.8, Opacity: 0.55,
                LineColor: Color.fromHex("#7f7f7f")));
        string mixtureName = spec.Noise == NoiseMode.Additive
            ? $"S(t) = {over} Σ sin(2πft) + ε, ε ~ N(0, {spec.NoiseStd:0.###}²)"
            : $"S(t) = {over} Σ A·sin(2πft + φ)";
        traces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(time, signals.Mixture[range],
            Name: mixtureName, LineWidth: 1.2, LineColor: Color.fromHex("#111111")));

        var chart = Plotly.NET.CSharp.Chart.Combine(traces);
        return ChartStyle.Finish(chart,
            $"S(t) against the clean targets, t ∈ [{fromSeconds:0.###}, {toSeconds:0.###}) s (seed {signals.Seed}, noise {Data.DataNames.Of(spec.Noise)})",
            new AxisLabel("time t", "s"), new AxisLabel("value", "dimensionless"));
    }
}
