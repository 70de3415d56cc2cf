using System.Buffers.Binary;
using System.Security.Cryptography;
using FrequencyLab.IO;

namespace FrequencyLab.Data;

/// <summary>
/// A dataset as it is stored on disk: <see cref="Rows"/> × (1 + K + 1) values, row-major, columns [S, C1..CK, target].
/// The bridge between <see cref="FrequencyDataset"/> and the file formats; it owns the checks every reader applies.
/// </summary>
internal sealed class DatasetTable
{
    public double[] Values { get; }
    public int Rows { get; }
    public int FrequencyCount { get; }
    public int Width => FrequencyCount + 2;

    public DatasetTable(double[] values, int rows, int frequencyCount)
    {
        if (values.Length != (long)rows * (frequencyCount + 2)) throw new ArgumentException("values do not fill rows × (K + 2)");
        Values = values; Rows = rows; FrequencyCount = frequencyCount;
    }

    /// <summary>Column names in file order: S, C1..CK, target.</summary>
    public static string[] ColumnNames(int frequencyCount) =>
        ["S", .. Enumerable.Range(1, frequencyCount).Select(i => $"C{i}"), "target"];

    /// <summary>The table of <paramref name="dataset"/> with every value rounded to what <paramref name="dtype"/> holds.</summary>
    public static DatasetTable From(FrequencyDataset dataset, NpyDType dtype)
    {
        int k = dataset.FrequencyCount, rows = dataset.RowCount, width = k + 2, inputWidth = k + 1;
        var values = new double[(long)rows * width];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < inputWidth; c++) values[r * width + c] = dtype.Round(dataset.Inputs[r * inputWidth + c]);
            values[r * width + inputWidth] = dtype.Round(dataset.Targets[r]);
        }
        return new DatasetTable(values, rows, k);
    }

    /// <summary>SHA-256 (lower-case hex) of every value as float64 little-endian bytes, row-major: the sidecar's checksum.</summary>
    public string Sha256()
    {
        var bytes = new byte[Values.Length * 8L];
        for (int i = 0; i < Values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), Values[i]);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>
    /// The first problem with the values, or null: a NaN/Inf anywhere, or a selector row that is not one-hot
    /// (every C exactly 0 or 1, exactly one 1). Rows are counted from 0.
    /// </summary>
    public string? FindProblem()
    {
        var names = ColumnNames(FrequencyCount);
        for (int r = 0; r < Rows; r++)
        {
            var row = Values.AsSpan(r * Width, Width);
            for (int c = 0; c < Width; c++)
                if (!double.IsFinite(row[c])) return $"{Describe(row[c])} in column {names[c]} at row {r} (0-based)";
            int ones = 0;
            for (int c = 1; c <= FrequencyCount; c++)
            {
                if (row[c] == 1.0) ones++;
                else if (row[c] != 0.0) return $"row {r} (0-based) is not one-hot: {names[c]} = {row[c]:R} (expected 0 or 1)";
            }
            if (ones != 1) return $"row {r} (0-based) is not one-hot: {ones} of C1..C{FrequencyCount} are 1 (expected exactly one)";
        }
        return null;
    }

    /// <summary>Which frequency each row selects (position of its 1). Call after <see cref="FindProblem"/> returned null.</summary>
    public int[] FrequencyIndex()
    {
        var index = new int[Rows];
        for (int r = 0; r < Rows; r++)
            for (int c = 1; c <= FrequencyCount; c++)
                if (Values[r * Width + c] == 1.0) { index[r] = c - 1; break; }
        return index;
    }

    /// <summary>
    /// The row order the frequency indices follow, or null when they follow neither layout
    /// (a single frequency counts as blocks). Requires rows to be a multiple of K.
    /// </summary>
    public static RowOrder? InferOrder(int[] frequencyIndex, int frequencyCount)
    {
        int rows = frequencyIndex.Length;
        if (rows % frequencyCount != 0) return null;
        if (Follows(frequencyIndex, frequencyCount, RowOrder.Blocks)) return RowOrder.Blocks;
        if (Follows(frequencyIndex, frequencyCount, RowOrder.Interleaved)) return RowOrder.Interleaved;
        return null;
    }

    /// <summary>True when the rows are laid out as <paramref name="order"/> prescribes for K frequencies.</summary>
    public static bool Follows(int[] frequencyIndex, int frequencyCount, RowOrder order)
    {
        int rows = frequencyIndex.Length;
        if (rows % frequencyCount != 0) return false;
        int n = rows / frequencyCount;
        for (int r = 0; r < rows; r++)
        {
            int expected = order == RowOrder.Blocks ? r / n : r % frequencyCount;
            if (frequencyIndex[r] != expected) return false;
        }
        return true;
    }

    /// <summary>
    /// The dataset these values describe. Time indices count each frequency's rows in file order.
    /// </summary>
    public FrequencyDataset ToDataset(int[] frequencyIndex, RowOrder order, Signals.SignalSpec? spec, ulong? seed)
    {
        int k = FrequencyCount, inputWidth = k + 1;
        var inputs = new double[(long)Rows * inputWidth];
        var targets = new double[Rows];
        var time = new int[Rows];
        var seen = new int[k];
        for (int r = 0; r < Rows; r++)
        {
            Values.AsSpan(r * Width, inputWidth).CopyTo(inputs.AsSpan(r * inputWidth));
            targets[r] = Values[r * Width + inputWidth];
            time[r] = seen[frequencyIndex[r]]++;
        }
        return new FrequencyDataset(inputs, targets, frequencyIndex, time, k, order, spec, seed);
    }

    private static string Describe(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
}
