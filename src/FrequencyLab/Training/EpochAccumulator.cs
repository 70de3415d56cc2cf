namespace FrequencyLab.Training;

/// <summary>
/// The running sums of the epoch in progress. A mid-epoch checkpoint stores them, so a resumed epoch ends with exactly
/// the numbers an uninterrupted one gives (the sums are doubles added in row order, and JSON keeps doubles exact).
/// </summary>
public sealed class EpochAccumulator
{
    public double LossSum { get; set; }
    public double[] LossSumPerFrequency { get; set; } = [];
    public long[] RowsPerFrequency { get; set; } = [];
    public long Rows { get; set; }
    public GradientNormAccumulator GradientNorm { get; set; } = new();
    /// <summary>The first row (0-based) whose loss was NaN or infinite, or −1.</summary>
    public long FirstNonFiniteRow { get; set; } = -1;
    public double LastStepLearningRate { get; set; } = double.NaN;
    /// <summary>Wall-clock seconds spent on this epoch before the last interruption.</summary>
    public double Seconds { get; set; }

    public static EpochAccumulator Start(int frequencyCount) =>
        new() { LossSumPerFrequency = new double[frequencyCount], RowsPerFrequency = new long[frequencyCount] };

    public void AddLoss(long row, int frequency, float loss)
    {
        LossSum += loss;
        LossSumPerFrequency[frequency] += loss;
        RowsPerFrequency[frequency]++;
        Rows++;
        if (FirstNonFiniteRow < 0 && !float.IsFinite(loss)) FirstNonFiniteRow = row;
    }

    [System.Text.Json.Serialization.JsonIgnore]
    public double MeanLoss => Rows == 0 ? double.NaN : LossSum / Rows;

    public double[] MeanLossPerFrequency() =>
        LossSumPerFrequency.Select((s, i) => RowsPerFrequency[i] == 0 ? double.NaN : s / RowsPerFrequency[i]).ToArray();
}
