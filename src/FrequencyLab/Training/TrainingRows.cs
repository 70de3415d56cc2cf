using FrequencyLab.Data;

namespace FrequencyLab.Training;

/// <summary>
/// A dataset's rows converted once to float32 for the engines: row-major inputs (Count × Width), targets, and each row's
/// frequency (for per-block resets and per-frequency metrics).
/// </summary>
public sealed class TrainingRows
{
    public float[] Inputs { get; }
    public float[] Targets { get; }
    public int[] FrequencyIndex { get; }
    public int Width { get; }
    public int FrequencyCount { get; }
    public int Count => Targets.Length;
    public DataProvenance Provenance { get; }

    public TrainingRows(FrequencyDataset dataset, DataProvenance provenance, int? maxRows = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        int n = maxRows is { } m ? Math.Min(m, dataset.RowCount) : dataset.RowCount;
        if (n < 1) throw new InvalidSpecException("invalid training data: no rows");
        Width = dataset.InputWidth;
        FrequencyCount = dataset.FrequencyCount;
        Inputs = new float[n * Width];
        Targets = new float[n];
        for (int i = 0; i < Inputs.Length; i++) Inputs[i] = (float)dataset.Inputs[i];
        for (int i = 0; i < n; i++) Targets[i] = (float)dataset.Targets[i];
        FrequencyIndex = dataset.FrequencyIndex[..n];
        Provenance = provenance with { Rows = n };
    }

    private TrainingRows(TrainingRows source, float[] inputs)
    {
        Inputs = inputs;
        Targets = source.Targets;
        FrequencyIndex = source.FrequencyIndex;
        Width = source.Width;
        FrequencyCount = source.FrequencyCount;
        Provenance = source.Provenance;
    }

    /// <summary>The same rows with other inputs of the same shape (<see cref="InputStandardization.Apply(TrainingRows)"/>).</summary>
    internal TrainingRows WithInputs(float[] inputs)
    {
        if (inputs.Length != Inputs.Length) throw new ArgumentException($"{inputs.Length} inputs for {Inputs.Length}", nameof(inputs));
        return new TrainingRows(this, inputs);
    }

    public ReadOnlySpan<float> Input(int row) => Inputs.AsSpan(row * Width, Width);
}
