namespace FrequencyLab.Model;

/// <summary>How the LSTM's forget-gate (and, for chrono, input-gate) biases start.</summary>
public enum ForgetGateInitKind
{
    /// <summary>PyTorch's default: every bias ~ U(−1/√H, 1/√H) like the other parameters (the report's run).</summary>
    PyTorchDefault,
    /// <summary>The forget bias set to one constant (Gers et al. 2000, Jozefowicz et al. 2015 recommend 1): the cell starts
    /// by keeping most of its memory.</summary>
    Constant,
    /// <summary>Chrono initialisation (Tallec &amp; Ollivier 2018): b_f ~ log U(1, T_max − 1) and b_i = −b_f, so the units start
    /// with memory time scales spread up to T_max steps.</summary>
    Chrono,
}

/// <summary>
/// The forget-gate bias initialisation. PyTorch's LSTM has two bias vectors whose sum acts (b_ih + b_hh): the chosen value is
/// written into b_ih and the same gate's b_hh is zeroed, so the sum is the value. Other parameters keep PyTorch's default.
/// </summary>
public sealed record ForgetGateInit
{
    public ForgetGateInitKind Kind { get; init; } = ForgetGateInitKind.PyTorchDefault;

    /// <summary>Constant: the forget bias (1, the usual recommendation).</summary>
    public double Value { get; init; } = 1.0;

    /// <summary>Chrono: T_max, the longest memory time scale in steps (rows); at least 3 so that U(1, T_max − 1) is not empty.
    /// 1000 = one period of the report's slowest frequency (1 Hz at 1 kHz).</summary>
    public double MaxTimescale { get; init; } = 1000;

    public static ForgetGateInit PyTorchDefault { get; } = new();

    /// <summary>Throws <see cref="InvalidSpecException"/> (one line) for a value no initialisation can use.</summary>
    public ForgetGateInit Validate()
    {
        static void Fail(string m) => throw new InvalidSpecException($"invalid training config: {m}");
        if (!Enum.IsDefined(Kind)) Fail($"unknown forget-gate initialisation {Kind}");
        if (!double.IsFinite(Value)) Fail($"forget-gate bias {Value} must be a finite number");
        if (!(MaxTimescale > 2) || !double.IsFinite(MaxTimescale)) Fail($"chrono max time scale {MaxTimescale} must be a number above 2 (b_f ~ log U(1, T_max − 1))");
        return this;
    }

    /// <summary>The name on the command line and in tables: default, constant, chrono.</summary>
    public static string Name(ForgetGateInitKind kind) => kind == ForgetGateInitKind.PyTorchDefault ? "default" : kind.ToString().ToLowerInvariant();
}
