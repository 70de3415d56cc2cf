using FrequencyLab.Data;

namespace FrequencyLab.Validation;

/// <summary>
/// The persistence forecast ŷ_r = y_{r−1}: each row predicted by the previous row's target in a given row order.
/// It uses the label of the previous row, which is not a model input; it measures how much a row's target is
/// already told by the row before it in that order.
/// </summary>
public static class Persistence
{
    /// <summary>
    /// The rows of the K × N grid of <paramref name="grid"/> in <paramref name="order"/>, and for each row after the
    /// first the squared error (y_r − y_{r−1})². Returns the mean over those K·N − 1 rows, and per frequency the mean
    /// over the rows of that frequency (the current row's frequency) that have a predecessor.
    /// </summary>
    public static (double Mse, double[] MsePerFrequency) Score(SeriesGrid grid, RowOrder order)
    {
        ArgumentNullException.ThrowIfNull(grid);
        int k = grid.FrequencyCount, n = grid.SampleCount, rows = k * n;
        var sums = new double[k];
        var counts = new int[k];
        double total = 0;
        double previous = double.NaN;
        for (int r = 0; r < rows; r++)
        {
            var (i, t) = order switch
            {
                RowOrder.Blocks => (r / n, r % n),
                RowOrder.Interleaved => (r % k, r / k),
                _ => throw new ArgumentOutOfRangeException(nameof(order)),
            };
            double y = grid.Targets[i][t];
            if (r > 0)
            {
                double e = (y - previous) * (y - previous);
                sums[i] += e; counts[i]++; total += e;
            }
            previous = y;
        }
        var per = new double[k];
        for (int i = 0; i < k; i++) per[i] = counts[i] == 0 ? double.NaN : sums[i] / counts[i];
        return (rows > 1 ? total / (rows - 1) : double.NaN, per);
    }
}
