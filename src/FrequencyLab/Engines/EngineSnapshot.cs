using FrequencyLab.Model;

namespace FrequencyLab.Engines;

/// <summary>
/// Everything an engine needs to continue exactly where it stopped, in engine-neutral form: a run started on one engine
/// resumes on the other. All float arrays use the flat <see cref="ParameterLayout"/> order.
/// </summary>
/// <param name="Shape">Model shape.</param>
/// <param name="Optimizer">Optimizer hyper-parameters.</param>
/// <param name="Parameters">Weights, <see cref="ModelShape.ParameterCount"/> floats.</param>
/// <param name="OptimizerSteps">Number of optimizer steps taken since the optimizer state was last reset (Adam's t).</param>
/// <param name="FirstMoment">Adam's exp_avg, or SGD's momentum_buffer (meaningful only once OptimizerSteps &gt; 0).</param>
/// <param name="SecondMoment">Adam's exp_avg_sq; all zeros for SGD.</param>
/// <param name="TrainHidden">The carried training state h, H floats.</param>
/// <param name="TrainCell">The carried training state c, H floats.</param>
public sealed record EngineSnapshot(
    ModelShape Shape,
    OptimizerSettings Optimizer,
    float[] Parameters,
    long OptimizerSteps,
    float[] FirstMoment,
    float[] SecondMoment,
    float[] TrainHidden,
    float[] TrainCell)
{
    /// <summary>A fresh start: given weights, zero optimizer state, zero carried state.</summary>
    public static EngineSnapshot Fresh(ModelShape shape, OptimizerSettings optimizer, float[] parameters)
    {
        if (parameters.Length != shape.ParameterCount)
            throw new ArgumentException($"expected {shape.ParameterCount} parameters, got {parameters.Length}", nameof(parameters));
        int p = shape.ParameterCount, h = shape.HiddenSize;
        return new EngineSnapshot(shape, optimizer, (float[])parameters.Clone(), 0, new float[p], new float[p], new float[h], new float[h]);
    }
}
