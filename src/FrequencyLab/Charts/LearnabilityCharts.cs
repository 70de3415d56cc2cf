using FrequencyLab.Data;
using FrequencyLab.Learnability;
using FrequencyLab.Training;

namespace FrequencyLab.Charts;

/// <summary>The learnability matrix as charts.</summary>
public static class LearnabilityCharts
{
    /// <summary>One group per (noise model, window): the median frozen test MSE of each reset policy beside the data's own
    /// bounds — predicting zero and the best memoryless predictor (the perfect clock is 0).</summary>
    public static ChartView Matrix(LearnabilityResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var groups = results.Cells.Select(c => (c.Cell.Noise, c.Cell.Window)).Distinct().ToArray();
        var categories = groups.Select(g => $"{DataNames.Of(g.Noise)}, L={g.Window}").ToArray();
        var series = new List<BarSeries>();
        foreach (var reset in results.Settings.Resets)
            series.Add(new BarSeries($"model, reset {(reset == ResetPolicy.PerBlock ? "per block" : "per epoch")} (median of {results.Settings.InitSeeds.Length} seeds)",
                groups.Select(g => results.Find(g.Noise, g.Window, reset)?.MedianTestMse ?? double.NaN).ToArray()));
        series.Add(new BarSeries("best memoryless predictor (bound of the data)", groups.Select(g => results.BoundsOf(g.Noise).MemorylessMse).ToArray()));
        series.Add(new BarSeries("predict zero", groups.Select(g => results.BoundsOf(g.Noise).ZeroMse).ToArray()));
        return BarCharts.Grouped($"Frozen test MSE by noise model and window L ({results.Settings.Label} matrix); the perfect clock scores 0",
            categories, series, new AxisLabel("noise model, window L", ""), new AxisLabel("frozen test MSE", "MSE"));
    }
}
