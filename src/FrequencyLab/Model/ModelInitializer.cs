using FrequencyLab.Signals;

namespace FrequencyLab.Model;

/// <summary>
/// PyTorch's default initialisation, drawn from a NumPy-compatible stream so that every engine starts from the same weights:
/// every LSTM tensor ~ U(−1/√H, 1/√H) (nn.LSTM.reset_parameters); the head's weight and bias ~ U(−1/√H, 1/√H)
/// (nn.Linear's kaiming_uniform(a=√5) bound and its bias bound both reduce to 1/√fan_in, fan_in = H).
/// </summary>
/// <remarks>
/// Reproduce in Python: <c>w = np.random.default_rng(seed).uniform(-1/np.sqrt(H), 1/np.sqrt(H), P).astype(np.float32)</c>,
/// then split in <see cref="ParameterLayout"/> order. It is not torch.manual_seed's stream: weights are engine-neutral, not torch-identical.
/// </remarks>
public static class ModelInitializer
{
    public static float[] PyTorchDefault(ModelShape shape, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        shape.Validate();
        var rng = new NumpyRandom(seed);
        double bound = 1.0 / Math.Sqrt(shape.HiddenSize);
        var weights = new float[shape.ParameterCount];
        for (int p = 0; p < weights.Length; p++) weights[p] = (float)rng.Uniform(-bound, bound);
        return weights;
    }
}
