using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FrequencyLab.Model;

namespace FrequencyLab.Engines.Fused;

/// <summary>
/// The fused CPU engine ("fused"): a hand-written L=1 step for LSTM(I → H, 1 layer) + Linear(H → 1) over one contiguous
/// float buffer, with PyTorch's semantics (see <see cref="LstmKernels"/> and <see cref="OptimizerKernels"/>) and no allocation
/// per row.
/// </summary>
/// <remarks>
/// The buffer holds, each section starting on a 64-byte boundary:
/// <code>
/// parameters   (P)   in ParameterLayout order: W_ih (4H, I), W_hh (4H, H), b_ih (4H), b_hh (4H), w (1, H), b (1)
/// gradients    (P)   same layout; backward adds (writes, after a step: zero_grad is a flag, not a pass)
/// first moment (P)   Adam's exp_avg or SGD's momentum_buffer
/// second moment(P)   Adam's exp_avg_sq
/// train h, c   (H)+(H)  the carried training state
/// eval h, c    (H)+(H)  the evaluation state of Predict
/// scratch: gates (4H), c' (H), tanh c' (H), h' (H), dgates (4H), dh (H)
/// </code>
/// Not thread-safe: one engine is stepped by one thread (FusedEnsemble runs many on many threads).
/// </remarks>
public sealed class FusedEngine : ITrainingEngine
{
    public const string EngineName = "fused";

    private readonly float[] _buffer;
    private readonly ParameterLayout _layout;
    private readonly int _p, _h;
    private readonly int _params, _grads, _first, _second, _trainH, _trainC, _evalH, _evalC, _gates, _cNext, _tanhC, _hNext, _dGates, _dH;
    private readonly int _wIh, _wHh, _bIh, _bHh, _headW, _headB;
    private readonly float[] _gradSquares = new float[6]; // Σg² per tensor, layout order, as the last backward left them
    private long _steps;
    // Lazy zero_grad: true when the gradient section is logically zero (whatever bytes it holds); the next backward
    // writes instead of adding, and the optimizer never spends a pass clearing 73 KB.
    private bool _gradientsZero = true;

    public string Name => EngineName;
    public ModelShape Shape { get; }
    public OptimizerSettings Optimizer { get; }

    /// <summary>Adam's t (or the number of SGD steps) since the optimizer state was last reset.</summary>
    public long OptimizerSteps => _steps;

    /// <summary>The weights, in <see cref="ParameterLayout"/> order (a live view; valid until the next step).</summary>
    public ReadOnlySpan<float> Parameters => Section(_params, _p);

    /// <summary>Copies out the gradients accumulated since the last optimizer step, in <see cref="ParameterLayout"/> order.</summary>
    public void GetGradients(Span<float> destination)
    {
        if (destination.Length != _p) throw new ArgumentException($"expected room for {_p} gradients, got {destination.Length}", nameof(destination));
        if (_gradientsZero) destination.Clear();
        else Section(_grads, _p).CopyTo(destination);
    }

    /// <summary>A fresh engine: the given weights, zero optimizer state, zero training and evaluation state.</summary>
    public FusedEngine(ModelShape shape, OptimizerSettings optimizer, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(optimizer);
        Shape = shape.Validate();
        Optimizer = optimizer.Validate();
        _layout = shape.Layout;
        _p = _layout.Total;
        _h = shape.HiddenSize;
        if (parameters.Length != _p)
            throw new ArgumentException($"expected {_p} parameters, got {parameters.Length}", nameof(parameters));

        // Pinned so the 64-byte alignment computed once stays true; the front pad absorbs the misalignment.
        int size = 4 * RoundUp(_p) + 9 * RoundUp(_h) + 2 * RoundUp(4 * _h);
        _buffer = GC.AllocateArray<float>(size + AlignFloats, pinned: true);
        int offset = AlignmentPad(_buffer);
        int Next(int length) { int start = offset; offset += RoundUp(length); return start; }
        _params = Next(_p); _grads = Next(_p); _first = Next(_p); _second = Next(_p);
        _trainH = Next(_h); _trainC = Next(_h); _evalH = Next(_h); _evalC = Next(_h);
        _gates = Next(4 * _h); _cNext = Next(_h); _tanhC = Next(_h); _hNext = Next(_h); _dGates = Next(4 * _h); _dH = Next(_h);

        _wIh = _params + _layout.WeightIH.Offset; _wHh = _params + _layout.WeightHH.Offset;
        _bIh = _params + _layout.BiasIH.Offset; _bHh = _params + _layout.BiasHH.Offset;
        _headW = _params + _layout.HeadWeight.Offset; _headB = _params + _layout.HeadBias.Offset;
        parameters.CopyTo(Section(_params, _p));
    }

    /// <summary>An engine that continues exactly where <paramref name="snapshot"/> (taken on any engine) stopped.</summary>
    public static FusedEngine FromSnapshot(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var engine = new FusedEngine(snapshot.Shape, snapshot.Optimizer, snapshot.Parameters);
        engine.Restore(snapshot);
        return engine;
    }

    public float ForwardBackward(ReadOnlySpan<float> input, float target, float lossScale = 1f)
    {
        if (input.Length != Shape.InputSize)
            throw new ArgumentException($"expected {Shape.InputSize} inputs, got {input.Length}", nameof(input));
        Span<float> hPrev = Section(_trainH, _h), cPrev = Section(_trainC, _h);
        Span<float> gates = Section(_gates, 4 * _h), c = Section(_cNext, _h), tanhC = Section(_tanhC, _h), h = Section(_hNext, _h);
        ReadOnlySpan<float> headW = Section(_headW, _h);

        LstmKernels.LstmCellForward(gates, c, tanhC, h, Section(_dGates, 4 * _h), input, hPrev, cPrev,
            Section(_wIh, 4 * _h * Shape.InputSize), Section(_wHh, 4 * _h * _h), Section(_bIh, 4 * _h), Section(_bHh, 4 * _h));
        float yHat = LstmKernels.LinearForward(headW, _buffer[_headB], h);
        float error = yHat - target;
        float loss = error * error;

        float dY = LstmKernels.SquaredErrorBackward(yHat, target, lossScale);
        Span<float> dH = Section(_dH, _h);
        bool accumulate = !_gradientsZero;
        LstmKernels.LinearBackward(Grad(_headW, _h), ref _buffer[_grads + _layout.HeadBias.Offset], dH, headW, h, dY,
            accumulate, _gradSquares.AsSpan(4, 2));
        LstmKernels.LstmCellBackward(Grad(_wIh, 4 * _h * Shape.InputSize), Grad(_wHh, 4 * _h * _h), Grad(_bIh, 4 * _h),
            Grad(_bHh, 4 * _h), Section(_dGates, 4 * _h), dH, gates, tanhC, cPrev, input, hPrev, accumulate, _gradSquares.AsSpan(0, 4));
        _gradientsZero = false;

        // Detach: the new state is carried as plain values; nothing links it to this step's graph.
        h.CopyTo(hPrev);
        c.CopyTo(cPrev);
        return loss;
    }

    public float OptimizerStep(float learningRate, float maxGradNorm)
    {
        if (!(learningRate >= 0) || !float.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be finite and non-negative");
        if (!(maxGradNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxGradNorm), maxGradNorm, "max grad norm must be positive");
        Span<float> p = Section(_params, _p), g = Section(_grads, _p), m = Section(_first, _p);
        if (_gradientsZero)
        {
            // A step with no backward since the last one: PyTorch would see zero gradients, so make the bytes say so.
            g.Clear();
            _gradSquares.AsSpan().Clear();
        }
        // The backward already summed each tensor's squares; clip_grad_norm_ needs nothing more.
        float norm = OptimizerKernels.TotalGradNormFromSquares(_gradSquares);
        float clip = OptimizerKernels.ClipCoefficient(norm, maxGradNorm);
        _steps++;
        if (Optimizer.Kind == OptimizerKind.Adam)
            OptimizerKernels.AdamUpdate(p, g, m, Section(_second, _p), AdamScalars.For(Optimizer, learningRate, _steps, clip));
        else
            OptimizerKernels.SgdUpdate(p, g, m, learningRate, clip, Optimizer, firstStep: _steps == 1);
        _gradientsZero = true;
        return norm;
    }

    public void ResetTrainState()
    {
        Section(_trainH, _h).Clear();
        Section(_trainC, _h).Clear();
    }

    public void ResetOptimizerState()
    {
        Section(_first, _p).Clear();
        Section(_second, _p).Clear();
        _steps = 0;
    }

    public void ResetEvalState()
    {
        Section(_evalH, _h).Clear();
        Section(_evalC, _h).Clear();
    }

    public float Predict(ReadOnlySpan<float> input)
    {
        if (input.Length != Shape.InputSize)
            throw new ArgumentException($"expected {Shape.InputSize} inputs, got {input.Length}", nameof(input));
        Span<float> h = Section(_evalH, _h), c = Section(_evalC, _h);
        LstmKernels.LstmCellForward(Section(_gates, 4 * _h), c, Section(_tanhC, _h), h, Section(_dGates, 4 * _h), input, h, c,
            Section(_wIh, 4 * _h * Shape.InputSize), Section(_wHh, 4 * _h * _h), Section(_bIh, 4 * _h), Section(_bHh, 4 * _h));
        return LstmKernels.LinearForward(Section(_headW, _h), _buffer[_headB], h);
    }

    public void GetParameters(Span<float> destination)
    {
        if (destination.Length != _p) throw new ArgumentException($"expected room for {_p} parameters, got {destination.Length}", nameof(destination));
        Section(_params, _p).CopyTo(destination);
    }

    public EngineSnapshot Snapshot() => new(Shape, Optimizer, Section(_params, _p).ToArray(), _steps,
        Section(_first, _p).ToArray(), Section(_second, _p).ToArray(), Section(_trainH, _h).ToArray(), Section(_trainC, _h).ToArray());

    public void Restore(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Shape != Shape)
            throw new InvalidSpecException($"snapshot is for model {snapshot.Shape}, this engine runs {Shape}");
        if (snapshot.Optimizer != Optimizer)
            throw new InvalidSpecException($"snapshot's optimizer {snapshot.Optimizer} differs from this engine's {Optimizer}");
        if (snapshot.Parameters.Length != _p || snapshot.FirstMoment.Length != _p || snapshot.SecondMoment.Length != _p
            || snapshot.TrainHidden.Length != _h || snapshot.TrainCell.Length != _h)
            throw new InvalidSpecException($"snapshot arrays do not match {_p} parameters and hidden size {_h}");
        if (snapshot.OptimizerSteps < 0) throw new InvalidSpecException($"snapshot has {snapshot.OptimizerSteps} optimizer steps");
        snapshot.Parameters.CopyTo(Section(_params, _p));
        snapshot.FirstMoment.CopyTo(Section(_first, _p));
        snapshot.SecondMoment.CopyTo(Section(_second, _p));
        snapshot.TrainHidden.CopyTo(Section(_trainH, _h));
        snapshot.TrainCell.CopyTo(Section(_trainC, _h));
        _gradientsZero = true;
        _steps = snapshot.OptimizerSteps;
    }

    public void Dispose() { }

    private const int AlignFloats = 16; // 64 bytes: one cache line, one 512-bit vector

    private static int RoundUp(int length) => (length + AlignFloats - 1) / AlignFloats * AlignFloats;

    private static unsafe int AlignmentPad(float[] buffer)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        int misaligned = (int)(address % (AlignFloats * sizeof(float))) / sizeof(float);
        return (AlignFloats - misaligned) % AlignFloats;
    }

    private Span<float> Section(int offset, int length) => _buffer.AsSpan(offset, length);

    /// <summary>The gradient of the parameter tensor that starts at buffer offset <paramref name="paramOffset"/>.</summary>
    private Span<float> Grad(int paramOffset, int length) => _buffer.AsSpan(paramOffset - _params + _grads, length);
}
