using Plotly.NET;
using Plotly.NET.CSharp;

namespace FrequencyLab.Charts;

/// <summary>Loss curves over epochs: several runs and measures overlaid, with an optional target line.</summary>
public static class LossCharts
{
    /// <summary>
    /// Overlays <paramref name="curves"/> (train epoch means, frozen train/test MSE, per-frequency MSE, several runs…)
    /// against the epoch, on a log loss axis by default, with a dashed horizontal line at <paramref name="target"/> if given
    /// and at each of <paramref name="references"/> (e.g. predicting zero and the target together).
    /// Non-finite or (on a log axis) non-positive losses are left out as gaps, not drawn as zero.
    /// </summary>
    public static ChartView Epochs(string title, IReadOnlyList<LossCurve> curves, bool logY = true, ReferenceLine? target = null,
        AxisLabel? lossAxis = null, IReadOnlyList<ReferenceLine>? references = null, int width = ChartStyle.DefaultWidth)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Count == 0) throw new ArgumentException("no loss curve to draw", nameof(curves));
        var traces = new List<GenericChart>();
        foreach (var curve in curves)
        {
            var epochs = curve.EpochValues();
            ChartStyle.RequireSameLength(epochs.Count, curve.Loss.Count, $"loss curve \"{curve.Name}\"");
            var x = new List<double>();
            var y = new List<double>();
            for (int i = 0; i < epochs.Count; i++)
            {
                double v = curve.Loss[i];
                if (!double.IsFinite(v) || (logY && v <= 0)) continue;
                x.Add(epochs[i]);
                y.Add(v);
            }
            traces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(x, y, Name: curve.Name, ShowMarkers: epochs.Count <= 60,
                LineDash: curve.Dashed ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid, LineWidth: 1.8));
        }
        return ChartStyle.Finish(Plotly.NET.CSharp.Chart.Combine(traces), title,
            new AxisLabel("epoch"), lossAxis ?? new AxisLabel("loss: MSE", "squared target units"),
            logY: logY, horizontalLines: (target is null ? [] : new[] { target }).Concat(references ?? []).ToArray(), width: width);
    }
}
