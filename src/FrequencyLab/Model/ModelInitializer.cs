using FrequencyLab.Signals;

namespace FrequencyLab.Model;

/// <summary>
/// PyTorch's default initialisation, drawn from a NumPy-compatible stream so that every engine starts from the same weights:
/// every LSTM tensor ~ U(−1/√H, 1/√H) (nn.LSTM.reset_parameters); the head's weight and bias ~ U(−1/√H, 1/√H)
/// (nn.Linear's kaiming_uniform(a=√5) bound and its bias bound both reduce to 1/√fan_in, fan_in = H).
/// </summary>
/// <remarks>
/// Reproduce in Python: <c>rng = np.random.default_rng(seed); w = rng.uniform(-1/np.sqrt(H), 1/np.sqrt(H), P).astype(np.float32)</c>,
/// then split in <see cref="ParameterLayout"/> order. It is not torch.manual_seed's stream: weights are engine-neutral, not torch-identical.
/// A <see cref="ForgetGateInit"/> then overwrites the gate biases; chrono draws its H time scales from the same stream, after
/// the P weights: <c>b_f = np.log(rng.uniform(1, T_max - 1, H))</c> (scripts/trainer_reference.py).
/// </remarks>
public static class ModelInitializer
{
    public static float[] PyTorchDefault(ModelShape shape, ulong seed) => Initial(shape, seed, ForgetGateInit.PyTorchDefault);

    /// <summary>PyTorch's default weights of <paramref name="seed"/>, with the gate biases of <paramref name="forgetGate"/>.</summary>
    public static float[] Initial(ModelShape shape, ulong seed, ForgetGateInit forgetGate)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(forgetGate);
        shape.Validate();
        forgetGate.Validate();
        var rng = new NumpyRandom(seed);
        double bound = 1.0 / Math.Sqrt(shape.HiddenSize);
        var weights = new float[shape.ParameterCount];
        for (int p = 0; p < weights.Length; p++) weights[p] = (float)rng.Uniform(-bound, bound);
        if (forgetGate.Kind == ForgetGateInitKind.PyTorchDefault) return weights;

        // Gate rows i, f, g, o: the input gate is [0, H), the forget gate [H, 2H) of each (4H) bias.
        var layout = new ParameterLayout(shape);
        int h = shape.HiddenSize;
        var bih = ParameterLayout.View(weights, layout.BiasIH);
        var bhh = ParameterLayout.View(weights, layout.BiasHH);
        for (int j = 0; j < h; j++)
        {
            double forget = forgetGate.Kind == ForgetGateInitKind.Chrono
                ? Math.Log(rng.Uniform(1, forgetGate.MaxTimescale - 1))
                : forgetGate.Value;
            bih[h + j] = (float)forget;
            bhh[h + j] = 0;
            if (forgetGate.Kind == ForgetGateInitKind.Chrono)
            {
                bih[j] = -(float)forget;
                bhh[j] = 0;
            }
        }
        return weights;
    }
}
