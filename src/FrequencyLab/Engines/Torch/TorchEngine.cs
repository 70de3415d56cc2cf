using FrequencyLab.Model;
using FrequencyLab.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FrequencyLab.Engines.Torch;

/// <summary>
/// The reference engine: the report's L=1 loop in TorchSharp (libtorch) with PyTorch's own modules —
/// <c>nn.LSTM</c> + <c>nn.Linear</c>, <c>F.mse_loss</c>, autograd, <c>clip_grad_norm_</c> — and PyTorch 1.13's Adam / SGD update
/// (<see cref="TorchOptimizer"/>), in float32 on CPU, batch 1, sequence length 1.
/// </summary>
/// <remarks>
/// The optimizer is <see cref="TorchOptimizer"/> rather than TorchSharp's <c>optim.Adam</c>/<c>optim.SGD</c>: the same
/// operations, but with Scalars that stay alive through the native calls (see its remarks). Snapshots read and write its
/// moments directly, so they round-trip exactly. Every step runs inside a dispose scope: only the parameters,
/// their gradients, the optimizer state and the two carried states outlive it, so memory stays flat.
/// Training steps run the report's module (<c>nn.LSTM</c>, or <c>nn.LSTMCell</c>) under autograd; the evaluation pass
/// (<see cref="Predict"/>, every frozen MSE) runs <see cref="FrozenLstmStep"/>, the same cell in plain ATen ops, because
/// libtorch 2.10's no-grad <c>nn.LSTM</c> is wrong on AVX-512 CPUs (docs/torch-numerics.md). The constructor checks both
/// paths against the double reference on the actual weights (<see cref="TorchNumericsGuard"/>).
/// Not thread-safe: one engine is driven by one thread.
/// </remarks>
public sealed class TorchEngine : IWindowedTrainingEngine
{
    private readonly LstmRegressor _model;
    private readonly Parameter[] _parameters;
    private readonly TorchOptimizer _optimizer;
    private readonly ParameterLayout _layout;
    private readonly TorchStepFault? _fault;
    private Tensor _trainH, _trainC, _evalH, _evalC;
    private bool _disposed;

    /// <summary>"torch": the name histories and <see cref="EngineFactory"/> use.</summary>
    public const string EngineName = "torch";

    public string Name => EngineName;
    public ModelShape Shape { get; }
    public OptimizerSettings Optimizer { get; }
    public TorchEngineOptions Options { get; }

    /// <summary>A model with the given weights (<see cref="ParameterLayout"/> order), zero optimizer state and zero states.</summary>
    /// <exception cref="TorchNumericsException">libtorch computes the step wrongly on this CPU (<see cref="TorchNumericsGuard"/>).</exception>
    public TorchEngine(ModelShape shape, OptimizerSettings optimizer, ReadOnlySpan<float> parameters, TorchEngineOptions? options = null)
        : this(shape, optimizer, parameters, options, fault: null)
    {
    }

    /// <summary>The same, with a deliberate error in one forward path: the seam the guard's tests use.</summary>
    internal TorchEngine(ModelShape shape, OptimizerSettings optimizer, ReadOnlySpan<float> parameters, TorchEngineOptions? options,
        TorchStepFault? fault)
    {
        _fault = fault;
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(optimizer);
        Shape = shape.Validate();
        Optimizer = optimizer.Validate();
        _layout = shape.Layout;
        if (parameters.Length != _layout.Total)
            throw new ArgumentException($"expected {_layout.Total} parameters, got {parameters.Length}", nameof(parameters));

        TorchRuntime.EnsureLoaded();
        Options = options ?? TorchEngineOptions.Default;
        // libtorch's thread count is process-global: setting it while another engine runs ops on another thread races inside
        // its thread pool, so only the first engine (or a real change) sets it.
        if (Options.Threads is int threads && torch.get_num_threads() != threads) torch.set_num_threads(threads);

        _model = new LstmRegressor(shape.InputSize, shape.HiddenSize, Options.Kernel);
        var named = _model.named_parameters().ToArray();
        _parameters = new Parameter[_layout.Tensors.Count];
        for (int i = 0; i < _parameters.Length; i++)
        {
            var expected = _layout.Tensors[i];
            var (name, p) = named[i];
            if (named.Length != _parameters.Length || name != _model.ModuleName(expected.Name) || !p.shape.SequenceEqual(expected.Shape.Select(d => (long)d)))
                throw new InvalidOperationException($"TorchSharp parameter {i} is {name} [{string.Join(",", p.shape)}], expected {expected.Name} [{string.Join(",", expected.Shape)}]");
            _parameters[i] = p;
        }
        SetParameters(parameters);

        _optimizer = new TorchOptimizer(_parameters, Optimizer);

        _trainH = ZeroState(); _trainC = ZeroState();
        _evalH = ZeroState(); _evalC = ZeroState();

        try { TorchNumericsGuard.Ensure(Shape, parameters, ProbeTraining, ProbeEvaluation, CpuDescription.Current, Options.Kernel); }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Names and shapes of the TorchSharp module's parameters, in <c>named_parameters()</c> order.</summary>
    public IReadOnlyList<(string Name, long[] Shape)> ModuleParameters =>
        _model.named_parameters().Select(np => (np.name, np.parameter.shape)).ToArray();

    public float ForwardBackward(ReadOnlySpan<float> input, float target, float lossScale = 1f)
    {
        ThrowIfDisposed();
        using var scope = NewDisposeScope();
        var x = InputTensor(input);
        var (y, h, c) = TrainingForward(x, _trainH, _trainC);
        var loss = nn.functional.mse_loss(y, torch.tensor(new[] { target }, [1, 1, 1]));
        float value = loss.item<float>();
        // lossScale 1 is the common case; skipping the multiply keeps its graph identical to PyTorch's plain loss.backward().
        if (lossScale == 1f) loss.backward();
        else
        {
            using var scale = lossScale.ToScalar();
            (loss * scale).backward();
        }
        Replace(ref _trainH, h.detach());
        Replace(ref _trainC, c.detach());
        return value;
    }

    public void ForwardBackwardWindow(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> losses)
    {
        ThrowIfDisposed();
        int length = targets.Length;
        if (length < 1) throw new ArgumentException("a window needs at least one row", nameof(targets));
        if (inputs.Length != length * Shape.InputSize) throw new ArgumentException($"expected {length}×{Shape.InputSize} inputs, got {inputs.Length}", nameof(inputs));
        if (losses.Length < length) throw new ArgumentException($"room for {length} losses needed", nameof(losses));
        using var scope = NewDisposeScope();
        var x = torch.tensor(inputs.ToArray(), [length, 1, Shape.InputSize]);
        var y = torch.tensor(targets.ToArray(), [length, 1, 1]);
        var (prediction, h, c) = _model.Sequence(x, _trainH, _trainC);
        // nn.MSELoss's mean over the window's L predictions; backward runs through all L steps (truncated BPTT).
        var loss = nn.functional.mse_loss(prediction, y);
        loss.backward();
        using (no_grad())
        {
            // Each row's own (ŷ − y)² in float32, as the L = 1 loop reports it.
            var error = (prediction.detach() - y).reshape(length);
            var squared = (error * error).data<float>();
            for (int r = 0; r < length; r++) losses[r] = squared[r];
        }
        Replace(ref _trainH, h.detach());
        Replace(ref _trainC, c.detach());
    }

    public float OptimizerStep(float learningRate, float maxGradNorm)
    {
        ThrowIfDisposed();
        using var scope = NewDisposeScope();
        // PyTorch's clip_grad_norm_ (libtorch's C++ one): coef = max/(norm + 1e-6), clamped to 1; +∞ never clips.
        double norm = nn.utils.clip_grad_norm_(_parameters, maxGradNorm);
        _optimizer.Step(learningRate);
        _optimizer.ZeroGrad();
        return (float)norm;
    }

    public void ResetTrainState()
    {
        ThrowIfDisposed();
        _trainH.zero_(); _trainC.zero_();
    }

    public void ResetEvalState()
    {
        ThrowIfDisposed();
        _evalH.zero_(); _evalC.zero_();
    }

    public void ResetOptimizerState()
    {
        ThrowIfDisposed();
        _optimizer.Reset();
    }

    public float Predict(ReadOnlySpan<float> input)
    {
        ThrowIfDisposed();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (y, h, c) = EvaluationForward(InputTensor(input), _evalH, _evalC);
        Replace(ref _evalH, h);
        Replace(ref _evalC, c);
        return y.item<float>();
    }

    public void GetParameters(Span<float> destination)
    {
        ThrowIfDisposed();
        if (destination.Length != _layout.Total) throw new ArgumentException($"expected {_layout.Total} floats, got {destination.Length}", nameof(destination));
        for (int i = 0; i < _parameters.Length; i++) Copy(_parameters[i], ParameterLayout.View(destination, _layout.Tensors[i]));
    }

    /// <summary>The accumulated gradients in <see cref="ParameterLayout"/> order (zeros where none exist yet).</summary>
    public void GetGradients(Span<float> destination)
    {
        ThrowIfDisposed();
        if (destination.Length != _layout.Total) throw new ArgumentException($"expected {_layout.Total} floats, got {destination.Length}", nameof(destination));
        using var scope = NewDisposeScope();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var view = ParameterLayout.View(destination, _layout.Tensors[i]);
            if (_parameters[i].grad is { } g) Copy(g, view); else view.Clear();
        }
    }

    public EngineSnapshot Snapshot()
    {
        ThrowIfDisposed();
        int p = _layout.Total, h = Shape.HiddenSize;
        var parameters = new float[p];
        var first = new float[p];
        var second = new float[p];
        GetParameters(parameters);
        for (int i = 0; i < _parameters.Length; i++)
        {
            var tensor = _layout.Tensors[i];
            if (_optimizer.FirstMoment(i) is { } m) Copy(m, ParameterLayout.View(first, tensor));
            if (_optimizer.SecondMoment(i) is { } v) Copy(v, ParameterLayout.View(second, tensor));
        }
        var trainH = new float[h];
        var trainC = new float[h];
        Copy(_trainH, trainH);
        Copy(_trainC, trainC);
        return new EngineSnapshot(Shape, Optimizer, parameters, _optimizer.Steps, first, second, trainH, trainC);
    }

    public void Restore(EngineSnapshot snapshot)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Shape != Shape) throw new InvalidSpecException($"snapshot model {snapshot.Shape} does not match engine model {Shape}");
        if (snapshot.Optimizer != Optimizer) throw new InvalidSpecException($"snapshot optimizer {snapshot.Optimizer} does not match engine optimizer {Optimizer}");
        int p = _layout.Total, h = Shape.HiddenSize;
        if (snapshot.Parameters.Length != p || snapshot.FirstMoment.Length != p || snapshot.SecondMoment.Length != p
            || snapshot.TrainHidden.Length != h || snapshot.TrainCell.Length != h || snapshot.OptimizerSteps < 0)
            throw new InvalidSpecException("snapshot arrays do not match its model shape");

        SetParameters(snapshot.Parameters);
        using (no_grad())
        {
            using var scope = NewDisposeScope();
            Tensor Moment(float[] flat, int i) => torch.tensor(ParameterLayout.View(flat.AsSpan(), _layout.Tensors[i]).ToArray(), _parameters[i].shape);
            _optimizer.Load(snapshot.OptimizerSteps, i => Moment(snapshot.FirstMoment, i), i => Moment(snapshot.SecondMoment, i));
            Fill(_trainH, snapshot.TrainHidden);
            Fill(_trainC, snapshot.TrainCell);
        }
        _optimizer.ZeroGrad();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _optimizer.Dispose();
        _model.Dispose();
        _trainH.Dispose(); _trainC.Dispose(); _evalH.Dispose(); _evalC.Dispose();
    }

    /// <summary>The training path's forward (the module, under autograd when the caller has it on).</summary>
    private (Tensor y, Tensor h, Tensor c) TrainingForward(Tensor x, Tensor h, Tensor c)
    {
        var (y, h1, c1) = _model.Step(x, h, c);
        return (_fault is { Training: not 0f } f ? y + f.Training : y, h1, c1);
    }

    /// <summary>The evaluation path's forward (<see cref="FrozenLstmStep"/>; call under no_grad).</summary>
    private (Tensor y, Tensor h, Tensor c) EvaluationForward(Tensor x, Tensor h, Tensor c)
    {
        var (y, h1, c1) = FrozenLstmStep.Forward(x, h, c, _parameters);
        return (_fault is { Evaluation: not 0f } f ? y + f.Evaluation : y, h1, c1);
    }

    /// <summary>The training forward on a probe, with autograd on as in <see cref="ForwardBackward"/> (so libtorch picks the
    /// same kernel), without touching the carried states or the gradients.</summary>
    internal StepOutputs ProbeTraining(ForwardProbe probe)
    {
        ThrowIfDisposed();
        using var grad = enable_grad();
        using var scope = NewDisposeScope();
        var (y, h, c) = TrainingForward(ProbeTensor(probe.Input), ProbeTensor(probe.Hidden), ProbeTensor(probe.Cell));
        return Outputs(y, h, c);
    }

    /// <summary>The evaluation forward on a probe, as <see cref="Predict"/> runs it, without touching the evaluation state.</summary>
    internal StepOutputs ProbeEvaluation(ForwardProbe probe)
    {
        ThrowIfDisposed();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (y, h, c) = EvaluationForward(ProbeTensor(probe.Input), ProbeTensor(probe.Hidden), ProbeTensor(probe.Cell));
        return Outputs(y, h, c);
    }

    private static Tensor ProbeTensor(float[] values) => torch.tensor(values, [1, 1, values.Length]);

    private StepOutputs Outputs(Tensor y, Tensor h, Tensor c)
    {
        var hidden = new float[Shape.HiddenSize];
        var cell = new float[Shape.HiddenSize];
        Copy(h, hidden);
        Copy(c, cell);
        return new StepOutputs(y.detach().item<float>(), hidden, cell);
    }

    private void SetParameters(ReadOnlySpan<float> flat)
    {
        using var noGrad = no_grad();
        for (int i = 0; i < _parameters.Length; i++) Fill(_parameters[i], flat.Slice(_layout.Tensors[i].Offset, _layout.Tensors[i].Length));
    }

    private Tensor ZeroState() => zeros([1, 1, Shape.HiddenSize], ScalarType.Float32).DetachFromDisposeScope();

    private Tensor InputTensor(ReadOnlySpan<float> input)
    {
        if (input.Length != Shape.InputSize) throw new ArgumentException($"expected {Shape.InputSize} inputs, got {input.Length}", nameof(input));
        return torch.tensor(input.ToArray(), [1, 1, Shape.InputSize]);
    }

    /// <summary>Swaps a carried state for a tensor made inside the current dispose scope, keeping it alive past the scope.</summary>
    private static void Replace(ref Tensor state, Tensor next)
    {
        var old = state;
        state = next.DetachFromDisposeScope();
        old.Dispose();
    }

    private static void Copy(Tensor source, Span<float> destination)
    {
        using var flat = source.detach().contiguous().reshape(-1);
        flat.data<float>().CopyTo(destination);
    }

    private static void Fill(Tensor target, ReadOnlySpan<float> values)
    {
        using var source = NewTensor(values, target.shape);
        target.copy_(source);
    }

    private static Tensor NewTensor(ReadOnlySpan<float> values, long[] shape) => torch.tensor(values.ToArray(), shape).DetachFromDisposeScope();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
