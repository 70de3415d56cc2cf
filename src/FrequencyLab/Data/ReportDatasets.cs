using FrequencyLab.Signals;

namespace FrequencyLab.Data;

/// <summary>
/// The report's train/test pair: the same spec (<see cref="SignalSpec.Default"/> unless given), training rows from
/// seed <see cref="TrainSeed"/>, test rows from seed <see cref="TestSeed"/>. The targets are identical; only the noise differs.
/// </summary>
public static class ReportDatasets
{
    /// <summary>Seed of the training series (the report's).</summary>
    public const ulong TrainSeed = 1;

    /// <summary>Seed of the test series (the report's).</summary>
    public const ulong TestSeed = 2;

    /// <summary>The K·N training rows in <paramref name="order"/> (blocks, as the report trains).</summary>
    public static FrequencyDataset Train(RowOrder order = RowOrder.Blocks, SignalSpec? spec = null) =>
        FrequencyDataset.FromSignals(SignalGenerator.Generate(spec ?? SignalSpec.Default, TrainSeed), order);

    /// <summary>The K·N test rows in <paramref name="order"/>.</summary>
    public static FrequencyDataset Test(RowOrder order = RowOrder.Blocks, SignalSpec? spec = null) =>
        FrequencyDataset.FromSignals(SignalGenerator.Generate(spec ?? SignalSpec.Default, TestSeed), order);
}
