using FrequencyLab.Engines;

namespace FrequencyLab.Tests.Engines.Fused;

internal static class EngineWeights
{
    /// <summary>A copy of the engine's weights in ParameterLayout order.</summary>
    public static float[] Weights(this ITrainingEngine engine)
    {
        var w = new float[engine.Shape.ParameterCount];
        engine.GetParameters(w);
        return w;
    }
}
