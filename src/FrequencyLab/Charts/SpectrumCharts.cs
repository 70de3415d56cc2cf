using Plotly.NET;
using Plotly.NET.CSharp;

namespace FrequencyLab.Charts;

/// <summary>Amplitude spectra, overlaid, with dotted markers at the frequencies of interest.</summary>
public static class SpectrumCharts
{
    /// <summary>
    /// Draws each spectrum up to <paramref name="maxFrequencyHz"/> (bins above it are left out, which keeps pages small),
    /// on a log amplitude axis by default so that a noise floor and the peaks show together.
    /// Zero or negative amplitudes cannot be drawn on a log axis and are clamped to <paramref name="logFloor"/>.
    /// </summary>
    public static ChartView Amplitude(string title, IReadOnlyList<SpectrumSeries> spectra, IReadOnlyList<double> markFrequenciesHz,
        double maxFrequencyHz, bool logY = true, double logFloor = 1e-12, string amplitudeUnit = "dimensionless")
    {
        ArgumentNullException.ThrowIfNull(spectra);
        if (spectra.Count == 0) throw new ArgumentException("no spectrum to draw", nameof(spectra));
        var traces = new List<GenericChart>();
        foreach (var s in spectra)
        {
            ChartStyle.RequireSameLength(s.FrequencyHz.Count, s.Amplitude.Count, $"spectrum \"{s.Name}\"");
            var x = new List<double>();
            var y = new List<double>();
            for (int k = 0; k < s.FrequencyHz.Count && s.FrequencyHz[k] <= maxFrequencyHz; k++)
            {
                x.Add(s.FrequencyHz[k]);
                y.Add(logY ? Math.Max(s.Amplitude[k], logFloor) : s.Amplitude[k]);
            }
            traces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(x, y, Name: s.Name, LineWidth: 1.2));
        }
        return ChartStyle.Finish(Plotly.NET.CSharp.Chart.Combine(traces), title,
            new AxisLabel("frequency f", "Hz"), new AxisLabel("amplitude |X(f)|", amplitudeUnit),
            logY: logY, verticalMarkers: markFrequenciesHz);
    }
}
