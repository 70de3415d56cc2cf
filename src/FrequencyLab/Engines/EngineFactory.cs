using FrequencyLab.Engines.Fused;
using FrequencyLab.Engines.Torch;
using FrequencyLab.Model;

namespace FrequencyLab.Engines;

/// <summary>Creates a training engine by name, the one place the trainer and CLI learn which engines exist.</summary>
public static class EngineFactory
{
    /// <summary>The engine names this build can create: "torch" (TorchSharp, the reference) and "fused" (hand-written CPU step).</summary>
    public static IReadOnlyList<string> Names { get; } = [TorchEngine.EngineName, FusedEngine.EngineName];

    /// <summary>The engines that implement <see cref="IWindowedTrainingEngine"/> (truncated BPTT, <c>--window</c> &gt; 1).</summary>
    public static IReadOnlyList<string> WindowNames { get; } = [TorchEngine.EngineName, FusedEngine.EngineName];

    /// <summary>True when <paramref name="name"/> is an engine that can train over windows of rows.</summary>
    public static bool SupportsWindow(string name) => WindowNames.Contains(name);

    /// <summary>Fails with one line naming the known engines unless <paramref name="name"/> is one of <see cref="Names"/>:
    /// for callers that must refuse an unknown engine before any work or any file is written.</summary>
    /// <exception cref="InvalidSpecException">The name is not one of <see cref="Names"/>.</exception>
    public static void EnsureKnown(string name)
    {
        if (!Names.Contains(name))
            throw new InvalidSpecException(UnknownEngine(name));
    }

    /// <summary>The one wording of an unknown engine name, naming the known ones.</summary>
    public static string UnknownEngine(string name) => $"unknown engine '{name}' (expected {string.Join(" or ", Names)})";

    /// <summary>A fresh engine on <paramref name="initialParameters"/> (flat <see cref="ParameterLayout"/> order).</summary>
    /// <exception cref="InvalidSpecException">The name is not one of <see cref="Names"/>.</exception>
    public static ITrainingEngine Create(string name, ModelShape shape, OptimizerSettings optimizer, float[] initialParameters)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(initialParameters);
        EnsureKnown(name);
        return name switch
        {
            TorchEngine.EngineName => new TorchEngine(shape, optimizer, initialParameters),
            FusedEngine.EngineName => new FusedEngine(shape, optimizer, initialParameters),
            _ => throw new InvalidOperationException($"engine '{name}' is listed in Names but not created here"),
        };
    }
}
