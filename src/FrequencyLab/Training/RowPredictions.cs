namespace FrequencyLab.Training;

/// <summary>
/// A model's prediction for every row of a set, from a frozen stateful pass, beside the targets: what per-row charts
/// (predictions against targets over time, residual spectra) need, and the MSEs the trainer would report for the same pass.
/// </summary>
/// <param name="Predicted">ŷ for each row, in the rows' order.</param>
/// <param name="Targets">y for each row.</param>
/// <param name="FrequencyIndex">The frequency index of each row.</param>
/// <param name="Mse">Mean of (ŷ − y)² over all rows (float32 squares summed in double, as the trainer's frozen pass).</param>
/// <param name="MsePerFrequency">The same mean over each frequency's rows.</param>
public sealed record RowPredictions(float[] Predicted, float[] Targets, int[] FrequencyIndex, double Mse, double[] MsePerFrequency)
{
    /// <summary>The predictions of frequency <paramref name="frequency"/>'s rows, in row order (its time series in the blocks order).</summary>
    public double[] PredictedFor(int frequency) => Select(Predicted, frequency);

    /// <summary>The targets of frequency <paramref name="frequency"/>'s rows, in row order.</summary>
    public double[] TargetsFor(int frequency) => Select(Targets, frequency);

    /// <summary>ŷ − y of frequency <paramref name="frequency"/>'s rows, in row order.</summary>
    public double[] ResidualsFor(int frequency)
    {
        var p = PredictedFor(frequency);
        var t = TargetsFor(frequency);
        return p.Select((v, i) => v - t[i]).ToArray();
    }

    private double[] Select(float[] values, int frequency)
    {
        var result = new List<double>();
        for (int r = 0; r < values.Length; r++) if (FrequencyIndex[r] == frequency) result.Add(values[r]);
        return result.ToArray();
    }
}
