using FrequencyLab.Charts;
using FrequencyLab.Data;

namespace FrequencyLab.Learnability;

/// <summary>The recipe and its ablation as a chart (notebook 07).</summary>
public static class RecipeCharts
{
    /// <summary>One group per run set — the recipe on each noise model, then the recipe without each ingredient — with the
    /// worst and median seed's frozen test MSE on a log axis, and the recipe task's memoryless bound and causal linear filter
    /// (of at most the recipe's window of taps) as lines. A diverged seed (NaN) is drawn as missing, not as a bar.</summary>
    public static ChartView Ablation(RecipeResults results, LearnabilitySettings settings)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);
        var sets = results.Cells.Select(c => ($"the recipe, {DataNames.Of(c.Cell.Noise)}", c))
            .Concat(results.Ablation.Select(a => (RecipeIngredients.WithoutIt(a.Ingredient), a.Without))).ToArray();
        static double Drawable(double v) => double.IsFinite(v) ? v : double.NaN;
        var bounds = results.Main.Bounds;
        var lines = new List<ReferenceLine> { new(bounds.MemorylessMse, $"best memoryless ({DataNames.Of(bounds.Noise)})") };
        if (RecipeFindings.FilterFor(results) is { } filter) lines.Add(new(filter.Mse, $"causal linear filter, {filter.Taps} taps ({DataNames.Of(bounds.Noise)})"));
        return BarCharts.Grouped($"The recipe and its ablation: frozen test MSE over {settings.InitSeeds.Length} init seeds ({settings.Label} scale)",
            [.. sets.Select(s => s.Item1)],
            [new BarSeries("worst seed", [.. sets.Select(s => Drawable(RecipeResults.Worst(s.Item2)))]), new BarSeries("median seed", [.. sets.Select(s => Drawable(s.Item2.MedianTestMse))])],
            new AxisLabel("run", ""), new AxisLabel("frozen test MSE", "MSE"), logY: true, referenceLines: lines);
    }
}
