using FrequencyLab.Data;
using FrequencyLab.Signals;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

public class BaselinesTests
{
    private static BaselineResult Named(IReadOnlyList<BaselineResult> all, string name) => Assert.Single(all, b => b.Name == name);

    [Fact]
    public void Zero_clock_and_variance_baselines_are_what_they_say()
    {
        var train = StructureChecksTests.Small(seed: 1);
        var test = StructureChecksTests.Small(seed: 2);
        var all = Baselines.Score(train, test);
        Assert.Equal(test.Targets.Select(y => y * y).Average(), Named(all, "zero").Mse, 1e-12);
        Assert.Equal(0.0, Named(all, "perfect clock").Mse);
        for (int i = 0; i < 4; i++)
        {
            var y = Enumerable.Range(0, test.RowCount).Where(r => test.FrequencyIndex[r] == i).Select(r => test.Targets[r]).ToArray();
            double mean = y.Average();
            Assert.Equal(y.Select(v => (v - mean) * (v - mean)).Average(), Named(all, "own mean (variance)").MsePerFrequency[i], 1e-12);
        }
    }

    [Fact]
    public void Polynomial_baseline_recovers_a_polynomial_relation_fitted_on_train_and_scored_on_test()
    {
        // Replace the targets by an exact cubic of S (different per frequency): the degree-3 fit must score 0 on test,
        // while degree 1 cannot.
        static FrequencyDataset Cubic(FrequencyDataset d)
        {
            var targets = new double[d.RowCount];
            for (int r = 0; r < d.RowCount; r++)
            {
                double s = d.Inputs[r * d.InputWidth];
                targets[r] = (d.FrequencyIndex[r] + 1) * (0.1 + s - 2 * s * s * s);
            }
            return new FrequencyDataset(d.Inputs, targets, d.FrequencyIndex, d.TimeIndex, d.FrequencyCount, d.Order, d.Spec, d.Seed);
        }
        var all = Baselines.Score(Cubic(StructureChecksTests.Small(seed: 1)), Cubic(StructureChecksTests.Small(seed: 2)));
        Assert.InRange(Named(all, "polynomial degree 3").Mse, 0, 1e-20);
        Assert.InRange(Named(all, "polynomial degree 3").TrainMse!.Value, 0, 1e-20);
        Assert.True(Named(all, "polynomial degree 1").Mse > 1e-6);
        Assert.True(Named(all, "best memoryless").Mse <= 1e-20);
        Assert.Contains("polynomial degree", Named(all, "best memoryless").Note);
    }

    [Fact]
    public void Persistence_is_reported_for_both_orders_whatever_the_dataset_order()
    {
        var blocks = Baselines.Score(StructureChecksTests.Small(RowOrder.Blocks), StructureChecksTests.Small(RowOrder.Blocks, 2));
        var inter = Baselines.Score(StructureChecksTests.Small(RowOrder.Interleaved), StructureChecksTests.Small(RowOrder.Interleaved, 2));
        foreach (var name in new[] { "persistence (blocks)", "persistence (interleaved)" })
            Assert.Equal(Named(blocks, name).Mse, Named(inter, name).Mse);
        Assert.NotEqual(Named(blocks, "persistence (blocks)").Mse, Named(blocks, "persistence (interleaved)").Mse);
    }

    [Fact]
    public void Different_frequency_counts_are_refused()
    {
        var other = FrequencyDataset.FromSignals(SignalGenerator.Generate(new SignalSpec { Frequencies = [1, 2], SampleRate = 100, Duration = 1 }, 1), RowOrder.Blocks);
        Assert.Throws<FrequencyLabException>(() => Baselines.Score(StructureChecksTests.Small(), other));
    }
}
