using FrequencyLab.Data;
using FrequencyLab.Findings;
using FrequencyLab.Learnability;
using FrequencyLab.Scales;
using FrequencyLab.Signals;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Learnability;

public class LearnabilityRuleTests
{
    // Zero 0.5 → margin 0.025.
    [Theory]
    [InlineData(new[] { 0.30, 0.32 }, 0.36, LearnabilityVerdict.LearnsBeyondMemoryless)]
    [InlineData(new[] { 0.30, 0.34 }, 0.36, LearnabilityVerdict.ReachesMemorylessOnly)] // worst seed within the margin of the bound
    [InlineData(new[] { 0.40, 0.47 }, 0.36, LearnabilityVerdict.ReachesMemorylessOnly)]
    [InlineData(new[] { 0.40, 0.48 }, 0.36, LearnabilityVerdict.LearnsNothing)]       // one seed does not beat zero by the margin
    [InlineData(new[] { 0.499, 0.501 }, 0.5, LearnabilityVerdict.LearnsNothing)]
    [InlineData(new[] { 0.1, double.NaN }, 0.36, LearnabilityVerdict.LearnsNothing)]  // a diverged seed
    public void The_rule_needs_every_seed_past_the_bound_by_the_margin(double[] seeds, double memoryless, LearnabilityVerdict expected) =>
        Assert.Equal(expected, LearnabilityRule.Judge(seeds, 0.5, memoryless));

    private static DataBounds Bounds(NoiseMode noise, double memoryless) =>
        new(noise, 0.5, memoryless, 0, [0.5, 0.5], [memoryless, memoryless], [0, 0], "polynomial degree 3");

    private static LearnabilityCellResult Cell(NoiseMode noise, int window, double memoryless, params double[] mses) =>
        new(new LearnabilityCell(noise, window, ResetPolicy.PerEpoch),
            [.. mses.Select((m, i) => new SeedRun(new LearnabilityCell(noise, window, ResetPolicy.PerEpoch), (ulong)i, m, [m, m], m, 3, 1))],
            Bounds(noise, memoryless));

    private static LearnabilityResults Results(params LearnabilityCellResult[] cells) =>
        new(StudyScales.Quick.Learnability with { Resets = [ResetPolicy.PerEpoch] }, [.. cells.Select(c => c.Bounds).DistinctBy(b => b.Noise)], cells);

    [Fact]
    public void The_recommendation_keeps_the_reports_task_when_a_window_learns_it_beyond_the_memoryless_bound()
    {
        var r = LearnabilityFindings.Recommendation(Results(
            Cell(NoiseMode.PerSample, 1, 0.5, 0.50, 0.51), Cell(NoiseMode.PerSample, 40, 0.5, 0.20, 0.30),
            Cell(NoiseMode.Additive, 1, 0.36, 0.30, 0.31)));
        Assert.Equal(Verdict.Supported, r.Verdict);
        Assert.StartsWith("Keep the report's per-sample task and change the trainer", r.Explanation);
        Assert.Contains("L = 40", r.Explanation);
    }

    [Fact]
    public void The_recommendation_changes_the_noise_model_when_only_another_model_learns_beyond_the_bound()
    {
        var r = LearnabilityFindings.Recommendation(Results(
            Cell(NoiseMode.PerSample, 1, 0.5, 0.50, 0.51), Cell(NoiseMode.PerSample, 40, 0.5, 0.49, 0.50),
            Cell(NoiseMode.Additive, 1, 0.36, 0.30, 0.31), Cell(NoiseMode.Additive, 40, 0.36, 0.10, 0.12)));
        Assert.Equal(Verdict.Supported, r.Verdict);
        Assert.StartsWith("Change the task", r.Explanation);
        Assert.Contains("additive, L = 40", r.Explanation); // the larger share of the gap to the clock
    }

    [Fact]
    public void The_recommendation_is_inconclusive_when_no_cell_learns_beyond_the_bound()
    {
        var r = LearnabilityFindings.Recommendation(Results(Cell(NoiseMode.PerSample, 1, 0.5, 0.50, 0.51), Cell(NoiseMode.Additive, 40, 0.36, 0.40, 0.41)));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
    }

    [Fact]
    public void What_windows_buy_compares_the_best_window_with_L1_over_all_seeds()
    {
        var helps = LearnabilityFindings.WhatWindowsBuy(Results(Cell(NoiseMode.Additive, 1, 0.36, 0.40, 0.41), Cell(NoiseMode.Additive, 40, 0.36, 0.20, 0.39)));
        Assert.Equal(Verdict.Supported, Assert.Single(helps).Verdict);
        var overlaps = LearnabilityFindings.WhatWindowsBuy(Results(Cell(NoiseMode.Additive, 1, 0.36, 0.40, 0.41), Cell(NoiseMode.Additive, 40, 0.36, 0.35, 0.405)));
        Assert.Equal(Verdict.Inconclusive, Assert.Single(overlaps).Verdict);
        var hurts = LearnabilityFindings.WhatWindowsBuy(Results(Cell(NoiseMode.Additive, 1, 0.36, 0.40, 0.41), Cell(NoiseMode.Additive, 40, 0.36, 0.45, 0.46)));
        Assert.Equal(Verdict.Contradicted, Assert.Single(hurts).Verdict);
    }

    [Fact]
    public void A_cell_finding_carries_its_interval_over_seeds_and_the_data_bounds()
    {
        var f = LearnabilityFindings.Cell(Cell(NoiseMode.Additive, 40, 0.36, 0.20, 0.30, 0.25));
        Assert.Equal(Verdict.Supported, f.Verdict);
        var mse = f.Measurements[0];
        Assert.Equal((0.25, 0.20, 0.30), (mse.Value, mse.Lower!.Value, mse.Upper!.Value));
        Assert.Contains(f.Measurements, m => m.Value == 0.36);
        Assert.Contains("2 of 2 frequencies", f.Explanation);
    }

    [Fact]
    public void The_data_bounds_show_that_additive_noise_leaves_the_clock_in_S_and_per_sample_noise_does_not()
    {
        var spec = SignalSpec.Default with { Duration = 2 };
        DataBounds Measure(NoiseMode noise) => DataBounds.Measure(
            FrequencyDataset.FromSignals(SignalGenerator.Generate(spec with { Noise = noise }, 1), RowOrder.Blocks),
            FrequencyDataset.FromSignals(SignalGenerator.Generate(spec with { Noise = noise }, 2), RowOrder.Blocks));
        var perSample = Measure(NoiseMode.PerSample);
        var additive = Measure(NoiseMode.Additive);
        Assert.InRange(perSample.ZeroMse, 0.49, 0.51);
        Assert.True(perSample.MemorylessMse > perSample.ZeroMse - 0.01, $"per-sample memoryless {perSample.MemorylessMse}");
        Assert.True(additive.MemorylessMse < additive.ZeroMse - 0.1, $"additive memoryless {additive.MemorylessMse}");
        Assert.Equal(0, additive.ClockMse);
    }
}
