using FrequencyLab.Data;
using FrequencyLab.Engines;
using FrequencyLab.Model;
using FrequencyLab.Signals;
using FrequencyLab.Training;

namespace FrequencyLab.Tests.Training;

/// <summary>Small runs for trainer tests: the report's task shortened to a few hundred rows.</summary>
internal static class TrainerFixtures
{
    /// <summary>The report's spec over 0.1 s: 100 samples × 4 frequencies = 400 rows.</summary>
    public static SignalSpec ShortSpec { get; } = SignalSpec.Default with { Duration = 0.1 };

    public static TrainingConfig Config(int hidden = 8, int epochs = 3, RowOrder order = RowOrder.Blocks, int? maxRows = null) => TrainingConfig.Report with
    {
        HiddenSize = hidden, Epochs = epochs, Engine = "scalar-test", LearningRate = 1e-2,
        Data = new TrainingDataConfig { Spec = ShortSpec, Order = order, MaxRows = maxRows },
    };

    public static TrainingData Data(TrainingConfig c) => TrainingData.Load(c.Data);

    public static StatefulTrainer Trainer(TrainingConfig c, RunDirectory? output = null, Func<ITrainingEngine, ITrainingEngine>? wrap = null,
        List<ScalarLstmEngine>? created = null) => new(c, Data(c), (cfg, w) =>
        {
            ITrainingEngine e;
            if (cfg.Engine == "scalar-test")
            {
                var scalar = new ScalarLstmEngine(cfg.Shape, cfg.Optimizer, w);
                created?.Add(scalar);
                e = scalar;
            }
            else e = EngineFactory.Create(cfg.Engine, cfg.Shape, cfg.Optimizer, w);
            return wrap is null ? e : wrap(e);
        })
    {
        Output = output,
    };

    /// <summary>Every epoch's numbers as JSON, seconds aside (records holding arrays compare by reference, so compare JSON).</summary>
    public static string EpochNumbers(TrainingHistory h) =>
        System.Text.Json.JsonSerializer.Serialize(h.Epochs.Select(e => e with { Seconds = 0 }), HistoryJson.Options);

    /// <summary>The history as JSON with the wall-clock fields zeroed: what must match between identical runs.</summary>
    public static string Numbers(TrainingHistory h) => HistoryJson.Serialize(h with
    {
        Epochs = h.Epochs.Select(e => e with { Seconds = 0 }).ToArray(),
    });
}

/// <summary>An engine that passes every call to an inner one: the test engines below override what they change.</summary>
internal abstract class DelegatingEngine(ITrainingEngine inner) : ITrainingEngine
{
    public string Name => inner.Name;
    public ModelShape Shape => inner.Shape;
    public OptimizerSettings Optimizer => inner.Optimizer;
    public virtual float ForwardBackward(ReadOnlySpan<float> input, float target, float lossScale = 1) => inner.ForwardBackward(input, target, lossScale);
    public float OptimizerStep(float learningRate, float maxGradNorm) => inner.OptimizerStep(learningRate, maxGradNorm);
    public void ResetTrainState() => inner.ResetTrainState();
    public void ResetOptimizerState() => inner.ResetOptimizerState();
    public void ResetEvalState() => inner.ResetEvalState();
    public virtual float Predict(ReadOnlySpan<float> input) => inner.Predict(input);
    public void GetParameters(Span<float> destination) => inner.GetParameters(destination);
    public EngineSnapshot Snapshot() => inner.Snapshot();
    public virtual void Restore(EngineSnapshot snapshot) => inner.Restore(snapshot);
    public void Dispose() => inner.Dispose();
}

/// <summary>Passes every call to an inner engine and runs an action just before the n-th training row (0-based),
/// or, when <paramref name="atPrediction"/> is set, just before the n-th frozen prediction.</summary>
internal sealed class TripwireEngine(ITrainingEngine inner, long atRow, Action trip, bool atPrediction = false) : DelegatingEngine(inner)
{
    private long _rows, _predictions;

    public override float ForwardBackward(ReadOnlySpan<float> input, float target, float lossScale = 1)
    {
        if (_rows++ == atRow && !atPrediction) trip();
        return base.ForwardBackward(input, target, lossScale);
    }

    public override float Predict(ReadOnlySpan<float> input)
    {
        if (_predictions++ == atRow && atPrediction) trip();
        return base.Predict(input);
    }
}
