using System.Runtime.Intrinsics;
using FrequencyLab.Engines;
using FrequencyLab.Engines.Torch;

namespace FrequencyLab.Training;

/// <summary>
/// What decides the float numerics of a run on this machine, beyond the code and its versions: the CPU and its vector ISA
/// (libtorch's oneDNN, ATen and MKL, and .NET's System.Numerics.Tensors, all pick kernels by it at run time), the vector
/// width .NET accelerates (the fused engine's SIMD), libtorch's version and thread count (torch engine only), and any
/// environment variable that caps those choices. Two histories with equal values here and equal versions should hold
/// equal numbers; where they differ, this says why (docs/torch-numerics.md).
/// </summary>
/// <param name="Cpu">Model name and vector ISA level, from /proc/cpuinfo.</param>
/// <param name="DotnetVectorBits">The widest vector .NET accelerates here (512, 256, 128 or 0).</param>
/// <param name="Libtorch">libtorch's version (TorchSharp's <c>torch.__version__</c>); null for engines without libtorch.</param>
/// <param name="TorchThreads">libtorch's intra-op threads (<c>torch.get_num_threads()</c>); null without libtorch.</param>
/// <param name="KernelCaps">The variables of <see cref="KernelCapVariables"/> set in this process, by name.</param>
public sealed record NumericsEnvironment(CpuDescription Cpu, int DotnetVectorBits, string? Libtorch, int? TorchThreads,
    IReadOnlyDictionary<string, string> KernelCaps)
{
    /// <summary>Environment variables that change which vector kernels run: oneDNN's and ATen's ISA caps, MKL's
    /// instruction cap and reproducibility mode, and .NET's switches for its own vector ISAs.</summary>
    public static IReadOnlyList<string> KernelCapVariables { get; } =
    [
        "ATEN_CPU_CAPABILITY", "DNNL_MAX_CPU_ISA", "DOTNET_EnableAVX", "DOTNET_EnableAVX2", "DOTNET_EnableAVX512", "DOTNET_EnableAVX512F",
        "DOTNET_EnableHWIntrinsic", "DOTNET_PreferredVectorBitWidth", "MKL_CBWR", "MKL_ENABLE_INSTRUCTIONS", "ONEDNN_MAX_CPU_ISA",
    ];

    /// <summary>This machine, for <paramref name="engine"/>: libtorch is asked only when the engine is the torch engine (by
    /// name, so a wrapper counts; libtorch is loaded then), so a fused run never loads it.</summary>
    public static NumericsEnvironment Capture(ITrainingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var caps = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in KernelCapVariables)
            if (Environment.GetEnvironmentVariable(name) is { } value) caps[name] = value;
        bool torch = engine.Name == TorchEngine.EngineName;
        return new NumericsEnvironment(CpuDescription.Current(), WidestAcceleratedVector(),
            torch ? TorchSharp.torch.__version__ : null, torch ? TorchSharp.torch.get_num_threads() : null, caps);
    }

    private static int WidestAcceleratedVector() =>
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;
}
