using FrequencyLab.Model;

namespace FrequencyLab.Engines.Fused;

/// <summary>
/// <see cref="ReferenceLstmStep"/> behind the engine contract, in double precision: the yardstick the fused engine is tested
/// against over many steps. Slow (it allocates every row); never used for real runs.
/// </summary>
public sealed class ReferenceEngine : ITrainingEngine
{
    private readonly double[] _p, _g, _m, _v, _h, _c, _evalH, _evalC;
    private long _steps;

    public string Name => "reference";
    public ModelShape Shape { get; }
    public OptimizerSettings Optimizer { get; }
    public ReadOnlySpan<double> Parameters => _p;
    public ReadOnlySpan<double> Gradients => _g;
    public ReadOnlySpan<double> FirstMoment => _m;
    public ReadOnlySpan<double> SecondMoment => _v;

    public ReferenceEngine(ModelShape shape, OptimizerSettings optimizer, ReadOnlySpan<float> parameters)
    {
        Shape = shape.Validate();
        Optimizer = optimizer.Validate();
        int p = shape.ParameterCount, h = shape.HiddenSize;
        if (parameters.Length != p) throw new ArgumentException($"expected {p} parameters, got {parameters.Length}", nameof(parameters));
        _p = new double[p]; _g = new double[p]; _m = new double[p]; _v = new double[p];
        _h = new double[h]; _c = new double[h]; _evalH = new double[h]; _evalC = new double[h];
        for (int j = 0; j < p; j++) _p[j] = parameters[j];
    }

    public float ForwardBackward(ReadOnlySpan<float> input, float target, float lossScale = 1f)
    {
        var x = ToDouble(input);
        var f = ReferenceLstmStep.Run(Shape, _p, x, _h, _c);
        var grad = ReferenceLstmStep.Gradient(Shape, _p, x, _h, _c, target, lossScale);
        for (int j = 0; j < _g.Length; j++) _g[j] += grad[j];
        f.Hidden.CopyTo(_h, 0);
        f.Cell.CopyTo(_c, 0);
        double e = f.Prediction - target;
        return (float)(e * e);
    }

    public float OptimizerStep(float learningRate, float maxGradNorm)
    {
        double norm = ReferenceLstmStep.TotalNorm(_g);
        double coefficient = maxGradNorm / (norm + 1e-6);
        if (coefficient < 1) for (int j = 0; j < _g.Length; j++) _g[j] *= coefficient;
        _steps++;
        if (Optimizer.Kind == OptimizerKind.Adam) ReferenceLstmStep.Adam(_p, _g, _m, _v, Optimizer, learningRate, _steps);
        else ReferenceLstmStep.Sgd(_p, _g, _m, Optimizer, learningRate, _steps == 1);
        Array.Clear(_g);
        return (float)norm;
    }

    public void ResetTrainState() { Array.Clear(_h); Array.Clear(_c); }
    public void ResetOptimizerState() { Array.Clear(_m); Array.Clear(_v); _steps = 0; }
    public void ResetEvalState() { Array.Clear(_evalH); Array.Clear(_evalC); }

    public float Predict(ReadOnlySpan<float> input)
    {
        var f = ReferenceLstmStep.Run(Shape, _p, ToDouble(input), _evalH, _evalC);
        f.Hidden.CopyTo(_evalH, 0);
        f.Cell.CopyTo(_evalC, 0);
        return (float)f.Prediction;
    }

    public void GetParameters(Span<float> destination)
    {
        for (int j = 0; j < _p.Length; j++) destination[j] = (float)_p[j];
    }

    public EngineSnapshot Snapshot() => new(Shape, Optimizer, ToSingle(_p), _steps, ToSingle(_m), ToSingle(_v), ToSingle(_h), ToSingle(_c));

    public void Restore(EngineSnapshot snapshot)
    {
        if (snapshot.Shape != Shape || snapshot.Optimizer != Optimizer)
            throw new InvalidSpecException("snapshot's model or optimizer differs from this engine's");
        for (int j = 0; j < _p.Length; j++) { _p[j] = snapshot.Parameters[j]; _m[j] = snapshot.FirstMoment[j]; _v[j] = snapshot.SecondMoment[j]; }
        for (int j = 0; j < _h.Length; j++) { _h[j] = snapshot.TrainHidden[j]; _c[j] = snapshot.TrainCell[j]; }
        Array.Clear(_g);
        _steps = snapshot.OptimizerSteps;
    }

    public void Dispose() { }

    private static double[] ToDouble(ReadOnlySpan<float> x)
    {
        var d = new double[x.Length];
        for (int j = 0; j < x.Length; j++) d[j] = x[j];
        return d;
    }

    private static float[] ToSingle(double[] x) => Array.ConvertAll(x, v => (float)v);
}
