namespace FrequencyLab.Model;

/// <summary>One named tensor inside the flat parameter vector.</summary>
/// <param name="Name">PyTorch's state_dict key, e.g. <c>lstm.weight_ih_l0</c>.</param>
/// <param name="Offset">Index of its first element in the flat vector.</param>
/// <param name="Shape">Its shape, row-major.</param>
public sealed record ParameterTensor(string Name, int Offset, int[] Shape)
{
    public int Length => Shape.Aggregate(1, (a, b) => a * b);
}

/// <summary>
/// The engine-neutral flat layout of all parameters: one float[] that every engine, checkpoint and test agrees on.
/// Order and names are PyTorch's for <c>nn.LSTM(I, H)</c> as <c>lstm</c> and <c>nn.Linear(H, 1)</c> as <c>fc</c>:
/// <code>
/// lstm.weight_ih_l0  (4H, I)   rows: gates i, f, g, o
/// lstm.weight_hh_l0  (4H, H)
/// lstm.bias_ih_l0    (4H)
/// lstm.bias_hh_l0    (4H)
/// fc.weight          (1, H)
/// fc.bias            (1)
/// </code>
/// </summary>
public sealed class ParameterLayout
{
    public ModelShape Shape { get; }
    public ParameterTensor WeightIH { get; }
    public ParameterTensor WeightHH { get; }
    public ParameterTensor BiasIH { get; }
    public ParameterTensor BiasHH { get; }
    public ParameterTensor HeadWeight { get; }
    public ParameterTensor HeadBias { get; }
    public int Total { get; }

    public ParameterLayout(ModelShape shape)
    {
        Shape = shape;
        int h = shape.HiddenSize, i = shape.InputSize, g = 4 * h, offset = 0;
        ParameterTensor Next(string name, params int[] dims)
        {
            var t = new ParameterTensor(name, offset, dims);
            offset += t.Length;
            return t;
        }
        WeightIH = Next("lstm.weight_ih_l0", g, i);
        WeightHH = Next("lstm.weight_hh_l0", g, h);
        BiasIH = Next("lstm.bias_ih_l0", g);
        BiasHH = Next("lstm.bias_hh_l0", g);
        HeadWeight = Next("fc.weight", 1, h);
        HeadBias = Next("fc.bias", 1);
        Total = offset;
    }

    /// <summary>All tensors in flat order.</summary>
    public IReadOnlyList<ParameterTensor> Tensors => [WeightIH, WeightHH, BiasIH, BiasHH, HeadWeight, HeadBias];

    /// <summary>The slice of <paramref name="flat"/> that holds <paramref name="tensor"/>.</summary>
    public static Span<float> View(Span<float> flat, ParameterTensor tensor) => flat.Slice(tensor.Offset, tensor.Length);
}
