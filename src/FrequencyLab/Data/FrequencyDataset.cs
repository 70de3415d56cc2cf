using FrequencyLab.Signals;

namespace FrequencyLab.Data;

/// <summary>
/// The supervised rows built from a <see cref="SignalSet"/>: input [S(t), C1..CK] (one-hot), target sin(2π f_i t).
/// Values are kept in double precision (the generator's); trainers convert once with <see cref="InputsAsSingle"/>.
/// </summary>
public sealed class FrequencyDataset
{
    /// <summary>Row-major inputs, <see cref="RowCount"/> × <see cref="InputWidth"/>.</summary>
    public double[] Inputs { get; }
    /// <summary>One target per row.</summary>
    public double[] Targets { get; }
    /// <summary>Which frequency (0-based, one-hot position) each row belongs to.</summary>
    public int[] FrequencyIndex { get; }
    /// <summary>Which time sample n each row belongs to.</summary>
    public int[] TimeIndex { get; }
    public RowOrder Order { get; }
    public int FrequencyCount { get; }
    /// <summary>1 + K: the mixture value then the one-hot selector.</summary>
    public int InputWidth => 1 + FrequencyCount;
    public int RowCount => Targets.Length;
    /// <summary>The spec and seed that regenerate these rows, when known (null for data read from a file without sidecar).</summary>
    public SignalSpec? Spec { get; }
    public ulong? Seed { get; }

    public FrequencyDataset(double[] inputs, double[] targets, int[] frequencyIndex, int[] timeIndex, int frequencyCount,
        RowOrder order, SignalSpec? spec = null, ulong? seed = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (frequencyCount < 1) throw new ArgumentOutOfRangeException(nameof(frequencyCount));
        if (inputs.Length != targets.Length * (1 + frequencyCount))
            throw new ArgumentException($"inputs hold {inputs.Length} values, expected {targets.Length} rows × {1 + frequencyCount}");
        if (frequencyIndex.Length != targets.Length || timeIndex.Length != targets.Length)
            throw new ArgumentException("index arrays must have one entry per row");
        Inputs = inputs; Targets = targets; FrequencyIndex = frequencyIndex; TimeIndex = timeIndex;
        FrequencyCount = frequencyCount; Order = order; Spec = spec; Seed = seed;
    }

    /// <summary>The input of row <paramref name="row"/>: [S, C1..CK].</summary>
    public ReadOnlySpan<double> Input(int row) => Inputs.AsSpan(row * InputWidth, InputWidth);

    /// <summary>Builds the K·N rows of <paramref name="signals"/> in the given order.</summary>
    public static FrequencyDataset FromSignals(SignalSet signals, RowOrder order)
    {
        ArgumentNullException.ThrowIfNull(signals);
        int k = signals.FrequencyCount, n = signals.SampleCount, width = 1 + k, rows = k * n;
        var inputs = new double[rows * width];
        var targets = new double[rows];
        var freq = new int[rows];
        var time = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            var (i, t) = order switch
            {
                RowOrder.Blocks => (r / n, r % n),
                RowOrder.Interleaved => (r % k, r / k),
                _ => throw new ArgumentOutOfRangeException(nameof(order)),
            };
            inputs[r * width] = signals.Mixture[t];
            inputs[r * width + 1 + i] = 1.0;
            targets[r] = signals.Targets[i][t];
            freq[r] = i;
            time[r] = t;
        }
        return new FrequencyDataset(inputs, targets, freq, time, k, order, signals.Spec, signals.Seed);
    }

    /// <summary>The inputs converted once to float32, row-major, for the training engines.</summary>
    public float[] InputsAsSingle() => Array.ConvertAll(Inputs, v => (float)v);

    /// <summary>The targets converted once to float32.</summary>
    public float[] TargetsAsSingle() => Array.ConvertAll(Targets, v => (float)v);
}
