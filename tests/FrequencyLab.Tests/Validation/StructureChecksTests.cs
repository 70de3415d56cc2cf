using FrequencyLab.Data;
using FrequencyLab.Signals;
using FrequencyLab.Validation;

namespace FrequencyLab.Tests.Validation;

public class StructureChecksTests
{
    internal static readonly SignalSpec SmallSpec = new() { SampleRate = 100, Duration = 2 };

    internal static FrequencyDataset Small(RowOrder order = RowOrder.Blocks, ulong seed = 1) =>
        FrequencyDataset.FromSignals(SignalGenerator.Generate(SmallSpec, seed), order);

    [Theory]
    [InlineData(RowOrder.Blocks)]
    [InlineData(RowOrder.Interleaved)]
    public void A_generated_dataset_satisfies_the_row_contract(RowOrder order)
    {
        var s = StructureChecks.Measure(Small(order), "train");
        Assert.Empty(s.Problems);
        Assert.Equal(800, s.RowCount);
        Assert.Equal(800, s.ExpectedRowCount);
        Assert.Equal(200, s.TimeSampleCount);
        Assert.True(s.RowOrderMatchesDeclared);
        Assert.Equal(0.0, s.ClockMaxError);
        Assert.Equal(0.0, s.RegenerationMaxError);
        Assert.Equal(0.01, s.TimeStep);
        Assert.Equal(1.99, s.TimeMax!.Value, 1e-12);
    }

    [Fact]
    public void A_broken_one_hot_row_is_counted()
    {
        var d = Small();
        d.Inputs[5 * d.InputWidth + 2] = 1.0; // row 5 is frequency 0; now two selectors are hot
        d.Inputs[9 * d.InputWidth + 1] = 0.5; // row 9: hot value is not 1
        var s = StructureChecks.Measure(d, "train");
        Assert.Equal(2, s.InvalidOneHotRows);
        Assert.Contains(s.Problems, p => p.Contains("2 rows with an invalid one-hot selector"));
    }

    [Fact]
    public void Non_finite_values_are_counted()
    {
        var d = Small();
        d.Inputs[3 * d.InputWidth] = double.NaN;
        d.Targets[7] = double.PositiveInfinity;
        var s = StructureChecks.Measure(d, "test");
        Assert.Equal(1, s.NonFiniteInputs);
        Assert.Equal(1, s.NonFiniteTargets);
        Assert.Equal(2, s.Problems.Count(p => p.Contains("non-finite")));
    }

    [Fact]
    public void A_repeated_cell_is_both_missing_and_duplicate_and_breaks_the_order()
    {
        var d = Small();
        d.TimeIndex[10] = 11; // rows 10 and 11 now both claim (f1, t=11); t=10 of f1 is missing
        var s = StructureChecks.Measure(d, "train");
        Assert.Equal(1, s.MissingCells);
        Assert.Equal(1, s.DuplicateCells);
        Assert.False(s.RowOrderMatchesDeclared);
    }

    [Fact]
    public void Disagreeing_mixture_values_and_edited_targets_are_measured()
    {
        var d = Small();
        d.Inputs[0] += 0.25;   // row 0 = (f1, t0); rows of f2..f4 at t0 keep the original S
        d.Targets[1] += 0.125;
        var s = StructureChecks.Measure(d, "train");
        Assert.Equal(0.25, s.MixtureSpreadMax, 1e-12);
        Assert.Equal(0.25, s.RegenerationMaxError!.Value, 1e-12);
        Assert.Equal(0.125, s.ClockMaxError!.Value, 1e-12);
    }
}
