namespace FrequencyLab.Engines;

public enum OptimizerKind
{
    /// <summary>torch.optim.Adam (the report's).</summary>
    Adam,
    /// <summary>torch.optim.SGD with momentum (the report's alternative).</summary>
    Sgd,
}

/// <summary>
/// The optimizer's fixed hyper-parameters, with PyTorch's semantics and defaults. The learning rate is not here:
/// schedules change it every step, so it is passed to <see cref="ITrainingEngine.OptimizerStep"/>.
/// </summary>
/// <param name="Kind">Adam or SGD.</param>
/// <param name="Beta1">Adam's first-moment decay (PyTorch default 0.9).</param>
/// <param name="Beta2">Adam's second-moment decay (PyTorch default 0.999).</param>
/// <param name="Epsilon">Adam's ε, added to √v̂ (PyTorch default 1e-8).</param>
/// <param name="Momentum">SGD momentum μ; the buffer starts as the first gradient, as in PyTorch.</param>
/// <param name="WeightDecay">L2 penalty added to the gradient before the update (PyTorch's weight_decay, not AdamW's).</param>
/// <param name="Nesterov">SGD Nesterov momentum.</param>
public sealed record OptimizerSettings(
    OptimizerKind Kind = OptimizerKind.Adam,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    double Momentum = 0.9,
    double WeightDecay = 0.0,
    bool Nesterov = false)
{
    public static OptimizerSettings Report { get; } = new();

    public OptimizerSettings Validate()
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid optimizer: {m}");
        if (!Enum.IsDefined(Kind)) Fail($"unknown kind {Kind}");
        if (!(Beta1 >= 0 && Beta1 < 1)) Fail($"beta1 {Beta1} must be in [0, 1)");
        if (!(Beta2 >= 0 && Beta2 < 1)) Fail($"beta2 {Beta2} must be in [0, 1)");
        if (!(Epsilon > 0) || !double.IsFinite(Epsilon)) Fail($"epsilon {Epsilon} must be positive");
        if (!(Momentum >= 0) || !double.IsFinite(Momentum)) Fail($"momentum {Momentum} must be non-negative");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay)) Fail($"weight decay {WeightDecay} must be non-negative");
        if (Nesterov && (Kind != OptimizerKind.Sgd || Momentum <= 0)) Fail("Nesterov needs SGD with momentum > 0");
        return this;
    }
}
