using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FrequencyLab.Model;

namespace FrequencyLab.Engines.Fused;

/// <summary>
/// The fused CPU engine ("fused"): a hand-written L=1 step and truncated-BPTT window for LSTM(I → H, 1 layer) + Linear(H → 1)
/// over one contiguous float buffer, with PyTorch's semantics (see <see cref="LstmKernels"/> and <see cref="OptimizerKernels"/>)
/// and no allocation per row or per window.
/// </summary>
/// <remarks>
/// The buffer holds, each section starting on a 64-byte boundary:
/// <code>
/// parameters   (P)   ParameterLayout's order and offsets: W_ih (stored transposed, (I, 4H)), W_hh (4H, H), b_ih (4H),
///                    b_hh (4H), w (1, H), b (1)
/// gradients    (P)   same layout; backward adds (writes, after a step: zero_grad is a flag, not a pass)
/// first moment (P)   Adam's exp_avg or SGD's momentum_buffer (all P-sized sections share the parameters' order)
/// second moment(P)   Adam's exp_avg_sq
/// train h, c   (H)+(H)  the carried training state
/// eval h, c    (H)+(H)  the evaluation state of Predict
/// second eval h, c (H)+(H)  the evaluation state of PredictSecond (PredictPair runs both)
/// scratch: gates (4H), the second state's gates (4H), c' (H), tanh c' (H), h' (H), dgates (4H), dh (H)
/// factors of a fresh dL/dW_hh = dgates ⊗ h: dgates (4H), h (H); the W_hh gradient section is then not written
/// </code>
/// A window's per-step activations live apart, in a <see cref="WindowWorkspace"/> grown to the longest window seen.
/// Not thread-safe: one engine is stepped by one thread (FusedEnsemble runs many on many threads).
/// </remarks>
public sealed class FusedEngine : IWindowedTrainingEngine, IPairedPrediction
{
    public const string EngineName = "fused";

    private readonly float[] _buffer;
    private readonly ParameterLayout _layout;
    private readonly int _p, _h;
    private readonly int _params, _grads, _first, _second, _trainH, _trainC, _evalH, _evalC, _evalH2, _evalC2, _gates, _gates2, _cNext, _tanhC, _hNext, _dGates, _dH, _projection;
    private readonly int _factorRows, _factorCols;
    private readonly float[] _gradSquares = new float[6]; // Σg² per tensor, layout order, as the last backward left them
    private readonly WindowWorkspace _window;
    private long _steps;
    // Lazy zero_grad: true when the gradient section is logically zero (whatever bytes it holds); the next backward
    // writes instead of adding, and the optimizer never spends a pass clearing 73 KB.
    private bool _gradientsZero = true;
    // True when dL/dW_hh is held as its two factors (dgates ⊗ h of one fresh backward) and not in the gradient section:
    // the Adam update reads 4H + H floats instead of the 4H·H the backward would have written (see AdamUpdateOuterProduct).
    private bool _whhFactored;
    // True when HiddenProjection holds W_hh·h for the current W_hh and carried training h (formed by the last Adam step, see
    // FusedEngineOptions.ProjectHiddenAhead); anything that changes either, or consumes it, clears it.
    private bool _projectionReady;

    public string Name => EngineName;
    public ModelShape Shape { get; }
    public OptimizerSettings Optimizer { get; }
    public FusedEngineOptions Options { get; }

    /// <summary>Adam's t (or the number of SGD steps) since the optimizer state was last reset.</summary>
    public long OptimizerSteps => _steps;


    /// <summary>Copies out the gradients accumulated since the last optimizer step, in <see cref="ParameterLayout"/> order.</summary>
    public void GetGradients(Span<float> destination)
    {
        if (destination.Length != _p) throw new ArgumentException($"expected room for {_p} gradients, got {destination.Length}", nameof(destination));
        if (_gradientsZero)
        {
            destination.Clear();
            return;
        }
        MaterializeWhhGradient();
        ToLayout(Grads, destination);
    }

    /// <summary>zero_grad with no step: returns the global gradient norm <see cref="OptimizerStep"/> would clip by and marks the
    /// gradients zero, leaving the parameters and the optimizer state untouched. What a probe of gradients at fixed weights
    /// needs, without an optimizer pass over every parameter per row (an Adam step at lr 0 moves nothing but costs as much
    /// as a training step).</summary>
    public float DiscardGradients()
    {
        float norm = _gradientsZero ? 0f : OptimizerKernels.TotalGradNormFromSquares(_gradSquares);
        _gradientsZero = true;
        _whhFactored = false;
        return norm;
    }

    /// <summary>A fresh engine: the given weights, zero optimizer state, zero training and evaluation state.</summary>
    public FusedEngine(ModelShape shape, OptimizerSettings optimizer, ReadOnlySpan<float> parameters, FusedEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(optimizer);
        Shape = shape.Validate();
        Optimizer = optimizer.Validate();
        Options = options ?? FusedEngineOptions.Default;
        _layout = shape.Layout;
        _p = _layout.Total;
        _h = shape.HiddenSize;
        if (parameters.Length != _p)
            throw new ArgumentException($"expected {_p} parameters, got {parameters.Length}", nameof(parameters));

        // Pinned so the 64-byte alignment computed once stays true; the front pad absorbs the misalignment.
        int size = 4 * RoundUp(_p) + 12 * RoundUp(_h) + 5 * RoundUp(4 * _h);
        _buffer = GC.AllocateArray<float>(size + AlignFloats, pinned: true);
        int offset = AlignmentPad(_buffer);
        int Next(int length) { int start = offset; offset += RoundUp(length); return start; }
        _params = Next(_p); _grads = Next(_p); _first = Next(_p); _second = Next(_p);
        _trainH = Next(_h); _trainC = Next(_h); _evalH = Next(_h); _evalC = Next(_h); _evalH2 = Next(_h); _evalC2 = Next(_h);
        _gates = Next(4 * _h); _gates2 = Next(4 * _h); _cNext = Next(_h); _tanhC = Next(_h); _hNext = Next(_h); _dGates = Next(4 * _h); _dH = Next(_h);
        _factorRows = Next(4 * _h); _factorCols = Next(_h); _projection = Next(4 * _h);
        FromLayout(parameters, Params);
        _window = new WindowWorkspace(_h);
    }

    /// <summary>An engine that continues exactly where <paramref name="snapshot"/> (taken on any engine) stopped.</summary>
    public static FusedEngine FromSnapshot(EngineSnapshot snapshot, FusedEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var engine = new FusedEngine(snapshot.Shape, snapshot.Optimizer, snapshot.Parameters, options);
        engine.Restore(snapshot);
        return engine;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float ForwardBackward(ReadOnlySpan<float> input, float target, float lossScale = 1f)
    {
        if (input.Length != Shape.InputSize)
            throw new ArgumentException($"expected {Shape.InputSize} inputs, got {input.Length}", nameof(input));

        // W_hh·h may already be formed: by the Adam step that last updated W_hh, for this very h (see OptimizerStep).
        bool projected = _projectionReady;
        _projectionReady = false;
        if (projected) HiddenProjection.CopyTo(Gates);
        LstmKernels.LstmCellForward(Gates, NextCell, TanhCell, NextHidden, input, TrainHidden, TrainCell,
            WeightIH, WeightHH, BiasIH, BiasHH, gatesHoldHiddenProjection: projected);
        float yHat = LstmKernels.LinearForward(HeadWeight, HeadBias, NextHidden);
        float error = yHat - target;
        float loss = error * error;

        float dY = LstmKernels.SquaredErrorBackward(yHat, target, lossScale);
        bool accumulate = !_gradientsZero;
        if (accumulate) MaterializeWhhGradient();
        LstmKernels.LinearBackward(GradHeadWeight, ref GradHeadBias, DHidden, HeadWeight, NextHidden, dY, accumulate,
            _gradSquares.AsSpan(4, 2));
        // A fresh gradient keeps dL/dW_hh as dgates ⊗ h; an accumulated one is formed and added to.
        LstmKernels.LstmCellBackward(GradWeightIH, accumulate ? GradWeightHH : Span<float>.Empty, GradBiasIH, GradBiasHH, DGates,
            DHidden, Gates, TanhCell, TrainCell, input, TrainHidden, accumulate, _gradSquares.AsSpan(0, 4));
        if (!accumulate)
        {
            DGates.CopyTo(FactorRows);
            TrainHidden.CopyTo(FactorCols);
            _whhFactored = true;
        }
        _gradientsZero = false;

        // Detach: the new state is carried as plain values; nothing links it to this step's graph.
        NextHidden.CopyTo(TrainHidden);
        NextCell.CopyTo(TrainCell);
        return loss;
    }

    /// <remarks>
    /// Forward: the L steps from the carried (h, c), each step's activations kept in the workspace. Backward, last step
    /// first: dL/dh' = dŷ_t·w + W_hhᵀ dgates_{t+1} and dL/dc' carried through f (<see cref="LstmKernels.LstmCellBackwardThroughTime"/>);
    /// every step's dgates is kept, and the weight gradients are then summed over the window in one pass per tensor
    /// (dW_hh = Σ_t dgates_t ⊗ h_{t−1}, <see cref="SimdKernels.AddOuterProducts"/>) instead of L rank-one updates of 4H·H
    /// floats. The loss is nn.MSELoss's mean, so dŷ_t = 2(ŷ_t − y_t)/L; the gradients add to any not yet stepped, as
    /// autograd's do; Σg² per tensor is left for the clip as after <see cref="ForwardBackward"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ForwardBackwardWindow(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> losses)
    {
        int length = targets.Length, width = Shape.InputSize;
        if (length < 1) throw new ArgumentException("a window needs at least one row", nameof(targets));
        if (inputs.Length != length * width) throw new ArgumentException($"expected {length}×{width} inputs, got {inputs.Length}", nameof(inputs));
        if (losses.Length < length) throw new ArgumentException($"room for {length} losses needed", nameof(losses));
        var w = _window;
        w.EnsureCapacity(length);
        _projectionReady = false;

        TrainHidden.CopyTo(w.Hidden(0));
        TrainCell.CopyTo(w.Cell(0));
        var dOutput = w.DOutput(length);
        for (int t = 0; t < length; t++)
        {
            LstmKernels.LstmCellForward(w.Gates(t), w.Cell(t + 1), w.TanhCell(t), w.Hidden(t + 1), inputs.Slice(t * width, width),
                w.Hidden(t), w.Cell(t), WeightIH, WeightHH, BiasIH, BiasHH);
            float yHat = LstmKernels.LinearForward(HeadWeight, HeadBias, w.Hidden(t + 1));
            float error = yHat - targets[t];
            losses[t] = error * error;
            dOutput[t] = LstmKernels.MeanSquaredErrorBackward(yHat, targets[t], length);
        }

        // Back through time. The window's first step sends nothing further back: its input state is detached.
        var dHidden = w.DHidden;
        var dCell = w.DCell;
        dCell.Clear();
        for (int t = length - 1; t >= 0; t--)
        {
            TensorPrimitives.Multiply(HeadWeight, dOutput[t], dHidden);
            if (t < length - 1) SimdKernels.AddTransposedMatVec(WeightHH, w.DGates(t + 1), dHidden);
            LstmKernels.LstmCellBackwardThroughTime(w.DGates(t), dCell, dHidden, w.Gates(t), w.TanhCell(t), w.Cell(t));
        }

        // Lazy zero_grad: a window after unstepped backwards adds to their gradients (materialising a factored W_hh one).
        bool accumulate = !_gradientsZero;
        if (accumulate) MaterializeWhhGradient();
        var dGates = w.AllDGates(length);
        var sq = _gradSquares.AsSpan();
        sq[0] = SimdKernels.AddOuterProducts(GradWeightIH, inputs, dGates, length, accumulate); // (I, 4H): Σ_t x_t ⊗ dgates_t
        sq[1] = SimdKernels.AddOuterProducts(GradWeightHH, dGates, w.Hiddens(0, length), length, accumulate);
        sq[2] = SimdKernels.AddOuterProducts(GradBiasIH, w.Ones(length), dGates, length, accumulate);
        sq[3] = SimdKernels.AddOuterProducts(GradBiasHH, w.Ones(length), dGates, length, accumulate);
        sq[4] = SimdKernels.AddOuterProducts(GradHeadWeight, dOutput, w.Hiddens(1, length), length, accumulate);
        float dBias = 0f;
        for (int t = 0; t < length; t++) dBias += dOutput[t];
        GradHeadBias = accumulate ? GradHeadBias + dBias : dBias;
        sq[5] = GradHeadBias * GradHeadBias;
        _gradientsZero = false;

        // Detach at the window's edge: the last (h, c) is carried as plain values.
        w.Hidden(length).CopyTo(TrainHidden);
        w.Cell(length).CopyTo(TrainCell);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float OptimizerStep(float learningRate, float maxGradNorm)
    {
        if (!(learningRate >= 0) || !float.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be finite and non-negative");
        if (!(maxGradNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxGradNorm), maxGradNorm, "max grad norm must be positive");
        if (_gradientsZero)
        {
            // A step with no backward since the last one: PyTorch would see zero gradients, so make the bytes say so.
            Grads.Clear();
            _gradSquares.AsSpan().Clear();
            _whhFactored = false;
        }
        // The backward already summed each tensor's squares; clip_grad_norm_ needs nothing more.
        float norm = OptimizerKernels.TotalGradNormFromSquares(_gradSquares);
        float clip = OptimizerKernels.ClipCoefficient(norm, maxGradNorm);
        _steps++;
        _projectionReady = false;
        bool adam = Optimizer.Kind == OptimizerKind.Adam;
        var scalars = adam ? AdamScalars.For(Optimizer, learningRate, _steps, clip, Options.FlushTinyValues) : default;
        if (_whhFactored)
        {
            // Three runs over the flat buffer: before W_hh, W_hh from its factors, after W_hh.
            int start = _layout.WeightHH.Offset, end = start + _layout.WeightHH.Length;
            UpdateFromGradients(..start, scalars, learningRate, clip);
            if (adam)
            {
                // With ProjectHiddenAhead each updated row of W_hh is also multiplied by the carried h, the next forward's.
                bool ahead = Options.ProjectHiddenAhead;
                OptimizerKernels.AdamUpdateOuterProduct(Params[start..end], FirstMoment[start..end], SecondMoment[start..end],
                    FactorRows, FactorCols, scalars, ahead ? TrainHidden : default, ahead ? HiddenProjection : default);
                _projectionReady = ahead;
            }
            else
                OptimizerKernels.SgdUpdateOuterProduct(Params[start..end], FirstMoment[start..end], FactorRows, FactorCols,
                    learningRate, clip, Optimizer, firstStep: _steps == 1);
            UpdateFromGradients(end.., scalars, learningRate, clip);
        }
        else
            UpdateFromGradients(.., scalars, learningRate, clip);
        _gradientsZero = true;
        _whhFactored = false;
        return norm;
    }

    /// <summary>The optimizer's update of the parameters in <paramref name="range"/> from the gradient section.</summary>
    private void UpdateFromGradients(Range range, in AdamScalars scalars, float learningRate, float clip)
    {
        if (Optimizer.Kind == OptimizerKind.Adam)
            OptimizerKernels.AdamUpdate(Params[range], Grads[range], FirstMoment[range], SecondMoment[range], scalars);
        else
            OptimizerKernels.SgdUpdate(Params[range], Grads[range], FirstMoment[range], learningRate, clip, Optimizer, firstStep: _steps == 1);
    }

    public void ResetTrainState()
    {
        _projectionReady = false;
        TrainHidden.Clear();
        TrainCell.Clear();
    }

    public void ResetOptimizerState()
    {
        FirstMoment.Clear();
        SecondMoment.Clear();
        _steps = 0;
    }

    public void ResetEvalState()
    {
        EvalHidden.Clear();
        EvalCell.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public float Predict(ReadOnlySpan<float> input) => EvalStep(CheckedInput(input), EvalHidden, EvalCell, Gates, false);

    public bool PairsPredictions => Options.PairFrozenPasses;

    public void ResetSecondEvalState()
    {
        SecondEvalHidden.Clear();
        SecondEvalCell.Clear();
    }

    public float PredictSecond(ReadOnlySpan<float> input) => EvalStep(CheckedInput(input), SecondEvalHidden, SecondEvalCell, Gates, false);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (float First, float Second) PredictPair(ReadOnlySpan<float> first, ReadOnlySpan<float> second)
    {
        CheckedInput(first);
        CheckedInput(second);
        // Both W_hh·h with one read of W_hh, each summed as MatVec sums it; then each cell exactly as Predict runs it.
        SimdKernels.MatVecPair(WeightHH, EvalHidden, SecondEvalHidden, Gates, SecondGates);
        float a = EvalStep(first, EvalHidden, EvalCell, Gates, gatesHoldHiddenProjection: true);
        return (a, EvalStep(second, SecondEvalHidden, SecondEvalCell, SecondGates, gatesHoldHiddenProjection: true));
    }

    private ReadOnlySpan<float> CheckedInput(ReadOnlySpan<float> input) => input.Length == Shape.InputSize ? input
        : throw new ArgumentException($"expected {Shape.InputSize} inputs, got {input.Length}", nameof(input));

    /// <summary>One no-grad row with an evaluation state, carried forward in place (the forward reads all of h before it
    /// writes h', and there is no graph to keep): Predict, PredictSecond and each half of PredictPair.</summary>
    private float EvalStep(ReadOnlySpan<float> input, Span<float> hidden, Span<float> cell, Span<float> gates, bool gatesHoldHiddenProjection)
    {
        LstmKernels.LstmCellForward(gates, cell, TanhCell, hidden, input, hidden, cell, WeightIH, WeightHH, BiasIH, BiasHH,
            gatesHoldHiddenProjection);
        return LstmKernels.LinearForward(HeadWeight, HeadBias, hidden);
    }

    public void GetParameters(Span<float> destination)
    {
        if (destination.Length != _p) throw new ArgumentException($"expected room for {_p} parameters, got {destination.Length}", nameof(destination));
        ToLayout(Params, destination);
    }

    public EngineSnapshot Snapshot() => new(Shape, Optimizer, LayoutCopy(Params), _steps,
        LayoutCopy(FirstMoment), LayoutCopy(SecondMoment), TrainHidden.ToArray(), TrainCell.ToArray());

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
        _projectionReady = false;
        FromLayout(snapshot.Parameters, Params);
        FromLayout(snapshot.FirstMoment, FirstMoment);
        FromLayout(snapshot.SecondMoment, SecondMoment);
        snapshot.TrainHidden.CopyTo(TrainHidden);
        snapshot.TrainCell.CopyTo(TrainCell);
        _gradientsZero = true;
        _whhFactored = false;
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

    // The four P-sized sections keep ParameterLayout's order and offsets with one exception: W_ih is stored transposed,
    // (I, 4H) instead of (4H, I), so its forward and backward run 8 gate rows per vector instead of I = 5 scalars per row.
    // The optimizer is elementwise and indifferent to order; everything that crosses the engine's surface is converted here.
    private void FromLayout(ReadOnlySpan<float> layoutOrder, Span<float> section)
    {
        layoutOrder.CopyTo(section);
        int rows = 4 * _h, inputs = Shape.InputSize, offset = _layout.WeightIH.Offset;
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < inputs; k++) section[offset + k * rows + r] = layoutOrder[offset + r * inputs + k];
    }

    private void ToLayout(ReadOnlySpan<float> section, Span<float> layoutOrder)
    {
        section.CopyTo(layoutOrder);
        int rows = 4 * _h, inputs = Shape.InputSize, offset = _layout.WeightIH.Offset;
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < inputs; k++) layoutOrder[offset + r * inputs + k] = section[offset + k * rows + r];
    }

    /// <summary>Forms dL/dW_hh = dgates ⊗ h in the gradient section when it is held factored.</summary>
    private void MaterializeWhhGradient()
    {
        if (!_whhFactored) return;
        SimdKernels.OuterProduct(GradWeightHH, FactorRows, FactorCols, accumulate: false);
        _whhFactored = false;
    }

    private float[] LayoutCopy(ReadOnlySpan<float> section)
    {
        var copy = new float[_p];
        ToLayout(section, copy);
        return copy;
    }

    // Named views into the one buffer, each with its shape (I inputs, H hidden units, P parameters).
    private Span<float> Params => Section(_params, _p);                          // (P)
    private Span<float> Grads => Section(_grads, _p);                            // (P)
    private Span<float> FirstMoment => Section(_first, _p);                      // (P)
    private Span<float> SecondMoment => Section(_second, _p);                    // (P)
    private Span<float> WeightIH => Section(_params + _layout.WeightIH.Offset, _layout.WeightIH.Length);    // (I, 4H) transposed
    private Span<float> WeightHH => Section(_params + _layout.WeightHH.Offset, _layout.WeightHH.Length);    // (4H, H)
    private Span<float> BiasIH => Section(_params + _layout.BiasIH.Offset, _layout.BiasIH.Length);          // (4H)
    private Span<float> BiasHH => Section(_params + _layout.BiasHH.Offset, _layout.BiasHH.Length);          // (4H)
    private Span<float> HeadWeight => Section(_params + _layout.HeadWeight.Offset, _h);                     // (1, H)
    private float HeadBias => _buffer[_params + _layout.HeadBias.Offset];                                   // (1)
    private Span<float> GradWeightIH => Section(_grads + _layout.WeightIH.Offset, _layout.WeightIH.Length); // (I, 4H) transposed
    private Span<float> GradWeightHH => Section(_grads + _layout.WeightHH.Offset, _layout.WeightHH.Length); // (4H, H)
    private Span<float> GradBiasIH => Section(_grads + _layout.BiasIH.Offset, _layout.BiasIH.Length);       // (4H)
    private Span<float> GradBiasHH => Section(_grads + _layout.BiasHH.Offset, _layout.BiasHH.Length);       // (4H)
    private Span<float> GradHeadWeight => Section(_grads + _layout.HeadWeight.Offset, _h);                  // (1, H)
    private ref float GradHeadBias => ref _buffer[_grads + _layout.HeadBias.Offset];                        // (1)
    private Span<float> TrainHidden => Section(_trainH, _h);                     // (H) carried h
    private Span<float> TrainCell => Section(_trainC, _h);                       // (H) carried c
    private Span<float> EvalHidden => Section(_evalH, _h);                       // (H)
    private Span<float> EvalCell => Section(_evalC, _h);                         // (H)
    private Span<float> SecondEvalHidden => Section(_evalH2, _h);                 // (H)
    private Span<float> SecondEvalCell => Section(_evalC2, _h);                   // (H)
    private Span<float> Gates => Section(_gates, 4 * _h);                        // (4H) σ(i), σ(f), tanh(g), σ(o)
    private Span<float> SecondGates => Section(_gates2, 4 * _h);                 // (4H) the same for the second state in PredictPair
    private Span<float> NextCell => Section(_cNext, _h);                         // (H) c'
    private Span<float> TanhCell => Section(_tanhC, _h);                         // (H) tanh(c')
    private Span<float> NextHidden => Section(_hNext, _h);                       // (H) h'
    private Span<float> DGates => Section(_dGates, 4 * _h);                      // (4H) dL/d(gate pre-activations)
    private Span<float> DHidden => Section(_dH, _h);                             // (H) dL/dh'
    private Span<float> FactorRows => Section(_factorRows, 4 * _h);              // (4H) dgates of a factored dL/dW_hh
    private Span<float> FactorCols => Section(_factorCols, _h);                  // (H) the h it multiplies
    private Span<float> HiddenProjection => Section(_projection, 4 * _h);        // (4H) W_hh·h for the next forward, when _projectionReady
}
