using FrequencyLab.Prediction;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace FrequencyLab.Charts;

/// <summary>Learning-curve forecasts: observed points, the predicted median with its prediction band, the target line.</summary>
public static class ForecastCharts
{
    /// <summary>
    /// The observed curve as points, the <see cref="ConvergencePrediction"/>'s median as a line inside its shaded band, a
    /// dashed target line, and optionally what the run did later (<paramref name="actual"/>, drawn as hollow points) and
    /// a reference forecast (e.g. the report's predicted curve, dashed), and optionally the <paramref name="calibrated"/>
    /// band (<see cref="ForecastCalibration.Apply"/>) as dotted edges. Log loss axis by default; non-positive and
    /// non-finite values are left out as gaps.
    /// </summary>
    public static ChartView Band(string title, ConvergencePrediction prediction, LearningCurve? actual = null, LossCurve? reference = null,
        bool logY = true, AxisLabel? valueAxis = null, CalibratedBand? calibrated = null)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var traces = new List<GenericChart>();
        if (calibrated is { Points.Count: > 0 })
        {
            var points = calibrated.Points.Where(b => Drawable(b.Lower, logY) && Drawable(b.Upper, logY)).ToArray();
            string name = $"calibrated {FrequencyLab.Findings.Number.Format(100 * calibrated.Calibration.Level)} % band";
            foreach (var (edge, label, legend) in new (Func<PredictedPoint, double>, string, bool)[] { (b => b.Upper, "upper", true), (b => b.Lower, "lower", false) })
                traces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(points.Select(b => b.Epoch), points.Select(edge),
                    Name: $"{name}, {label}", ShowLegend: legend, LineDash: StyleParam.DrawingStyle.Dot, LineColor: Color.fromHex("#2ca02c"), LineWidth: 2));
        }
        var band = prediction.Band.Where(b => Drawable(b.Lower, logY) && Drawable(b.Upper, logY) && Drawable(b.Median, logY)).ToArray();
        if (band.Length > 0)
        {
            var level = $"{FrequencyLab.Findings.Number.Format(100 * prediction.Options.Level)} %";
            traces.Add(Plotly.NET.CSharp.Chart.Range<double, double, string>(
                band.Select(b => b.Epoch), band.Select(b => b.Median), band.Select(b => b.Upper), band.Select(b => b.Lower),
                StyleParam.Mode.Lines, Name: "predicted median", LowerName: $"{level} band, lower", UpperName: $"{level} band, upper",
                LineColor: Color.fromHex("#1f77b4"), RangeColor: Color.fromString("rgba(31,119,180,0.18)"), LineWidth: 1.8));
        }
        if (actual is not null)
        {
            var later = Enumerable.Range(0, actual.Count).Where(i => actual.Epochs[i] > prediction.Curve.LastEpoch && Drawable(actual.Values[i], logY)).ToArray();
            if (later.Length > 0)
                traces.Add(Plotly.NET.CSharp.Chart.Point<double, double, string>(later.Select(i => actual.Epochs[i]), later.Select(i => actual.Values[i]),
                    Name: "what the run did next", MarkerColor: Color.fromHex("#ff7f0e"), Opacity: 0.8));
        }
        var seen = Enumerable.Range(0, prediction.Curve.Count).Where(i => Drawable(prediction.Curve.Values[i], logY)).ToArray();
        traces.Add(Plotly.NET.CSharp.Chart.Point<double, double, string>(seen.Select(i => prediction.Curve.Epochs[i]), seen.Select(i => prediction.Curve.Values[i]),
            Name: $"observed ({prediction.Curve.Count} epochs, fitted)", MarkerColor: Color.fromHex("#111111")));
        if (reference is not null)
        {
            var epochs = reference.EpochValues();
            var keep = Enumerable.Range(0, reference.Loss.Count).Where(i => Drawable(reference.Loss[i], logY)).ToArray();
            traces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(keep.Select(i => epochs[i]), keep.Select(i => reference.Loss[i]),
                Name: reference.Name, ShowMarkers: true, LineDash: StyleParam.DrawingStyle.Dash, LineColor: Color.fromHex("#9467bd"), LineWidth: 1.5));
        }
        var target = new ReferenceLine(prediction.Options.Target, $"target {FrequencyLab.Findings.Number.Format(prediction.Options.Target)}");
        return ChartStyle.Finish(Plotly.NET.CSharp.Chart.Combine(traces), title, new AxisLabel("epoch"),
            valueAxis ?? new AxisLabel(LearningCurveAxis(prediction.Curve)), logY: logY, horizontalLines: [target]);
    }

    /// <summary>
    /// A reliability diagram of a <see cref="ForecastCalibration"/>: per range of epochs ahead, the fraction of held-out
    /// epochs of real curves inside the raw bootstrap band (before) and inside the calibrated band (after), against the
    /// nominal level (a dashed line); a range with no held-out epoch is a gap.
    /// </summary>
    public static ChartView Reliability(string title, ForecastCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var labels = calibration.Horizons.Select(h => h.Range.Label).ToArray();
        GenericChart Series(string name, Func<HorizonCalibration, double?> coverage, string colour)
        {
            var keep = calibration.Horizons.Select((h, i) => (i, v: coverage(h))).Where(x => x.v is double d && double.IsFinite(d)).ToArray();
            return Plotly.NET.CSharp.Chart.Line<string, double, string>(keep.Select(x => labels[x.i]), keep.Select(x => x.v!.Value),
                Name: name, ShowMarkers: true, LineColor: Color.fromHex(colour), LineWidth: 2,
                MultiText: keep.Select(x => FrequencyLab.Findings.Number.Format(x.v!.Value)).ToArray());
        }
        var level = FrequencyLab.Findings.Number.Format(100 * calibration.Level);
        var chart = Plotly.NET.CSharp.Chart.Combine([
            Series($"raw bootstrap band (before)", h => h.RawCoverage, "#d62728"),
            Series($"calibrated band (after, held-out groups)", h => h.CalibratedCoverage, "#1f77b4"),
        ]);
        return ChartStyle.Finish(chart, title, new AxisLabel("epochs ahead of the last observed epoch"),
            new AxisLabel($"fraction of held-out epochs inside the {level} % band"),
            horizontalLines: [new ReferenceLine(calibration.Level, $"nominal {level} %")]);
    }

    private static string LearningCurveAxis(LearningCurve curve) => curve.Name.Contains("MSE", StringComparison.Ordinal) ? "MSE" : "loss";

    private static bool Drawable(double v, bool logY) => double.IsFinite(v) && (!logY || v > 0);
}
