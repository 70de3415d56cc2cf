using FrequencyLab.Data;
using FrequencyLab.Signals;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

public class PersistenceTests
{
    // A dataset whose target for frequency i is the constant c_i (K = 3, N = 5).
    private static SeriesGrid ConstantPerFrequency(double[] c)
    {
        var spec = new SignalSpec { Frequencies = [1, 2, 3], SampleRate = 10, Duration = 0.5 };
        var set = SignalGenerator.Generate(spec, 1);
        var targets = c.Select(v => Enumerable.Repeat(v, set.SampleCount).ToArray()).ToArray();
        return SeriesGrid.FromDataset(FrequencyDataset.FromSignals(set with { Targets = targets }, RowOrder.Blocks));
    }

    [Fact]
    public void Persistence_on_a_constant_series_is_zero()
    {
        var grid = ConstantPerFrequency([0.5, 0.5, 0.5]);
        foreach (var order in new[] { RowOrder.Blocks, RowOrder.Interleaved })
        {
            var (mse, per) = Persistence.Score(grid, order);
            Assert.Equal(0.0, mse);
            Assert.All(per, v => Assert.Equal(0.0, v));
        }
    }

    [Fact]
    public void Persistence_errs_only_where_the_order_changes_frequency()
    {
        var grid = ConstantPerFrequency([0, 1, 3]);
        // Blocks: 14 scored rows; the first row of block 1 errs by 1, of block 2 by 2.
        var (blocks, blocksPer) = Persistence.Score(grid, RowOrder.Blocks);
        Assert.Equal((1.0 + 4.0) / 14, blocks, 1e-15);
        Assert.Equal([0.0, 1.0 / 5, 4.0 / 5], blocksPer);
        // Interleaved 0,1,3,0,1,3,…: every scored row errs; errors 1, 4 and 9 (from 3 back to 0).
        var (inter, interPer) = Persistence.Score(grid, RowOrder.Interleaved);
        Assert.Equal((5 * 1.0 + 5 * 4.0 + 4 * 9.0) / 14, inter, 1e-15);
        Assert.Equal([9.0, 1.0, 4.0], interPer);
    }
}
