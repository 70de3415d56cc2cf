using FrequencyLab.Data;

namespace FrequencyLab.Validation;

/// <summary>
/// The per-frequency time series recovered from a dataset's rows through <see cref="FrequencyDataset.FrequencyIndex"/>
/// and <see cref="FrequencyDataset.TimeIndex"/>: the mixture S[n] and the target y_i[n] on the grid n = 0 … N−1,
/// with N = 1 + the largest time index. A cell that no row fills is NaN; when several rows give S at the same n,
/// the first one in row order wins (<see cref="StructureChecks"/> measures how far they disagree).
/// </summary>
public sealed class SeriesGrid
{
    /// <summary>S[n], length N.</summary>
    public double[] Mixture { get; }
    /// <summary>y_i[n], K × N.</summary>
    public double[][] Targets { get; }
    public int FrequencyCount => Targets.Length;
    public int SampleCount => Mixture.Length;

    private SeriesGrid(double[] mixture, double[][] targets) { Mixture = mixture; Targets = targets; }

    public static SeriesGrid FromDataset(FrequencyDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int k = dataset.FrequencyCount;
        int n = 0;
        foreach (var t in dataset.TimeIndex) n = Math.Max(n, t + 1);
        var mixture = new double[n];
        var filled = new bool[n];
        Array.Fill(mixture, double.NaN);
        var targets = new double[k][];
        for (int i = 0; i < k; i++) { targets[i] = new double[n]; Array.Fill(targets[i], double.NaN); }
        for (int r = 0; r < dataset.RowCount; r++)
        {
            int i = dataset.FrequencyIndex[r], t = dataset.TimeIndex[r];
            if (i < 0 || i >= k || t < 0) continue;
            targets[i][t] = dataset.Targets[r];
            if (!filled[t]) { mixture[t] = dataset.Inputs[r * dataset.InputWidth]; filled[t] = true; }
        }
        return new SeriesGrid(mixture, targets);
    }
}
