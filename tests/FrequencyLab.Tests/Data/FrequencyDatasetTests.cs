using FrequencyLab.Data;
using FrequencyLab.Signals;

namespace FrequencyLab.Tests.Data;

public class FrequencyDatasetTests
{
    private static readonly SignalSet Default = SignalGenerator.Generate(SignalSpec.Default, 1);

    [Theory]
    [InlineData(RowOrder.Blocks)]
    [InlineData(RowOrder.Interleaved)]
    public void The_reports_dataset_has_40000_one_hot_rows(RowOrder order)
    {
        var ds = FrequencyDataset.FromSignals(Default, order);
        Assert.Equal(40_000, ds.RowCount);
        Assert.Equal(5, ds.InputWidth);
        Assert.Equal(200_000, ds.Inputs.Length);
        Assert.Equal(1UL, ds.Seed);
        Assert.Equal(SignalSpec.Default, ds.Spec);
        for (int r = 0; r < ds.RowCount; r++)
        {
            var row = ds.Input(r);
            int i = ds.FrequencyIndex[r], t = ds.TimeIndex[r];
            for (int c = 0; c < 4; c++) Assert.Equal(c == i ? 1.0 : 0.0, row[1 + c]);
            Assert.Equal(Default.Mixture[t], row[0]);
            Assert.Equal(Default.Targets[i][t], ds.Targets[r]);
        }
        // Every (frequency, time) pair appears exactly once.
        Assert.Equal(40_000, ds.FrequencyIndex.Zip(ds.TimeIndex).Distinct().Count());
    }

    [Fact]
    public void Blocks_order_is_all_of_f1_in_time_order_then_f2()
    {
        var ds = FrequencyDataset.FromSignals(Default, RowOrder.Blocks);
        Assert.Equal((0, 0), (ds.FrequencyIndex[0], ds.TimeIndex[0]));
        Assert.Equal((0, 9_999), (ds.FrequencyIndex[9_999], ds.TimeIndex[9_999]));
        Assert.Equal((1, 0), (ds.FrequencyIndex[10_000], ds.TimeIndex[10_000]));
        Assert.Equal((3, 9_999), (ds.FrequencyIndex[39_999], ds.TimeIndex[39_999]));
    }

    [Fact]
    public void Interleaved_order_is_f1_to_f4_at_each_time()
    {
        var ds = FrequencyDataset.FromSignals(Default, RowOrder.Interleaved);
        Assert.Equal(new[] { 0, 1, 2, 3, 0 }, ds.FrequencyIndex[..5]);
        Assert.Equal(new[] { 0, 0, 0, 0, 1 }, ds.TimeIndex[..5]);
        Assert.Equal((3, 9_999), (ds.FrequencyIndex[39_999], ds.TimeIndex[39_999]));
    }

    [Fact]
    public void Train_seed_1_and_test_seed_2_differ_in_mixture_but_share_targets()
    {
        var test = SignalGenerator.Generate(SignalSpec.Default, 2);
        Assert.NotEqual(Default.Mixture, test.Mixture);
        Assert.Equal(Default.Targets, test.Targets);
    }

    [Fact]
    public void Single_precision_views_round_each_value_once()
    {
        var ds = FrequencyDataset.FromSignals(Default, RowOrder.Blocks);
        Assert.Equal((float)ds.Inputs[12_345], ds.InputsAsSingle()[12_345]);
        Assert.Equal((float)ds.Targets[777], ds.TargetsAsSingle()[777]);
    }
}
