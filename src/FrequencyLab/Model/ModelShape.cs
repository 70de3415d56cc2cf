namespace FrequencyLab.Model;

/// <summary>
/// The model family: LSTM(InputSize → HiddenSize, 1 layer) followed by Linear(HiddenSize → 1), with PyTorch's parameter layout.
/// The report's model is <c>new ModelShape(5, 64)</c>: 4H(I + H + 2) + H + 1 = 18,241 parameters.
/// </summary>
public sealed record ModelShape(int InputSize = 5, int HiddenSize = 64)
{
    public static ModelShape Report { get; } = new();

    /// <summary>Rows of the stacked gate matrices: gates i, f, g, o in PyTorch's order, H rows each.</summary>
    public int GateRows => 4 * HiddenSize;

    public int ParameterCount => Layout.Total;

    /// <summary>Where each named tensor lives in the flat parameter vector (PyTorch's <c>model.parameters()</c> order).</summary>
    public ParameterLayout Layout => new(this);

    public ModelShape Validate()
    {
        if (InputSize < 1) throw new InvalidSpecException($"invalid model: input size {InputSize} must be at least 1");
        if (HiddenSize < 1) throw new InvalidSpecException($"invalid model: hidden size {HiddenSize} must be at least 1");
        if (HiddenSize > 4096) throw new InvalidSpecException($"invalid model: hidden size {HiddenSize} is larger than 4096");
        return this;
    }
}
