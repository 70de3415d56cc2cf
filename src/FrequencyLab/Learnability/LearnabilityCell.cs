using FrequencyLab.Signals;
using FrequencyLab.Training;

namespace FrequencyLab.Learnability;

/// <summary>One cell of the matrix: a noise model, a truncated-BPTT window and a reset policy.</summary>
public sealed record LearnabilityCell(NoiseMode Noise, int Window, ResetPolicy Reset)
{
    /// <summary>A file-name-safe key, e.g. <c>additive-L10-per-block</c>.</summary>
    public string Key => $"{Data.DataNames.Of(Noise)}-L{Window}-{(Reset == ResetPolicy.PerBlock ? "per-block" : "per-epoch")}";

    public override string ToString() => $"{Data.DataNames.Of(Noise)}, L = {Window}, reset {(Reset == ResetPolicy.PerBlock ? "per block" : "per epoch")}";
}

/// <summary>One trained model of a cell: its init seed and the last epoch's frozen test MSE, overall and per frequency.</summary>
public sealed record SeedRun(
    LearnabilityCell Cell,
    ulong InitSeed,
    double TestMse,
    double[] TestMsePerFrequency,
    double TrainLoss,
    int Epochs,
    double Seconds);

/// <summary>A cell's runs over all seeds, its data bounds and the verdicts of <see cref="LearnabilityRule"/>.</summary>
public sealed record LearnabilityCellResult(LearnabilityCell Cell, IReadOnlyList<SeedRun> Runs, DataBounds Bounds)
{
    public double MedianTestMse => Median(Runs.Select(r => r.TestMse));
    public double MinTestMse => Runs.Min(r => r.TestMse);
    public double MaxTestMse => Runs.Max(r => r.TestMse);

    public LearnabilityVerdict Verdict => LearnabilityRule.Judge([.. Runs.Select(r => r.TestMse)], Bounds.ZeroMse, Bounds.MemorylessMse);

    /// <summary>The verdict for each frequency against that frequency's bounds.</summary>
    public LearnabilityVerdict[] VerdictPerFrequency => [.. Enumerable.Range(0, Bounds.ZeroMsePerFrequency.Length).Select(i =>
        LearnabilityRule.Judge([.. Runs.Select(r => r.TestMsePerFrequency[i])], Bounds.ZeroMsePerFrequency[i], Bounds.MemorylessMsePerFrequency[i]))];

    /// <summary>The median over seeds of each frequency's test MSE.</summary>
    public double[] MedianTestMsePerFrequency => [.. Enumerable.Range(0, Bounds.ZeroMsePerFrequency.Length).Select(i => Median(Runs.Select(r => r.TestMsePerFrequency[i])))];

    /// <summary>Share of the gap from the memoryless bound to the perfect clock closed by the median seed (0 = memoryless, 1 = clock).</summary>
    public double GapClosed => (Bounds.MemorylessMse - MedianTestMse) / (Bounds.MemorylessMse - Bounds.ClockMse);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        int m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
