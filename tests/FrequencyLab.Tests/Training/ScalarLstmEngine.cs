using FrequencyLab.Engines;
using FrequencyLab.Model;

namespace FrequencyLab.Tests.Training;

/// <summary>
/// A slow, plain scalar implementation of the engine contract (LSTM cell + head, one-step backward with the state detached,
/// clip_grad_norm_, PyTorch's Adam and SGD), kept beside the real engines to test the trainer's logic on its own.
/// It also logs every reset, so tests can see where the policy put them.
/// </summary>
internal sealed class ScalarLstmEngine : ITrainingEngine
{
    private readonly float[] _p, _g, _m, _v, _h, _c, _eh, _ec;
    private long _steps;
    private int _trainRow;

    public string Name => "scalar-test";
    public ModelShape Shape { get; }
    public OptimizerSettings Optimizer { get; }
    /// <summary>The training row index (count of ForwardBackward calls) at each ResetTrainState.</summary>
    public List<int> TrainResets { get; } = [];
    public int EvalResets { get; private set; }
    public int OptimizerResets { get; private set; }
    public List<float> StepLearningRates { get; } = [];

    public ScalarLstmEngine(ModelShape shape, OptimizerSettings optimizer, float[] parameters)
    {
        Shape = shape; Optimizer = optimizer;
        int n = shape.ParameterCount, h = shape.HiddenSize;
        _p = (float[])parameters.Clone(); _g = new float[n]; _m = new float[n]; _v = new float[n];
        _h = new float[h]; _c = new float[h]; _eh = new float[h]; _ec = new float[h];
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    /// <summary>One cell step from (h, c); returns ŷ and the gate activations (i, f, g, o) and new (h, c).</summary>
    private float Step(ReadOnlySpan<float> x, float[] h, float[] c, float[] gates, float[] hNew, float[] cNew)
    {
        var L = Shape.Layout; int H = Shape.HiddenSize, I = Shape.InputSize;
        for (int r = 0; r < 4 * H; r++)
        {
            float a = _p[L.BiasIH.Offset + r] + _p[L.BiasHH.Offset + r];
            for (int j = 0; j < I; j++) a += _p[L.WeightIH.Offset + r * I + j] * x[j];
            for (int j = 0; j < H; j++) a += _p[L.WeightHH.Offset + r * H + j] * h[j];
            gates[r] = r / H == 2 ? MathF.Tanh(a) : Sigmoid(a);
        }
        float y = _p[L.HeadBias.Offset];
        for (int j = 0; j < H; j++)
        {
            cNew[j] = gates[H + j] * c[j] + gates[j] * gates[2 * H + j];
            hNew[j] = gates[3 * H + j] * MathF.Tanh(cNew[j]);
            y += _p[L.HeadWeight.Offset + j] * hNew[j];
        }
        return y;
    }

    public float ForwardBackward(ReadOnlySpan<float> input, float target, float lossScale = 1f)
    {
        var L = Shape.Layout; int H = Shape.HiddenSize, I = Shape.InputSize;
        var gates = new float[4 * H]; var hNew = new float[H]; var cNew = new float[H];
        float y = Step(input, _h, _c, gates, hNew, cNew);
        float d = y - target, loss = d * d, dy = 2f * d * lossScale;
        _g[L.HeadBias.Offset] += dy;
        for (int j = 0; j < H; j++)
        {
            _g[L.HeadWeight.Offset + j] += dy * hNew[j];
            float dh = dy * _p[L.HeadWeight.Offset + j], tc = MathF.Tanh(cNew[j]);
            float i = gates[j], f = gates[H + j], g = gates[2 * H + j], o = gates[3 * H + j];
            float dc = dh * o * (1 - tc * tc);
            float[] da = [dc * g * i * (1 - i), dc * _c[j] * f * (1 - f), dc * i * (1 - g * g), dh * tc * o * (1 - o)];
            for (int q = 0; q < 4; q++)
            {
                int r = q * H + j;
                _g[L.BiasIH.Offset + r] += da[q];
                _g[L.BiasHH.Offset + r] += da[q];
                for (int k = 0; k < I; k++) _g[L.WeightIH.Offset + r * I + k] += da[q] * input[k];
                for (int k = 0; k < H; k++) _g[L.WeightHH.Offset + r * H + k] += da[q] * _h[k];
            }
        }
        hNew.CopyTo(_h, 0); cNew.CopyTo(_c, 0);
        _trainRow++;
        return loss;
    }

    public float OptimizerStep(float learningRate, float maxGradNorm)
    {
        StepLearningRates.Add(learningRate);
        double sq = 0;
        foreach (var g in _g) sq += (double)g * g;
        float norm = (float)Math.Sqrt(sq);
        float coef = maxGradNorm / (norm + 1e-6f);
        if (coef < 1f) for (int i = 0; i < _g.Length; i++) _g[i] *= coef;
        _steps++;
        var o = Optimizer;
        for (int i = 0; i < _p.Length; i++)
        {
            float g = _g[i] + (float)o.WeightDecay * _p[i];
            if (o.Kind == OptimizerKind.Adam)
            {
                _m[i] = (float)o.Beta1 * _m[i] + (1 - (float)o.Beta1) * g;
                _v[i] = (float)o.Beta2 * _v[i] + (1 - (float)o.Beta2) * g * g;
                double bc1 = 1 - Math.Pow(o.Beta1, _steps), bc2 = 1 - Math.Pow(o.Beta2, _steps);
                _p[i] -= (float)(learningRate / bc1) * _m[i] / (MathF.Sqrt(_v[i]) / (float)Math.Sqrt(bc2) + (float)o.Epsilon);
            }
            else
            {
                _m[i] = _steps == 1 ? g : (float)o.Momentum * _m[i] + g;
                _p[i] -= learningRate * (o.Nesterov ? g + (float)o.Momentum * _m[i] : _m[i]);
            }
            _g[i] = 0;
        }
        return norm;
    }

    public void ResetTrainState() { Array.Clear(_h); Array.Clear(_c); TrainResets.Add(_trainRow); }
    public void ResetOptimizerState() { Array.Clear(_m); Array.Clear(_v); _steps = 0; OptimizerResets++; }
    public void ResetEvalState() { Array.Clear(_eh); Array.Clear(_ec); EvalResets++; }

    public float Predict(ReadOnlySpan<float> input)
    {
        int H = Shape.HiddenSize;
        var gates = new float[4 * H]; var hNew = new float[H]; var cNew = new float[H];
        float y = Step(input, _eh, _ec, gates, hNew, cNew);
        hNew.CopyTo(_eh, 0); cNew.CopyTo(_ec, 0);
        return y;
    }

    public void GetParameters(Span<float> destination) => _p.CopyTo(destination);

    public EngineSnapshot Snapshot() => new(Shape, Optimizer, (float[])_p.Clone(), _steps, (float[])_m.Clone(), (float[])_v.Clone(),
        (float[])_h.Clone(), (float[])_c.Clone());

    public void Restore(EngineSnapshot s)
    {
        if (s.Shape != Shape || s.Optimizer != Optimizer) throw new ArgumentException("snapshot of another model");
        s.Parameters.CopyTo(_p, 0); s.FirstMoment.CopyTo(_m, 0); s.SecondMoment.CopyTo(_v, 0);
        s.TrainHidden.CopyTo(_h, 0); s.TrainCell.CopyTo(_c, 0); _steps = s.OptimizerSteps; Array.Clear(_g);
    }

    public void Dispose() { }
}
