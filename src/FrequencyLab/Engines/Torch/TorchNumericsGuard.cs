using FrequencyLab.Model;

namespace FrequencyLab.Engines.Torch;

/// <summary>
/// Checked when a torch engine is built: one training forward and one evaluation forward on the engine's actual weights
/// and shape against the double reference (<see cref="ForwardCheck"/>). Beyond float32 rounding, the engine refuses to
/// exist, with one line naming the CPU and what to do, so a wrong libtorch kernel can never write wrong losses or frozen
/// MSEs silently.
/// </summary>
/// <remarks>
/// It exists because libtorch's kernels are chosen per CPU at run time: the AVX-512 bug in oneDNN's no-grad LSTM was found
/// on a machine nobody had tested on, and the next one may be on a CPU nobody here has. Cost: two forward steps and a double
/// reference step, about a millisecond, against ~15 s for a 40,000-row epoch (docs/torch-numerics.md).
/// </remarks>
internal static class TorchNumericsGuard
{
    /// <summary>Runs both paths on <see cref="ForwardProbe.For"/> and throws on the first that disagrees.</summary>
    /// <param name="shape">The engine's shape.</param>
    /// <param name="weights">The engine's weights, flat.</param>
    /// <param name="training">The training forward (autograd on).</param>
    /// <param name="evaluation">The evaluation forward (no-grad).</param>
    /// <param name="cpu">This machine's CPU, for the message (read only on failure).</param>
    /// <param name="kernel">The module the training path runs, for the message.</param>
    /// <exception cref="TorchNumericsException">A path's output is beyond its float32 tolerance.</exception>
    public static void Ensure(ModelShape shape, ReadOnlySpan<float> weights, Func<ForwardProbe, StepOutputs> training,
        Func<ForwardProbe, StepOutputs> evaluation, Func<CpuDescription> cpu, TorchLstmKernel kernel = TorchLstmKernel.Lstm)
    {
        var probe = ForwardProbe.For(shape);
        var module = kernel == TorchLstmKernel.Lstm ? "nn.LSTM with autograd, oneDNN" : "nn.LSTMCell with autograd";
        if (ForwardCheck.Compare(shape, weights, probe, training(probe)) is { Agrees: false } t)
            throw new TorchNumericsException(Message($"training forward ({module})", shape, t, cpu()));
        if (ForwardCheck.Compare(shape, weights, probe, evaluation(probe)) is { Agrees: false } e)
            throw new TorchNumericsException(Message("evaluation forward (no-grad LSTM cell in ATen ops)", shape, e, cpu()));
    }

    /// <summary>The one line a refused engine reports.</summary>
    internal static string Message(string path, ModelShape shape, ForwardComparison worst, CpuDescription cpu) =>
        $"torch engine: libtorch's {path} is wrong on this CPU, {cpu}, at hidden size {shape.HiddenSize}: {worst}; {Remedy(cpu)}";

    /// <summary>What to do. libtorch picks kernels by ISA at start-up; oneDNN, ATen and MKL each read a variable that caps
    /// it (DNNL_MAX_CPU_ISA fixed the AVX-512 LSTM bug), and the fused engine does not use libtorch at all.</summary>
    internal static string Remedy(CpuDescription cpu) => cpu.VectorIsa == "avx512"
        ? "start the program with DNNL_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 in the environment (caps libtorch's kernels at AVX2), or use the fused engine (--engine fused)"
        : "use the fused engine (--engine fused), and report this CPU";
}
