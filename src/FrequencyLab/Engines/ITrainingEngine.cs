using FrequencyLab.Model;

namespace FrequencyLab.Engines;

/// <summary>
/// One L=1 model: a single LSTM cell + linear head with its optimizer, stepped one row at a time.
/// The contract every engine (TorchSharp reference, fused CPU) implements with PyTorch's semantics, so the trainer,
/// the checkpoints and every figure are engine-neutral. No TorchSharp type crosses this surface.
/// </summary>
/// <remarks>
/// One training row is: <see cref="ForwardBackward"/> (forward with the carried (h, c), MSE against the target,
/// backward adding into the gradients, then detach), and — every row, or every k rows under gradient accumulation —
/// <see cref="OptimizerStep"/> (clip_grad_norm_ over all parameters, optimizer update, zero the gradients).
/// Evaluation uses its own state, so a frozen pass never disturbs the training state.
/// </remarks>
public interface ITrainingEngine : IDisposable
{
    /// <summary>"torch" or "fused": recorded in every history.</summary>
    string Name { get; }

    ModelShape Shape { get; }

    OptimizerSettings Optimizer { get; }

    /// <summary>Forward one row (input of <see cref="ModelShape.InputSize"/> floats) with the carried training state,
    /// compute (ŷ − y)², add d(lossScale·loss)/dθ into the gradients, then carry the new (h, c) forward detached.</summary>
    /// <returns>The unscaled loss (ŷ − y)², as computed before any update.</returns>
    float ForwardBackward(ReadOnlySpan<float> input, float target, float lossScale = 1f);

    /// <summary>Clip the accumulated gradients to a global L2 norm of <paramref name="maxGradNorm"/> with PyTorch's scaling
    /// (multiply by max/(norm + 1e-6) when that is below 1; no clipping when maxGradNorm is +∞), apply one optimizer update
    /// at <paramref name="learningRate"/>, and zero the gradients.</summary>
    /// <returns>The total gradient norm before clipping.</returns>
    float OptimizerStep(float learningRate, float maxGradNorm);

    /// <summary>Zero the carried training (h, c).</summary>
    void ResetTrainState();

    /// <summary>Forget the optimizer's moments and step count (the report's Hypothesis 2 test).</summary>
    void ResetOptimizerState();

    /// <summary>Zero the evaluation (h, c).</summary>
    void ResetEvalState();

    /// <summary>No-grad forward of one row with the evaluation state, which it then carries forward.</summary>
    float Predict(ReadOnlySpan<float> input);

    /// <summary>Copy the weights out in <see cref="ParameterLayout"/> order.</summary>
    void GetParameters(Span<float> destination);

    /// <summary>Weights, optimizer state and the carried training state.</summary>
    EngineSnapshot Snapshot();

    /// <summary>Load a snapshot taken on any engine (shape and optimizer must match this engine's).</summary>
    void Restore(EngineSnapshot snapshot);
}
