using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace FrequencyLab.Engines.Torch;

/// <summary>
/// PyTorch 1.13's single-tensor Adam and SGD (torch/optim/adam.py, sgd.py) as libtorch tensor operations, op for op the
/// same sequence as TorchSharp's <c>optim.Adam</c>/<c>optim.SGD</c>, but with every <see cref="Scalar"/> created explicitly
/// and disposed after the native calls that use it.
/// </summary>
/// <remarks>
/// Why not TorchSharp's own optimizers: their step passes temporary implicit Scalars (<c>mul_(beta1)</c>,
/// <c>add_(grad, alpha: 1 - beta1)</c>) to native calls; nothing keeps the managed wrapper alive during the call, so a garbage
/// collection on another thread can finalize it mid-call and libtorch reads freed memory ("Unknown scalar type", seen in
/// the test suite; TorchSharp issues #1434, #1496). A <c>using</c> Scalar lives until the end of its scope. Overloads that
/// fill in a default Scalar themselves (<c>add_(Scalar)</c> = <c>add_(scalar, 1)</c>) have the same flaw and are not used.
/// Not thread-safe: one optimizer per engine, driven by one thread.
/// </remarks>
internal sealed class TorchOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly OptimizerSettings _settings;
    // Adam: exp_avg and exp_avg_sq per parameter. SGD: momentum_buffer per parameter (null until the first step, as in PyTorch).
    private readonly Tensor?[] _first;
    private readonly Tensor?[] _second;

    /// <summary>Optimizer steps since creation or the last reset (Adam's t).</summary>
    public long Steps { get; private set; }

    public TorchOptimizer(Parameter[] parameters, OptimizerSettings settings)
    {
        _parameters = parameters;
        _settings = settings;
        _first = new Tensor?[parameters.Length];
        _second = new Tensor?[parameters.Length];
        Reset();
    }

    /// <summary>One update at <paramref name="learningRate"/> from the parameters' current gradients.</summary>
    public void Step(double learningRate)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Steps++;
        if (_settings.Kind == OptimizerKind.Adam) AdamStep(learningRate);
        else SgdStep(learningRate);
    }

    /// <summary>Zero every existing gradient (PyTorch 1.13's <c>zero_grad(set_to_none=False)</c>).</summary>
    public void ZeroGrad()
    {
        foreach (var p in _parameters)
            if (p.grad is { } g) g.zero_();
    }

    /// <summary>Forget the moments and the step count.</summary>
    public void Reset()
    {
        Steps = 0;
        for (int i = 0; i < _parameters.Length; i++)
        {
            _first[i]?.Dispose();
            _second[i]?.Dispose();
            bool adam = _settings.Kind == OptimizerKind.Adam;
            _first[i] = adam ? zeros_like(_parameters[i]).DetachFromDisposeScope() : null;
            _second[i] = adam ? zeros_like(_parameters[i]).DetachFromDisposeScope() : null;
        }
    }

    /// <summary>Adam's exp_avg, or SGD's momentum buffer (null before SGD's first step).</summary>
    public Tensor? FirstMoment(int parameter) => _first[parameter];

    /// <summary>Adam's exp_avg_sq (null for SGD).</summary>
    public Tensor? SecondMoment(int parameter) => _second[parameter];

    /// <summary>Sets the state from a snapshot: <paramref name="first"/>/<paramref name="second"/> give each parameter's moments
    /// (second ignored for SGD); SGD's buffer exists only once a step was taken and momentum is non-zero.</summary>
    public void Load(long steps, Func<int, Tensor> first, Func<int, Tensor> second)
    {
        Reset();
        Steps = steps;
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_settings.Kind == OptimizerKind.Adam)
            {
                _first[i]!.copy_(first(i));
                _second[i]!.copy_(second(i));
            }
            else if (steps > 0 && _settings.Momentum != 0)
            {
                _first[i] = first(i).clone().DetachFromDisposeScope();
            }
        }
    }

    private void AdamStep(double lr)
    {
        double beta1 = _settings.Beta1, beta2 = _settings.Beta2;
        double biasCorrection1 = 1 - Math.Pow(beta1, Steps);
        double biasCorrection2 = 1 - Math.Pow(beta2, Steps);
        using var b1 = beta1.ToScalar();
        using var oneMinusB1 = (1 - beta1).ToScalar();
        using var b2 = beta2.ToScalar();
        using var oneMinusB2 = (1 - beta2).ToScalar();
        using var eps = _settings.Epsilon.ToScalar();
        // add_(Scalar) is add_(scalar, 1) in TorchSharp: its alpha would be an implicit, unowned Scalar again.
        using var one = 1.0.ToScalar();
        using var sqrtBc2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var negStepSize = (-(lr / biasCorrection1)).ToScalar();
        using var decay = _settings.WeightDecay.ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var param = _parameters[i];
            if (param.grad is not { } grad) continue;
            if (_settings.WeightDecay != 0) grad = grad.add(param, decay);
            var expAvg = _first[i]!;
            var expAvgSq = _second[i]!;
            expAvg.mul_(b1).add_(grad, oneMinusB1);
            expAvgSq.mul_(b2).addcmul_(grad, grad, oneMinusB2);
            var denom = expAvgSq.sqrt().div_(sqrtBc2).add_(eps, one);
            param.addcdiv_(expAvg, denom, negStepSize);
        }
    }

    private void SgdStep(double lr)
    {
        using var momentum = _settings.Momentum.ToScalar();
        using var one = 1.0.ToScalar(); // 1 − dampening, dampening 0 (PyTorch's default)
        using var negLr = (-lr).ToScalar();
        using var decay = _settings.WeightDecay.ToScalar();
        for (int i = 0; i < _parameters.Length; i++)
        {
            var param = _parameters[i];
            if (param.grad is not { } grad) continue;
            var step = _settings.WeightDecay != 0 ? grad.add(param, decay) : grad;
            if (_settings.Momentum != 0)
            {
                if (_first[i] is not { } buffer) _first[i] = buffer = step.clone().detach().DetachFromDisposeScope();
                else buffer.mul_(momentum).add_(step, one);
                step = _settings.Nesterov ? step.add(buffer, momentum) : buffer;
            }
            param.add_(step, negLr);
        }
    }

    public void Dispose()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            _first[i]?.Dispose();
            _second[i]?.Dispose();
        }
    }
}
